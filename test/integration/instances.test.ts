/**
 * The call service as N identical processes on one PostgreSQL database: three standalone
 * `stream-chat-calls-server` CLIs (CALLS_DATABASE_URL on the test cluster, STREAM_BASE_URL at a
 * dev server in another process acting as Stream) behind a round-robin client, and real
 * stream-chat clients watching the channel for what the services announce.
 */
import pg from 'pg';
import type { Event, StreamChat } from 'stream-chat';
import { StreamChat as Chat } from 'stream-chat';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../packages/server/test/postgres';
import {
  type CallApi,
  CallKitError,
  type CallLiveState,
  callServiceApi,
  createCallId,
} from '../../src/core';
import { collect } from './helpers';
import { STANDALONE_API_KEY, type Standalone, startStandalone } from './standalone';

const GRACE_MS = 1000;
const TTL_MS = 1500;
const general = { type: 'messaging', id: 'general' };

let stack: Standalone;
let url: string;
const clients: StreamChat[] = [];

async function connect(userId: string): Promise<StreamChat> {
  const base = stack.devServer.url;
  const res = await fetch(`${base}/dev/token?user_id=${userId}`);
  const { token } = (await res.json()) as { token: string };
  const client = new Chat(STANDALONE_API_KEY, { baseURL: base, allowServerSideConnect: true });
  await client.connectUser({ id: userId }, token);
  clients.push(client);
  return client;
}

/** Each request to the next instance, in turn (a round-robin balancer), skipping none. */
function roundRobin(client: StreamChat, instances: () => string[]): CallApi {
  let next = 0;
  return callServiceApi({
    baseURL: 'http://balancer',
    client,
    fetch: (input, init) => {
      const targets = instances();
      const target = targets[next++ % targets.length]!;
      return fetch(String(input).replace('http://balancer', target), init);
    },
  });
}
/** The API of one instance only. */
const direct = (client: StreamChat, i: number) =>
  callServiceApi({ baseURL: stack.services[i]!.url, client });

async function db<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const stateOf = (e: Event) => (e as unknown as { call_state: CallLiveState }).call_state;
const about = (id: string) => (e: Event) => stateOf(e)?.call.id === id;

let alice: StreamChat;
let bob: StreamChat;
let carol: StreamChat;
let watcher: StreamChat;
let live: () => string[];

beforeAll(async () => {
  url = await freshDatabase();
  stack = await startStandalone({
    instances: 3,
    serviceEnv: {
      CALLS_DATABASE_URL: url,
      CALLS_DATABASE_POOL_SIZE: '4',
      CALLS_EMPTY_GRACE_MS: String(GRACE_MS),
      CALLS_PARTICIPANT_TTL_MS: String(TTL_MS),
      RATE_LIMIT_PER_MINUTE: '100000',
    },
  });
  const alive = new Set(stack.services.map((s) => s.url));
  for (const s of stack.services) void s.exited.then(() => alive.delete(s.url));
  live = () => [...alive];
  [alice, bob, carol, watcher] = await Promise.all(
    ['alice', 'bob', 'carol', 'dave'].map((u) => connect(u)),
  );
  await watcher!.channel('messaging', 'general').watch();
}, 90_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.disconnectUser()));
  await stack?.close();
});

describe('three call service processes on one PostgreSQL database', () => {
  it('answer 20 simultaneous same-id creates identically, with one row; another channel gets 409', async () => {
    const id = createCallId();
    const apis = [alice, bob].map((c) => roundRobin(c, live));
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) => apis[i % 2]!.createCall(general, { id, type: 'video' })),
    );
    expect(new Set(created.map((c) => JSON.stringify([c.call, c.session]))).size).toBe(1);
    const rows = await db((c) =>
      c.query('SELECT count(*)::int AS n FROM calls WHERE id = $1', [id]),
    );
    expect(rows.rows[0].n).toBe(1);
    const elsewhere = await apis[0]!
      .createCall({ type: 'messaging', id: 'design' }, { id, type: 'video' })
      .catch((e: unknown) => e);
    expect(elsewhere).toBeInstanceOf(CallKitError);
    expect((elsewhere as CallKitError).code).toBe('call-id-conflict');
  });

  it('report the same state and version on every instance', async () => {
    const { call } = await roundRobin(alice, live).createCall(general, {
      id: createCallId(),
      type: 'audio',
    });
    await roundRobin(bob, live).updateParticipation(call.id, 'join');
    const seen = await Promise.all([0, 1, 2].map((i) => direct(carol, i).getCallState(call.id)));
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[2]).toEqual(seen[0]);
    expect(seen[0]).toMatchObject({ version: 2, participants: [{ user_id: 'bob' }] });
  });

  it('send exactly one call.ended for simultaneous ends, seen by a client watching the channel', async () => {
    const api = roundRobin(alice, live);
    const { call } = await api.createCall(general, { id: createCallId(), type: 'video' });
    await roundRobin(bob, live).updateParticipation(call.id, 'join');
    const seen = collect(watcher, 'call.ended');
    try {
      const ends = await Promise.all(Array.from({ length: 12 }, () => api.endCall(call.id)));
      expect(new Set(ends.map((e) => e.version)).size).toBe(1);
      await sleep(1000);
      expect(seen.events.filter(about(call.id))).toHaveLength(1);
    } finally {
      seen.stop();
    }
  });

  it('keep a participant whose alive goes to a different instance each time, and remove a silent one once', async () => {
    const { call } = await roundRobin(alice, live).createCall(general, {
      id: createCallId(),
      type: 'video',
    });
    await roundRobin(bob, live).updateParticipation(call.id, 'join');
    const carolApi = roundRobin(carol, live);
    await carolApi.updateParticipation(call.id, 'join');
    const updates = collect(watcher, 'call.updated');
    try {
      // Carol reports every 300 ms, to the next instance each time; Bob says nothing.
      for (let i = 0; i < 12; i++) {
        await sleep(300);
        await carolApi.updateParticipation(call.id, 'alive');
      }
      const now = await carolApi.getCallState(call.id);
      expect(now).toMatchObject({ state: 'ongoing', participants: [{ user_id: 'carol' }] });
      const bobTakenOut = updates.events.filter((e) => about(call.id)(e) && e.user?.id === 'bob');
      expect(bobTakenOut).toHaveLength(1);
      expect(stateOf(bobTakenOut[0]!).participants.map((p) => p.user_id)).toEqual(['carol']);
    } finally {
      updates.stop();
    }
  });

  it('end the call once when the instance that saw the last leave is killed', async () => {
    const { call } = await direct(alice, 0).createCall(general, {
      id: createCallId(),
      type: 'video',
    });
    await direct(bob, 0).updateParticipation(call.id, 'join');
    const ended = collect(watcher, 'call.ended');
    try {
      const left = await direct(bob, 0).updateParticipation(call.id, 'leave');
      expect(left.state).toBe('ongoing');
      stack.services[0]!.kill('SIGKILL');
      await stack.services[0]!.exited;
      await expect
        .poll(() => ended.events.filter(about(call.id)).length, { timeout: GRACE_MS + 6000 })
        .toBe(1);
      const after = await direct(carol, 1).getCallState(call.id);
      expect(after).toMatchObject({ state: 'ended', ended_reason: 'empty' });
      await sleep(1000);
      expect(ended.events.filter(about(call.id))).toHaveLength(1);
    } finally {
      ended.stop();
    }
  });

  it('lose no acknowledged create or join when an instance is killed mid-burst', async () => {
    const acknowledged: { id: string; joined: string[] }[] = [];
    let failed = 0;
    const users = [alice, bob, carol];
    // The balancer keeps sending to the killed instance (as one would until its health check
    // fails): those requests fail, and are not acknowledged.
    const all = stack.services.slice(1).map((s) => s.url);
    let kill: () => void = () => {};
    const killed = new Promise<void>((resolve) => {
      kill = () => {
        stack.services[1]!.kill('SIGKILL');
        resolve();
      };
    });
    const burst = Array.from({ length: 40 }, async (_, i) => {
      const api = roundRobin(users[i % 3]!, () => all);
      const id = createCallId();
      try {
        await api.createCall(general, { id, type: 'audio' });
      } catch {
        failed++;
        return; // Not acknowledged: may or may not exist.
      }
      const entry = { id, joined: [] as string[] };
      acknowledged.push(entry);
      if (acknowledged.length === 5) kill();
      for (const u of [users[(i + 1) % 3]!, users[(i + 2) % 3]!]) {
        try {
          await roundRobin(u, () => all).updateParticipation(id, 'join');
          entry.joined.push(u.userID!);
        } catch {
          failed++; // Not acknowledged.
        }
      }
    });
    await Promise.all(burst);
    await killed;
    expect(failed).toBeGreaterThan(0);
    expect(acknowledged.length).toBeGreaterThanOrEqual(5);
    const survivor = direct(carol, 2);
    for (const { id, joined } of acknowledged) {
      const s = await survivor.getCallState(id);
      expect(s.participants.map((p) => p.user_id).sort()).toEqual([...joined].sort());
    }
  });
});
