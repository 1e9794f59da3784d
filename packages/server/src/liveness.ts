/**
 * When each participant of each ongoing call was last heard from (its join reports), and who has
 * gone silent for longer than the time-to-live: a closed tab reports its leave, but a crashed
 * browser, a laptop put to sleep or a lost network report nothing.
 */
export class Liveness {
  /** ms of the last report, by call id and user id. */
  private readonly seen = new Map<string, Map<string, number>>();
  private readonly timer?: NodeJS.Timeout;
  private sweeping = false;

  constructor(
    private readonly ttlMs: number,
    /** Called for each participant gone silent; it is forgotten first. */
    private readonly onSilent: (callId: string, userId: string) => Promise<void>,
  ) {
    if (ttlMs > 0) {
      this.timer = setInterval(() => void this.sweep(), ttlMs / 3);
      this.timer.unref();
    }
  }

  heardFrom(callId: string, userId: string): void {
    if (this.ttlMs <= 0) return;
    let users = this.seen.get(callId);
    if (!users) {
      users = new Map();
      this.seen.set(callId, users);
    }
    users.set(userId, Date.now());
  }

  /**
   * Participants of an ongoing call that this process has not heard from (it started after they
   * joined) get a full time-to-live from now to report again.
   */
  adopt(callId: string, userIds: Iterable<string>): void {
    const users = this.seen.get(callId);
    for (const userId of userIds) if (!users?.has(userId)) this.heardFrom(callId, userId);
  }

  /** Forgets one participant (it left), or a whole call (it ended). */
  forget(callId: string, userId?: string): void {
    if (userId === undefined) this.seen.delete(callId);
    else this.seen.get(callId)?.delete(userId);
  }

  close(): void {
    clearInterval(this.timer);
    this.seen.clear();
  }

  private async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      const cutoff = Date.now() - this.ttlMs;
      for (const [callId, users] of [...this.seen]) {
        for (const [userId, at] of [...users]) {
          if (at > cutoff) continue;
          users.delete(userId);
          await this.onSilent(callId, userId);
        }
        if (users.size === 0) this.seen.delete(callId);
      }
    } finally {
      this.sweeping = false;
    }
  }
}
