/**
 * The call tones, synthesised with Web Audio (no audio files to ship):
 * - `ring`: an incoming call, 440 + 480 Hz (the North American ring) for 1.2 s every 3 s;
 * - `ringback`: what the caller hears while the other side rings, the same pair, softer, 2 s
 *   every 6 s;
 * - `waiting`: a call ringing while the user is in another one, two short, quiet 440 Hz beeps
 *   every 5 s, distinct from the ring and quiet enough to talk over.
 */
export type ToneKind = 'ring' | 'ringback' | 'waiting';

interface Tone {
  /** Each burst: start offset and length in seconds. */
  bursts: readonly (readonly [number, number])[];
  frequencies: readonly number[];
  volume: number;
  periodMs: number;
}

const TONES: Record<ToneKind, Tone> = {
  ring: { bursts: [[0, 1.2]], frequencies: [440, 480], volume: 0.12, periodMs: 3_000 },
  ringback: { bursts: [[0, 2]], frequencies: [440, 480], volume: 0.06, periodMs: 6_000 },
  waiting: {
    bursts: [
      [0, 0.2],
      [0.4, 0.2],
    ],
    frequencies: [440],
    volume: 0.04,
    periodMs: 5_000,
  },
};

/**
 * Starts a tone. Call only in an effect or event handler; returns its own stop, which closes the
 * AudioContext. Never throws: no Web Audio, or an autoplay refusal, just means silence.
 */
export function startTone(kind: ToneKind): () => void {
  const { bursts, frequencies, volume, periodMs } = TONES[kind];
  const Ctor =
    (globalThis as { AudioContext?: typeof AudioContext }).AudioContext ??
    (globalThis as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctor) return () => {};
  let ctx: AudioContext;
  try {
    ctx = new Ctor();
  } catch {
    return () => {};
  }
  const burst = (at: number, length: number) => {
    const gain = ctx.createGain();
    gain.gain.setValueAtTime(0, at);
    gain.gain.linearRampToValueAtTime(volume, at + 0.05);
    gain.gain.setValueAtTime(volume, at + length - 0.05);
    gain.gain.linearRampToValueAtTime(0, at + length);
    gain.connect(ctx.destination);
    for (const frequency of frequencies) {
      const osc = ctx.createOscillator();
      osc.frequency.value = frequency;
      osc.connect(gain);
      osc.start(at);
      osc.stop(at + length);
      osc.onended = () => osc.disconnect();
    }
  };
  const play = () => {
    if (ctx.state === 'closed') return;
    try {
      for (const [offset, length] of bursts) burst(ctx.currentTime + offset, length);
    } catch {
      // A context the browser suspended or closed under us: stay silent.
    }
  };
  // Autoplay policy: resume() may reject (no user gesture yet). A tone is a courtesy, not a must.
  ctx.resume?.().catch(() => {});
  play();
  const timer = setInterval(play, periodMs);
  return () => {
    clearInterval(timer);
    if (ctx.state !== 'closed') ctx.close().catch(() => {});
  };
}
