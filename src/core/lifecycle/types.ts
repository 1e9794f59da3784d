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
  status: RingStatus;
}

/** A call this user started that rings its channel's members. */
export interface OutgoingRing {
  /** Known once CreateCall has answered. */
  call?: Call;
  session?: number;
  type: CallType;
  channel: CallChannel;
  /** Two members: the other person's first accept puts both in the call. */
  direct: boolean;
  members: readonly RingingMember[];
  /** `ringing` until the ring timeout, an answer (1:1) or every member's answer. */
  status: 'ringing' | 'answered' | 'stopped';
}

/** Why an outgoing 1:1 call came back to its caller. */
export type OutcomeReason = 'no-answer' | 'declined' | 'busy';

/** An outgoing 1:1 call that ended unanswered: the caller's "No answer" with Call again. */
export interface CallOutcome {
  reason: OutcomeReason;
  call: Call;
  type: CallType;
  channel: CallChannel;
  members: readonly RingingMember[];
}

export interface IncomingCaller {
  id: string;
  name?: string;
  image?: string;
}

/** A call ringing for this user. */
export interface IncomingRing {
  call: Call;
  session: number;
  caller: IncomingCaller;
  channel: CallChannel;
  /** The channel's display name, when it has one. */
  channelName?: string;
  receivedAt: number;
  /** How long it rings (the caller's ring timeout). */
  timeoutMs: number;
}

export interface MissedCall extends IncomingRing {
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

export interface CallControllerState {
  phase: CallPhase;
  /** The active (or last) session; one at a time. */
  session: CallSession | null;
  outgoing?: OutgoingRing;
  outcome?: CallOutcome;
  incoming?: IncomingRing;
  /** Calls that rang this user unanswered, newest last (at most 20). */
  missed: readonly MissedCall[];
  switching?: CallSwitchRequest;
}

export interface StartCallOptions {
  channel: CallChannel;
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

export type StartCallOutcome =
  | { ok: true; call: Call; session: CallSession }
  | { ok: false; error: CallKitError };

export interface CallControllerOptions {
  api: CallApi;
  providers: readonly CallProvider[];
  user: CallUser;
  /** The chat: where calls are announced and rung, and whose events ring this user. */
  chat?: CallChatClient;
  joinTimeoutMs?: number;
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

export interface CallControllerEvents extends Record<string, unknown> {
  'call.started': { call: Call; channel: ChannelRef };
  'call.joined': { call: Call };
  'call.ended': { call?: Call; reason: RoomEndReason };
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
