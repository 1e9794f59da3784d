/**
 * Audio levels through Web Audio: one AnalyserNode per participant's audio track, sampled
 * ~10×/s. (The `inbound-rtp` audioLevel stat stays 0 unless an element plays the track; an
 * analyser sees the audio without one.) Created lazily; `close()` closes the AudioContext.
 */
export class LevelMeter {
  private ctx?: AudioContext;
  private readonly nodes = new Map<
    string,
    {
      track: MediaStreamTrack;
      source: MediaStreamAudioSourceNode;
      analyser: AnalyserNode;
      sink?: HTMLAudioElement;
    }
  >();
  private timer?: ReturnType<typeof setInterval>;
  private buffer = new Float32Array(2048);
  private readonly last = new Map<string, number>();

  constructor(
    /** Levels by id, and whether the autoplay policy keeps audio suspended. */
    private readonly report: (levels: Map<string, number>, suspended: boolean) => void,
  ) {}

  /**
   * Measures `track` for participant `id` (undefined stops measuring). A remote track feeds Web
   * Audio only while a media element plays it (measured in Chromium 14x: silence otherwise), so a
   * muted, detached <audio> plays it here; what the user hears is the UI's own element.
   */
  set(id: string, track: MediaStreamTrack | undefined, remote = false): void {
    const existing = this.nodes.get(id);
    if (existing?.track === track) return;
    if (existing) this.disconnect(existing);
    this.nodes.delete(id);
    this.last.delete(id);
    // No Web Audio (jsdom, some embedded browsers): no levels.
    if (!track || typeof AudioContext === 'undefined') return;
    const ctx = this.context();
    const stream = new MediaStream([track]);
    const source = ctx.createMediaStreamSource(stream);
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 2048;
    source.connect(analyser);
    let sink: HTMLAudioElement | undefined;
    if (remote && typeof Audio !== 'undefined') {
      sink = new Audio();
      sink.muted = true;
      sink.srcObject = stream;
      void sink.play().catch(() => {});
    }
    this.nodes.set(id, { track, source, analyser, sink });
    this.timer ??= setInterval(() => this.sample(), 100);
  }

  private disconnect(node: { source: MediaStreamAudioSourceNode; sink?: HTMLAudioElement }): void {
    node.source.disconnect();
    if (node.sink) {
      node.sink.pause();
      node.sink.srcObject = null;
    }
  }

  private context(): AudioContext {
    this.ctx ??= new AudioContext();
    return this.ctx;
  }

  /** After a user gesture: resume the context the autoplay policy suspended. */
  async resume(): Promise<void> {
    await this.ctx?.resume();
  }

  private sample(): void {
    const levels = new Map<string, number>();
    for (const [id, { track, analyser }] of this.nodes) {
      if (track.readyState === 'ended' || !track.enabled) {
        levels.set(id, 0);
        continue;
      }
      analyser.getFloatTimeDomainData(this.buffer);
      let peak = 0;
      for (const x of this.buffer) peak = Math.max(peak, Math.abs(x));
      // Peak over ~43 ms with a decay, so short syllables (and the fake device's beep) register
      // and the indicator does not flicker between samples.
      const level = Math.max(Math.min(1, peak * 1.5), (this.last.get(id) ?? 0) * 0.6);
      this.last.set(id, level);
      levels.set(id, level);
    }
    this.report(levels, this.ctx?.state === 'suspended');
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    for (const node of this.nodes.values()) this.disconnect(node);
    this.nodes.clear();
    this.last.clear();
    void this.ctx?.close().catch(() => {});
    this.ctx = undefined;
  }
}
