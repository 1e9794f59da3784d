/** The wire types of the call contract (see README "Wire contract"). */

export type CallType = 'audio' | 'video';
export type ProviderName = 'agora' | 'hms' | 'local';

export const CALL_TYPES: readonly CallType[] = ['audio', 'video'];
export const PROVIDER_NAMES: readonly ProviderName[] = ['agora', 'hms', 'local'];

/** A call as it travels in messages, channel data and events. Nothing secret. */
export interface Call {
  id: string;
  provider: ProviderName;
  type: CallType;
  agora?: { channel: string };
  hms?: { room_id: string; room_name: string };
  local?: { room: string };
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
  /** The call's session this answer belongs to (1 when the service does not say). */
  session: number;
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

/**
 * Why a call's session ended. `'ended'`: someone ended it for everyone; `'empty'`: its last
 * participant left (or went silent) and the grace period passed; the others: the starter's
 * client ended a ringing 1:1 call for that reason.
 */
export type CallEndReason = 'ended' | 'empty' | 'no-answer' | 'declined' | 'busy' | 'cancelled';

/** The reasons a client may give when it ends a call (`'empty'` is the service's own). */
export type ClientEndReason = Exclude<CallEndReason, 'empty'>;

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
  call: Call;
  /** 1 for a call's first period; CreateCall on an ended call with the same id starts the next. */
  session: number;
  /** Grows with every change of the call, across its sessions: keep the highest per call id. */
  version: number;
  state: 'ongoing' | 'ended';
  /** In the call now (empty once ended). */
  participants: CallParticipant[];
  /** Everyone who joined during this session, first join time kept; at most 100. Kept once ended. */
  attendees: CallParticipant[];
  started_at: string;
  ended_at?: string | null;
  /** Why the session ended (absent while ongoing). */
  ended_reason?: CallEndReason;
  /** Who started this session. */
  created_by?: { id: string; name?: string; image?: string };
}

/** A channel reference, as stream-chat's Channel has it. */
export interface ChannelRef {
  type: string;
  id?: string;
  cid?: string;
}
