/** The call API's shapes: what a client of the call contract offers and takes. Types only. */
import type { StreamChat } from 'stream-chat';
import type {
  CallLiveState,
  CallTokenResponse,
  ChannelRef,
  ClientEndReason,
  CreateCallRequest,
  CreateCallResponse,
} from './types';

/** Per-request options of every `CallApi` method. */
export interface RequestOptions {
  /** Aborts the request (it then rejects with an `aborted` CallKitError). */
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
   * Where the call service answers, when the API knows (`callServiceApi`'s `baseURL`, the chat
   * client's for `streamCallApi`). The local provider's signaling goes there.
   */
  readonly baseURL?: string;
  /**
   * Creates the call, or returns it when this channel already has it. On an ended call with the
   * same id it starts the call's next session (`session` in the answer). Another channel's id is
   * `'call-id-conflict'`.
   * The token belongs to the starter: it never goes into a message.
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

/** `callServiceApi`'s options: where your call service is, and whose token to send. */
export interface CallServiceApiOptions {
  /** Where the call service is, e.g. `https://calls.example.com/v1`. */
  baseURL: string;
  /** The connected stream-chat client: the user's Stream token authenticates the requests. */
  client: StreamClientLike;
  /** A request that has not answered by then fails with `timeout` (default 15 000 ms). */
  timeoutMs?: number;
  /** The `fetch` to send requests with (default: the global one). */
  fetch?: typeof fetch;
}
