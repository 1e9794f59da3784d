/** Every failure the kit reports, as a code a UI can translate and an app can branch on. */
export type CallKitErrorCode =
  | 'invalid-request' // 400: the request was malformed
  | 'unauthorized' // 401: no, forged or expired user token
  | 'forbidden' // 403: not a member of the call's channel
  | 'call-not-found' // 404
  | 'call-ended' // 410: the call's session has ended (joining never reopens it)
  | 'call-id-conflict' // 409: the id belongs to a call in another channel
  | 'rate-limited' // 429
  | 'server-error' // 5xx
  | 'network-error' // no answer at all
  | 'timeout' // no answer in time
  | 'token-fetch-failed' // any other failure fetching a call token
  | 'invalid-call' // an untrusted call that did not parse
  | 'provider-not-configured' // the call's provider is not registered in CallsProvider
  | 'provider-sdk-missing' // the provider's SDK package is not installed in the app
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

/** What a CallKitError carries besides its code and message. */
export interface CallKitErrorOptions {
  /** The error underneath (an SDK's, a network failure). */
  cause?: unknown;
  /** Whether trying again may succeed without the user changing anything (default: by code). */
  recoverable?: boolean;
  /** HTTP status, when the error came from an HTTP answer. */
  status?: number;
  /** Stream's numeric error code from the body, when there was one. */
  apiCode?: number;
  /**
   * Values for the placeholders of the code's sentence (`{{ package }}`), which a UI passes to
   * `t` with it: `t(defaultErrorMessage(error.code), error.values)`.
   */
  values?: Readonly<Record<string, string>>;
}

/**
 * Every failure the kit reports: a `code` a UI translates (`defaultErrorMessage(code)` is the
 * English sentence and i18n key) and an app branches on, whether a retry may help, and the cause.
 */
export class CallKitError extends Error {
  override readonly name = 'CallKitError';
  /** What failed, as a code to translate and branch on. */
  readonly code: CallKitErrorCode;
  /** Whether trying again may succeed without the user changing anything. */
  readonly recoverable: boolean;
  /** HTTP status, when the error came from an HTTP answer. */
  readonly status?: number;
  /** Stream's numeric error code from the answer's body, when there was one. */
  readonly apiCode?: number;
  /** Values for the placeholders of the code's sentence (see `CallKitErrorOptions.values`). */
  readonly values?: Readonly<Record<string, string>>;

  constructor(code: CallKitErrorCode, message: string, options: CallKitErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.recoverable = options.recoverable ?? RECOVERABLE.has(code);
    if (options.status !== undefined) this.status = options.status;
    if (options.apiCode !== undefined) this.apiCode = options.apiCode;
    if (options.values !== undefined) this.values = options.values;
  }
}

/** Whether a thrown value is a CallKitError. */
export function isCallKitError(e: unknown): e is CallKitError {
  return e instanceof CallKitError;
}
