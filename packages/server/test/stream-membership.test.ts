import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jwtVerify } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { streamEvents, streamMembership } from '../src';

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
