/** Every failure the kit reports, as a code a UI can translate and an app can branch on. */
export type CallKitErrorCode =
  | 'invalid-request' // 400: the request was malformed
  | 'unauthorized' // 401: no, forged or expired user token
  | 'forbidden' // 403: not a member of the call's channel
  | 'call-not-found' // 404
  | 'call-id-conflict' // 409: the id belongs to a call in another channel
  | 'rate-limited' // 429
  | 'server-error' // 5xx
  | 'network-error' // no answer at all
  | 'timeout' // no answer in time
  | 'token-fetch-failed' // any other failure fetching a call token
  | 'invalid-call' // an untrusted call that did not parse
  | 'provider-not-configured' // the call's provider is not registered in CallsProvider
  | 'provider-join-failed'
  | 'permission-denied' // camera/microphone permission refused
  | 'device-not-found'
  | 'device-in-use'
  | 'connection-lost'
  | 'invalid-transition' // a programming error: a state change the state machine refuses
  | 'aborted';

/** Codes for which trying again may succeed without the user changing anything. */
const RECOVERABLE: ReadonlySet<CallKitErrorCode> = new Set<CallKitErrorCode>([
  'rate-limited',
  'server-error',
  'network-error',
  'timeout',
  'token-fetch-failed',
  'provider-join-failed',
  'device-in-use',
  'connection-lost',
]);

export interface CallKitErrorOptions {
  cause?: unknown;
  recoverable?: boolean;
  /** HTTP status, when the error came from an HTTP answer. */
  status?: number;
  /** Stream's numeric error code from the body, when there was one. */
  apiCode?: number;
}

export class CallKitError extends Error {
  override readonly name = 'CallKitError';
  readonly code: CallKitErrorCode;
  readonly recoverable: boolean;
  readonly status?: number;
  readonly apiCode?: number;

  constructor(code: CallKitErrorCode, message: string, options: CallKitErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.recoverable = options.recoverable ?? RECOVERABLE.has(code);
    if (options.status !== undefined) this.status = options.status;
    if (options.apiCode !== undefined) this.apiCode = options.apiCode;
  }
}

export function isCallKitError(e: unknown): e is CallKitError {
  return e instanceof CallKitError;
}

/** The code for an HTTP status from the call API. */
export function codeForStatus(status: number): CallKitErrorCode {
  if (status === 400 || status === 413 || status === 422) return 'invalid-request';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'call-not-found';
  if (status === 409) return 'call-id-conflict';
  if (status === 429) return 'rate-limited';
  if (status === 408 || status === 504) return 'timeout';
  if (status >= 500) return 'server-error';
  return 'token-fetch-failed';
}

const DEFAULT_MESSAGES: Record<CallKitErrorCode, string> = {
  'invalid-request': 'The call request was not valid.',
  unauthorized: 'Your session has expired. Sign in again to join calls.',
  forbidden: 'You are not a member of this channel.',
  'call-not-found': 'This call no longer exists.',
  'call-id-conflict': 'This call id is already used in another channel.',
  'rate-limited': 'Too many requests. Wait a moment and try again.',
  'server-error': 'The call service had a problem. Try again.',
  'network-error': 'Could not reach the call service. Check your connection and try again.',
  timeout: 'The call service did not answer in time. Try again.',
  'token-fetch-failed': 'Could not get permission to join the call. Try again.',
  'invalid-call': "This call can't be joined.",
  'provider-not-configured': "This app can't join calls of this kind.",
  'provider-join-failed': 'Could not connect to the call. Try again.',
  'permission-denied': 'Camera or microphone access was denied.',
  'device-not-found': 'No camera or microphone was found.',
  'device-in-use': 'Your camera or microphone is in use by another app.',
  'connection-lost': 'The call lost its connection.',
  'invalid-transition': 'The call is not in a state that allows this.',
  aborted: 'The call was cancelled.',
};

/** The English sentence for a code: the i18n key the UI translates. */
export function defaultErrorMessage(code: CallKitErrorCode): string {
  return DEFAULT_MESSAGES[code];
}

export interface ApiErrorInput {
  status?: number;
  body?: unknown;
  cause?: unknown;
  timedOut?: boolean;
}

/**
 * Maps a failed call-API request onto a CallKitError: an HTTP answer with Stream's error body
 * `{ code, message, StatusCode }`, a network failure (no status) or a timeout.
 */
export function apiError({ status, body, cause, timedOut }: ApiErrorInput): CallKitError {
  if (timedOut) return new CallKitError('timeout', DEFAULT_MESSAGES.timeout, { cause });
  if (status === undefined || status === 0) {
    return new CallKitError('network-error', DEFAULT_MESSAGES['network-error'], { cause });
  }
  const code = codeForStatus(status);
  const b = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const serverMessage = typeof b.message === 'string' ? b.message.slice(0, 500) : undefined;
  const apiCode = typeof b.code === 'number' ? b.code : undefined;
  return new CallKitError(code, serverMessage ?? DEFAULT_MESSAGES[code], {
    cause,
    status,
    apiCode,
  });
}

/** Any thrown value as a CallKitError, keeping one that already is. */
export function toCallKitError(e: unknown, fallback: CallKitErrorCode): CallKitError {
  if (e instanceof CallKitError) return e;
  // Not `instanceof Error`: a DOMException is not an Error in every realm (jsdom, workers).
  const name = e !== null && typeof e === 'object' ? (e as { name?: unknown }).name : undefined;
  if (name === 'AbortError') {
    return new CallKitError('aborted', DEFAULT_MESSAGES.aborted, { cause: e });
  }
  if (name === 'TimeoutError') {
    return new CallKitError('timeout', DEFAULT_MESSAGES.timeout, { cause: e });
  }
  return new CallKitError(fallback, DEFAULT_MESSAGES[fallback], { cause: e });
}
