import type { CallApi, EndCallOptions } from './api';
import { createEmitter, type Emitter } from './emitter';
import { CallKitError, toCallKitError } from './errors';
import { type CallingState, createStateMachine, type StateMachine } from './machine';
import type {
  CallProvider,
  CallUser,
  MediaChoice,
  PreparedJoin,
  ProviderRoom,
  RoomEndReason,
  RoomState,
  TrackRef,
} from './provider';
import type { ReadableStore } from './store';
import type {
  Call,
  CallLiveState,
  CallToken,
  ChannelRef,
  CreateCallRequest,
  CreateCallResponse,
} from './types';
import { untilStopped } from './untilStopped';

/** A call session's state: one snapshot (`session.getSnapshot()`, `useActiveCall()`). */
export interface CallSessionState {
  /** Where the session is (see `CallingState`). */
  callingState: CallingState;
  /** The call it created or joins, once known. */
  call?: Call;
  /**
   * The call's session (period) this user is in, when known: CreateCall's answer, or the ring or
   * message that announced it. A call id reused after its end starts a new session.
   */
  callSession?: number;
  /** The channel the call belongs to, when known. */
  channel?: ChannelRef;
  /** Whether this user created the call (may end it for everyone). */
  isCreator: boolean;
  /** The provider's room while joined (and reconnecting): its participants, tracks and controls. */
  room?: ProviderRoom;
  /** While joining: the user's own camera, once it is on (providers that `prepare`). */
  preview?: TrackRef;
  /** Why the session failed (`failed`). */
  error?: CallKitError;
  /** Why the session left its call (`left`). */
  endReason?: RoomEndReason;
}

/** A call session's events (`session.events.on(name, handler)`). */
export interface CallSessionEvents extends Record<string, unknown> {
  /** CreateCall succeeded: the call exists. */
  'call.created': { call: Call };
  /** The provider's room is up: the user is in the call. */
  'call.joined': { call: Call };
  /** The session left its call: the user left, it ended, they were removed, or it failed. */
  'call.left': { call?: Call; reason: RoomEndReason };
  /** Creating or joining failed (the state holds the same error). */
  'call.failed': { call?: Call; error: CallKitError };
  /** The call service answered with the call's live state (a join report, an end). */
  'call.updated': { live: CallLiveState };
}

/** What a `CallSession` is built from (the controller builds its sessions from its own options). */
export interface CallSessionOptions {
  /** The call API that creates calls and hands out tokens. */
  api: CallApi;
  /** The providers calls can join through, matched by `Call.provider`. */
  providers: Iterable<CallProvider>;
  /** This user, as they join calls. */
  user: CallUser;
  /** Our own join timeout: provider SDKs may retry forever offline. Default 12 s. */
  joinTimeoutMs?: number;
  /** The call service's base URL, given to providers' joins (the local provider signals there). */
  serviceURL?: string;
}

/** What `CallSession.join` is given: the call, and what the session knows of it already. */
export interface JoinRequest {
  /** The call to join (default: the session's own call, the one it created or last joined). */
  call?: Call;
  /** A token already in hand: used once instead of fetching one. */
  token?: CallToken;
  /** The call's session being joined (from the ring or the message), when known. */
  callSession?: number;
  /**
   * Microphone and camera on join (default: the last choice, at first both on). An audio call
   * never turns the camera on.
   */
  media?: Partial<MediaChoice>;
  /** The channel the call belongs to (the room's title and its chat beside the call). */
  channel?: ChannelRef;
}

const DEFAULT_JOIN_TIMEOUT_MS = 12_000;
/** The session's guard fires this long after the provider's own timeout, so its error wins. */
const JOIN_GUARD_GRACE_MS = 1_000;
const ACTIVE: ReadonlySet<CallingState> = new Set([
  'starting',
  'joining',
  'joined',
  'reconnecting',
]);
const noop = () => {};
/**
 * The call service hears of a join this long after the room is up. The report sets off work on
 * every member's page, this one's too (the live-state answer and event, the call cards' renders),
 * which competed with the user's first video frame: join-latency bench, first local frame 98 →
 * 85 ms median over 11 runs. Nobody sees a quarter of a second in a card's "2 in the call", and a
 * join left within it is reported neither way.
 */
const JOIN_REPORT_DELAY_MS = 250;
/**
 * While in the call the join report is repeated this often: the call service takes out a
 * participant it has not heard from for 90 s (a crashed browser, a laptop put to sleep, a lost
 * network report no leave).
 */
const JOIN_REPORT_REPEAT_MS = 30_000;

/** One join: its abort, its room once the provider gave one, its participation report. */
interface Attempt {
  call: Call;
  abort: AbortController;
  promise: Promise<void>;
  room?: ProviderRoom;
  unsubscribe?: () => void;
  /** Resolves true once the server has been told about the join, false if it never will be. */
  joinReport?: Promise<boolean>;
  /** Stops the join reports: the first if not sent yet (it waits `JOIN_REPORT_DELAY_MS`), and its repeats. */
  stopJoinReports?: () => void;
  /** The join report has gone out (its answer may not have come back). */
  joinReportSent?: boolean;
  /** The leave report has gone out (or been taken over by the page-hide path). */
  leaveReported?: boolean;
  /** Set when releasing starts: the room is left and the leave reported once. */
  released?: Promise<void>;
}

/**
 * One user's participation in one call: create → join → leave, serialised. Joining while joining
 * returns the same join; leaving during a join aborts it and releases everything; each join that
 * reaches the provider is matched by exactly one `room.leave()`.
 */
export class CallSession implements ReadableStore<CallSessionState> {
  /** Created, joined, left, failed and updated events (see `CallSessionEvents`). */
  readonly events: Emitter<CallSessionEvents> = createEmitter<CallSessionEvents>();
  private readonly machine: StateMachine<CallSessionState>;
  private readonly providers: Map<string, CallProvider>;
  private attempt?: Attempt;
  private leavePromise?: Promise<void>;
  private lastMedia: MediaChoice = { audio: true, video: true };
  /** CreateCall's token: the creator's first join uses it instead of fetching another. */
  private createdToken?: { callId: string; token: CallToken };

  constructor(private readonly options: CallSessionOptions) {
    this.providers = new Map([...options.providers].map((p) => [p.name, p]));
    this.machine = createStateMachine<CallSessionState>({ callingState: 'idle', isCreator: false });
  }

  getSnapshot = (): CallSessionState => this.machine.getSnapshot();
  subscribe = (listener: () => void): (() => void) => this.machine.subscribe(listener);

  /** The current state (as `getSnapshot()`). */
  get state(): CallSessionState {
    return this.machine.getSnapshot();
  }

  /** Who joins. */
  get user(): CallUser {
    return this.options.user;
  }

  /** What the join publishes (or published): the pre-join choices, no camera in audio calls. */
  get media(): MediaChoice {
    return this.lastMedia;
  }

  /** Starting, joining, joined or reconnecting: the session holds (or is getting) a call. */
  get isActive(): boolean {
    return ACTIVE.has(this.state.callingState);
  }

  /**
   * CreateCall for a channel (the "starting" phase). Resolves with the creator's own token.
   * `onCreated` runs with the call as soon as the service answers, before this session's state
   * changes (and a UI re-renders): what must reach the members first (the ring) starts there.
   */
  async create(
    channel: ChannelRef,
    request: CreateCallRequest,
    onCreated?: (created: { call: Call; session: number }) => void,
  ): Promise<CreateCallResponse> {
    this.machine.transition('starting', { channel, isCreator: true, error: undefined });
    try {
      const created = await this.options.api.createCall(channel, request);
      if (this.state.callingState !== 'starting') throw new CallKitError('aborted', 'Cancelled.');
      onCreated?.({ call: created.call, session: created.session });
      const { token, agora_uid, agora_app_id } = created;
      this.createdToken = { callId: created.call.id, token: { token, agora_uid, agora_app_id } };
      this.machine.update({ call: created.call, callSession: created.session });
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
      return this.attempt?.promise ?? Promise.resolve();
    }
    const call = request.call ?? this.state.call;
    if (!call) throw new CallKitError('invalid-call', 'There is no call to join.');
    const sameCall = this.state.call?.id === call.id;
    const callSession = request.callSession ?? (sameCall ? this.state.callSession : undefined);
    const provider = this.providers.get(call.provider);
    this.lastMedia = {
      ...this.lastMedia,
      ...(request.media ?? {}),
      ...(call.type === 'audio' ? { video: false } : {}),
    };
    const created = this.createdToken;
    this.createdToken = undefined;
    const token = request.token ?? (created?.callId === call.id ? created.token : undefined);
    this.machine.transition('joining', {
      call,
      callSession,
      // Another call's channel is never kept: a join without one has none.
      channel: request.channel ?? (sameCall ? this.state.channel : undefined),
      error: undefined,
      endReason: undefined,
      preview: undefined,
    });
    this.leavePromise = undefined;
    if (!provider) {
      this.fail(
        new CallKitError(
          'provider-not-configured',
          `No "${call.provider}" provider is registered.`,
          { recoverable: false },
        ),
      );
      return Promise.resolve();
    }
    const attempt: Attempt = { call, abort: new AbortController(), promise: Promise.resolve() };
    this.attempt = attempt;
    attempt.promise = this.runJoin(provider, attempt, token);
    return attempt.promise;
  }

  private async runJoin(
    provider: CallProvider,
    attempt: Attempt,
    token: CallToken | undefined,
  ): Promise<void> {
    const { api } = this.options;
    const { call } = attempt;
    const { signal } = attempt.abort;
    const timeoutMs = this.options.joinTimeoutMs ?? DEFAULT_JOIN_TIMEOUT_MS;
    // The camera (and the provider's code) start now, while the token is fetched.
    const prepared = this.prepare(provider, attempt);
    try {
      let credentials = token;
      if (!credentials) {
        const fetched = await untilStopped(api.getCallToken(call.id, { signal }), signal);
        if ('stopped' in fetched) return;
        credentials = fetched.value;
      }
      const joining = (async () =>
        provider.join({
          call,
          token: credentials,
          user: this.options.user,
          media: this.lastMedia,
          signal,
          timeoutMs,
          renewToken: () => api.getCallToken(call.id),
          serviceURL: this.options.serviceURL,
          prepared,
        }))();
      // A room that arrives after we stopped waiting is that join's one leave.
      const joined = await untilStopped(
        joining,
        signal,
        timeoutMs + JOIN_GUARD_GRACE_MS,
        (late) => {
          void late.leave().catch(noop);
        },
      );
      if ('stopped' in joined) {
        if (joined.stopped === 'timeout') {
          attempt.abort.abort();
          this.fail(new CallKitError('provider-join-failed', 'The call did not connect in time.'));
        }
        return;
      }
      const room = joined.value;
      if (signal.aborted) {
        // Left between the provider's answer and now: this is that join's one leave.
        await room.leave().catch(noop);
        return;
      }
      attempt.room = room;
      attempt.unsubscribe = room.store.subscribe(() =>
        this.onRoomState(attempt, room.store.getSnapshot()),
      );
      this.machine.transition('joined', { room, preview: undefined });
      this.events.emit('call.joined', { call });
      this.reportJoin(attempt);
      this.onRoomState(attempt, room.store.getSnapshot());
    } catch (e) {
      if (signal.aborted) return;
      this.fail(toCallKitError(e, 'provider-join-failed'));
    } finally {
      // Whatever the provider did not take over (no token, left first, timed out) stops here.
      prepared?.release();
    }
  }

  /**
   * Tells the call service about the join, a moment later, and again every
   * `JOIN_REPORT_REPEAT_MS` while in the call (live state is best effort).
   */
  private reportJoin(attempt: Attempt): void {
    const { api } = this.options;
    const { id } = attempt.call;
    const report = (action: 'join' | 'alive') =>
      this.state.callSession === undefined
        ? api.updateParticipation(id, action)
        : api.updateParticipation(id, action, { session: this.state.callSession });
    let repeat: ReturnType<typeof setInterval> | undefined;
    attempt.joinReport = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        attempt.joinReportSent = true;
        report('join').then(
          (live) => {
            resolve(true);
            this.events.emit('call.updated', { live });
          },
          (e: unknown) => {
            resolve(false);
            // The call ended before the join reached it (joining never reopens one).
            if (e instanceof CallKitError && e.code === 'call-ended' && this.attempt === attempt) {
              void this.leave('ended');
            }
          },
        );
        repeat = setInterval(() => void report('alive').catch(noop), JOIN_REPORT_REPEAT_MS);
      }, JOIN_REPORT_DELAY_MS);
      attempt.stopJoinReports = () => {
        clearTimeout(timer);
        clearInterval(repeat);
        // A report on its way settles the promise itself.
        if (!attempt.joinReportSent) resolve(false);
      };
    });
  }

  /** The provider's `prepare` for this attempt; its preview shows while the attempt joins. */
  private prepare(provider: CallProvider, attempt: Attempt): PreparedJoin | undefined {
    let prepared: PreparedJoin | undefined;
    try {
      prepared = provider.prepare?.({ call: attempt.call, media: this.lastMedia });
    } catch {
      // A provider that cannot prepare still joins: its join captures instead.
      return undefined;
    }
    void prepared?.preview?.then((preview) => {
      if (preview && this.attempt === attempt && this.state.callingState === 'joining') {
        this.machine.update({ preview });
      }
    }, noop);
    return prepared;
  }

  private onRoomState(attempt: Attempt, room: RoomState): void {
    if (this.attempt !== attempt || attempt.released) return;
    const { callingState } = this.state;
    if (callingState !== 'joined' && callingState !== 'reconnecting') return;
    if (room.connection === 'reconnecting' && callingState === 'joined') {
      this.machine.transition('reconnecting');
    } else if (room.connection === 'connected' && callingState === 'reconnecting') {
      this.machine.transition('joined');
    } else if (room.connection === 'failed') {
      this.fail(room.error ?? new CallKitError('connection-lost', 'The call lost its connection.'));
      void this.release(attempt);
    } else if (room.connection === 'disconnected') {
      void this.leave(room.endReason ?? 'removed');
    }
  }

  private fail(error: CallKitError): void {
    if (!this.machine.can('failed')) return;
    this.machine.transition('failed', { error, room: undefined, preview: undefined });
    this.events.emit('call.failed', { call: this.state.call, error });
  }

  /** Retry after a failure: a fresh token and a fresh join. */
  retry(): Promise<void> {
    if (this.state.callingState !== 'failed' && this.state.callingState !== 'left') {
      return this.attempt?.promise ?? Promise.resolve();
    }
    return this.join();
  }

  /** Leaves (or cancels a join in progress). Serialised and idempotent. */
  leave(reason: RoomEndReason = 'left'): Promise<void> {
    if (this.leavePromise) return this.leavePromise;
    const { callingState, call } = this.state;
    if (callingState === 'left') return Promise.resolve();
    const attempt = this.attempt;
    attempt?.abort.abort();
    this.createdToken = undefined;
    if (this.machine.can('left')) {
      this.machine.transition('left', { endReason: reason, room: undefined, preview: undefined });
    }
    if (callingState !== 'idle') this.events.emit('call.left', { call, reason });
    this.leavePromise = (async () => {
      if (!attempt) return;
      await attempt.promise;
      await this.release(attempt);
    })();
    return this.leavePromise;
  }

  /**
   * The page is going away (`pagehide`: the tab closes, the user navigates off). The call service
   * hears of the leave at once, by a request that outlives the page (its `keepalive`), instead of
   * never, which left the user listed in the call and the call ongoing; then the session leaves
   * as usual, as far as the page lets it. A join not reported yet is not reported at all.
   */
  leaveOnPageHide(): void {
    const attempt = this.attempt;
    if (attempt && !attempt.leaveReported) {
      attempt.stopJoinReports?.();
      if (attempt.joinReportSent) {
        attempt.leaveReported = true;
        void this.options.api
          .updateParticipation(attempt.call.id, 'leave', {
            keepalive: true,
            ...this.sessionOption(),
          })
          .catch(noop);
      }
    }
    void this.leave();
  }

  /** The call's session as a request option, when this session knows it. */
  private sessionOption(): { session?: number } {
    const { callSession } = this.state;
    return callSession === undefined ? {} : { session: callSession };
  }

  /**
   * Ends the call for everyone (its starter or a moderator), then leaves. `reason` says why a
   * starter ends a ringing call (`'no-answer'`, `'declined'`, `'busy'`, `'cancelled'`). Resolves
   * with the call's ended state; when the request fails the user stays in the call.
   */
  async end({ reason }: Pick<EndCallOptions, 'reason'> = {}): Promise<CallLiveState | undefined> {
    const call = this.state.call;
    if (!call) return undefined;
    const live = await this.options.api.endCall(call.id, {
      ...(reason ? { reason } : {}),
      ...this.sessionOption(),
    });
    this.events.emit('call.updated', { live });
    await this.leave('ended');
    return live;
  }

  /** Leaves the attempt's room and reports the leave, once, however many paths ask. */
  private release(attempt: Attempt): Promise<void> {
    attempt.released ??= (async () => {
      attempt.unsubscribe?.();
      attempt.unsubscribe = undefined;
      attempt.stopJoinReports?.();
      // The room is gone either way; nothing the user can do about a failed SDK leave.
      await attempt.room?.leave().catch(noop);
      if (attempt.joinReport && (await attempt.joinReport) && !attempt.leaveReported) {
        attempt.leaveReported = true;
        const { callSession } = this.state;
        const { api } = this.options;
        await (callSession === undefined
          ? api.updateParticipation(attempt.call.id, 'leave')
          : api.updateParticipation(attempt.call.id, 'leave', { session: callSession })
        ).then((live) => this.events.emit('call.updated', { live }), noop);
      }
    })();
    return attempt.released;
  }

  /** Leaves and removes every listener. */
  async destroy(): Promise<void> {
    await this.leave();
    this.events.clear();
  }
}
