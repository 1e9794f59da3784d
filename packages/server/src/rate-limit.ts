/** A fixed-window counter per key (user id): `limit` requests per minute. */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private lastSweep = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
  ) {}

  /** Counts one request; false when the key is over its limit for the current window. */
  take(key: string, now = Date.now()): boolean {
    if (now - this.lastSweep > this.windowMs) this.sweep(now);
    const w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      this.windows.set(key, { start: now, count: 1 });
      return this.limit >= 1;
    }
    w.count += 1;
    return w.count <= this.limit;
  }

  /** Whole seconds until the key's window resets (for `Retry-After`). */
  retryAfterSeconds(key: string, now = Date.now()): number {
    const w = this.windows.get(key);
    return w ? Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000)) : 1;
  }

  private sweep(now: number) {
    this.lastSweep = now;
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
  }
}
