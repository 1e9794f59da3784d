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
export {
  ConfigError,
  ENV_VARIABLES,
  type EnvVariable,
  envHelp,
  fromEnv,
  providersFromEnv,
} from './env';
export {
  badRequest,
  CallError,
  type CallErrorKind,
  type ErrorBody,
  ErrorCode,
  forbidden,
  HttpError,
  notFound,
  toHttpError,
  unauthorized,
} from './errors';
export { type Hs256Key, type Hs256Options, hs256, JwtError, type VerifyOptions } from './jwt';
export { escapeLog } from './log';
export { streamEvents, streamMembership } from './membership/stream';
export { clientErrorHandler } from './node';
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
export {
  type CallRegistry,
  type CallSummary,
  type Change,
  DEFAULT_POOL_SIZE,
  type JoinResult,
  MAX_ATTENDEES,
  type Person,
  type PostgresRegistryOptions,
  postgresCallRegistry,
  type StoredCall,
  sqliteCallRegistry,
  type TakeOut,
} from './registry';
export {
  createCallService,
  DEFAULT_EMPTY_CALL_GRACE_MS,
  DEFAULT_MEMBERSHIP_RECHECK_MS,
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
