/** The wire types of the call contract (see README "Wire contract"). */

/** An audio call never publishes a camera. */
export type CallType = 'audio' | 'video';
/**
 * A call provider's name. `agora`, `hms` and `local` are built in; an app adds its own (Daily,
 * LiveKit, its own SFU) under another name, as a `CallProvider` in the kit and a `ServerProvider`
 * in the call service: lower-case letters, digits, `_` and `-`, starting with a letter.
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
  /** Whose room it is: the kit joins through the registered provider of this name. */
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
   * what its `parseRoom` kept.
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

/** CreateCall's body. */
export interface CreateCallRequest {
  /** The new call's id (see `createCallId`, `channelCallId`). */
  id: string;
  /** Audio or video. */
  type: CallType;
  /** Passed to the call service as they are, e.g. `{ provider: 'hms' }`. */
  options?: Record<string, unknown>;
}

/** CreateCall's answer: the call, and the starter's own token. */
export interface CreateCallResponse extends CallToken {
  /** The call as created: its public fields, to announce. */
  call: Call;
  /** The call's session this answer belongs to (1 when the service does not say). */
  session: number;
  /** How long the service took (Stream's convention), e.g. `"3.12ms"`. */
  duration?: string;
}

/** GetCallToken's answer: this user's token. */
export interface CallTokenResponse extends CallToken {
  /** How long the service took (Stream's convention). */
  duration?: string;
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

/** Live state of a call (our extension of the contract). */
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

/** A channel reference, as stream-chat's Channel has it. */
export interface ChannelRef {
  /** `messaging`, … */
  type: string;
  /** The channel id (absent for a channel not created yet). */
  id?: string;
  /** `type:id`. */
  cid?: string;
}
