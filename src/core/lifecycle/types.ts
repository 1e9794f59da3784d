/**
 * The call lifecycle's state: what the controller's store holds and React subscribes to. Types
 * only (the eager controller and the lazily loaded engine share them without importing each
 * other).
 */
import type { CallApi } from '../api';
import type { CallKitError } from '../CallKitError';
import type { CallChannel, CallChatClient, CallMember } from '../channel';
import type { Emitter } from '../emitter';
import type { LiveStateCache } from '../liveStates';
import type { CallProvider, CallUser, RoomEndReason } from '../provider';
import type { CallSession, JoinRequest } from '../session';
import type { Call, CallType, ChannelRef } from '../types';

/**
 * Where the user's call life is, one value at a time:
 * - `idle`: no call;
 * - `outgoing`: calling one person, who has not answered yet ("Calling Bob…");
 * - `connecting`: starting a call or joining one;
 * - `in-call`: in a call (a group caller is in at once, while the others are rung);
 * - `ended`: an outgoing 1:1 call came back unanswered, declined or busy ("No answer");
 * - `incoming`: a call rings for the user;
 * - `call-waiting`: a call rings while the user is in another one.
 */
export type CallPhase =
  | 'idle'
  | 'outgoing'
  | 'connecting'
  | 'in-call'
  | 'ended'
  | 'incoming'
  | 'call-waiting';

/** How the channel hears of a started call (Stream's three documented ways). */
export type NotifyMode = 'message' | 'channel' | 'event';

/** Where a rung member is: still ringing, in the call, declined, in another call, or no answer. */
export type RingStatus = 'ringing' | 'joined' | 'declined' | 'busy' | 'no-answer';

/** A member a call rings, and how the ring went. */
export interface RingingMember extends CallMember {
  /** How the ring went for this member so far. */
  status: RingStatus;
}

/** A call this user started that rings its channel's members. */
export interface OutgoingRing {
  /** Known once CreateCall has answered. */
  call?: Call;
  /** The call's session CreateCall started, known with `call`. */
  session?: number;
  /** Audio or video. */
  type: CallType;
  /** The channel whose members it rings. */
  channel: CallChannel;
  /** Two members: the other person's first accept puts both in the call. */
  direct: boolean;
  /** The channel's members other than the caller, each with how their ring went. */
  members: readonly RingingMember[];
  /** `ringing` until the ring timeout, an answer (1:1) or every member's answer. */
  status: 'ringing' | 'answered' | 'stopped';
}

/** Why an outgoing 1:1 call came back to its caller. */
export type OutcomeReason = 'no-answer' | 'declined' | 'busy';

/** An outgoing 1:1 call that ended unanswered: the caller's "No answer" with Call again. */
export interface CallOutcome {
  /** Why it came back: nobody answered, the other person declined, or they were in another call. */
  reason: OutcomeReason;
  /** The call that rang (Call again starts it again in the same channel). */
  call: Call;
  /** Audio or video: Call again starts the same type. */
  type: CallType;
  /** The channel the call rang in. */
  channel: CallChannel;
  /** The members rung, with how each ring went. */
  members: readonly RingingMember[];
}

/** Who rings this user: the chat user who sent the ring. */
export interface IncomingCaller {
  /** The caller's chat user id. */
  id: string;
  /** The caller's display name, when the chat has one. */
  name?: string;
  /** The caller's avatar URL, when the chat has one. */
  image?: string;
}

/** A call ringing for this user. */
export interface IncomingRing {
  /** The call that rings (accepting joins it). */
  call: Call;
  /** The call's session the ring belongs to. */
  session: number;
  /** Who rings. */
  caller: IncomingCaller;
  /** The channel the call rings in (the user is a member of it). */
  channel: CallChannel;
  /** The channel's display name, when it has one. */
  channelName?: string;
  /** When the ring arrived, in ms since the epoch (`Date.now()`). */
  receivedAt: number;
  /** How long it rings (the caller's ring timeout). */
  timeoutMs: number;
}

/** A call that rang this user and stopped unanswered (timed out, cancelled, declined as busy). */
export interface MissedCall extends IncomingRing {
  /** When it stopped ringing, in ms since the epoch (`Date.now()`). */
  missedAt: number;
  /** The notice was dismissed (the call stays in the list for the channel's card). */
  dismissed: boolean;
}

/** Starting or joining a call while in another: the user is asked first. */
export interface CallSwitchRequest {
  /** The call the user is in. */
  from: { call: Call; channelName?: string };
  /** What they asked for: start a call in a channel, or join a call. */
  to: { action: 'start' | 'join'; channelName?: string; call?: Call };
}

/**
 * The call controller's state: one snapshot, read with `useCallLifecycle()` or
 * `controller.getSnapshot()`.
 */
export interface CallControllerState {
  /** Where the user's call life is (see `CallPhase`). */
  phase: CallPhase;
  /** The active (or last) session; one at a time. */
  session: CallSession | null;
  /** The call this user started while it rings its members ("Calling Bob…"). */
  outgoing?: OutgoingRing;
  /**
   * The last outgoing 1:1 call that came back unanswered, until the next start or join, or
   * `dismissOutcome()`.
   */
  outcome?: CallOutcome;
  /** The call ringing for this user now (the newest ring, when two arrive). */
  incoming?: IncomingRing;
  /** Calls that rang this user unanswered, newest last (at most 20). */
  missed: readonly MissedCall[];
  /** Set while the user is asked whether to leave their call for another one. */
  switching?: CallSwitchRequest;
}

/**
 * What `CallController.start` starts: a call of one type in one channel, and how it is told and
 * rung.
 *
 * @example
 * ```ts
 * const outcome = await controller.start({ channel: streamChannel(channel), type: 'video' });
 * if (!outcome.ok) console.error(outcome.error.code);
 * ```
 */
export interface StartCallOptions {
  /** The channel the call belongs to: its members are told and rung. */
  channel: CallChannel;
  /** Audio or video. */
  type: CallType;
  /** `'unique'` (default): a new id; `'channel'`: the channel's one call; or an id of your own. */
  callId?: 'unique' | 'channel' | (string & {});
  /** Default: the controller's `notify`. */
  notify?: NotifyMode;
  /** Ring the channel's members (default: the controller's `ringing`). */
  ring?: boolean;
  /** Join right away with CreateCall's token (default true). */
  join?: boolean;
  /** CreateCall's `options` (e.g. `{ provider: 'hms' }`). */
  options?: Record<string, unknown>;
  /** The call message's text ("Video call", in the starter's language). */
  text?: string;
  /** Leave the current call without asking (the user has already chosen). */
  leaveCurrent?: boolean;
}

/** How `join` is asked for: a token in hand, the call's session, its channel, media. */
export interface JoinCallOptions extends Omit<JoinRequest, 'call'> {
  /** The channel the call is in (names it when the user is asked to switch calls). */
  channel?: CallChannel;
  /** Leave the current call without asking (the user has already chosen). */
  leaveCurrent?: boolean;
}

/** What `start` resolves to: the call and its session, or why it failed (it never throws). */
export type StartCallOutcome =
  | { ok: true; call: Call; session: CallSession }
  | { ok: false; error: CallKitError };

/** What a call controller is built from (`CallsProvider` builds one from its props). */
export interface CallControllerOptions {
  /** The call API: `callServiceApi` (production) or `streamCallApi`. */
  api: CallApi;
  /** The providers calls can join through, matched by `Call.provider`. */
  providers: readonly CallProvider[];
  /** This user, as they join calls. */
  user: CallUser;
  /** The chat: where calls are announced and rung, and whose events ring this user. */
  chat?: CallChatClient;
  /** How long a join may take before it fails, in ms (the provider's own timeout). Default 12 000. */
  joinTimeoutMs?: number;
  /** The call service's base URL, given to providers' joins (the local provider signals there). */
  serviceURL?: string;
  /** How started calls are announced (default `'message'`). */
  notify?: NotifyMode;
  /** Ring the members when a call starts, and ring for calls others start (default true). */
  ringing?: boolean;
  /** How long a call rings before it counts as unanswered (default 30 000 ms). */
  ringTimeoutMs?: number;
  /** Decline rings at once, as busy, while the user is in a call (default false: call waiting). */
  autoRejectWhenBusy?: boolean;
}

/** The controller's events (`controller.events.on(name, handler)`). */
export interface CallControllerEvents extends Record<string, unknown> {
  /** This user's CreateCall succeeded: the call exists (it is announced and rung next). */
  'call.started': { call: Call; channel: ChannelRef };
  /** This user is in the call's room. */
  'call.joined': { call: Call };
  /** This user's session left its call: they left, it ended, they were removed, or it failed. */
  'call.ended': { call?: Call; reason: RoomEndReason };
  /** A start or join failed. */
  error: { error: CallKitError; call?: Call };
}

/** What the lifecycle engine (loaded on demand) is given of its controller. */
export interface LifecycleHost {
  readonly options: Readonly<CallControllerOptions>;
  readonly events: Emitter<CallControllerEvents>;
  readonly liveStates: LiveStateCache;
  getSnapshot(): CallControllerState;
  /** Merges a change into the controller's state (the phase follows). */
  update(patch: Partial<Omit<CallControllerState, 'phase'>>): void;
}
