import { registerCallProviders } from './attachment';
import { CallKitError } from './CallKitError';
import { callApiCode } from './callApi';
import type { CallChatEvent } from './channel';
import { createEmitter, type Emitter } from './emitter';
import { errorTable } from './errorTable';
import { lazyModule } from './lazy';
import type { Lifecycle } from './lifecycle/engine';
import { phaseOf } from './lifecycle/phase';
import type {
  CallControllerEvents,
  CallControllerOptions,
  CallControllerState,
  JoinCallOptions,
  LifecycleHost,
  StartCallOptions,
  StartCallOutcome,
} from './lifecycle/types';
import { LiveStateCache } from './liveStates';
import type { CallProvider } from './provider';
import type { CallSession } from './session';
import { sessionCode } from './sessionCode';
import { createStore } from './store';
import type { Call } from './types';

export type {
  CallControllerEvents,
  CallControllerOptions,
  CallControllerState,
  JoinCallOptions,
} from './lifecycle/types';

const engineCode = lazyModule(() => import('./lifecycle/engine'));

/** The chat events the lifecycle follows. A ring loads the lifecycle; the rest need it loaded. */
const EVENTS = ['call.ring', 'call.declined', 'call.updated', 'call.ended'] as const;

const loadFailed = (cause: unknown) =>
  new CallKitError('network-error', 'Could not load the call code.', { cause });

/**
 * The user's call life as one state machine: idle, outgoing, connecting, in call, ended,
 * incoming and call waiting (`getSnapshot().phase`). Holds the one active session, starts and
 * rings calls, rings for others' calls, asks before switching calls. Plain TS: React only
 * subscribes. The work is done by the lifecycle engine, loaded with the first start, join or
 * ring (or once the page settles, see `listen`).
 */
export class CallController implements LifecycleHost {
  /** Started, joined, ended and error events (see `CallControllerEvents`). */
  readonly events: Emitter<CallControllerEvents> = createEmitter<CallControllerEvents>();
  /** Live state of calls shown in the chat, shared by every card. */
  readonly liveStates: LiveStateCache;
  private readonly store = createStore<CallControllerState>({
    phase: 'idle',
    session: null,
    missed: [],
  });
  private engine?: Lifecycle;
  private queued: CallChatEvent[] = [];
  private followed: CallSession | null = null;
  private offSession?: () => void;
  private destroyed = false;
  private _options: CallControllerOptions;

  constructor(options: CallControllerOptions) {
    // Calls of a custom provider become readable (attachments, channel data, events, answers).
    registerCallProviders(options.providers);
    this._options = { ...options };
    this.liveStates = new LiveStateCache(options.api, options.chat);
  }

  /** The options in force (`setOptions` changes them). */
  get options(): Readonly<CallControllerOptions> {
    return this._options;
  }

  /** Changes the options the next start, ring or join reads (a re-rendered provider's props). */
  setOptions(patch: Partial<CallControllerOptions>): void {
    this._options = { ...this._options, ...patch };
  }

  /** The current state (one immutable snapshot per change). */
  getSnapshot = (): CallControllerState => this.store.getSnapshot();
  /** Calls `listener` on every change of the state; returns unsubscribe. */
  subscribe = (listener: () => void): (() => void) => this.store.subscribe(listener);

  /** The active (or last) session, as in `getSnapshot().session`. */
  get session(): CallSession | null {
    return this.store.getSnapshot().session;
  }

  /** The provider registered for a call, if any. */
  provider(name: Call['provider']): CallProvider | undefined {
    return this._options.providers.find((p) => p.name === name);
  }

  update(patch: Partial<Omit<CallControllerState, 'phase'>>): void {
    this.store.setState((prev) => {
      const next = { ...prev, ...patch };
      return { ...next, phase: phaseOf(next) };
    });
    this.follow();
  }

  /** The phase follows the session's own state (joining → joined → left). */
  private follow(): void {
    const session = this.store.getSnapshot().session;
    if (session === this.followed) return;
    this.offSession?.();
    this.followed = session;
    this.offSession = session?.subscribe(() => {
      const state = this.store.getSnapshot();
      const phase = phaseOf(state);
      if (phase !== state.phase) this.store.setState({ ...state, phase });
    });
  }

  /** The engine, at once when its code is already there (preloaded): a ring shows in the same tick. */
  private loaded(): Lifecycle | undefined {
    const code = engineCode.current;
    if (!this.engine && code && sessionCode.current && errorTable.current && !this.destroyed) {
      this.engine = new code.Lifecycle(this);
    }
    return this.engine;
  }

  private async ready(): Promise<Lifecycle> {
    if (this.loaded()) return this.engine!;
    const [{ Lifecycle }] = await Promise.all([
      engineCode.load(),
      sessionCode.load(),
      errorTable.load(),
    ]);
    if (this.destroyed) throw new CallKitError('aborted', 'The call controller was destroyed.');
    this.engine ??= new Lifecycle(this);
    return this.engine;
  }

  /**
   * Follows the chat's call events (rings, declines, live state); returns stop. The lifecycle's
   * code loads with the first ring, or once the page has settled.
   */
  listen(): () => void {
    const chat = this._options.chat;
    const offs = (chat ? EVENTS : []).map((type) => chat!.on(type, (e) => this.onEvent(e)));
    offs.push(
      engineCode.preload(),
      sessionCode.preload(),
      errorTable.preload(),
      callApiCode.preload(),
    );
    return () => {
      for (const off of offs) off();
      this.queued = [];
      this.engine?.stopRinging();
    };
  }

  private onEvent(event: CallChatEvent): void {
    const engine = this.loaded();
    if (engine && this.queued.length === 0) {
      engine.handle(event);
      return;
    }
    // Before the first ring nothing rings and nothing is outgoing: other events change nothing.
    if (event.type !== 'call.ring' && this.queued.length === 0) return;
    this.queued.push(event);
    if (this.queued.length > 1) return;
    this.ready().then(
      (engine) => {
        const queued = this.queued;
        this.queued = [];
        for (const e of queued) engine.handle(e);
      },
      () => {
        // Not loaded (offline): those rings are lost; the next ring loads again.
        this.queued = [];
      },
    );
  }

  /**
   * Starts a call in a channel: CreateCall, tell the members (message, channel data or event),
   * ring them, and join with CreateCall's token (which never leaves core). In another call, the
   * user is asked first (`switching`). Never throws: a failure comes back as a CallKitError.
   */
  async start(options: StartCallOptions): Promise<StartCallOutcome> {
    // Loaded (the page has settled): straight in, within the click.
    const loaded = this.loaded();
    if (loaded) return loaded.start(options);
    let engine: Lifecycle;
    try {
      engine = await this.ready();
    } catch (e) {
      const error = e instanceof CallKitError ? e : loadFailed(e);
      this.events.emit('error', { error });
      return { ok: false, error };
    }
    return engine.start(options);
  }

  /**
   * Joins a call (the same session when it is already this call's). In another call, the user is
   * asked first; resolves undefined when they stay where they are.
   */
  async join(call: Call, options: JoinCallOptions = {}): Promise<CallSession | undefined> {
    let engine: Lifecycle;
    try {
      engine = await this.ready();
    } catch (e) {
      throw e instanceof CallKitError ? e : loadFailed(e);
    }
    return engine.join(call, options);
  }

  /** Leaves the active call, if any (a ringing 1:1 call is cancelled). */
  async leave(): Promise<void> {
    await this.engine?.leave();
  }

  /** Joins the call ringing for this user, leaving the current one ("End and accept"). */
  async accept(): Promise<void> {
    await this.engine?.accept();
  }

  /** Declines the ringing call (as busy while in another call). */
  async decline(): Promise<void> {
    await this.engine?.decline();
  }

  /** Cancels the outgoing call ringing its callee. */
  async cancel(): Promise<void> {
    await this.engine?.cancel();
  }

  /** From "No answer": starts the call again in the same channel and rings again. */
  async callAgain(): Promise<StartCallOutcome | undefined> {
    return this.engine?.callAgain();
  }

  /** Closes "No answer" / "Declined" / "In another call". */
  dismissOutcome(): void {
    if (this.getSnapshot().outcome) this.update({ outcome: undefined });
  }

  /** Leaves the current call for the one asked for. */
  confirmSwitch(): void {
    this.engine?.answerSwitch(true);
  }

  /** Stays in the current call. */
  cancelSwitch(): void {
    this.engine?.answerSwitch(false);
  }

  /** Hides a missed call's notice (the call stays among `missed`). */
  dismissMissed(callId: string): void {
    const { missed } = this.getSnapshot();
    if (!missed.some((m) => m.call.id === callId && !m.dismissed)) return;
    this.update({
      missed: missed.map((m) => (m.call.id === callId ? { ...m, dismissed: true } : m)),
    });
  }

  /** Leaves and forgets everything (unmount of the provider component). */
  async destroy(): Promise<void> {
    this.destroyed = true;
    this.offSession?.();
    this.offSession = undefined;
    this.queued = [];
    const engine = this.engine;
    this.engine = undefined;
    await engine?.destroy();
    this.store.setState((prev) => ({ ...prev, session: null, phase: 'idle' }));
    this.followed = null;
    this.events.clear();
  }
}
