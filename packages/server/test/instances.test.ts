/**
 * Several instances of the service on one PostgreSQL database, in one process: each instance
 * has its own pool, sweeps and event sink, as separate processes would. What must hold with N
 * instances: one call (and one 100ms room) per id, no join undone by a concurrent end, one
 * `call.ended` per ending, liveness that counts an `alive` sent to any instance, and an empty
 * call ended by whichever instance is still there.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CallLiveState, type CallServiceOptions, postgresCallRegistry } from '../src';
import { type Harness, startService } from './helpers';
import { HmsApiDouble } from './hms-double';
import { freshDatabase } from './postgres';

// A database per test: every instance sweeps the whole database.
let url: string;
beforeEach(async () => {
  url = await freshDatabase();
});

const running: Harness[] = [];
let hms: HmsApiDouble | undefined;
afterEach(async () => {
  await Promise.all(running.splice(0).map((h) => h.close()));
  await hms?.close();
  hms = undefined;
});

async function instances(count: number, overrides: Partial<CallServiceOptions> = {}) {
  const out: Harness[] = [];
  for (let i = 0; i < count; i++) {
    const h = await startService({ databaseUrl: url, databasePoolSize: 4, ...overrides });
    await h.service.ready();
    running.push(h);
    out.push(h);
  }
  return out;
}

let n = 0;
const newId = () => `i${++n}-${Date.now().toString(36)}`;
const body = (res: { body: Record<string, unknown> }) => {
  const { duration: _d, ...rest } = res.body;
  return rest as unknown as CallLiveState;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const allEvents = (hs: Harness[], callId: string) =>
  hs.flatMap((h) =>
    h.events.events.filter((e) => (e.event.call_state as CallLiveState).call.id === callId),
  );

describe('several instances on one PostgreSQL database', () => {
  it('create one call and one 100ms room for 20 simultaneous creates of one id', async () => {
    hms = await new HmsApiDouble().start();
    const three = await instances(3, {
      providers: {
        hms: {
          accessKey: 'k',
          secret: 'hms-secret-0123456789',
          templateId: 't',
          apiBase: hms.base,
        },
      },
    });
    const id = newId();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        three[i % 3]!.request('POST', '/channels/messaging/general/call', {
          user: i % 2 ? 'alice' : 'bob',
          body: { id, type: 'video' },
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => JSON.stringify([a.body.call, a.body.session]))).size).toBe(1);
    expect(hms.requests.filter((r) => r.url === '/v2/rooms')).toHaveLength(1);
    const other = await three[1]!.request('POST', '/channels/messaging/other/call', {
      user: 'alice',
      body: { id, type: 'video' },
    });
    expect(other.status).toBe(409);
  });

  it('report the same state and version on every instance', async () => {
    const [a, b] = await instances(2);
    const id = newId();
    await a!.request('POST', '/channels/messaging/general/call', {
      user: 'alice',
      body: { id, type: 'audio' },
    });
    await b!.request('POST', `/calls/${id}/participants`, {
      user: 'bob',
      body: { action: 'join' },
    });
    const seenByA = body(await a!.request('GET', `/calls/${id}`, { user: 'carol' }));
    const seenByB = body(await b!.request('GET', `/calls/${id}`, { user: 'carol' }));
    expect(seenByA).toEqual(seenByB);
    expect(seenByA).toMatchObject({ version: 2, participants: [{ user_id: 'bob' }] });
  });

  it('send exactly one call.ended for 40 simultaneous ends over three instances', async () => {
    const three = await instances(3);
    const id = newId();
    await three[0]!.request('POST', '/channels/messaging/general/call', {
      user: 'alice',
      body: { id, type: 'video' },
    });
    await three[1]!.request('POST', `/calls/${id}/participants`, {
      user: 'bob',
      body: { action: 'join' },
    });
    const ends = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        three[i % 3]!.request('POST', `/calls/${id}/end`, { user: i % 2 ? 'alice' : 'mod' }),
      ),
    );
    expect(ends.map((e) => e.status)).toEqual(Array(40).fill(200));
    const versions = new Set(ends.map((e) => body(e).version));
    expect(versions.size).toBe(1);
    await sleep(50);
    expect(allEvents(three, id).filter((e) => e.event.type === 'call.ended')).toHaveLength(1);
  });

  it('never undo a join by a concurrent empty-call end (300 races over two pools)', async () => {
    // Two registries with their own pools: two instances, as far as the database can tell.
    const a = postgresCallRegistry({ url, poolSize: 4 });
    const b = postgresCallRegistry({ url, poolSize: 4 });
    try {
      let joined = 0;
      let refused = 0;
      for (let round = 0; round < 300; round++) {
        const id = newId();
        await a.create({
          call: { id, provider: 'local', type: 'video', local: { room: id } },
          cid: 'messaging:general',
          createdBy: { id: 'alice' },
        });
        await a.join(id, { id: 'x' });
        await a.leave(id, 'x', 60_000);
        // The empty call's end (grace 0 from here) against a join on the other instance.
        const [join] = await Promise.all([a.join(id, { id: 'y' }), b.sweepEmpty(0)]);
        const after = (await b.get(id))!;
        if (join && 'refused' in join) {
          refused++;
          expect(after).toMatchObject({ endedReason: 'empty', participants: [] });
        } else {
          joined++;
          expect(join?.changed).toBe(true);
          expect(after).toMatchObject({ endedAt: null, participants: [{ user_id: 'y' }] });
        }
      }
      // Both orders happened, and nobody was left inside an ended call.
      expect(joined + refused).toBe(300);
      const { rows } = await import('pg').then(async ({ default: pg }) => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        try {
          return await c.query(
            'SELECT count(*)::int AS n FROM participants p JOIN calls c ON c.id = p.call_id WHERE c.ended_at IS NOT NULL',
          );
        } finally {
          await c.end();
        }
      });
      expect(rows[0].n).toBe(0);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("let GetCallToken's memo see another instance's end within statusCacheMs, and its own at once", async () => {
    const a = postgresCallRegistry({ url, statusCacheMs: 300 });
    const b = postgresCallRegistry({ url, statusCacheMs: 300 });
    try {
      const id = newId();
      await a.create({
        call: { id, provider: 'local', type: 'video', local: { room: id } },
        cid: 'messaging:general',
        createdBy: { id: 'alice' },
      });
      expect(await a.getCall(id)).toMatchObject({ ended: false, session: 1 });
      await b.end(id, 'ended');
      expect(await b.getCall(id)).toMatchObject({ ended: true });
      await sleep(350);
      expect(await a.getCall(id)).toMatchObject({ ended: true });
      // An ended call is read again every time: a session started elsewhere is seen at once.
      await b.newSession(id, { type: 'audio', createdBy: { id: 'bob' } });
      expect(await a.getCall(id)).toMatchObject({ ended: false, session: 2 });
      await a.end(id, 'ended');
      expect(await a.getCall(id)).toMatchObject({ ended: true, session: 2 });
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('count an alive sent to any instance, and take a silent participant out exactly once', async () => {
    const three = await instances(3, { participantTtlMs: 400, emptyCallGraceMs: 60_000 });
    const id = newId();
    await three[0]!.request('POST', '/channels/messaging/general/call', {
      user: 'alice',
      body: { id, type: 'video' },
    });
    for (const user of ['bob', 'carol']) {
      await three[1]!.request('POST', `/calls/${id}/participants`, {
        user,
        body: { action: 'join' },
      });
    }
    // Carol's alive goes to a different instance each time; Bob says nothing.
    for (let i = 0; i < 10; i++) {
      await sleep(100);
      await three[i % 3]!.request('POST', `/calls/${id}/participants`, {
        user: 'carol',
        body: { action: 'alive' },
      });
    }
    const state = body(await three[2]!.request('GET', `/calls/${id}`, { user: 'alice' }));
    expect(state.participants.map((p) => p.user_id)).toEqual(['carol']);
    const bobOut = allEvents(three, id).filter(
      (e) => e.userId === 'bob' && e.event.type === 'call.updated',
    );
    // His join, then his removal: once, by one of the three sweeping instances.
    expect(bobOut).toHaveLength(2);
    expect(allEvents(three, id).filter((e) => e.event.type === 'call.ended')).toHaveLength(0);
  });

  it('end an empty call once its grace has passed, when the instance that saw the last leave is gone', async () => {
    const [a, b] = await instances(2, { emptyCallGraceMs: 300 });
    const id = newId();
    await a!.request('POST', '/channels/messaging/general/call', {
      user: 'alice',
      body: { id, type: 'video' },
    });
    await a!.request('POST', `/calls/${id}/participants`, {
      user: 'bob',
      body: { action: 'join' },
    });
    const left = await a!.request('POST', `/calls/${id}/participants`, {
      user: 'bob',
      body: { action: 'leave' },
    });
    expect(body(left).state).toBe('ongoing');
    await a!.close();
    await expect
      .poll(async () => body(await b!.request('GET', `/calls/${id}`, { user: 'alice' })).state, {
        timeout: 3000,
      })
      .toBe('ended');
    const ended = b!.events.events.filter((e) => e.event.type === 'call.ended');
    expect(ended).toHaveLength(1);
    expect(ended[0]!.event.call_state).toMatchObject({ ended_reason: 'empty' });
  });
});
