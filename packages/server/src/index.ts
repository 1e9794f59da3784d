/** `stream-chat-calls-server`: the call service (Node). */
export { type Authenticator, createAuthenticator } from './auth';
export { CallManager, toLiveState } from './calls';
export type * from './contract';
export {
  CALL_END_REASONS,
  CALL_TYPES,
  CHANNEL_CALL_ID_PREFIX,
  channelCallId,
  isValidCallId,
  normalizeCallId,
  PROVIDER_NAMES,
} from './contract';
export { fromEnv } from './env';
export {
  CallError,
  type CallErrorKind,
  type ErrorBody,
  ErrorCode,
  HttpError,
  toHttpError,
} from './errors';
export { type Hs256Key, hs256, JwtError } from './jwt';
export { streamEvents, streamMembership } from './membership/stream';
export {
  agoraProvider,
  agoraUid,
  buildProviders,
  HMS_DEFAULT_API_BASE,
  hmsProvider,
  LOCAL_TOKEN_AUDIENCE,
  type LocalTokenClaims,
  localProvider,
  type ServerProvider,
  type TokenUser,
} from './providers';
export { type CallRegistry, type StoredCall, sqliteCallRegistry } from './registry';
export {
  createCallService,
  DEFAULT_EMPTY_CALL_GRACE_MS,
  DEFAULT_PARTICIPANT_TTL_MS,
  DEFAULT_RATE_LIMIT_PER_MINUTE,
} from './service';
export {
  CLOSE_CALL_ENDED,
  CLOSE_ROOM_FULL,
  CLOSE_TOO_MANY_FRAMES,
  CLOSE_TRY_AGAIN_LATER,
  CLOSE_UNAUTHORIZED,
  DEFAULT_SIGNALING_LIMITS,
  MAX_PEERS_PER_ROOM,
  type SignalingLimits,
  type SignalingTuning,
} from './signaling';
export type * from './types';
