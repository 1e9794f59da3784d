/**
 * Floods of the local signaling socket, for real on loopback, against a service in a process of
 * its own whose peak RSS the test reads: memory stays bounded whatever a client sends or stops
 * reading.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { hs256, LOCAL_TOKEN_AUDIENCE } from '../src';

const SECRET = 'flood-secret-0123456789';
const MB = 1024 * 1024;
/** What the issue allows a flood to add to the process. */
const GROWTH_LIMIT = 50 * MB;
/** The sender gives up beyond this (today's code grew by 600 MB before it was bounded). */
const GIVE_UP = 4 * GROWTH_LIMIT;

interface Memory {
  rss: number;
  peak: number;
  heapUsed: number;
}

interface Host {
  child: ChildProcess;
  url: string;
  memory(baseline?: boolean): Promise<Memory>;
}

let host: Host | undefined;
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  if (host) {
    const exited = new Promise((r) => host!.child.once('exit', r));
    host.child.kill('SIGKILL');
    await exited;
  }
  host = undefined;
});

async function startHost(signaling: Record<string, unknown> = {}): Promise<Host> {
  const child = fork(fileURLToPath(new URL('./fixtures/signaling-host.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx'],
    env: {
      PATH: process.env.PATH,
      FLOOD_REPORT: process.env.FLOOD_REPORT ?? '',
      SIGNALING_SECRET: SECRET,
      SIGNALING_OPTIONS: JSON.stringify(signaling),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`the host exited (${code})`)));
  });
  const memory = (baseline = false) =>
    new Promise<Memory>((resolve) => {
      child.once('message', (m: Memory) => resolve(m));
      child.send({ type: baseline ? 'baseline' : 'memory' });
    });
  return { child, url: `ws://127.0.0.1:${port}/local/signal`, memory };
}

const key = hs256(SECRET);
function localToken(room: string, userId: string): string {
  const now = Date.now();
  return key.sign({
    room,
    user_id: userId,
    sub: userId,
    iat_ms: now,
    iat: Math.floor(now / 1000),
    exp: Math.floor(now / 1000) + 600,
    aud: LOCAL_TOKEN_AUDIENCE,
  });
}

interface Peer {
  ws: WebSocket;
  peerId: string;
  frames: Array<Record<string, unknown>>;
  closed: Promise<number>;
}

async function join(url: string, room: string, userId: string): Promise<Peer> {
  const ws = new WebSocket(url);
  sockets.push(ws);
  const frames: Array<Record<string, unknown>> = [];
  ws.on('message', (d) => frames.push(JSON.parse(String(d))));
  const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ type: 'join', token: localToken(room, userId) }));
  for (let i = 0; i < 200 && !frames.some((f) => f.type === 'welcome'); i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
  const welcome = frames.find((f) => f.type === 'welcome');
  if (!welcome) throw new Error(`no welcome: ${JSON.stringify(frames)}`);
  return { ws, peerId: welcome.peer_id as string, frames, closed };
}

/**
 * Sends `count` copies of `text` as fast as the socket takes them (the client keeps at most
 * 4 MB of its own unsent), stopping early when the socket closes or the host grew past GIVE_UP.
 * Returns how many were sent.
 */
async function flood(ws: WebSocket, text: string, count: number, h: Host): Promise<number> {
  const base = await h.memory();
  let sent = 0;
  while (sent < count && ws.readyState === WebSocket.OPEN) {
    ws.send(text);
    sent += 1;
    while (ws.bufferedAmount > 4 * MB && ws.readyState === WebSocket.OPEN) {
      await new Promise((r) => setTimeout(r, 1));
    }
    if (sent % 500 === 0) {
      const m = await h.memory();
      if (m.peak - base.rss > GIVE_UP) break;
    }
  }
  if (process.env.FLOOD_REPORT) console.log(`sent ${sent} frames`);
  return sent;
}

async function growth(h: Host, base: Memory): Promise<number> {
  // Whatever the host still had queued is handled (or dropped) by now.
  await new Promise((r) => setTimeout(r, 300));
  const g = (await h.memory()).peak - base.rss;
  if (process.env.FLOOD_REPORT) console.log(`growth ${(g / MB).toFixed(1)} MB`);
  return g;
}

/** A 59 KB offer (the schema allows SDPs up to 60,000 characters). */
const offer = (to: string) =>
  JSON.stringify({
    type: 'signal',
    to,
    data: { description: { type: 'offer', sdp: `v=0\r\n${'a'.repeat(59_000)}` } },
  });

describe('local signaling under floods (a service in its own process)', () => {
  it('keeps 10,000 offers of 59 KB to a socket that never reads under 50 MB of growth, and closes the sender 4029', async () => {
    host = await startHost();
    const reader = await join(host.url, 'flood', 'mallory');
    const sender = await join(host.url, 'flood', 'mallory');
    // The second socket of the same user stops reading: the kernel's buffers fill, then the
    // server's.
    reader.ws.pause();
    const base = await host.memory(true);
    const sent = await flood(sender.ws, offer(reader.peerId), 10_000, host);
    expect(await growth(host, base)).toBeLessThan(GROWTH_LIMIT);
    // Far over 256 KiB a second: closed once its budget of dropped frames is spent.
    expect(await sender.closed).toBe(4029);
    expect(sent).toBeLessThan(1000);
    expect(sender.frames.at(-1)).toMatchObject({ type: 'error', code: 'too-many-frames' });
  }, 60_000);

  it('drops a peer that stops reading once its unsent frames pass the limit, and tells the room', async () => {
    // No frame rate limit here: only the unsent-bytes bound protects the process.
    host = await startHost({
      framesPerSecond: 1e9,
      frameBurst: 1e9,
      bytesPerSecond: 1e12,
      byteBurst: 1e12,
      maxDroppedBytes: 1e12,
    });
    const reader = await join(host.url, 'slow', 'mallory');
    const sender = await join(host.url, 'slow', 'mallory');
    reader.ws.pause();
    const base = await host.memory(true);
    // 177 MB: over three times the allowed growth, had the server kept it for the reader.
    await flood(sender.ws, offer(reader.peerId), 3000, host);
    expect(await growth(host, base)).toBeLessThan(GROWTH_LIMIT);
    expect(sender.frames).toContainEqual({ type: 'peer-left', peer_id: reader.peerId });
    expect(sender.ws.readyState).toBe(WebSocket.OPEN);
  }, 60_000);

  it('answers 200,000 unread malformed frames with a bounded number of errors, then closes 4029', async () => {
    host = await startHost();
    const peer = await join(host.url, 'junk', 'mallory');
    peer.ws.pause();
    const base = await host.memory(true);
    await flood(peer.ws, '{}', 200_000, host);
    expect(await growth(host, base)).toBeLessThan(GROWTH_LIMIT);
    peer.ws.resume();
    expect(await peer.closed).toBe(4029);
    const errors = peer.frames.filter((f) => f.type === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.length).toBeLessThan(100);
    expect(errors.at(-1)).toMatchObject({ code: 'too-many-frames' });
  }, 60_000);
});
