import type { Channel, StreamChat, Event as StreamEvent } from 'stream-chat';
import type { CallController } from '../../core/controller';
import { createStore, type ReadableStore } from '../../core/store';
import type { Call } from '../../core/types';
import type { Ringer } from './ringing';

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

/** What the ring logic reacts to: a channel event, or a change of the user's active call. */
export type RingInput =
  | { kind: 'call.ring' | 'call.ended'; event: StreamEvent }
  | { kind: 'controller' };

/**
 * Incoming rings for the connected user: `call.ring` custom events from channels they belong to,
 * never their own, never for a call they are in, once per call id. A ring that is not answered in
 * `ringTimeoutMs` becomes a missed call. State lives here; React only subscribes.
 *
 * The ring logic (./ringing) loads with the first ring, or once the page has settled: until a
 * ring arrives nothing rings, so a chat page does not wait for it. Events that arrive while it
 * loads are handled in order once it has.
 */
export class IncomingCallStore implements ReadableStore<IncomingCallState> {
  private readonly store = createStore<IncomingCallState>({ missed: [] });
  private ringer?: Ringer;
  private loading?: Promise<void>;
  private queued: RingInput[] = [];
  private offs: (() => void)[] = [];

  constructor(private readonly options: IncomingCallStoreOptions) {}

  getSnapshot = (): IncomingCallState => this.store.getSnapshot();
  subscribe = (listener: () => void): (() => void) => this.store.subscribe(listener);

  /** Starts listening (in an effect); returns stop. */
  start(): () => void {
    const { client, controller } = this.options;
    const ring = client.on('call.ring', (event) => this.handle({ kind: 'call.ring', event }));
    const ended = client.on('call.ended', (event) => this.handle({ kind: 'call.ended', event }));
    const offController = controller.subscribe(() => this.handle({ kind: 'controller' }));
    const preload = setTimeout(() => this.load(), 1_000);
    this.offs = [
      () => ring.unsubscribe(),
      () => ended.unsubscribe(),
      offController,
      () => clearTimeout(preload),
    ];
    return () => this.stop();
  }

  stop(): void {
    for (const off of this.offs) off();
    this.offs = [];
    this.queued = [];
    this.ringer?.stop();
  }

  private handle(input: RingInput): void {
    if (this.ringer) {
      this.ringer.handle(input);
    } else if (input.kind === 'call.ring' || this.queued.length > 0) {
      // Before the first ring nothing rings: an ended call or a controller change changes nothing.
      this.queued.push(input);
      this.load();
    }
  }

  private load(): void {
    this.loading ??= import('./ringing').then(
      ({ Ringer }) => {
        const ringer = new Ringer(this.store, this.options);
        this.ringer = ringer;
        const queued = this.queued;
        this.queued = [];
        for (const input of queued) ringer.handle(input);
      },
      () => {
        // The code did not load (offline): those rings are lost; the next ring tries again.
        this.loading = undefined;
        this.queued = [];
      },
    );
  }

  /** Joins the ringing call through the controller (one token fetch in the session). */
  async accept(): Promise<void> {
    await this.ringer?.accept();
  }

  /** Stops ringing and tells the channel (`call.declined`). */
  async decline(): Promise<void> {
    await this.ringer?.decline();
  }

  dismissMissed(callId: string): void {
    this.store.setState((s) => ({ ...s, missed: s.missed.filter((m) => m.call.id !== callId) }));
  }
}
