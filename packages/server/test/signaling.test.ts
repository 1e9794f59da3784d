import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { hs256, LOCAL_TOKEN_AUDIENCE } from '../src';
import { type SignalingOptions, SignalingServer } from '../src/signaling';
import { API_SECRET, type Harness, startService, userToken } from './helpers';

interface Client {
  ws: WebSocket;
  frames: Array<Record<string, unknown>>;
  closed: Promise<{ code: number }>;
  next(type: string, ms?: number): Promise<Record<string, unknown>>;
  send(frame: unknown): void;
}

let h: Harness;
const clients: Client[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.ws.terminate();
  await h.close();
});

function connect(): Promise<Client> {
  const ws = new WebSocket(`${h.wsBase}/local/signal`);
  const frames: Array<Record<string, unknown>> = [];
  const waiters: Array<() => void> = [];
  ws.on('message', (data) => {
    frames.push(JSON.parse(data.toString()));
    for (const w of waiters.splice(0)) w();
  });
  const closed = new Promise<{ code: number }>((resolve) =>
    ws.on('close', (code) => resolve({ code })),
  );
  const client: Client = {
    ws,
    frames,
    closed,
    send: (frame) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    async next(type, ms = 2000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const i = frames.findIndex((f) => f.type === type);
        if (i >= 0) return frames.splice(i, 1)[0];
        if (Date.now() > deadline)
          throw new Error(`no ${type} frame; got ${JSON.stringify(frames)}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 50);
        });
      }
    },
  };
  clients.push(client);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(client));
    ws.once('error', reject);
  });
}

async function callToken(id: string, user: string): Promise<string> {
  const created = await h.request('POST', '/channels/messaging/general/call', {
    user,
    body: { id, type: 'video' },
  });
  return created.body.token as string;
}

async function joined(id: string, user: string) {
  const c = await connect();
  c.send({ type: 'join', token: await callToken(id, user) });
  const welcome = await c.next('welcome');
  return { c, welcome, peerId: welcome.peer_id as string };
}

describe('local signaling', () => {
  it('welcomes peers, relays signals and state inside a room, and tells who left', async () => {
    h = await startService();
    const a = await joined('room-a', 'alice');
    expect(a.welcome.peers).toEqual([]);
    const b = await joined('room-a', 'bob');
    expect(b.welcome.peers).toEqual([
      { peer_id: a.peerId, user_id: 'alice', name: 'Alice', image: 'https://example.test/a.png' },
    ]);
    expect(await a.c.next('peer-joined')).toEqual({
      type: 'peer-joined',
      peer: { peer_id: b.peerId, user_id: 'bob', name: 'Bob' },
    });

    const offer = { description: { type: 'offer', sdp: 'v=0\r\n' } };
    b.c.send({ type: 'signal', to: a.peerId, data: offer });
    expect(await a.c.next('signal')).toEqual({ type: 'signal', from: b.peerId, data: offer });
    a.c.send({ type: 'signal', to: b.peerId, data: { candidate: null } });
    expect(await b.c.next('signal')).toEqual({
      type: 'signal',
      from: a.peerId,
      data: { candidate: null },
    });

    const state = { audio: true, video: false, screen: false };
    a.c.send({ type: 'state', state });
    expect(await b.c.next('peer-state')).toEqual({ type: 'peer-state', peer_id: a.peerId, state });

    const c = await joined('room-a', 'carol');
    expect(c.welcome.peers).toContainEqual(expect.objectContaining({ peer_id: a.peerId, state }));

    b.c.ws.close();
    expect(await a.c.next('peer-left')).toEqual({ type: 'peer-left', peer_id: b.peerId });
    expect(await c.c.next('peer-left')).toEqual({ type: 'peer-left', peer_id: b.peerId });
  });

  it('never relays across rooms', async () => {
    h = await startService();
    const a = await joined('room-a', 'alice');
    const b = await joined('room-a', 'bob');
    const other = await joined('room-b', 'carol');
    await a.c.next('peer-joined');

    a.c.send({ type: 'state', state: { audio: false, video: true, screen: false } });
    a.c.send({ type: 'signal', to: b.peerId, data: { candidate: null } });
    // Addressing a peer of another room is refused to the sender, not delivered.
    a.c.send({ type: 'signal', to: other.peerId, data: { candidate: null } });
    expect(await a.c.next('error')).toMatchObject({ code: 'unknown-peer' });
    other.c.send({ type: 'signal', to: a.peerId, data: { candidate: null } });
    expect(await other.c.next('error')).toMatchObject({ code: 'unknown-peer' });
    await b.c.next('signal');
    await b.c.next('peer-state');
    b.c.ws.close();
    await a.c.next('peer-left');
    expect(other.c.frames).toEqual([]);
  });

  it('lets the same user connect twice as two peers', async () => {
    h = await startService();
    const one = await joined('tabs', 'alice');
    const two = await joined('tabs', 'alice');
    expect(two.welcome.peers).toEqual([
      expect.objectContaining({ peer_id: one.peerId, user_id: 'alice' }),
    ]);
    expect(one.peerId).not.toBe(two.peerId);
  });

  it.each([
    ['a forged token', async () => userToken('alice', { secret: 'wrong', claims: { room: 'x' } })],
    ['a Stream user token (no room)', async () => userToken('alice')],
    [
      'an expired token',
      async () =>
        userToken('alice', {
          claims: { room: 'x', aud: 'stream-chat-calls:local' },
          expiresIn: -60,
        }),
    ],
    [
      'a token with the right secret and room but no call audience',
      async () => userToken('alice', { claims: { room: 'x' }, expiresIn: 60 }),
    ],
  ])('closes %s with 4001 after an unauthorized error', async (_name, make) => {
    h = await startService();
    const c = await connect();
    c.send({ type: 'join', token: await make() });
    expect(await c.next('error')).toMatchObject({ type: 'error', code: 'unauthorized' });
    expect((await c.closed).code).toBe(4001);
  });

  it('closes a socket whose first frame is not a join with 4001', async () => {
    h = await startService();
    const c = await connect();
    c.send('not json');
    expect((await c.closed).code).toBe(4001);
  });

  it('closes a socket that does not join in time with 4001', async () => {
    h = await startService({ signaling: { joinTimeoutMs: 100 } });
    const c = await connect();
    expect(await c.next('error')).toMatchObject({ code: 'unauthorized' });
    expect((await c.closed).code).toBe(4001);
  });

  it('drops a peer that stops answering pings and tells the others', async () => {
    h = await startService({ signaling: { pingIntervalMs: 50 } });
    const a = await joined('heartbeat', 'alice');
    const b = await joined('heartbeat', 'bob');
    // A frozen client: its socket stops reading, so it never answers the server's pings.
    (b.c.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    expect(await a.c.next('peer-left', 3000)).toEqual({ type: 'peer-left', peer_id: b.peerId });
    a.c.send({ type: 'state', state: { audio: true, video: true, screen: false } });
    await new Promise((r) => setTimeout(r, 200));
    expect(a.c.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('refuses a 7th peer with room-full and 4009', async () => {
    h = await startService();
    for (let i = 0; i < 6; i++) await joined('crowd', 'bob');
    const seventh = await connect();
    seventh.send({ type: 'join', token: await callToken('crowd', 'carol') });
    expect(await seventh.next('error')).toMatchObject({ code: 'room-full' });
    expect((await seventh.closed).code).toBe(4009);
  });

  it('closes a frame over 64 KiB with 1009', async () => {
    h = await startService();
    const a = await joined('big', 'alice');
    a.c.send({ type: 'state', pad: 'x'.repeat(65 * 1024) });
    expect((await a.c.closed).code).toBe(1009);
  });

  it('tells every peer the call ended and closes them with 4010', async () => {
    h = await startService();
    const a = await joined('ending', 'alice');
    const b = await joined('ending', 'bob');
    const res = await h.request('POST', '/calls/ending/end', { user: 'alice' });
    expect(res.status).toBe(200);
    expect(await a.c.next('ended')).toEqual({ type: 'ended' });
    expect(await b.c.next('ended')).toEqual({ type: 'ended' });
    expect((await a.c.closed).code).toBe(4010);
    expect((await b.c.closed).code).toBe(4010);
  });

  it('closes the room with 4010 when the call ends itself after the last leave', async () => {
    h = await startService();
    const a = await joined('self-end', 'alice');
    await h.request('POST', '/calls/self-end/participants', {
      user: 'alice',
      body: { action: 'join' },
    });
    await h.request('POST', '/calls/self-end/participants', {
      user: 'alice',
      body: { action: 'leave' },
    });
    expect(await a.c.next('ended')).toEqual({ type: 'ended' });
    expect((await a.c.closed).code).toBe(4010);
  });

  it('refuses a token of an ended call with 4010, also in its next session, and admits one of the next session', async () => {
    h = await startService();
    const old = await callToken('over', 'alice');
    // Older than the clocks' allowed skew by the time the next session starts.
    await new Promise((r) => setTimeout(r, 300));
    await h.request('POST', '/calls/over/end', { user: 'alice' });
    const stale = await connect();
    stale.send({ type: 'join', token: old });
    expect(await stale.next('error')).toMatchObject({ code: 'call-ended' });
    expect((await stale.closed).code).toBe(4010);

    // "Call again": CreateCall on the ended call starts its next session, in the same room.
    const fresh = await h.request('POST', '/channels/messaging/general/call', {
      user: 'alice',
      body: { id: 'over', type: 'video' },
    });
    expect(fresh.body.session).toBe(2);
    const staleAgain = await connect();
    staleAgain.send({ type: 'join', token: old });
    expect(await staleAgain.next('error')).toMatchObject({ code: 'call-ended' });
    expect((await staleAgain.closed).code).toBe(4010);
    const c = await connect();
    c.send({ type: 'join', token: fresh.body.token });
    expect(await c.next('welcome')).toMatchObject({ peers: [] });
  });

  it('ignores upgrades on other paths', async () => {
    h = await startService();
    const ws = new WebSocket(`${h.wsBase}/elsewhere`);
    const failed = await new Promise<boolean>((resolve) => {
      ws.on('open', () => resolve(false));
      ws.on('error', () => resolve(true));
    });
    expect(failed).toBe(true);
  });
});

/** A SignalingServer of its own on a Node server, with tokens signed here. */
async function startSignaling(options: Partial<SignalingOptions> = {}) {
  const logs: string[] = [];
  const signaling = new SignalingServer({
    path: '/local/signal',
    secret: API_SECRET,
    isCallEnded: async () => false,
    log: (line) => logs.push(line),
    ...options,
  });
  const server = createServer((_req, res) => res.writeHead(404).end());
  server.on('upgrade', (req, socket, head) => {
    if (!signaling.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const key = hs256(API_SECRET);
  h = {
    wsBase: `ws://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await signaling.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  } as Harness;
  const token = (room: string, user: string) =>
    key.sign({
      room,
      user_id: user,
      iat_ms: Date.now(),
      exp: Math.floor(Date.now() / 1000) + 60,
      aud: LOCAL_TOKEN_AUDIENCE,
    });
  const join = async (room: string, user: string) => {
    const c = await connect();
    c.send({ type: 'join', token: token(room, user) });
    const welcome = await c.next('welcome');
    return { c, peerId: welcome.peer_id as string };
  };
  return { logs, token, join, port };
}

describe('local signaling limits', () => {
  it('closes with 1013 (try again) and logs why when the call cannot be checked', async () => {
    const s = await startSignaling({
      isCallEnded: async () => {
        throw new Error('database down\n\x1b[31mforged');
      },
    });
    const c = await connect();
    c.send({ type: 'join', token: s.token('room', 'alice') });
    expect(await c.next('error')).toMatchObject({ code: 'unavailable' });
    expect((await c.closed).code).toBe(1013);
    expect(s.logs).toEqual([
      'signaling: could not check call room: database down\\n\\x1b[31mforged',
    ]);
  });

  it('asks whether the call ended with the room and the token’s issue time', async () => {
    const asked: Array<[string, number]> = [];
    const s = await startSignaling({
      isCallEnded: async (room, issuedAtMs) => {
        asked.push([room, issuedAtMs]);
        return true;
      },
    });
    const before = Date.now();
    const c = await connect();
    c.send({ type: 'join', token: s.token('over', 'alice') });
    expect(await c.next('error')).toMatchObject({ code: 'call-ended' });
    expect((await c.closed).code).toBe(4010);
    expect(asked).toEqual([['over', expect.any(Number)]]);
    expect(asked[0]![1]).toBeGreaterThanOrEqual(before - 1000);
  });

  it('handles frames sent right behind the join, in order, once the join is admitted', async () => {
    let hold: Promise<boolean> | undefined;
    const s = await startSignaling({ isCallEnded: () => hold ?? Promise.resolve(false) });
    const alice = await s.join('queue', 'alice');
    let admit!: (ended: boolean) => void;
    hold = new Promise((r) => {
      admit = r;
    });
    const bob = await connect();
    bob.send({ type: 'join', token: s.token('queue', 'bob') });
    const state = { audio: true, video: false, screen: false };
    bob.send({ type: 'state', state });
    await new Promise((r) => setTimeout(r, 100));
    // Not in the room until the check answers.
    expect(alice.c.frames).toEqual([]);
    admit(false);
    const welcome = await bob.next('welcome');
    expect(welcome.peers).toEqual([expect.objectContaining({ user_id: 'alice' })]);
    for (let i = 0; i < 100 && alice.c.frames.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(alice.c.frames).toEqual([
      { type: 'peer-joined', peer: expect.objectContaining({ user_id: 'bob' }) },
      { type: 'peer-state', peer_id: welcome.peer_id, state },
    ]);
  });

  it('drops frames over the rate with a few errors, then closes a socket that keeps on with 4029', async () => {
    const s = await startSignaling({ framesPerSecond: 1, frameBurst: 5, maxDroppedFrames: 20 });
    const a = await s.join('rate', 'alice');
    const b = await s.join('rate', 'bob');
    await a.c.next('peer-joined');
    for (let i = 0; i < 30; i++) {
      a.c.send({ type: 'state', state: { audio: i % 2 === 0, video: false, screen: false } });
    }
    expect((await a.c.closed).code).toBe(4029);
    // The join took one frame of the burst: four states went through.
    expect(b.c.frames.filter((f) => f.type === 'peer-state')).toHaveLength(4);
    const errors = a.c.frames.filter((f) => f.type === 'error');
    // At most the error-reply burst (10), then the one that announces the close.
    expect(errors.length).toBeLessThanOrEqual(11);
    expect(errors.at(-1)).toMatchObject({ code: 'too-many-frames' });
    expect(await b.c.next('peer-left')).toEqual({ type: 'peer-left', peer_id: a.peerId });
    expect(s.logs).toContainEqual(
      expect.stringMatching(/too many frames \(user alice, room rate\)/),
    );
  });

  it('escapes a forged user id in its log lines', async () => {
    const s = await startSignaling({ framesPerSecond: 1, frameBurst: 2, maxDroppedFrames: 2 });
    const a = await s.join('forged', 'mallory\n[signaling] admin joined\x1b[2J');
    for (let i = 0; i < 10; i++) a.c.send('{}');
    await a.c.closed;
    expect(s.logs).toEqual([
      'signaling: closed a socket sending too many frames (user mallory\\n[signaling] admin joined\\x1b[2J, room forged) (4029)',
    ]);
  });

  it('answers a stream of malformed frames with at most ten errors', async () => {
    const s = await startSignaling();
    const a = await s.join('junk', 'alice');
    for (let i = 0; i < 100; i++) a.c.send('{}');
    a.c.send({ type: 'signal', to: 'nobody', data: {} });
    await new Promise((r) => setTimeout(r, 200));
    expect(a.c.frames.filter((f) => f.type === 'error')).toHaveLength(10);
    expect(a.c.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('refuses sockets over the per-process cap with a Stream-shaped 503', async () => {
    const s = await startSignaling({ maxConnections: 2 });
    await s.join('cap', 'alice');
    await s.join('cap', 'bob');
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({
        port: s.port,
        host: '127.0.0.1',
        path: '/local/signal',
        headers: {
          Connection: 'Upgrade',
          Upgrade: 'websocket',
          'Sec-WebSocket-Version': '13',
          'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
        },
      });
      req.on('response', (r) => {
        let body = '';
        r.on('data', (d) => {
          body += d;
        });
        r.on('end', () => resolve({ status: r.statusCode!, body }));
      });
      req.on('upgrade', () => reject(new Error('upgraded')));
      req.on('error', reject);
      req.end();
    });
    expect(res.status).toBe(503);
    expect(JSON.parse(res.body)).toMatchObject({ StatusCode: 503, code: 0 });
    expect(s.logs).toEqual(['signaling: refused a socket (2 open)']);
  });
});
