/**
 * The wire contract this service serves (CreateCall, GetCallToken and the live-state extension),
 * as the service sees it. The browser kit declares the same contract from the client's side
 * (`stream-chat-calls`, src/core/types.ts); the repository's contract test holds the two equal.
 */

export type CallType = 'audio' | 'video';
/**
 * A call provider's name. `agora`, `hms` and `local` are built in; an app adds its own as a
 * `ServerProvider` (`createCallService({ customProviders })`) and a `CallProvider` in the kit:
 * lower-case letters, digits, `_` and `-`, starting with a letter.
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
   * what its `createRoom` returned.
   */
  [provider: string]: unknown;
}

/** What a member needs to join: their own credentials, never posted anywhere. */
export interface CallToken {
  token: string;
  agora_uid?: number;
  agora_app_id?: string;
}

export interface CallParticipant {
  user_id: string;
  name?: string;
  image?: string;
  joined_at: string;
}

/** Live state of a call (the extension of the contract). */
export interface CallLiveState {
  call: Call;
  state: 'ongoing' | 'ended';
  participants: CallParticipant[];
  started_at: string;
  ended_at?: string | null;
  created_by?: { id: string; name?: string; image?: string };
}

const CALL_ID = /^[a-z0-9_-]{1,64}$/;

/** Call ids are case-insensitive: they are stored and compared in lower case. */
export function normalizeCallId(id: string): string {
  return id.trim().toLowerCase();
}

/** `[a-z0-9_-]`, 1–64 characters, after normalising (also a valid Agora channel name). */
export function isValidCallId(id: unknown): id is string {
  return typeof id === 'string' && CALL_ID.test(normalizeCallId(id));
}
