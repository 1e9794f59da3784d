import type { CallApi } from './api';
import { createEmitter, type Emitter } from './emitter';
import { CallKitError, toCallKitError } from './errors';
import { type CallingState, createStateMachine, type StateMachine } from './machine';
import type {
  CallProvider,
  CallUser,
  MediaChoice,
  ProviderRoom,
  RoomEndReason,
  RoomState,
} from './provider';
import type { ReadableStore } from './store';
import type { Call, CallToken, ChannelRef, CreateCallRequest, CreateCallResponse } from './types';

export interface CallSessionState {
  callingState: CallingState;
  call?: Call;
  /** The channel the call belongs to, when known. */
  channel?: ChannelRef;
  /** Whether this user created the call (may end it for everyone). */
  isCreator: boolean;
  room?: ProviderRoom;
  error?: CallKitError;
  endReason?: RoomEndReason;
}

export interface CallSessionEvents extends Record<string, unknown> {
  'call.created': { call: Call };
  'call.joined': { call: Call };
  'call.left': { call?: Call; reason: RoomEndReason };
  'call.failed': { call?: Call; error: CallKitError };
}

export interface CallSessionOptions {
  api: CallApi;
  providers: Iterable<CallProvider>;
  user: CallUser;
  /** Our own join timeout: provider SDKs may retry forever offline. Default 20 s. */
  joinTimeoutMs?: number;
  serviceURL?: string;
}

export interface JoinRequest {
  call?: Call;
  /** A token already in hand (CreateCall's): used once instead of fetching one. */
  token?: CallToken;
  media?: Partial<MediaChoice>;
}

const DEFAULT_JOIN_TIMEOUT_MS = 20_000;
const ACTIVE: ReadonlySet<CallingState> = new Set([
  'starting',
  'joining',
  'joined',
  'reconnecting',
]);

/**
 * One user's participation in one call: create → join → leave, serialised. Joining while joining
 * returns the same join; leaving during a join aborts it and releases everything; each join that
 * reaches the provider is matched by exactly one `room.leave()`.
 */
export class CallSession implements ReadableStore<CallSessionState> {
  readonly events: Emitter<CallSessionEvents> = createEmitter<CallSessionEvents>();
  private readonly machine: StateMachine<CallSessionState>;
  private readonly providers: Map<string, CallProvider>;
  private joinAbort?: AbortController;
  private joinPromise?: Promise<void>;
  private leavePromise?: Promise<void>;
  private unsubscribeRoom?: () => void;
  private lastMedia: MediaChoice = { audio: true, video: true };
  private reported = false;

  constructor(private readonly options: CallSessionOptions) {
    this.providers = new Map([...options.providers].map((p) => [p.name, p]));
    this.machine = createStateMachine<CallSessionState>({ callingState: 'idle', isCreator: false });
  }

  getSnapshot = (): CallSessionState => this.machine.getSnapshot();
  subscribe = (listener: () => void): (() => void) => this.machine.subscribe(listener);

  get state(): CallSessionState {
    return this.machine.getSnapshot();
  }

  get isActive(): boolean {
    return ACTIVE.has(this.state.callingState);
  }

  /** CreateCall for a channel (the "starting" phase). Resolves with the creator's own token. */
  async create(channel: ChannelRef, request: CreateCallRequest): Promise<CreateCallResponse> {
    this.machine.transition('starting', { channel, isCreator: true, error: undefined });
    try {
      const created = await this.options.api.createCall(channel, request);
      if (this.state.callingState !== 'starting') throw new CallKitError('aborted', 'Cancelled.');
      this.machine.update({ call: created.call });
      this.events.emit('call.created', { call: created.call });
      return created;
    } catch (e) {
      const error = toCallKitError(e, 'server-error');
      if (this.state.callingState === 'starting') this.fail(error);
      throw error;
    }
  }

  /** Joins the call (or returns the join under way). Never rejects: failures land in `error`. */
  join(request: JoinRequest = {}): Promise<void> {
    const { callingState } = this.state;
    if (
      callingState === 'joining' ||
      callingState === 'joined' ||
      callingState === 'reconnecting'
    ) {
      return this.joinPromise ?? Promise.resolve();
    }
    const call = request.call ?? this.state.call;
    if (!call) throw new CallKitError('invalid-call', 'There is no call to join.');
    const provider = this.providers.get(call.provider);
    this.lastMedia = {
      ...this.lastMedia,
      ...(request.media ?? {}),
      ...(call.type === 'audio' ? { video: false } : {}),
    };
    this.machine.transition('joining', { call, error: undefined, endReason: undefined });
    if (!provider) {
      this.fail(
        new CallKitError(
          'provider-not-configured',
          `No "${call.provider}" provider is registered.`,
          {
            recoverable: false,
          },
        ),
      );
      return Promise.resolve();
    }
    const abort = new AbortController();
    this.joinAbort = abort;
    this.leavePromise = undefined;
    const promise = this.runJoin(provider, call, request.token, abort.signal);
    this.joinPromise = promise;
    return promise;
  }

  private async runJoin(
    provider: CallProvider,
    call: Call,
    token: CallToken | undefined,
    signal: AbortSignal,
  ): Promise<void> {
    const { api } = this.options;
    try {
      const credentials = token ?? (await api.getCallToken(call.id, { signal }));
      if (signal.aborted) return;
      const room = await provider.join({
        call,
        token: credentials,
        user: this.options.user,
        media: this.lastMedia,
        signal,
        timeoutMs: this.options.joinTimeoutMs ?? DEFAULT_JOIN_TIMEOUT_MS,
        renewToken: () => api.getCallToken(call.id),
        serviceURL: this.options.serviceURL,
      });
      if (signal.aborted) {
        // Left while the provider was finishing the join: this is that join's one leave.
        await room.leave();
        return;
      }
      this.unsubscribeRoom = room.store.subscribe(() => this.onRoomState(room.store.getSnapshot()));
      this.machine.transition('joined', { room });
      this.events.emit('call.joined', { call });
      this.reported = true;
      api.updateParticipation(call.id, 'join').catch(() => {
        // Live state is best effort: the call itself works without it.
        this.reported = false;
      });
      this.onRoomState(room.store.getSnapshot());
    } catch (e) {
      if (signal.aborted) return;
      this.fail(toCallKitError(e, 'provider-join-failed'));
    }
  }

  private onRoomState(room: RoomState): void {
    const { callingState } = this.state;
    if (callingState !== 'joined' && callingState !== 'reconnecting') return;
    if (room.connection === 'reconnecting' && callingState === 'joined') {
      this.machine.transition('reconnecting');
    } else if (room.connection === 'connected' && callingState === 'reconnecting') {
      this.machine.transition('joined');
    } else if (room.connection === 'failed') {
      void this.teardown().then(() =>
        this.fail(
          room.error ?? new CallKitError('connection-lost', 'The call lost its connection.'),
        ),
      );
    } else if (room.connection === 'disconnected') {
      void this.leave(room.endReason ?? 'removed');
    }
  }

  private fail(error: CallKitError): void {
    if (!this.machine.can('failed')) return;
    this.machine.transition('failed', { error, room: undefined });
    this.events.emit('call.failed', { call: this.state.call, error });
  }

  /** Retry after a failure: a fresh token and a fresh join. */
  retry(): Promise<void> {
    if (this.state.callingState !== 'failed' && this.state.callingState !== 'left') {
      return this.joinPromise ?? Promise.resolve();
    }
    return this.join();
  }

  /** Leaves (or cancels a join in progress). Serialised and idempotent. */
  leave(reason: RoomEndReason = 'left'): Promise<void> {
    if (this.leavePromise) return this.leavePromise;
    const { callingState, call } = this.state;
    if (callingState === 'left') return Promise.resolve();
    this.joinAbort?.abort();
    if (this.machine.can('left')) this.machine.transition('left', { endReason: reason });
    this.events.emit('call.left', { call, reason });
    const joining = this.joinPromise;
    this.leavePromise = (async () => {
      await joining;
      await this.teardown();
    })();
    return this.leavePromise;
  }

  /** Ends the call for everyone (the creator or a moderator), then leaves. */
  async end(): Promise<void> {
    const call = this.state.call;
    if (!call) return;
    await this.options.api.endCall(call.id);
    await this.leave('ended');
  }

  private async teardown(): Promise<void> {
    const room = this.state.room;
    this.unsubscribeRoom?.();
    this.unsubscribeRoom = undefined;
    if (room) {
      this.machine.update({ room: undefined });
      await room.leave().catch(() => {
        // The room is gone either way; nothing the user can do about a failed SDK leave.
      });
    }
    const call = this.state.call;
    if (this.reported && call) {
      this.reported = false;
      await this.options.api.updateParticipation(call.id, 'leave').catch(() => {});
    }
  }

  /** Leaves and removes every listener. */
  async destroy(): Promise<void> {
    await this.leave();
    this.events.clear();
  }
}
