/**
 * What one signaling socket and one process may cost: frame rates, unsent bytes, sockets.
 * A signaling client sends a handful of frames per second (an offer, an answer and a few dozen
 * ICE candidates per peer when a call starts, a state change when a camera toggles); these
 * bounds are far above that and far below what would hurt the process.
 */
export interface SignalingLimits {
  /**
   * A socket whose unsent frames pass this many bytes has stopped reading: it is dropped
   * (terminated; its client sees 1006 and reconnects) and its room told `peer-left`.
   * Default 1 MiB (about 17 of the largest offers).
   */
  maxBufferedBytes?: number;
  /**
   * All sockets' unsent bytes together (default 64 MiB). Beyond it frames are not sent (the
   * sender gets an `overloaded` error) until the slow readers are dropped or catch up.
   */
  maxTotalBufferedBytes?: number;
  /** Frames a socket may send per second, sustained (default 50). */
  framesPerSecond?: number;
  /** Frames a socket may send at once before the rate applies (default 200). */
  frameBurst?: number;
  /**
   * Bytes a socket may send per second, sustained (default 256 KiB), with bursts of
   * `byteBurst` (default 1 MiB: some 17 of the largest offers). Frames over it are dropped
   * like frames over the frame rate.
   */
  bytesPerSecond?: number;
  /** Bytes a socket may send at once before `bytesPerSecond` applies (default 1 MiB). */
  byteBurst?: number;
  /**
   * Frames over the rates a socket may have dropped (default 200), and their bytes
   * (`maxDroppedBytes`, default 1 MiB), as budgets that refill at `framesPerSecond` and
   * `bytesPerSecond`: a socket that empties either keeps sending far over its rate and is
   * closed with 4029. Dropped frames are answered with a few `too-many-frames` errors
   * (themselves rate-limited).
   */
  maxDroppedFrames?: number;
  /** The dropped-bytes budget (default 1 MiB; see `maxDroppedFrames`). */
  maxDroppedBytes?: number;
  /** Sockets open at once in this process (default 2000); more are refused with HTTP 503. */
  maxConnections?: number;
}

/** The limits `SignalingLimits` leaves unset take. */
export const DEFAULT_SIGNALING_LIMITS: Required<SignalingLimits> = {
  maxBufferedBytes: 1024 * 1024,
  maxTotalBufferedBytes: 64 * 1024 * 1024,
  framesPerSecond: 50,
  frameBurst: 200,
  bytesPerSecond: 256 * 1024,
  byteBurst: 1024 * 1024,
  maxDroppedFrames: 200,
  maxDroppedBytes: 1024 * 1024,
  maxConnections: 2000,
};

/** Error replies a socket may get: a burst of 10, then one a second. */
export const ERROR_REPLY_BURST = 10;
export const ERROR_REPLIES_PER_SECOND = 1;

/** A token bucket: `take()` is true while tokens last; they refill at `rate` per second. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    now = performance.now(),
  ) {
    this.tokens = burst;
    this.last = now;
  }

  /** Takes `n` tokens if there are that many. */
  take(n = 1, now = performance.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }
}
