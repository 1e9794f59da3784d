import { afterEach, describe, expect, it, test } from 'vitest';
import { type CallRegistry, sqliteCallRegistry } from '../src';
import { API_KEY, type Harness, startService, userToken } from './helpers';

// nodeHandler serves the routes on node:http directly; `fetch` goes through Hono. Both must give
// the same answers: status, body (but `duration`), content type, Retry-After and CORS headers.
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

interface Case {
  method: string;
  path: string;
  user?: string;
  token?: string;
  body?: string;
  headers?: Record<string, string>;
}

const ORIGIN = 'http://app.test';

async function viaNode(h: Harness, c: Case) {
  return normalise(
    await fetch(`${h.base}${c.path}`, {
      method: c.method,
      headers: await headersOf(c),
      ...(c.body !== undefined ? { body: c.body } : {}),
    }),
  );
}

async function viaFetch(h: Harness, c: Case) {
  return normalise(
    await h.service.fetch(
      new Request(`http://svc.test${c.path}`, {
        method: c.method,
        headers: await headersOf(c),
        ...(c.body !== undefined ? { body: c.body } : {}),
      }),
    ),
  );
}

async function headersOf(c: Case): Promise<Record<string, string>> {
  const token = c.token ?? (c.user ? await userToken(c.user) : undefined);
  return {
    origin: ORIGIN,
    ...(token ? { authorization: token } : {}),
    ...(c.body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...c.headers,
  };
}

async function normalise(res: Response) {
  const text = await res.text();
  let body: unknown = text;
  try {
    // Per-request values: the duration, and tokens (they carry their issue time).
    const { duration, ...rest } = JSON.parse(text) as Record<string, unknown>;
    body = { ...rest, duration: typeof duration };
    if ('token' in rest) (body as Record<string, unknown>).token = typeof rest.token;
  } catch {}
  const pick = [
    'content-type',
    'retry-after',
    'access-control-allow-origin',
    'access-control-allow-headers',
    'access-control-allow-methods',
    'allow',
    'vary',
  ];
  // @hono/node-server labels a body-less 204 text/plain; a WHATWG Response has no type.
  if (res.status === 204) pick.shift();
  return {
    status: res.status,
    body,
    headers: Object.fromEntries(pick.map((k) => [k, res.headers.get(k)])),
  };
}

const q = `api_key=${API_KEY}`;
const cases: Array<[string, Case]> = [
  ['GetCallToken', { method: 'POST', path: `/calls/same?${q}`, user: 'bob', body: '{}' }],
  ['GetCallToken, id in capitals', { method: 'POST', path: `/calls/SAME?${q}`, user: 'bob' }],
  ['live state', { method: 'GET', path: `/calls/same?${q}`, user: 'bob' }],
  ['an unknown call', { method: 'POST', path: `/calls/nope?${q}`, user: 'bob', body: '{}' }],
  ['a bad call id', { method: 'POST', path: `/calls/a.b?${q}`, user: 'bob', body: '{}' }],
  ['an encoded call id', { method: 'GET', path: `/calls/s%61me?${q}`, user: 'bob' }],
  ['no token', { method: 'POST', path: `/calls/same?${q}`, body: '{}' }],
  ['a forged token', { method: 'POST', path: `/calls/same?${q}`, token: 'a.b.c', body: '{}' }],
  ['no api_key', { method: 'POST', path: '/calls/same', user: 'bob', body: '{}' }],
  [
    'malformed JSON',
    { method: 'POST', path: `/calls/same/participants?${q}`, user: 'bob', body: '{' },
  ],
  ['a JSON array', { method: 'POST', path: `/calls/same/end?${q}`, user: 'bob', body: '[1]' }],
  [
    'a bad action',
    { method: 'POST', path: `/calls/same/participants?${q}`, user: 'bob', body: '{"action":"x"}' },
  ],
  [
    'ending by a non-creator',
    { method: 'POST', path: `/calls/same/end?${q}`, user: 'bob', body: '{}' },
  ],
  ['an outsider', { method: 'GET', path: `/calls/same?${q}`, user: 'eve' }],
  [
    'a bad channel',
    { method: 'POST', path: `/channels/messaging/a*b/call?${q}`, user: 'alice', body: '{}' },
  ],
  [
    'a body over the limit',
    { method: 'POST', path: `/calls/same?${q}`, user: 'bob', body: `"${'x'.repeat(17 * 1024)}"` },
  ],
  ['an unknown route', { method: 'GET', path: `/calls/same/nothing?${q}`, user: 'bob' }],
  ['a trailing slash', { method: 'POST', path: `/calls/same/?${q}`, user: 'bob', body: '{}' }],
  [
    'another method on a route',
    { method: 'PUT', path: `/calls/same?${q}`, user: 'bob', body: '{}' },
  ],
  ['DELETE on a route', { method: 'DELETE', path: `/calls/same/end?${q}`, user: 'bob' }],
  [
    'a preflight',
    {
      method: 'OPTIONS',
      path: '/calls/same',
      headers: { 'access-control-request-method': 'POST' },
    },
  ],
  [
    'another origin',
    {
      method: 'GET',
      path: `/calls/same?${q}`,
      user: 'bob',
      headers: { origin: 'http://evil.test' },
    },
  ],
];

describe('the node:http fast path and the fetch entry', () => {
  test.each(cases)('answer alike: %s', async (_name, c) => {
    h = await startService({ corsOrigins: [ORIGIN] });
    const created = await h.request('POST', '/channels/messaging/general/call', {
      user: 'alice',
      body: { id: 'same', type: 'video' },
    });
    expect(created.status).toBe(201);
    const node = await viaNode(h, c);
    const web = await viaFetch(h, c);
    expect(node).toEqual(web);
  });

  it('answer alike once the rate limit is reached', async () => {
    h = await startService({ rateLimitPerMinute: 1 });
    const c: Case = { method: 'GET', path: `/calls/unknown?${q}`, user: 'bob' };
    expect((await viaNode(h, c)).status).toBe(404);
    const node = await viaNode(h, c);
    const web = await viaFetch(h, c);
    expect(node.status).toBe(429);
    expect(node).toEqual(web);
  });
});

describe('a custom registry', () => {
  it('serves calls from the registry it is given, and leaves it open when it closes', async () => {
    const registry: CallRegistry = sqliteCallRegistry(':memory:');
    h = await startService({ registry });
    await h.request('POST', '/channels/messaging/general/call', {
      user: 'alice',
      body: { id: 'custom', type: 'audio' },
    });
    const res = await h.request('POST', '/calls/custom', { user: 'bob', body: {} });
    expect(res.status).toBe(201);
    expect(typeof res.body.token).toBe('string');
    expect((await h.request('POST', '/calls/missing', { user: 'bob', body: {} })).status).toBe(404);
    await h.close();
    expect((await registry.get('custom'))?.cid).toBe('messaging:general');
    await registry.close();
  });
});
