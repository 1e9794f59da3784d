/**
 * Stream-shaped API errors: `{ code, message, StatusCode, duration, more_info? }`.
 *
 * Numeric codes follow Stream's error-code table where one exists:
 * 4 input error (400, 413), 5 authentication error (401), 40 token expired (401),
 * 2 API key error (401), 16 does not exist (404), 17 not allowed (403), 9 rate limited (429),
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
} as const;

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

export const badRequest = (message: string) => new HttpError(400, ErrorCode.Input, message);
export const unauthorized = (message: string, code: number = ErrorCode.Authentication) =>
  new HttpError(401, code, message);
export const forbidden = (message: string) => new HttpError(403, ErrorCode.NotAllowed, message);
export const notFound = (message: string) => new HttpError(404, ErrorCode.NotFound, message);
export const conflict = (message: string) => new HttpError(409, ErrorCode.Duplicate, message);
export const tooLarge = (message: string) => new HttpError(413, ErrorCode.Input, message);
export const rateLimited = (retryAfterSeconds: number) =>
  new HttpError(429, ErrorCode.RateLimited, 'Too many requests, slow down.', undefined, {
    'Retry-After': String(retryAfterSeconds),
  });
export const upstreamFailed = (message: string) => new HttpError(502, ErrorCode.Internal, message);

export interface ErrorBody {
  code: number;
  message: string;
  StatusCode: number;
  duration: string;
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
