import { afterAll, beforeAll, beforeEach, describe, expect, it, test, vi } from 'vitest';
import { type CallApi, callServiceApi, streamCallApi } from '../../../src/core/api';
import { CallKitError, type CallKitErrorCode } from '../../../src/core/errors';
import type { Call } from '../../../src/core/types';
import { API_KEY, closedPortURL, HttpDouble, streamClient, userJWT } from './http-double';

const call: Call = { id: 'abc', provider: 'agora', type: 'video', agora: { channel: 'abc' } };
const alice = { user_id: 'alice', joined_at: '2026-01-01T00:00:00Z' };
const liveState = {
  call,
  session: 2,
  version: 7,
  state: 'ongoing',
  participants: [alice],
  attendees: [alice, { user_id: 'bob', joined_at: '2026-01-01T00:00:01Z' }],
  started_at: '2026-01-01T00:00:00Z',
  ended_at: null,
};

async function caught(p: Promise<unknown>): Promise<CallKitError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(CallKitError);
  return e as CallKitError;
}

interface Setup {
  /** Path prefix the client puts before the contract paths. */
  prefix: string;
  make(base: string, token: string, timeoutMs?: number): Promise<CallApi>;
}

const clients: [string, Setup][] = [
  [
    'streamCallApi (stream-chat client)',
    {
      prefix: '',
      make: async (base, token, timeoutMs) =>
        streamCallApi(await streamClient(base, token), timeoutMs ? { timeoutMs } : {}),
    },
  ],
  [
    'callServiceApi (fetch)',
    {
      prefix: '/v1',
      make: async (base, token, timeoutMs) =>
        callServiceApi({
          baseURL: `${base}/v1/`,
          client: await streamClient(base, token),
          timeoutMs,
        }),
    },
  ],
];

describe.each(clients)('%s against a real HTTP server', (_name, setup) => {
  const server = new HttpDouble();
  let base: string;
  let token: string;
  let api: CallApi;
  const p = (path: string) => `${setup.prefix}${path}`;

  beforeAll(async () => {
    base = await server.listen();
    token = await userJWT('alice');
    api = await setup.make(base, token);
  });
  beforeEach(() => server.reset());
  afterAll(() => server.close());

  it('posts CreateCall to /channels/{type}/{id}/call with the JSON body', async () => {
    server.answer({
      status: 201,
      json: { call, token: 'call-token', agora_uid: 7, agora_app_id: 'app', duration: '1ms' },
    });
    const created = await api.createCall(
      { type: 'messaging', id: 'general' },
      { id: 'ABC', type: 'video' },
    );
    expect(created).toStrictEqual({
      call,
      session: 1,
      token: 'call-token',
      agora_uid: 7,
      agora_app_id: 'app',
      duration: '1ms',
    });
    const [req] = server.requests;
    expect(req).toMatchObject({ method: 'POST', path: p('/channels/messaging/general/call') });
    expect(req?.body).toStrictEqual({ id: 'abc', type: 'video' });
    expect(req?.headers['content-type']).toMatch(/^application\/json/);
  });

  it("reads the session CreateCall answers (the call's next one, after it ended)", async () => {
    server.answer({ status: 201, json: { call, session: 3, token: 't' } });
    const created = await api.createCall(
      { type: 'messaging', id: 'general' },
      { id: 'abc', type: 'video' },
    );
    expect(created.session).toBe(3);
  });

  it('authenticates like Stream: raw user JWT, stream-auth-type jwt, api_key', async () => {
    server.answer({ status: 201, json: { token: 't' } });
    await api.getCallToken('abc');
    const [req] = server.requests;
    expect(req?.headers.authorization).toBe(token);
    expect(req?.headers['stream-auth-type']).toBe('jwt');
    expect(req?.query.get('api_key')).toBe(API_KEY);
  });

  it('URL-encodes the channel type and id', async () => {
    server.answer({ status: 201, json: { call, token: 't' } });
    await api.createCall({ type: 'team x', id: 'a b/c?d#e%' }, { id: 'abc', type: 'audio' });
    expect(server.requests[0]?.path).toBe(p('/channels/team%20x/a%20b%2Fc%3Fd%23e%25/call'));
  });

  test.each<[string, (api: CallApi) => Promise<unknown>, string, string, unknown]>([
    ['getCallToken', (a) => a.getCallToken('CALL-Abc'), 'POST', '/calls/call-abc', {}],
    ['getCallState', (a) => a.getCallState('CALL-Abc'), 'GET', '/calls/call-abc', undefined],
    [
      'updateParticipation join',
      (a) => a.updateParticipation('CALL-Abc', 'join'),
      'POST',
      '/calls/call-abc/participants',
      { action: 'join' },
    ],
    [
      'updateParticipation leave',
      (a) => a.updateParticipation('CALL-Abc', 'leave'),
      'POST',
      '/calls/call-abc/participants',
      { action: 'leave' },
    ],
    ['endCall', (a) => a.endCall('CALL-Abc'), 'POST', '/calls/call-abc/end', {}],
    [
      'updateParticipation alive in session 2',
      (a) => a.updateParticipation('CALL-Abc', 'alive', { session: 2 }),
      'POST',
      '/calls/call-abc/participants',
      { action: 'alive', session: 2 },
    ],
    [
      'endCall with a reason',
      (a) => a.endCall('CALL-Abc', { reason: 'no-answer' }),
      'POST',
      '/calls/call-abc/end',
      { reason: 'no-answer' },
    ],
    [
      'endCall with a reason in session 4',
      (a) => a.endCall('CALL-Abc', { reason: 'declined', session: 4 }),
      'POST',
      '/calls/call-abc/end',
      { reason: 'declined', session: 4 },
    ],
  ])('%s: %s %s with the id in lower case', async (name, run, method, path, body) => {
    server.answer({ status: 201, json: name === 'getCallToken' ? { token: 't' } : liveState });
    await run(api);
    expect(server.requests).toHaveLength(1);
    const [req] = server.requests;
    expect(req?.method).toBe(method);
    expect(req?.path).toBe(p(path));
    expect(req?.body).toStrictEqual(body);
    expect(req?.query.get('session')).toBeNull();
  });

  it("asks for one session's state with ?session=N, authenticated as always", async () => {
    server.answer({ status: 200, json: { ...liveState, session: 1, state: 'ended' } });
    const past = await api.getCallState('ABC', { session: 1 });
    expect(past).toMatchObject({ session: 1, state: 'ended' });
    const [req] = server.requests;
    expect(req).toMatchObject({ method: 'GET', path: p('/calls/abc') });
    expect(req?.query.get('session')).toBe('1');
    expect(req?.query.get('api_key')).toBe(API_KEY);
  });

  it('reads the live state answer', async () => {
    server.answer({
      status: 200,
      json: { ...liveState, secret: 'x', call: { ...call, token: 't' } },
    });
    expect(await api.getCallState('abc')).toStrictEqual(liveState);
  });

  it("reads an older server's live state: session 1, version 0, attendees = participants", async () => {
    const { session: _s, version: _v, attendees: _a, ...old } = liveState;
    server.answer({ status: 200, json: old });
    expect(await api.getCallState('abc')).toStrictEqual({
      ...old,
      session: 1,
      version: 0,
      attendees: [alice],
    });
  });

  test.each([
    ['a session of 0', { session: 0 }],
    ['a fractional version', { version: 1.5 }],
    ['an unknown end reason', { state: 'ended', ended_reason: 'exploded' }],
    ['attendees that are not a list', { attendees: 'everyone' }],
  ])('reads a live state with %s without the bad field', async (_name, patch) => {
    server.answer({ status: 200, json: { ...liveState, ...patch } });
    const read = await api.getCallState('abc');
    expect(read.session).toBeGreaterThanOrEqual(1);
    expect(Number.isInteger(read.version)).toBe(true);
    expect(read).not.toHaveProperty('ended_reason');
    expect(Array.isArray(read.attendees)).toBe(true);
  });

  it('reads the end reason of an ended session', async () => {
    server.answer({ status: 200, json: { ...liveState, state: 'ended', ended_reason: 'busy' } });
    expect((await api.getCallState('abc')).ended_reason).toBe('busy');
  });

  test.each<[string, (api: CallApi) => Promise<unknown>]>([
    ['getCallToken with a space', (a) => a.getCallToken('a b')],
    ['getCallToken with a slash', (a) => a.getCallToken('../admin')],
    ['getCallToken with 65 chars', (a) => a.getCallToken('a'.repeat(65))],
    ['getCallState with an empty id', (a) => a.getCallState('')],
    ['endCall with unicode', (a) => a.endCall('café')],
    ['updateParticipation with %', (a) => a.updateParticipation('a%2F', 'join')],
    ['getCallState in session 0', (a) => a.getCallState('abc', { session: 0 })],
    ['endCall in session 1.5', (a) => a.endCall('abc', { session: 1.5 })],
    [
      'updateParticipation in session "2"',
      (a) => a.updateParticipation('abc', 'join', { session: '2' as unknown as number }),
    ],
    [
      'createCall with an invalid id',
      (a) => a.createCall({ type: 'messaging', id: 'x' }, { id: 'a:b', type: 'video' }),
    ],
    [
      'createCall with a bad type',
      (a) => a.createCall({ type: 'messaging', id: 'x' }, { id: 'ab', type: 'screen' as 'video' }),
    ],
    [
      'createCall in a channel without id',
      (a) => a.createCall({ type: 'messaging' }, { id: 'ab', type: 'video' }),
    ],
  ])('refuses %s before sending anything', async (_name, run) => {
    const error = await caught(run(api));
    expect(error.code).toBe('invalid-request');
    expect(server.requests).toHaveLength(0);
  });

  test.each<[number, CallKitErrorCode, boolean]>([
    [400, 'invalid-request', false],
    [401, 'unauthorized', false],
    [403, 'forbidden', false],
    [404, 'call-not-found', false],
    [409, 'call-id-conflict', false],
    [410, 'call-ended', false],
    [429, 'rate-limited', true],
    [500, 'server-error', true],
  ])('maps an HTTP %i answer to %s', async (status, code, recoverable) => {
    const message = `Stream says ${status}`;
    server.answer({ status, json: { code: 17, message, StatusCode: status, duration: '0ms' } });
    const error = await caught(api.getCallToken('abc'));
    expect(error).toMatchObject({ code, recoverable, status, apiCode: 17, message });
  });

  it('maps a non-JSON 502 page to server-error with the default message', async () => {
    server.answer({ status: 502, text: '<html>Bad Gateway</html>' });
    const error = await caught(api.getCallToken('abc'));
    expect(error).toMatchObject({ code: 'server-error', status: 502 });
    expect(error.message).not.toContain('<html>');
  });

  test.each<[string, unknown]>([
    ['a CreateCall answer without token', { call }],
    ['a CreateCall answer with an empty token', { call, token: '' }],
    [
      'a CreateCall answer with a junk call',
      { call: { id: '<script>', provider: 'x' }, token: 't' },
    ],
    ['a CreateCall answer without call', { token: 't' }],
    ['a CreateCall answer with a negative Agora uid', { call, token: 't', agora_uid: -1 }],
    ['a CreateCall answer that is an array', [{ call, token: 't' }]],
  ])('rejects %s as server-error', async (_name, json) => {
    server.answer({ status: 201, json });
    const error = await caught(
      api.createCall({ type: 'messaging', id: 'general' }, { id: 'abc', type: 'video' }),
    );
    expect(error.code).toBe('server-error');
  });

  test.each<[string, unknown]>([
    ['a live state without call', { state: 'ongoing', participants: [] }],
    ['a live state with an unknown state', { ...liveState, state: 'paused' }],
  ])('rejects %s as server-error', async (_name, json) => {
    server.answer({ status: 200, json });
    expect((await caught(api.endCall('abc'))).code).toBe('server-error');
  });

  it('maps a closed port to network-error', async () => {
    const offline = await setup.make(await closedPortURL(), token);
    const error = await caught(offline.getCallToken('abc'));
    expect(error).toMatchObject({ code: 'network-error', recoverable: true });
  });

  it('maps a server that never answers to timeout', async () => {
    const slow = await setup.make(base, token, 150);
    server.answer({ hang: true });
    const started = Date.now();
    const error = await caught(slow.getCallToken('abc'));
    expect(error).toMatchObject({ code: 'timeout', recoverable: true });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('maps a cancelled request to aborted', async () => {
    server.answer({ hang: true });
    const controller = new AbortController();
    const pending = caught(api.getCallToken('abc', { signal: controller.signal }));
    await expect.poll(() => server.requests.length).toBe(1);
    controller.abort();
    expect((await pending).code).toBe('aborted');
  });
});

describe('keepalive requests (the leave report when the page goes away)', () => {
  const server = new HttpDouble();
  let base: string;
  let token: string;
  beforeAll(async () => {
    base = await server.listen();
    token = await userJWT('alice');
  });
  beforeEach(() => server.reset());
  afterAll(() => server.close());

  test.each<[string, (base: string, client: Awaited<ReturnType<typeof streamClient>>) => CallApi]>([
    ['streamCallApi', (_base, client) => streamCallApi(client)],
    // The fetch in use when the client is made: the spy below.
    [
      'callServiceApi',
      (b, client) => callServiceApi({ baseURL: b, client, fetch: globalThis.fetch }),
    ],
  ])(
    '%s starts it before returning: fetch keepalive, the user token, the contract path',
    async (_name, make) => {
      const fetchSpy = vi.spyOn(globalThis, 'fetch');
      try {
        const api = make(base, await streamClient(base, token));
        // The request code loads with the first request; a page in a call has made one long since.
        server.answer({ status: 200, json: liveState });
        await api.getCallState('abc');
        fetchSpy.mockClear();
        server.answer({ status: 201, json: liveState });
        const pending = api.updateParticipation('ABC', 'leave', { keepalive: true });
        expect(fetchSpy).toHaveBeenCalledTimes(1);
        expect(fetchSpy.mock.calls[0]?.[1]).toMatchObject({ method: 'POST', keepalive: true });
        await expect(pending).resolves.toMatchObject({ state: 'ongoing' });
        const req = server.requests.at(-1);
        expect(req).toMatchObject({ method: 'POST', path: '/calls/abc/participants' });
        expect(req?.body).toStrictEqual({ action: 'leave' });
        expect(req?.headers.authorization).toBe(token);
        expect(req?.headers['stream-auth-type']).toBe('jwt');
        expect(req?.query.get('api_key')).toBe(API_KEY);
      } finally {
        fetchSpy.mockRestore();
      }
    },
  );
});
