import { describe, expect, it, test } from 'vitest';
import {
  apiError,
  CallKitError,
  type CallKitErrorCode,
  codeForStatus,
  defaultErrorMessage,
  isCallKitError,
  toCallKitError,
} from '../../../src/core/errors';

describe('apiError: failed API requests as CallKitError codes', () => {
  test.each<[string, Parameters<typeof apiError>[0], CallKitErrorCode, boolean]>([
    ['400 malformed', { status: 400 }, 'invalid-request', false],
    ['401 bad token', { status: 401 }, 'unauthorized', false],
    ['403 not a member', { status: 403 }, 'forbidden', false],
    ['404 unknown call', { status: 404 }, 'call-not-found', false],
    ['409 id used elsewhere', { status: 409 }, 'call-id-conflict', false],
    ['413 body too large', { status: 413 }, 'invalid-request', false],
    ['429 too many requests', { status: 429 }, 'rate-limited', true],
    ['500 internal error', { status: 500 }, 'server-error', true],
    ['502 bad gateway', { status: 502 }, 'server-error', true],
    ['503 unavailable', { status: 503 }, 'server-error', true],
    ['504 gateway timeout', { status: 504 }, 'timeout', true],
    [
      'network failure (no status)',
      { cause: new TypeError('fetch failed') },
      'network-error',
      true,
    ],
    ['status 0 (browser network failure)', { status: 0 }, 'network-error', true],
    ['timeout', { timedOut: true }, 'timeout', true],
    ['timeout wins over a status', { status: 500, timedOut: true }, 'timeout', true],
  ])('%s → %s (recoverable: %s)', (_name, input, code, recoverable) => {
    const error = apiError(input);
    expect(error).toBeInstanceOf(CallKitError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('CallKitError');
    expect(error.code).toBe(code);
    expect(error.recoverable).toBe(recoverable);
    expect(error.message).toBe(defaultErrorMessage(code));
    expect(error.status).toBe(input.timedOut || !input.status ? undefined : input.status);
  });

  test.each([
    [400, 'invalid-request'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'call-not-found'],
    [408, 'timeout'],
    [409, 'call-id-conflict'],
    [413, 'invalid-request'],
    [422, 'invalid-request'],
    [429, 'rate-limited'],
    [418, 'token-fetch-failed'],
    [500, 'server-error'],
    [503, 'server-error'],
    [504, 'timeout'],
    [599, 'server-error'],
  ] as const)('codeForStatus(%i) is %s', (status, code) => {
    expect(codeForStatus(status)).toBe(code);
  });

  it("keeps a Stream error body's message and code", () => {
    const error = apiError({
      status: 403,
      body: { code: 17, message: 'User is not a member of the channel', StatusCode: 403 },
    });
    expect(error).toMatchObject({
      code: 'forbidden',
      message: 'User is not a member of the channel',
      apiCode: 17,
      status: 403,
      recoverable: false,
    });
  });

  it('caps a huge server message at 500 characters', () => {
    const error = apiError({ status: 500, body: { code: 4, message: 'x'.repeat(10_000) } });
    expect(error.message).toHaveLength(500);
  });

  test.each([
    ['a non-JSON body (undefined after parsing)', undefined],
    ['an HTML error page', '<html><body>Bad Gateway</body></html>'],
    ['null', null],
    ['an array', [{ message: 'no' }]],
    ['a message that is not a string', { code: 'x', message: { html: '<b>' } }],
  ])('uses the default message for %s', (_name, body) => {
    const error = apiError({ status: 502, body });
    expect(error.message).toBe(defaultErrorMessage('server-error'));
    expect(error.apiCode).toBeUndefined();
  });

  it('keeps the cause', () => {
    const cause = new Error('socket hang up');
    expect(apiError({ cause }).cause).toBe(cause);
  });
});

describe('toCallKitError', () => {
  it('keeps a CallKitError as it is', () => {
    const original = new CallKitError('forbidden', 'no');
    expect(toCallKitError(original, 'server-error')).toBe(original);
  });

  test.each([
    ['a DOMException AbortError', new DOMException('stop', 'AbortError')],
    ['an Error named AbortError', Object.assign(new Error('stop'), { name: 'AbortError' })],
    ['a plain object named AbortError', { name: 'AbortError', message: 'stop' }],
  ])('maps %s to aborted', (_name, e) => {
    const error = toCallKitError(e, 'provider-join-failed');
    expect(error.code).toBe('aborted');
    expect(error.recoverable).toBe(false);
    expect(error.cause).toBe(e);
  });

  it('maps a TimeoutError (AbortSignal.timeout) to timeout', () => {
    const e = new DOMException('slow', 'TimeoutError');
    expect(toCallKitError(e, 'provider-join-failed')).toMatchObject({ code: 'timeout', cause: e });
  });

  test.each([
    ['an Error', new Error('boom')],
    ['a string', 'boom'],
    ['undefined', undefined],
    ['an object', { code: 'forbidden' }],
  ])('maps %s to the fallback code', (_name, e) => {
    const error = toCallKitError(e, 'provider-join-failed');
    expect(error.code).toBe('provider-join-failed');
    expect(error.recoverable).toBe(true);
    expect(error.message).toBe(defaultErrorMessage('provider-join-failed'));
  });
});

describe('CallKitError', () => {
  it('lets the caller override recoverable', () => {
    expect(new CallKitError('server-error', 'x', { recoverable: false }).recoverable).toBe(false);
    expect(new CallKitError('forbidden', 'x', { recoverable: true }).recoverable).toBe(true);
  });

  it('is recognised by isCallKitError and nothing else is', () => {
    expect(isCallKitError(new CallKitError('aborted', 'x'))).toBe(true);
    expect(isCallKitError(new Error('x'))).toBe(false);
    expect(isCallKitError({ code: 'aborted', name: 'CallKitError' })).toBe(false);
  });
});
