/**
 * Stream-shaped API errors: `{ code, message, StatusCode, duration, more_info? }`.
 *
 * Numeric codes follow Stream's error-code table where one exists:
 * 4 input error (400, 405, 408, 413, 431), 5 authentication error (401), 40 token expired (401),
 * 2 API key error (401), 43 token signature invalid (401), 16 does not exist (404), 17 not allowed (403), 9 rate limited (429),
 * 6 duplicate (409: call id used by another channel), 0 internal error (5xx).
 */
export const ErrorCode = {
  Internal: 0,
  ApiKey: 2,
  Input: 4,
  Authentication: 5,
  Duplicate: 6,
  RateLimited: 9,
  NotFound: 16,
  NotAllowed: 17,
  TokenExpired: 40,
  TokenSignature: 43,
} as const;

/**
 * What went wrong, in the service's own words. The call logic, auth and body parsing throw
 * `CallError`s; `toHttpError` is the one place they become HTTP statuses and Stream codes.
 */
export type CallErrorKind =
  | 'invalid-request'
  | 'too-large'
  | 'headers-too-large'
  | 'request-timeout'
  | 'bad-api-key'
  | 'unauthenticated'
  | 'token-expired'
  | 'bad-signature'
  | 'not-a-member'
  | 'not-allowed'
  | 'not-found'
  | 'method-not-allowed'
  | 'call-ended'
  | 'id-taken'
  | 'rate-limited'
  | 'upstream-failed'
  | 'membership-unavailable'
  | 'provider-unavailable'
  | 'internal';

/**
 * An error of the service's, with its kind (`toHttpError` maps it to a status and Stream code)
 * and, for `rate-limited`, when to try again. Its message goes to the client: no secrets in it.
 */
export class CallError extends Error {
  override readonly name = 'CallError';
  constructor(
    readonly kind: CallErrorKind,
    message: string,
    readonly details: { retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
  }
}

/** Each kind's HTTP status and Stream error code. */
const HTTP: Record<CallErrorKind, readonly [status: number, code: number]> = {
  'invalid-request': [400, ErrorCode.Input],
  'too-large': [413, ErrorCode.Input],
  'headers-too-large': [431, ErrorCode.Input],
  'request-timeout': [408, ErrorCode.Input],
  'bad-api-key': [401, ErrorCode.ApiKey],
  unauthenticated: [401, ErrorCode.Authentication],
  'token-expired': [401, ErrorCode.TokenExpired],
  'bad-signature': [401, ErrorCode.TokenSignature],
  'not-a-member': [403, ErrorCode.NotAllowed],
  'not-allowed': [403, ErrorCode.NotAllowed],
  'not-found': [404, ErrorCode.NotFound],
  'method-not-allowed': [405, ErrorCode.Input],
  'call-ended': [410, ErrorCode.NotFound],
  'id-taken': [409, ErrorCode.Duplicate],
  'rate-limited': [429, ErrorCode.RateLimited],
  'upstream-failed': [502, ErrorCode.Internal],
  'membership-unavailable': [503, ErrorCode.Internal],
  'provider-unavailable': [503, ErrorCode.Internal],
  internal: [500, ErrorCode.Internal],
};

/** An error as the wire carries it: status, Stream code, message, headers. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly moreInfo?: string,
    /** Extra response headers (e.g. `Retry-After`). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

/** The one mapping from the service's errors to HTTP. */
export function toHttpError(e: CallError): HttpError {
  const [status, code] = HTTP[e.kind];
  const headers =
    e.details.retryAfterSeconds === undefined
      ? undefined
      : { 'Retry-After': String(e.details.retryAfterSeconds) };
  return new HttpError(status, code, e.message, undefined, headers);
}

/** A 400: the request is malformed (`invalid-request`). */
export const badRequest = (message: string) => new CallError('invalid-request', message);
/** A 401: no valid user token or API key (`unauthenticated` unless another kind is given). */
export const unauthorized = (
  message: string,
  kind: 'unauthenticated' | 'bad-api-key' | 'token-expired' | 'bad-signature' = 'unauthenticated',
) => new CallError(kind, message);
/** A 403: the user may not do this (`not-allowed`). */
export const forbidden = (message: string) => new CallError('not-allowed', message);
/** A 404: what was asked for does not exist (`not-found`). */
export const notFound = (message: string) => new CallError('not-found', message);
export const conflict = (message: string) => new CallError('id-taken', message);
export const tooLarge = (message: string) => new CallError('too-large', message);
export const rateLimited = (retryAfterSeconds: number) =>
  new CallError('rate-limited', 'Too many requests, slow down.', { retryAfterSeconds });
export const upstreamFailed = (message: string) => new CallError('upstream-failed', message);

/** An error answer's JSON body, as Stream shapes it. */
export interface ErrorBody {
  /** Stream's numeric error code (see `ErrorCode`). */
  code: number;
  /** What went wrong, for the developer (never a token). */
  message: string;
  /** The HTTP status, repeated. */
  StatusCode: number;
  /** How long the service took, e.g. `"1.23ms"`. */
  duration: string;
  /** More about the error, when the service has more to say (Stream's field). */
  more_info?: string;
}

const JWT_LIKE = /ey[\w-]{8,}\.[\w-]{8,}\.[\w-]*/g;

/** An internal error for the log: name and a bounded message, anything JWT-shaped removed. */
export function describeInternal(e: Error): string {
  return `${e.name}: ${e.message.slice(0, 300).replace(JWT_LIKE, '[token]')}`;
}

/** Stream formats durations like `1.23ms`. */
export function formatDuration(startedMs: number): string {
  return `${(performance.now() - startedMs).toFixed(2)}ms`;
}

export function errorBody(e: HttpError, startedMs: number): ErrorBody {
  const body: ErrorBody = {
    code: e.code,
    message: e.message,
    StatusCode: e.status,
    duration: formatDuration(startedMs),
  };
  if (e.moreInfo) body.more_info = e.moreInfo;
  return body;
}
