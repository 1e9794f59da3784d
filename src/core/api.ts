import type { StreamChat } from 'stream-chat';
import { parseCall } from './attachment';
import {
  CALL_END_REASONS,
  type CallEndReason,
  type CallLiveState,
  type CallParticipant,
  type CallTokenResponse,
  type ChannelRef,
  type ClientEndReason,
  type CreateCallRequest,
  type CreateCallResponse,
} from './types';
import { obj } from './untrusted';

export interface RequestOptions {
  signal?: AbortSignal;
  /**
   * A request that must outlive the page (the leave report on `pagehide`): sent with fetch's
   * `keepalive` and the user's current token, started before the call returns.
   */
  keepalive?: boolean;
}

/**
 * `join` (into the ongoing session; an ended one answers `'call-ended'`: joining never reopens a
 * call), `alive` (repeated while in the call; never reopens one), `leave`.
 */
export type ParticipationAction = 'join' | 'alive' | 'leave';

/** Options of a request about one session of a call. */
export interface SessionRequestOptions extends RequestOptions {
  /**
   * The session the request is about (`CallLiveState.session`, or the one a message announced).
   * Without it, the call's current session.
   */
  session?: number;
}

/** Options of `endCall`. */
export interface EndCallOptions extends SessionRequestOptions {
  /**
   * Why the call ends (default `'ended'`: ended for everyone). A starter's client that stops
   * ringing a 1:1 call says why: `'no-answer'`, `'declined'`, `'busy'` or `'cancelled'`.
   */
  reason?: ClientEndReason;
}

/**
 * The call contract: CreateCall and GetCallToken (Stream's former in-chat calling API), plus the
 * live-state extension served by this project's call service and dev server. Every failure is a
 * `CallKitError`; an ended session answers `'call-ended'` (HTTP 410).
 */
export interface CallApi {
  /**
   * Creates the call, or returns it when this channel already has it. On an ended call with the
   * same id it starts the call's next session (`session` in the answer). Another channel's id is
   * `'call-id-conflict'`.
   */
  createCall(
    channel: ChannelRef,
    request: CreateCallRequest,
    options?: RequestOptions,
  ): Promise<CreateCallResponse>;
  /** The user's own token for the call's ongoing session (`'call-ended'` once it has ended). */
  getCallToken(callId: string, options?: RequestOptions): Promise<CallTokenResponse>;
  /**
   * The live state of the current session, or with `session` that session's (a past one answers
   * the record it ended with).
   */
  getCallState(callId: string, options?: SessionRequestOptions): Promise<CallLiveState>;
  /**
   * Reports the user's own participation. With `session`, a `join` into any other session is
   * `'call-ended'`, and `alive` or `leave` for another session change nothing.
   */
  updateParticipation(
    callId: string,
    action: ParticipationAction,
    options?: SessionRequestOptions,
  ): Promise<CallLiveState>;
  /**
   * Ends the current session for everyone (its starter, a channel moderator, or an admin).
   * With `session`, a session that is no longer current is left alone and its record answered.
   *
   * @example
   * await api.endCall(call.id, { reason: 'no-answer', session: 2 });
   */
  endCall(callId: string, options?: EndCallOptions): Promise<CallLiveState>;
}

/** The subset of a stream-chat client the API clients use. */
export type StreamClientLike = Pick<StreamChat, 'baseURL' | 'key' | 'tokenManager'> &
  Partial<Pick<StreamChat, 'post' | 'get'>>;

export interface CallServiceApiOptions {
  /** Where the call service is, e.g. `https://calls.example.com/v1`. */
  baseURL: string;
  /** The connected stream-chat client: the user's Stream token authenticates the requests. */
  client: StreamClientLike;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

function readParticipants(raw: unknown): CallParticipant[] {
  if (!Array.isArray(raw)) return [];
  const out: CallParticipant[] = [];
  for (const p of raw.slice(0, 1000)) {
    const o = obj(p);
    if (typeof o.user_id !== 'string') continue;
    const item: CallParticipant = {
      user_id: o.user_id,
      joined_at: typeof o.joined_at === 'string' ? o.joined_at : '',
    };
    if (typeof o.name === 'string') item.name = o.name;
    if (typeof o.image === 'string') item.image = o.image;
    out.push(item);
  }
  return out;
}

const isCount = (n: unknown, min: number): n is number =>
  typeof n === 'number' && Number.isSafeInteger(n) && n >= min;

/** A session number as the contract has it (a whole number from 1), or undefined. */
export function readSession(raw: unknown): number | undefined {
  return isCount(raw, 1) ? raw : undefined;
}

/**
 * Reads an untrusted live-state answer (HTTP body or `call.updated` event payload). Answers of
 * older servers (and Stream's) lack the session fields: `session` reads as 1, `version` as 0,
 * `attendees` as the participants.
 */
export function readCallLiveState(raw: unknown): CallLiveState | undefined {
  const r = obj(raw);
  const call = parseCall(r.call);
  if (!call.ok || (r.state !== 'ongoing' && r.state !== 'ended')) return undefined;
  const participants = readParticipants(r.participants);
  const state: CallLiveState = {
    call: call.call,
    session: readSession(r.session) ?? 1,
    version: isCount(r.version, 0) ? r.version : 0,
    state: r.state,
    participants,
    attendees: Array.isArray(r.attendees) ? readParticipants(r.attendees) : [...participants],
    started_at: typeof r.started_at === 'string' ? r.started_at : '',
    ended_at: typeof r.ended_at === 'string' ? r.ended_at : null,
  };
  if (CALL_END_REASONS.includes(r.ended_reason as CallEndReason)) {
    state.ended_reason = r.ended_reason as CallEndReason;
  }
  const by = obj(r.created_by);
  if (typeof by.id === 'string') {
    state.created_by = { id: by.id };
    if (typeof by.name === 'string') state.created_by.name = by.name;
    if (typeof by.image === 'string') state.created_by.image = by.image;
  }
  return state;
}

// The factories live in their own module: a chat page builds its API client up front, and needs
// none of the readers above until the request code (./http) or a lazily loaded part uses them.
export { callServiceApi, DEFAULT_API_TIMEOUT_MS, streamCallApi } from './callApi';
