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

export interface RequestOptions {
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
  createCall(
    channel: ChannelRef,
    request: CreateCallRequest,
    options?: RequestOptions,
  ): Promise<CreateCallResponse>;
  getCallToken(callId: string, options?: RequestOptions): Promise<CallTokenResponse>;
  getCallState(callId: string, options?: RequestOptions): Promise<CallLiveState>;
  updateParticipation(
    callId: string,
    action: ParticipationAction,
    options?: RequestOptions,
  ): Promise<CallLiveState>;
  endCall(callId: string, options?: RequestOptions): Promise<CallLiveState>;
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
