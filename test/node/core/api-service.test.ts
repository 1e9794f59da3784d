import { StreamChat } from 'stream-chat';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callServiceApi, streamCallApi } from '../../../src/core/api';
import { CallKitError } from '../../../src/core/errors';
import { API_KEY, HttpDouble, streamClient, userJWT } from './http-double';

const expired = { code: 40, message: 'JWTAuth error: token has expired', StatusCode: 401 };

async function caught(p: Promise<unknown>): Promise<CallKitError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(CallKitError);
  return e as CallKitError;
}

describe('callServiceApi specifics', () => {
  const server = new HttpDouble();
  let base: string;

  beforeAll(async () => {
    base = await server.listen();
  });
  beforeEach(() => server.reset());
  afterAll(() => server.close());

  /** A token provider that signs a new token on every call, and counts the calls. */
  function provider() {
    const issued: string[] = [];
    const fn = async () => {
      const t = await userJWT('alice', { n: issued.length });
      issued.push(t);
      return t;
    };
    return { fn, issued };
  }

  it('retries once with a fresh token after 401 "token expired" (code 40)', async () => {
    const tokens = provider();
    const client = await streamClient(base, tokens.fn);
    const api = callServiceApi({ baseURL: base, client });
    server.answer({ status: 401, json: expired }, { status: 201, json: { token: 'call-token' } });
    expect(await api.getCallToken('abc')).toStrictEqual({ token: 'call-token' });
    expect(tokens.issued).toHaveLength(2);
    expect(server.requests.map((r) => r.headers.authorization)).toStrictEqual(tokens.issued);
    expect(server.requests[0]?.headers.authorization).not.toBe(
      server.requests[1]?.headers.authorization,
    );
    expect(server.requests[1]).toMatchObject({ method: 'POST', path: '/calls/abc', body: {} });
  });

  it('retries only once when the fresh token is refused too', async () => {
    const tokens = provider();
    const api = callServiceApi({ baseURL: base, client: await streamClient(base, tokens.fn) });
    server.answer({ status: 401, json: expired }, { status: 401, json: expired });
    const error = await caught(api.getCallToken('abc'));
    expect(error).toMatchObject({ code: 'unauthorized', apiCode: 40, status: 401 });
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry a 401 with another Stream code', async () => {
    const tokens = provider();
    const api = callServiceApi({ baseURL: base, client: await streamClient(base, tokens.fn) });
    server.answer({ status: 401, json: { code: 43, message: 'signature invalid' } });
    expect((await caught(api.getCallToken('abc'))).code).toBe('unauthorized');
    expect(server.requests).toHaveLength(1);
    expect(tokens.issued).toHaveLength(1);
  });

  it('does not retry with a static token (no provider to ask)', async () => {
    const api = callServiceApi({
      baseURL: base,
      client: await streamClient(base, await userJWT('alice')),
    });
    server.answer({ status: 401, json: expired });
    expect((await caught(api.getCallToken('abc'))).code).toBe('unauthorized');
    expect(server.requests).toHaveLength(1);
  });

  it('refuses to send anything before a user is connected', async () => {
    const client = new StreamChat(API_KEY, { baseURL: base });
    const api = callServiceApi({ baseURL: base, client });
    const error = await caught(api.getCallToken('abc'));
    expect(error.code).toBe('unauthorized');
    expect(server.requests).toHaveLength(0);
  });

  it('maps a failing token provider to unauthorized without a request', async () => {
    let calls = 0;
    const client = await streamClient(base, async () => {
      calls += 1;
      if (calls > 1) throw new Error('auth backend down');
      return userJWT('alice');
    });
    const api = callServiceApi({ baseURL: base, client });
    server.answer({ status: 401, json: expired });
    const error = await caught(api.getCallToken('abc'));
    expect(error.code).toBe('unauthorized');
    expect(server.requests).toHaveLength(1);
  });

  it('maps a body that stalls after the headers to timeout', async () => {
    const api = callServiceApi({
      baseURL: base,
      client: await streamClient(base, await userJWT('alice')),
      timeoutMs: 150,
    });
    server.answer({ headersThenHang: true });
    expect((await caught(api.getCallToken('abc'))).code).toBe('timeout');
  });

  it('treats a 2xx answer that is not JSON as server-error', async () => {
    const api = callServiceApi({
      baseURL: base,
      client: await streamClient(base, await userJWT('alice')),
    });
    server.answer({ status: 200, text: '<html>captive portal</html>' });
    expect((await caught(api.getCallToken('abc'))).code).toBe('server-error');
  });

  it('sends no body and no Content-Type on GET, and keeps the base path', async () => {
    const api = callServiceApi({
      baseURL: `${base}/calls-service//`,
      client: await streamClient(base, await userJWT('alice')),
    });
    server.answer({ status: 500, json: { code: 4, message: 'down' } });
    await caught(api.getCallState('abc'));
    const [req] = server.requests;
    expect(req).toMatchObject({ method: 'GET', path: '/calls-service/calls/abc', rawBody: '' });
    expect(req?.headers['content-type']).toBeUndefined();
    expect(req?.query.get('api_key')).toBe(API_KEY);
  });
});

describe('streamCallApi specifics', () => {
  const server = new HttpDouble();
  let base: string;

  beforeAll(async () => {
    base = await server.listen();
  });
  beforeEach(() => server.reset());
  afterAll(() => server.close());

  it("sends the stream-chat client's own query: user_id and api_key, no connection id", async () => {
    const api = streamCallApi(await streamClient(base, await userJWT('bob'), 'bob'));
    server.answer({ status: 201, json: { token: 't' } });
    await api.getCallToken('abc');
    const [req] = server.requests;
    expect(req?.query.get('user_id')).toBe('bob');
    expect(req?.query.get('api_key')).toBe(API_KEY);
    expect(req?.query.has('connection_id')).toBe(false);
  });
});
