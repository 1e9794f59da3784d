import type { CallChatEvent } from '../channel';
import { readLiveEvent, readRing } from './events';
import type { IncomingRing, LifecycleHost, MissedCall } from './types';

/** Rings remembered (call and session) so that one ring is never shown twice. */
const MAX_SEEN = 500;
/** Missed calls kept, newest last. */
const MAX_MISSED = 20;
const DEFAULT_RING_TIMEOUT_MS = 30_000;

export interface IncomingContext {
  /** Whether the user is in (or joining) this call. */
  inCall(callId: string): boolean;
  /** Whether the user is in (or joining) any call. */
  busy(): boolean;
  /** Tells the caller's channel: `call.declined`. */
  sendDecline(ring: IncomingRing, reason: 'declined' | 'busy'): void;
}

/**
 * The callee's side of a ring: `call.ring` events from channels the user is a member of, never
 * their own, never for a call they are in, once per call session. A ring rings for the caller's
 * timeout (the same moment everywhere), stops when the call ends, and then counts as missed.
 * While the user is in a call it is call waiting, or declined at once as busy when the app
 * chose `autoRejectWhenBusy`.
 */
export class IncomingRinger {
  private readonly seen = new Set<string>();
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly host: LifecycleHost,
    private readonly context: IncomingContext,
  ) {}

  get ringing(): IncomingRing | undefined {
    return this.host.getSnapshot().incoming;
  }

  ring(event: CallChatEvent): void {
    const { chat, ringTimeoutMs, autoRejectWhenBusy } = this.host.options;
    const me = chat?.userId;
    const r = readRing(event);
    if (!r || !me || r.caller.id === me) return;
    if (r.members && !r.members.has(me)) return;
    const key = `${r.call.id}#${r.session}`;
    if (this.seen.has(key)) return;
    const channel = chat?.channel(r.cid);
    if (!channel?.isMember(me)) return;
    this.seen.add(key);
    if (this.seen.size > MAX_SEEN) this.seen.delete(this.seen.values().next().value as string);
    if (this.context.inCall(r.call.id)) return;
    const ring: IncomingRing = {
      call: r.call,
      session: r.session,
      caller: r.caller,
      channel,
      channelName: channel.name,
      receivedAt: Date.now(),
      timeoutMs: r.timeoutMs ?? ringTimeoutMs ?? DEFAULT_RING_TIMEOUT_MS,
    };
    if (this.context.busy() && autoRejectWhenBusy) {
      this.context.sendDecline(ring, 'busy');
      this.addMissed(ring);
      return;
    }
    // A ring while another one rings: the newer one wins, the older one is missed.
    if (this.ringing) this.miss();
    this.host.update({ incoming: ring });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.miss(), ring.timeoutMs);
  }

  /** The call ended (its caller cancelled, nobody answered): the ring stops, as missed. */
  ended(event: CallChatEvent): void {
    const ended = readLiveEvent(event);
    const ringing = this.ringing;
    if (!ended || ringing?.call.id !== ended.id) return;
    if (ended.live && ended.live.session !== ringing.session) return;
    this.miss();
  }

  /** The user's call changed: a ring for the call they are now in stops. */
  sessionChanged(): void {
    const ringing = this.ringing;
    if (ringing && this.context.inCall(ringing.call.id)) this.clear();
  }

  /** Takes the ringing call to join it. */
  take(): IncomingRing | undefined {
    const ringing = this.ringing;
    if (ringing) this.clear();
    return ringing;
  }

  /** Stops ringing and tells the caller: declined, or busy while in another call. */
  decline(): void {
    const ringing = this.ringing;
    if (!ringing) return;
    const busy = this.context.busy();
    this.clear();
    this.context.sendDecline(ringing, busy ? 'busy' : 'declined');
  }

  /** Listening stopped: nothing rings any more. */
  stop(): void {
    if (this.ringing) this.clear();
    clearTimeout(this.timer);
  }

  private clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.host.update({ incoming: undefined });
  }

  private miss(): void {
    const ringing = this.ringing;
    if (!ringing) return;
    this.clear();
    this.addMissed(ringing);
  }

  private addMissed(ring: IncomingRing): void {
    const missed: MissedCall = { ...ring, missedAt: Date.now(), dismissed: false };
    const { missed: list } = this.host.getSnapshot();
    this.host.update({
      missed: [...list.filter((m) => m.call.id !== ring.call.id).slice(-(MAX_MISSED - 1)), missed],
    });
  }
}
