import { vi } from 'vitest';

/** A Web Audio double: records contexts, oscillators and closes. */
export function installAudio({ refuseAutoplay = false } = {}) {
  const contexts: FakeAudioContext[] = [];
  class FakeAudioContext {
    state: AudioContextState = 'suspended';
    currentTime = 0;
    destination = {};
    oscillators = 0;
    /** The frequencies of the first burst's oscillators. */
    frequencies: number[] = [];
    closed = false;
    constructor() {
      contexts.push(this);
    }
    resume() {
      if (refuseAutoplay) return Promise.reject(new DOMException('no gesture', 'NotAllowedError'));
      this.state = 'running';
      return Promise.resolve();
    }
    close() {
      this.closed = true;
      this.state = 'closed';
      return Promise.resolve();
    }
    /** The loudest gain a burst ramps to. */
    peak = 0;
    createGain() {
      const param = {
        setValueAtTime() {},
        linearRampToValueAtTime: (value: number) => {
          this.peak = Math.max(this.peak, value);
        },
      };
      return { gain: param, connect() {} };
    }
    createOscillator() {
      this.oscillators += 1;
      const frequencies = this.frequencies;
      const seen = this.oscillators;
      return {
        frequency: {
          set value(hz: number) {
            if (seen <= 2 && !frequencies.includes(hz)) frequencies.push(hz);
          },
          get value() {
            return 0;
          },
        },
        connect() {},
        disconnect() {},
        start() {},
        stop() {},
        onended: null,
      };
    }
  }
  vi.stubGlobal('AudioContext', FakeAudioContext);
  return contexts;
}
