/**
 * The wire contract this service serves (CreateCall, GetCallToken and the live-state extension),
 * as the service sees it. The browser kit declares the same contract from the client's side
 * (`stream-chat-calls`, src/core/types.ts); the repository's contract test holds the two equal.
 */
import { createHash } from 'node:crypto';

/** An audio call never publishes a camera. */
export type CallType = 'audio' | 'video';
/**
 * A call provider's name. `agora`, `hms` and `local` are built in; an app adds its own as a
 * `ServerProvider` (`createCallService({ customProviders })`) and a `CallProvider` in the kit:
 * lower-case letters, digits, `_` and `-`, starting with a letter.
 */
export type ProviderName = 'agora' | 'hms' | 'local' | (string & {});

/** Both call types. */
export const CALL_TYPES: readonly CallType[] = ['audio', 'video'];
/** The built-in providers. */
export const PROVIDER_NAMES: readonly ('agora' | 'hms' | 'local')[] = ['agora', 'hms', 'local'];

/** A call as it travels in messages, channel data and events. Nothing secret. */
export interface Call {
  /** `[a-z0-9_-]`, 1–64 characters (stored lower-case); unique across the app's channels. */
  id: string;
  /** Whose room it is: the provider that created it and mints its tokens. */
  provider: ProviderName;
  /** Audio or video. */
  type: CallType;
  /** The Agora channel (provider `agora`). */
  agora?: { channel: string };
  /** The 100ms room (provider `hms`). */
  hms?: { room_id: string; room_name: string };
  /** The local WebRTC room (provider `local`). */
  local?: { room: string };
  /**
   * A custom provider's part of the call, under its name (`{ provider: 'sfu', sfu: { room } }`):
   * what its `createRoom` returned.
   */
  [provider: string]: unknown;
}

/** What a member needs to join: their own credentials, never posted anywhere. */
export interface CallToken {
  /** The provider's token for this user and call. */
  token: string;
  /** Agora only: the uid the token was minted for. */
  agora_uid?: number;
  /** Agora only: the app id to join with. */
  agora_app_id?: string;
}

/** Someone in (or, once ended, who was in) a call. */
export interface CallParticipant {
  /** Their chat user id. */
  user_id: string;
  /** Their display name, when known. */
  name?: string;
  /** Their avatar URL, when known. */
  image?: string;
  /** ISO 8601. */
  joined_at: string;
}

/**
 * Why a call's session ended. `'ended'`: someone ended it for everyone; `'empty'`: its last
 * participant left (or went silent) and the grace period passed; the others: the starter's
 * client ended a ringing 1:1 call for that reason.
 */
export type CallEndReason = 'ended' | 'empty' | 'no-answer' | 'declined' | 'busy' | 'cancelled';

/** The reasons a client may give when it ends a call (`'empty'` is the service's own). */
export type ClientEndReason = Exclude<CallEndReason, 'empty'>;

/** Every `CallEndReason`, to check untrusted input against. */
export const CALL_END_REASONS: readonly CallEndReason[] = [
  'ended',
  'empty',
  'no-answer',
  'declined',
  'busy',
  'cancelled',
];

/** Live state of a call (the extension of the contract). */
export interface CallLiveState {
  /** The call. */
  call: Call;
  /** 1 for a call's first period; CreateCall on an ended call with the same id starts the next. */
  session: number;
  /** Grows with every change of the call, across its sessions: keep the highest per call id. */
  version: number;
  /** Whether the session is still going on. */
  state: 'ongoing' | 'ended';
  /** In the call now (empty once ended). */
  participants: CallParticipant[];
  /** Everyone who joined during this session, first join time kept; at most 100. Kept once ended. */
  attendees: CallParticipant[];
  /** ISO 8601. */
  started_at: string;
  /** ISO 8601, once ended. */
  ended_at?: string | null;
  /** Why the session ended (absent while ongoing). */
  ended_reason?: CallEndReason;
  /** Who started this session. */
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

/** Ids with this prefix belong to one channel each (`channelCallId`). */
export const CHANNEL_CALL_ID_PREFIX = 'ch-';

/**
 * The call id of "the call of this channel" (the kit's `channelCallId`, computed the same way):
 * a slug of the cid plus the first 80 bits of SHA-256 of the exact cid. The service accepts a
 * `ch-` id only in the channel it derives from.
 */
export function channelCallId(cid: string): string {
  const slug = cid
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .slice(0, 40);
  return `ch-${slug}-${createHash('sha256').update(cid, 'utf8').digest('hex').slice(0, 20)}`;
}
