import type { CallApi } from './api';
import { registerCallProviders } from './attachment';
import { createEmitter, type Emitter } from './emitter';
import { CallKitError } from './errors';
import type { CallProvider, CallUser, RoomEndReason } from './provider';
import type { CallSession, JoinRequest } from './session';
import { createStore, type ReadableStore } from './store';
import type { Call, ChannelRef, CreateCallRequest, CreateCallResponse } from './types';

export interface CallControllerOptions {
  api: CallApi;
  providers: readonly CallProvider[];
  user: CallUser;
  joinTimeoutMs?: number;
  serviceURL?: string;
}

export interface CallControllerState {
  /** The active (or last) session; one at a time. */
  session: CallSession | null;
}

export interface CallControllerEvents extends Record<string, unknown> {
  'call.started': { call: Call; channel: ChannelRef };
  'call.joined': { call: Call };
  'call.ended': { call?: Call; reason: RoomEndReason };
  error: { error: CallKitError; call?: Call };
}

let sessionModule: Promise<typeof import('./session')> | undefined;

/**
 * The session machinery, loaded on the first start or join (it is not needed to render a chat).
 * Call it when the app is idle to have it ready before the first click.
 */
export function loadSession(): Promise<typeof import('./session')> {
  sessionModule ??= import('./session');
  return sessionModule;
}

/**
 * Holds the user's one active call session. Starting or joining another call leaves the current
 * one first; joining the call you are already in returns that session.
 */
export class CallController implements ReadableStore<CallControllerState> {
  readonly events: Emitter<CallControllerEvents> = createEmitter<CallControllerEvents>();
  private readonly store = createStore<CallControllerState>({ session: null });
  private unbind?: () => void;
  /** start/join/leave run one after another: a double click or StrictMode cannot fork sessions. */
  private queue: Promise<unknown> = Promise.resolve();
  private destroyed = false;

  constructor(readonly options: CallControllerOptions) {
    // Calls of a custom provider become readable (attachments, channel data, events, answers).
    registerCallProviders(options.providers);
  }

  getSnapshot = (): CallControllerState => this.store.getSnapshot();
  subscribe = (listener: () => void): (() => void) => this.store.subscribe(listener);

  get session(): CallSession | null {
    return this.store.getSnapshot().session;
  }

  /** The provider registered for a call, if any. */
  provider(name: Call['provider']): CallProvider | undefined {
    return this.options.providers.find((p) => p.name === name);
  }

  private serial<T>(op: () => Promise<T>): Promise<T> {
    const next = this.queue.then(op, op);
    this.queue = next.catch(() => {});
    return next;
  }

  private async replaceSession(): Promise<CallSession> {
    const previous = this.session;
    if (previous?.isActive) await previous.leave();
    const { CallSession } = await loadSession();
    if (this.destroyed) throw new CallKitError('aborted', 'The call controller was destroyed.');
    this.unbind?.();
    this.unbind = undefined;
    // Already left: this only drops its listeners.
    if (previous) await previous.destroy();
    const session = new CallSession({
      api: this.options.api,
      providers: this.options.providers,
      user: this.options.user,
      joinTimeoutMs: this.options.joinTimeoutMs,
      serviceURL: this.options.serviceURL,
    });
    const offs = [
      session.events.on('call.joined', (e) => this.events.emit('call.joined', e)),
      session.events.on('call.left', (e) => this.events.emit('call.ended', e)),
      session.events.on('call.failed', (e) => this.events.emit('error', e)),
    ];
    this.unbind = () => {
      for (const off of offs) off();
    };
    this.store.setState({ session });
    return session;
  }

  /**
   * CreateCall in a channel; the session is left in "starting" until `join()` is called. A failure
   * reaches `error` listeners once, through the session's `call.failed`.
   */
  start(
    channel: ChannelRef,
    request: CreateCallRequest,
  ): Promise<{ session: CallSession; created: CreateCallResponse }> {
    return this.serial(async () => {
      const session = await this.replaceSession();
      const created = await session.create(channel, request);
      this.events.emit('call.started', { call: created.call, channel });
      return { session, created };
    });
  }

  /** Joins a call, reusing the session when it is already this call's and still active. */
  join(call: Call, request: Omit<JoinRequest, 'call'> = {}): Promise<CallSession> {
    return this.serial(async () => {
      const current = this.session;
      if (current?.isActive && current.state.call?.id === call.id) {
        if (current.state.callingState === 'starting') void current.join({ ...request, call });
        return current;
      }
      const session = await this.replaceSession();
      void session.join({ ...request, call });
      return session;
    });
  }

  /** Leaves the active call, if any: at once, and again after any start/join still queued. */
  async leave(): Promise<void> {
    const now = this.session?.leave();
    await this.serial(async () => {
      await this.session?.leave();
    });
    await now;
  }

  /** Leaves and forgets everything (unmount of the provider component). */
  async destroy(): Promise<void> {
    this.destroyed = true;
    const session = this.session;
    this.unbind?.();
    this.unbind = undefined;
    this.store.setState({ session: null });
    await session?.destroy();
    await this.queue;
    this.events.clear();
  }
}
