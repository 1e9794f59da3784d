import type { Channel, StreamChat, Event as StreamEvent } from 'stream-chat';
import { readCallLiveState } from '../../core/api';
import { parseCall } from '../../core/attachment';
import type { CallController } from '../../core/controller';
import { createStore, type ReadableStore } from '../../core/store';
import type { Call } from '../../core/types';
import { sendCallEvent } from './events';

export interface IncomingCaller {
  id: string;
  name?: string;
  image?: string;
}

export interface IncomingRing {
  call: Call;
  caller: IncomingCaller;
  channel: Channel;
  /** The channel's display name, when it has one. */
  channelName?: string;
  receivedAt: number;
}

export interface MissedCall extends IncomingRing {
  missedAt: number;
}

export interface IncomingCallState {
  ringing?: IncomingRing;
  missed: readonly MissedCall[];
}

export interface IncomingCallStoreOptions {
  client: StreamChat;
  controller: CallController;
  ringTimeoutMs: number;
}

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
 * Incoming rings for the connected user: `call.ring` custom events from channels they belong to,
 * never their own, never for a call they are in, once per call id. A ring that is not answered in
 * `ringTimeoutMs` becomes a missed call. State lives here; React only subscribes.
 */
export class IncomingCallStore implements ReadableStore<IncomingCallState> {
  private readonly store = createStore<IncomingCallState>({ missed: [] });
  private readonly seen = new Set<string>();
  private timer?: ReturnType<typeof setTimeout>;
  private offs: (() => void)[] = [];

  constructor(private readonly options: IncomingCallStoreOptions) {}

  getSnapshot = (): IncomingCallState => this.store.getSnapshot();
  subscribe = (listener: () => void): (() => void) => this.store.subscribe(listener);

  /** Starts listening (in an effect); returns stop. */
  start(): () => void {
    const { client, controller } = this.options;
    const ring = client.on('call.ring', (e) => this.onRing(e));
    const ended = client.on('call.ended', (e) => this.onEnded(e));
    const offController = controller.subscribe(() => this.onControllerChange());
    this.offs = [() => ring.unsubscribe(), () => ended.unsubscribe(), offController];
    return () => this.stop();
  }

  stop(): void {
    for (const off of this.offs) off();
    this.offs = [];
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

  dismissMissed(callId: string): void {
    this.store.setState((s) => ({ ...s, missed: s.missed.filter((m) => m.call.id !== callId) }));
  }
}
