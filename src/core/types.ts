/** The wire types of the call contract (see README "Wire contract"). */

export type CallType = 'audio' | 'video';
/**
 * A call provider's name. `agora`, `hms` and `local` are built in; an app adds its own (Daily,
 * LiveKit, its own SFU) under another name, as a `CallProvider` in the kit and a `ServerProvider`
 * in the call service: lower-case letters, digits, `_` and `-`, starting with a letter.
 */
export type ProviderName = 'agora' | 'hms' | 'local' | (string & {});

export const CALL_TYPES: readonly CallType[] = ['audio', 'video'];
/** The built-in providers. */
export const PROVIDER_NAMES: readonly ('agora' | 'hms' | 'local')[] = ['agora', 'hms', 'local'];

/** A call as it travels in messages, channel data and events. Nothing secret. */
export interface Call {
  id: string;
  provider: ProviderName;
  type: CallType;
  agora?: { channel: string };
  hms?: { room_id: string; room_name: string };
  local?: { room: string };
  /**
   * A custom provider's part of the call, under its name (`{ provider: 'sfu', sfu: { room } }`):
   * what its `parseRoom` kept.
   */
  [provider: string]: unknown;
}

/** What a member needs to join: their own credentials, never posted anywhere. */
export interface CallToken {
  token: string;
  agora_uid?: number;
  agora_app_id?: string;
}

export interface CreateCallRequest {
  id: string;
  type: CallType;
  options?: Record<string, unknown>;
}

export interface CreateCallResponse extends CallToken {
  call: Call;
  duration?: string;
}

export interface CallTokenResponse extends CallToken {
  duration?: string;
}

export interface CallParticipant {
  user_id: string;
  name?: string;
  image?: string;
  joined_at: string;
}

/** Live state of a call (our extension of the contract). */
export interface CallLiveState {
  call: Call;
  state: 'ongoing' | 'ended';
  participants: CallParticipant[];
  started_at: string;
  ended_at?: string | null;
  created_by?: { id: string; name?: string; image?: string };
}

/** A channel reference, as stream-chat's Channel has it. */
export interface ChannelRef {
  type: string;
  id?: string;
  cid?: string;
}
