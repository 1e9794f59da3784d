import type { StreamChat } from 'stream-chat';
import { parseCall } from './attachment';
import type {
  CallLiveState,
  CallParticipant,
  CallTokenResponse,
  ChannelRef,
  CreateCallRequest,
  CreateCallResponse,
} from './types';
import { obj } from './untrusted';

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
 * `join` (and Rejoin: it reopens an ended call), `alive` (repeated while in the call: never
 * reopens one), `leave`.
 */
export type ParticipationAction = 'join' | 'alive' | 'leave';

/**
 * The call contract: CreateCall and GetCallToken (Stream's former in-chat calling API), plus the
 * live-state extension served by this project's call service and dev server.
 */
export interface CallApi {
  /**
   * CreateCall: makes the call (or returns the one with this id in this channel) and the
   * starter's token. The token belongs to the starter: it never goes into a message.
   */
  createCall(
    channel: ChannelRef,
    request: CreateCallRequest,
    options?: RequestOptions,
  ): Promise<CreateCallResponse>;
  /** GetCallToken: this user's own credentials for a call of a channel they are a member of. */
  getCallToken(callId: string, options?: RequestOptions): Promise<CallTokenResponse>;
  /** The call's live state: ongoing or ended, who is in it, since when. */
  getCallState(callId: string, options?: RequestOptions): Promise<CallLiveState>;
  /** Reports this user joining, still in (`alive`) or leaving; answers the new live state. */
  updateParticipation(
    callId: string,
    action: ParticipationAction,
    options?: RequestOptions,
  ): Promise<CallLiveState>;
  /** Ends the call for everyone (its creator, a channel owner or moderator, or an admin). */
  endCall(callId: string, options?: RequestOptions): Promise<CallLiveState>;
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

/** Reads an untrusted live-state answer (HTTP body or `call.updated` event payload). */
export function readCallLiveState(raw: unknown): CallLiveState | undefined {
  const r = obj(raw);
  const call = parseCall(r.call);
  if (!call.ok || (r.state !== 'ongoing' && r.state !== 'ended')) return undefined;
  const state: CallLiveState = {
    call: call.call,
    state: r.state,
    participants: readParticipants(r.participants),
    started_at: typeof r.started_at === 'string' ? r.started_at : '',
    ended_at: typeof r.ended_at === 'string' ? r.ended_at : null,
  };
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
