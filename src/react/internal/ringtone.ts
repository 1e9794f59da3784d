/**
 * A ring tone synthesised with Web Audio: two tones (440 + 480 Hz, the North American ring) for
 * 1.2 s every 3 s. Call only in an effect or event handler; returns its own stop, which closes the
 * AudioContext. Never throws: no Web Audio, or an autoplay refusal, just means silence.
 */
export function startRingtone({ volume = 0.12, periodMs = 3000 } = {}): () => void {
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
  const burst = () => {
    if (ctx.state === 'closed') return;
    try {
      const t = ctx.currentTime;
      const gain = ctx.createGain();
      gain.gain.setValueAtTime(0, t);
      gain.gain.linearRampToValueAtTime(volume, t + 0.05);
      gain.gain.setValueAtTime(volume, t + 1.15);
      gain.gain.linearRampToValueAtTime(0, t + 1.2);
      gain.connect(ctx.destination);
      for (const frequency of [440, 480]) {
        const osc = ctx.createOscillator();
        osc.frequency.value = frequency;
        osc.connect(gain);
        osc.start(t);
        osc.stop(t + 1.2);
        osc.onended = () => osc.disconnect();
      }
    } catch {
      // A context the browser suspended or closed under us: stay silent.
    }
  };
  // Autoplay policy: resume() may reject (no user gesture yet). The ring is a courtesy, not a must.
  ctx.resume?.().catch(() => {});
  burst();
  const timer = setInterval(burst, periodMs);
  return () => {
    clearInterval(timer);
    if (ctx.state !== 'closed') ctx.close().catch(() => {});
  };
}
