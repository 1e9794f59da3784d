/**
 * Audio levels through Web Audio: one AnalyserNode per participant's audio track, sampled
 * ~10×/s. (The `inbound-rtp` audioLevel stat stays 0 unless an element plays the track; an
 * analyser sees the audio without one.) Created lazily; `close()` closes the AudioContext.
 */
export class LevelMeter {
  private ctx?: AudioContext;
  private readonly nodes = new Map<
    string,
    { track: MediaStreamTrack; source: MediaStreamAudioSourceNode; analyser: AnalyserNode }
  >();
  private timer?: ReturnType<typeof setInterval>;
  private buffer = new Float32Array(512);

  constructor(
    private readonly report: (levels: Map<string, number>) => void,
    private readonly onSuspended: (suspended: boolean) => void,
    private readonly intervalMs = 100,
  ) {}

  /** Whether this browser has Web Audio (jsdom and some embedded browsers do not). */
  static get supported(): boolean {
    return typeof AudioContext !== 'undefined';
  }

  set(id: string, track: MediaStreamTrack | undefined): void {
    const existing = this.nodes.get(id);
    if (existing?.track === track) return;
    if (existing) {
      existing.source.disconnect();
      this.nodes.delete(id);
    }
    if (!track || !LevelMeter.supported) return;
    const ctx = this.context();
    const source = ctx.createMediaStreamSource(new MediaStream([track]));
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 512;
    source.connect(analyser);
    this.nodes.set(id, { track, source, analyser });
    this.timer ??= setInterval(() => this.sample(), this.intervalMs);
  }

  private context(): AudioContext {
    if (!this.ctx) {
      this.ctx = new AudioContext();
      this.onSuspended(this.ctx.state === 'suspended');
      this.ctx.onstatechange = () => this.onSuspended(this.ctx?.state === 'suspended');
    }
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
      let sum = 0;
      for (const x of this.buffer) sum += x * x;
      // RMS of a full-scale sine is ~0.7: scale so normal speech lands around 0.1…0.6.
      levels.set(id, Math.min(1, Math.sqrt(sum / this.buffer.length) * 2));
    }
    this.report(levels);
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    for (const { source } of this.nodes.values()) source.disconnect();
    this.nodes.clear();
    if (this.ctx) {
      this.ctx.onstatechange = null;
      void this.ctx.close().catch(() => {});
      this.ctx = undefined;
    }
  }
}
