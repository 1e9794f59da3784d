import { CallKitError, type CallKitErrorCode } from './CallKitError';

// The class lives in its own module so that code which only throws or checks errors does not
// load the message table below.
export {
  CallKitError,
  type CallKitErrorCode,
  type CallKitErrorOptions,
  isCallKitError,
} from './CallKitError';

/** The code for an HTTP status from the call API. */
export function codeForStatus(status: number): CallKitErrorCode {
  if (status === 400 || status === 413 || status === 422) return 'invalid-request';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'call-not-found';
  if (status === 409) return 'call-id-conflict';
  if (status === 410) return 'call-ended';
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
  'call-ended': 'This call has ended.',
  'call-id-conflict': 'This call id is already used in another channel.',
  'rate-limited': 'Too many requests. Wait a moment and try again.',
  'server-error': 'The call service had a problem. Try again.',
  'network-error': 'Could not reach the call service. Check your connection and try again.',
  timeout: 'The call service did not answer in time. Try again.',
  'token-fetch-failed': 'Could not get permission to join the call. Try again.',
  'invalid-call': "This call can't be joined.",
  'provider-not-configured': "This app can't join calls of this kind.",
  'provider-sdk-missing':
    "This app can't join this call: the {{ package }} package is not installed.",
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

/** What `apiError` knows of a failed call-API request. */
export interface ApiErrorInput {
  /** The HTTP status (absent or 0: the request never got an answer). */
  status?: number;
  /** The answer's parsed body (Stream's `{ code, message, StatusCode }` when it is one). */
  body?: unknown;
  /** What was thrown, kept as the error's `cause`. */
  cause?: unknown;
  /** The request ran out of time (the error is `timeout`, whatever else is set). */
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
