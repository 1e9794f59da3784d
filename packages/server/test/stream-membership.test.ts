import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jwtVerify } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallError, streamEvents, streamMembership } from '../src';
import { startService } from './helpers';

const KEY = 'stream-key';
const SECRET = 'stream-secret-abcdef';

interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization?: string;
  body?: unknown;
}

/** A double of the parts of Stream's server API the membership store and event sink call. */
class StreamApiDouble {
  seen: Seen[] = [];
  members: Record<
    string,
    Array<{
      user_id: string;
      channel_role?: string;
      role?: string;
      user: { id: string; role?: string };
    }>
  > = {
    'messaging:general': [
      { user_id: 'alice', channel_role: 'channel_member', role: 'owner', user: { id: 'alice' } },
      { user_id: 'bob', channel_role: 'channel_member', user: { id: 'bob' } },
      { user_id: 'mod', channel_role: 'channel_moderator', user: { id: 'mod' } },
    ],
  };
  users: Record<string, { id: string; name?: string; image?: string; role?: string }> = {
    alice: { id: 'alice', name: 'Alice', image: 'https://example.test/a.png', role: 'user' },
    root: { id: 'root', role: 'admin' },
  };
  /** Overrides every answer: a status and body, or `hang` (never answers). */
  failWith: { status: number; body: string; type?: string } | 'hang' | undefined;
  server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString();
    this.seen.push({
      method: req.method ?? '',
      path: url.pathname,
      query: url.searchParams,
      authorization: req.headers.authorization,
      body: text ? JSON.parse(text) : undefined,
    });
    if (this.failWith === 'hang') return;
    if (this.failWith) {
      res.writeHead(this.failWith.status, { 'content-type': this.failWith.type ?? 'text/html' });
      res.end(this.failWith.body);
      return;
    }
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const payload = JSON.parse(url.searchParams.get('payload') ?? '{}');
    if (req.method === 'GET' && url.pathname === '/members') {
      const list = this.members[`${payload.type}:${payload.id}`];
      if (!list) return json(404, { code: 16, message: 'Channel does not exist', StatusCode: 404 });
      const uid = payload.filter_conditions?.user_id;
      return json(200, { members: list.filter((m) => m.user_id === uid), duration: '1ms' });
    }
    if (req.method === 'GET' && url.pathname === '/users') {
      const id = payload.filter_conditions?.id?.$eq;
      return json(200, { users: this.users[id] ? [this.users[id]] : [], duration: '1ms' });
    }
    if (req.method === 'POST' && /^\/channels\/[^/]+\/[^/]+\/event$/.test(url.pathname)) {
      return json(201, { event: JSON.parse(text).event, duration: '1ms' });
    }
    json(404, { code: 16, message: 'no route', StatusCode: 404 });
  });
  base = '';
  async start() {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }
  async close() {
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }
}

let api: StreamApiDouble;
beforeEach(async () => {
  api = await new StreamApiDouble().start();
});
afterEach(async () => {
  await api.close();
});

describe('streamMembership', () => {
  it.each([
    ['the channel owner', 'alice', { member: true, role: 'owner' }],
    ['a member', 'bob', { member: true, role: 'member' }],
    ['a channel moderator', 'mod', { member: true, role: 'moderator' }],
    ['a stranger', 'dave', { member: false }],
    ['an app admin outside the channel', 'root', { member: false, role: 'admin' }],
  ])('reports %s', async (_who, user, expected) => {
    const store = streamMembership({ apiKey: KEY, apiSecret: SECRET, baseURL: api.base });
    expect(await store.getMembership('messaging:general', user)).toEqual(expected);
  });

  it('treats an unknown channel as no membership', async () => {
    const store = streamMembership({ apiKey: KEY, apiSecret: SECRET, baseURL: api.base });
    expect(await store.getMembership('messaging:nope', 'alice')).toEqual({ member: false });
  });

  it('authenticates to Stream with a server token signed by the API secret', async () => {
    const store = streamMembership({ apiKey: KEY, apiSecret: SECRET, baseURL: api.base });
    await store.getMembership('messaging:general', 'bob');
    const [req] = api.seen;
    expect(req.query.get('api_key')).toBe(KEY);
    const { payload } = await jwtVerify(req.authorization!, new TextEncoder().encode(SECRET));
    expect(payload.server).toBe(true);
  });

  it("reuses a member's yes for memberCacheMs (a join right after its GetCallToken), never a no", async () => {
    const store = streamMembership({
      apiKey: KEY,
      apiSecret: SECRET,
      baseURL: api.base,
      memberCacheMs: 200,
    });
    const asked = () => api.seen.filter((s) => s.path === '/members').length;
    expect(await store.getMembership('messaging:general', 'bob')).toEqual({
      member: true,
      role: 'member',
    });
    expect(await store.getMembership('messaging:general', 'bob')).toMatchObject({ member: true });
    expect(asked()).toBe(1);
    // A no is asked again every time: a user just added gets in at once.
    await store.getMembership('messaging:general', 'dave');
    api.members['messaging:general']!.push({ user_id: 'dave', user: { id: 'dave' } });
    expect(await store.getMembership('messaging:general', 'dave')).toMatchObject({ member: true });
    expect(asked()).toBe(3);
    // Removed: still a member for at most memberCacheMs.
    api.members['messaging:general'] = api.members['messaging:general']!.filter(
      (m) => m.user_id !== 'bob',
    );
    await new Promise((r) => setTimeout(r, 250));
    expect(await store.getMembership('messaging:general', 'bob')).toEqual({ member: false });
  });

  it('reads user display data and caches it', async () => {
    const store = streamMembership({ apiKey: KEY, apiSecret: SECRET, baseURL: api.base });
    expect(await store.getUser!('alice')).toEqual({
      id: 'alice',
      name: 'Alice',
      image: 'https://example.test/a.png',
    });
    await store.getUser!('alice');
    expect(api.seen.filter((s) => s.path === '/users')).toHaveLength(1);
    expect(await store.getUser!('ghost')).toEqual({ id: 'ghost' });
  });
});

describe('streamEvents', () => {
  it('sends a custom channel event on behalf of the user', async () => {
    const sink = streamEvents({ apiKey: KEY, apiSecret: SECRET, baseURL: api.base });
    await sink.sendChannelEvent(
      'messaging:general',
      { type: 'call.updated', call_state: { state: 'ongoing' } },
      'bob',
    );
    const req = api.seen.find((s) => s.method === 'POST')!;
    expect(req.path).toBe('/channels/messaging/general/event');
    expect(req.body).toEqual({
      event: { type: 'call.updated', call_state: { state: 'ongoing' }, user_id: 'bob' },
    });
  });
});

describe('streamMembership when Stream fails', () => {
  const kindOf = async (p: Promise<unknown>) => {
    const e = await p.then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(CallError);
    return { kind: (e as CallError).kind, cause: String((e as CallError).cause) };
  };

  it('is "unavailable" (503), never "not a member", when Stream answers 5xx or 429', async () => {
    const store = streamMembership({ apiKey: KEY, apiSecret: SECRET, baseURL: api.base });
    for (const status of [500, 503, 429]) {
      api.failWith = {
        status,
        type: 'application/json',
        body: JSON.stringify({ code: -1, message: 'down', StatusCode: status }),
      };
      expect((await kindOf(store.getMembership('messaging:general', 'bob'))).kind).toBe(
        'membership-unavailable',
      );
    }
  });

  it('is "upstream failed" (502) for a 404 that is not Stream’s (a wrong STREAM_BASE_URL)', async () => {
    api.failWith = { status: 404, body: '<html>Not Found</html>' };
    const store = streamMembership({ apiKey: KEY, apiSecret: SECRET, baseURL: api.base });
    const { kind, cause } = await kindOf(store.getMembership('messaging:general', 'bob'));
    expect(kind).toBe('upstream-failed');
    expect(cause).toMatch(
      /GET http:\/\/127\.0\.0\.1:\d+\/members: HTTP 404, not a Stream error body/,
    );
  });

  it('is "upstream failed" when Stream refuses the service itself (a wrong secret)', async () => {
    api.failWith = {
      status: 401,
      type: 'application/json',
      body: JSON.stringify({ code: 5, message: 'signature is invalid', StatusCode: 401 }),
    };
    const store = streamMembership({ apiKey: KEY, apiSecret: SECRET, baseURL: api.base });
    expect((await kindOf(store.getMembership('messaging:general', 'bob'))).kind).toBe(
      'upstream-failed',
    );
  });

  it('is "unavailable" when Stream cannot be reached or does not answer in time', async () => {
    const closed = streamMembership({
      apiKey: KEY,
      apiSecret: SECRET,
      baseURL: 'http://127.0.0.1:9',
    });
    const refused = await kindOf(closed.getMembership('messaging:general', 'bob'));
    expect(refused.kind).toBe('membership-unavailable');
    expect(refused.cause).toMatch(/no answer \(ECONNREFUSED\)/);
    api.failWith = 'hang';
    const slow = streamMembership({
      apiKey: KEY,
      apiSecret: SECRET,
      baseURL: api.base,
      timeoutMs: 200,
    });
    const started = Date.now();
    expect((await kindOf(slow.getMembership('messaging:general', 'bob'))).kind).toBe(
      'membership-unavailable',
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('fails the admin look-up of a non-member the same way', async () => {
    const store = streamMembership({ apiKey: KEY, apiSecret: SECRET, baseURL: api.base });
    api.server.removeAllListeners('request');
    api.server.on('request', (req, res) => {
      const ok = req.url?.startsWith('/members');
      res.writeHead(ok ? 200 : 502, { 'content-type': 'application/json' });
      res.end(ok ? JSON.stringify({ members: [] }) : 'bad gateway');
    });
    expect((await kindOf(store.getMembership('messaging:general', 'dave'))).kind).toBe(
      'membership-unavailable',
    );
  });
});

describe('the service over streamMembership when Stream fails', () => {
  it('answers a Stream-shaped 503 that says so and logs the cause, and 403 only for a real non-member', async () => {
    const h = await startService({
      membership: streamMembership({
        apiKey: KEY,
        apiSecret: SECRET,
        baseURL: 'http://127.0.0.1:9',
      }),
    });
    try {
      const res = await h.request('POST', '/channels/messaging/general/call', {
        user: 'alice',
        body: { id: 'outage', type: 'audio' },
      });
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({
        code: 0,
        StatusCode: 503,
        message: 'Stream did not answer the channel membership check; try again.',
      });
      expect(h.logs.at(-1)).toMatch(
        /^POST \/channels\/messaging\/general\/call 503 \S+ user=alice \(Stream did not answer the channel membership check; try again\. Cause: Error: GET http:\/\/127\.0\.0\.1:9\/members: no answer \(ECONNREFUSED\): .*ECONNREFUSED.*\)$/,
      );
      expect(h.logs.join('\n')).not.toContain(SECRET);
    } finally {
      await h.close();
    }
    const real = await startService({
      membership: streamMembership({ apiKey: KEY, apiSecret: SECRET, baseURL: api.base }),
    });
    try {
      const res = await real.request('POST', '/channels/messaging/nope/call', {
        user: 'alice',
        body: { id: 'nochannel', type: 'audio' },
      });
      expect(res.status).toBe(403);
      api.failWith = { status: 404, body: 'Cannot GET /members' };
      const wrongBase = await real.request('POST', '/channels/messaging/general/call', {
        user: 'alice',
        body: { id: 'wrongbase', type: 'audio' },
      });
      expect(wrongBase.status).toBe(502);
      expect(wrongBase.body).toMatchObject({ code: 0, StatusCode: 502 });
    } finally {
      await real.close();
    }
  });
});
