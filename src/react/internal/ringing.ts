import type { Channel, Event as StreamEvent } from 'stream-chat';
import { readCallLiveState } from '../../core/api';
import { parseCall } from '../../core/attachment';
import type { Store } from '../../core/store';
import { sendCallEvent } from './events';
import type {
  IncomingCaller,
  IncomingCallState,
  IncomingCallStoreOptions,
  IncomingRing,
  MissedCall,
  RingInput,
} from './IncomingCallStore';

function readCaller(user: unknown): IncomingCaller | undefined {
  if (user === null || typeof user !== 'object') return undefined;
  const u = user as Record<string, unknown>;
  if (typeof u.id !== 'string' || !u.id) return undefined;
  const caller: IncomingCaller = { id: u.id.slice(0, 256) };
  if (typeof u.name === 'string') caller.name = u.name.slice(0, 256);
  if (typeof u.image === 'string') caller.image = u.image.slice(0, 2048);
  return caller;
}

function isMember(channel: Channel, userId: string): boolean {
  if (channel.state.membership?.user?.id === userId) return true;
  return Boolean(channel.state.members?.[userId]);
}

/**
 * The ring logic behind IncomingCallStore (loaded with the first ring, or once the page has
 * settled): which rings count, the ring timeout, missed calls, accept and decline.
 */
export class Ringer {
  private readonly seen = new Set<string>();
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly store: Store<IncomingCallState>,
    private readonly options: IncomingCallStoreOptions,
  ) {}

  handle(input: RingInput): void {
    if (input.kind === 'call.ring') this.onRing(input.event);
    else if (input.kind === 'call.ended') this.onEnded(input.event);
    else this.onControllerChange();
  }

  /** Listening stopped: nothing rings any more. */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.store.getSnapshot().ringing)
      this.store.setState((s) => ({ ...s, ringing: undefined }));
  }

  private inCall(callId: string): boolean {
    const session = this.options.controller.session;
    return Boolean(session?.isActive && session.state.call?.id === callId);
  }

  private onRing(event: StreamEvent): void {
    const { client } = this.options;
    const parsed = parseCall((event as { call?: unknown }).call);
    const caller = readCaller(event.user);
    if (!parsed.ok || !caller || !event.cid || !client.userID) return;
    const call = parsed.call;
    if (caller.id === client.userID) return;
    if (this.seen.has(call.id)) return;
    const channel = client.activeChannels[event.cid];
    if (!channel || !isMember(channel, client.userID)) return;
    this.seen.add(call.id);
    if (this.inCall(call.id)) return;
    // A ring while another one rings: the newer one wins, the older one is missed.
    if (this.store.getSnapshot().ringing) this.miss();
    const name = (channel.data as { name?: unknown } | undefined)?.name;
    const ringing: IncomingRing = {
      call,
      caller,
      channel,
      channelName: typeof name === 'string' ? name : undefined,
      receivedAt: Date.now(),
    };
    this.store.setState((s) => ({ ...s, ringing }));
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.miss(), this.options.ringTimeoutMs);
  }

  private onEnded(event: StreamEvent): void {
    const raw = (event as { call_state?: unknown }).call_state ?? event;
    const id = readCallLiveState(raw)?.call.id ?? (event as { call_id?: unknown }).call_id;
    if (typeof id === 'string' && this.store.getSnapshot().ringing?.call.id === id) this.miss();
  }

  private onControllerChange(): void {
    const ringing = this.store.getSnapshot().ringing;
    if (ringing && this.inCall(ringing.call.id)) this.clear();
  }

  private clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.store.setState((s) => ({ ...s, ringing: undefined }));
  }

  private miss(): void {
    const ringing = this.store.getSnapshot().ringing;
    if (!ringing) return;
    this.clear();
    const missed: MissedCall = { ...ringing, missedAt: Date.now() };
    this.store.setState((s) => ({ ...s, missed: [...s.missed.slice(-9), missed] }));
  }

  /** Joins the ringing call through the controller (one token fetch in the session). */
  async accept(): Promise<void> {
    const ringing = this.store.getSnapshot().ringing;
    if (!ringing) return;
    this.clear();
    await this.options.controller.join(ringing.call);
  }

  /** Stops ringing and tells the channel (`call.declined`). */
  async decline(): Promise<void> {
    const ringing = this.store.getSnapshot().ringing;
    if (!ringing) return;
    this.clear();
    await sendCallEvent(ringing.channel, { type: 'call.declined', call_id: ringing.call.id }).catch(
      () => {
        // The caller's ring times out on its own; a lost decline changes nothing for this user.
      },
    );
  }
}
