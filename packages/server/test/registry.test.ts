/**
 * One registry test suite, run on both implementations: SQLite (in memory) and PostgreSQL (a
 * database of its own on the test cluster). Both must give the same behaviour.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type Call,
  type CallRegistry,
  MAX_ATTENDEES,
  postgresCallRegistry,
  type StoredCall,
  sqliteCallRegistry,
  type TakeOut,
} from '../src';
import { freshDatabase } from './postgres';

type Open = () => CallRegistry;
const backends: [string, () => Promise<Open>][] = [
  ['SQLite', async () => () => sqliteCallRegistry(':memory:')],
  [
    'PostgreSQL',
    async () => {
      const url = await freshDatabase();
      return () => postgresCallRegistry({ url, poolSize: 4 });
    },
  ],
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let n = 0;
/** A call id not used before in this run (the PostgreSQL database is shared by the suite). */
const nextId = () => `c${++n}-${Date.now().toString(36)}`;
const localCall = (id: string): Call => ({
  id,
  provider: 'local',
  type: 'video',
  local: { room: id },
});

describe.each(backends)('the call registry on %s', (_name, prepare) => {
  let open: Open;
  const opened: CallRegistry[] = [];
  beforeAll(async () => {
    open = await prepare();
  });
  afterEach(async () => {
    for (const r of opened.splice(0)) await r.close();
  });
  const registry = () => {
    const r = open();
    opened.push(r);
    return r;
  };
  const created = async (r: CallRegistry, id = nextId(), cid = 'messaging:general') => {
    await r.create({ call: localCall(id), cid, createdBy: { id: 'alice', name: 'Alice' } });
    return id;
  };

  it('creates a call once, keeps its channel, and answers the stored call either way', async () => {
    const r = registry();
    const id = nextId();
    const first = await r.create({
      call: localCall(id),
      cid: 'messaging:x',
      createdBy: { id: 'alice' },
    });
    expect(first.created).toBe(true);
    expect(first.stored).toMatchObject({
      call: localCall(id),
      cid: 'messaging:x',
      session: 1,
      version: 1,
      endedAt: null,
      endedReason: null,
      participants: [],
      attendees: [],
      createdBy: { id: 'alice' },
    });
    const again = await r.create({
      call: localCall(id),
      cid: 'messaging:y',
      createdBy: { id: 'bob' },
    });
    expect(again).toEqual({ created: false, stored: first.stored });
    expect(await r.get('missing')).toBeUndefined();
  });

  it("keeps the call's JSON byte for byte (key order included)", async () => {
    const r = registry();
    const id = nextId();
    const call: Call = {
      type: 'audio',
      id,
      hms: { room_name: id, room_id: 'r1' },
      provider: 'hms',
    };
    await r.create({ call, cid: 'messaging:x', createdBy: { image: 'i', id: 'alice', name: 'A' } });
    const stored = (await r.get(id))!;
    expect(JSON.stringify(stored.call)).toBe(JSON.stringify(call));
    expect(JSON.stringify(stored.createdBy)).toBe(
      JSON.stringify({ image: 'i', id: 'alice', name: 'A' }),
    );
  });

  it("takes times from the database's clock", async () => {
    const r = registry();
    const before = Date.now();
    const id = await created(r);
    const joined = await r.join(id, { id: 'bob' });
    const after = Date.now();
    const stored = (await r.get(id))!;
    for (const t of [stored.createdAt, stored.startedAt, stored.participants[0]!.joined_at]) {
      expect(t).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      // Same machine: the database's clock is this one, give or take a little.
      expect(Date.parse(t)).toBeGreaterThanOrEqual(before - 1000);
      expect(Date.parse(t)).toBeLessThanOrEqual(after + 1000);
    }
    expect(joined).toMatchObject({ changed: true });
  });

  it('adds participants and attendees once each, bumping the version with each change', async () => {
    const r = registry();
    const id = await created(r);
    const bob = await r.join(id, { id: 'bob', name: 'Bob', image: 'b.png' });
    expect(bob).toMatchObject({ changed: true, stored: { version: 2 } });
    const again = await r.join(id, { id: 'bob', name: 'Bob' });
    expect(again).toMatchObject({ changed: false, stored: { version: 2 } });
    await sleep(5);
    await r.join(id, { id: 'carol' });
    const left = await r.leave(id, 'bob', 60_000);
    expect(left).toMatchObject({ changed: true, ended: false, userId: 'bob' });
    expect(left!.stored.version).toBe(4);
    expect((await r.leave(id, 'bob', 60_000))!.changed).toBe(false);
    await sleep(5);
    const back = await r.join(id, { id: 'bob', name: 'Bob' });
    const s = (back as { stored: { participants: unknown[]; attendees: unknown[] } }).stored;
    expect(s.participants).toEqual([
      { user_id: 'carol', joined_at: expect.any(String) },
      { user_id: 'bob', name: 'Bob', joined_at: expect.any(String) },
    ]);
    // The attendee keeps its first join (and the display data it had then).
    expect(s.attendees).toEqual([
      {
        user_id: 'bob',
        name: 'Bob',
        image: 'b.png',
        joined_at: bob!.stored.participants[0]!.joined_at,
      },
      { user_id: 'carol', joined_at: expect.any(String) },
    ]);
  });

  it(`keeps at most ${MAX_ATTENDEES} attendees`, async () => {
    const r = registry();
    const id = await created(r);
    for (let i = 0; i < MAX_ATTENDEES + 3; i++) await r.join(id, { id: `u${i}` });
    const s = (await r.get(id))!;
    expect(s.participants).toHaveLength(MAX_ATTENDEES + 3);
    expect(s.attendees).toHaveLength(MAX_ATTENDEES);
  });

  it('ends a session once, keeps its record, and never lets a join reopen it', async () => {
    const r = registry();
    const id = await created(r);
    await r.join(id, { id: 'bob' });
    const ended = await r.end(id, 'no-answer');
    expect(ended).toMatchObject({
      changed: true,
      stored: { endedReason: 'no-answer', participants: [], attendees: [{ user_id: 'bob' }] },
    });
    expect(ended!.stored.endedAt).not.toBeNull();
    expect(await r.end(id, 'ended')).toMatchObject({ changed: false, stored: ended!.stored });
    expect(await r.join(id, { id: 'carol' })).toMatchObject({ refused: 'ended' });
    expect(await r.alive(id, 'bob')).toBeUndefined();
    expect(await r.leave(id, 'bob', 0)).toMatchObject({ changed: false });
    expect(await r.get(id)).toEqual(ended!.stored);
    expect(await r.pastSession(id, 1)).toMatchObject({
      session: 1,
      state: 'ended',
      ended_reason: 'no-answer',
    });
    expect(await r.end('missing', 'ended')).toBeUndefined();
  });

  it('starts the next session of an ended call only, and scopes session-bound changes to it', async () => {
    const r = registry();
    const id = await created(r);
    expect(await r.newSession(id, { type: 'audio', createdBy: { id: 'bob' } })).toMatchObject({
      changed: false,
      stored: { session: 1 },
    });
    await r.join(id, { id: 'bob' });
    const ended = (await r.end(id, 'ended'))!.stored;
    const next = await r.newSession(id, { type: 'audio', createdBy: { id: 'bob' } });
    expect(next).toMatchObject({
      changed: true,
      stored: {
        session: 2,
        call: { ...localCall(id), type: 'audio' },
        createdBy: { id: 'bob' },
        endedAt: null,
        endedReason: null,
        participants: [],
        attendees: [],
      },
    });
    expect(next!.stored.version).toBe(ended.version + 1);
    expect(Date.parse(next!.stored.startedAt)).toBeGreaterThanOrEqual(Date.parse(ended.endedAt!));
    expect(await r.join(id, { id: 'bob' }, 1)).toMatchObject({ refused: 'other-session' });
    expect(await r.join(id, { id: 'bob' }, 2)).toMatchObject({ changed: true });
    expect(await r.alive(id, 'bob', 1)).toBeUndefined();
    expect(await r.alive(id, 'bob', 2)).toBeDefined();
    expect(await r.leave(id, 'bob', 0, 1)).toMatchObject({ changed: false });
    expect(await r.end(id, 'ended', 1)).toMatchObject({
      changed: false,
      stored: { session: 2, endedAt: null },
    });
    expect(await r.pastSession(id, 1)).toMatchObject({ session: 1, version: ended.version });
    expect(await r.pastSession(id, 2)).toBeUndefined();
  });

  it('summarises a call for GetCallToken: channel, room, session, ended', async () => {
    const r = registry();
    const id = await created(r, nextId(), 'team:a');
    expect(await r.getCall(id)).toEqual({
      call: localCall(id),
      cid: 'team:a',
      session: 1,
      ended: false,
    });
    await r.end(id, 'ended');
    expect(await r.getCall(id)).toMatchObject({ session: 1, ended: true });
    await r.newSession(id, { type: 'video', createdBy: { id: 'alice' } });
    expect(await r.getCall(id)).toMatchObject({ session: 2, ended: false });
    expect(await r.getCall('missing')).toBeUndefined();
  });

  it('ends the call with its last participant when there is no grace', async () => {
    const r = registry();
    const id = await created(r);
    await r.join(id, { id: 'bob' });
    const out = await r.leave(id, 'bob', 0);
    expect(out).toMatchObject({ changed: true, ended: true, stored: { endedReason: 'empty' } });
    expect(out!.stored.version).toBe(3);
  });

  it('ends a call left empty once its grace has passed, and not if someone came back', async () => {
    const r = registry();
    const gone = await created(r);
    const back = await created(r);
    for (const id of [gone, back]) {
      await r.join(id, { id: 'bob' });
      await r.leave(id, 'bob', 150);
    }
    const mine = (all: StoredCall[]) => all.filter((s) => s.call.id === gone || s.call.id === back);
    expect(mine(await r.sweepEmpty(150))).toEqual([]);
    await r.join(back, { id: 'bob' });
    await sleep(200);
    const ended = mine(await r.sweepEmpty(150));
    expect(ended.map((s) => [s.call.id, s.endedReason])).toEqual([[gone, 'empty']]);
    expect(mine(await r.sweepEmpty(150))).toEqual([]);
    expect((await r.get(back))!.endedAt).toBeNull();
  });

  it('takes out a participant not heard from for the time-to-live, once, and keeps one who is', async () => {
    const r = registry();
    const id = await created(r);
    await r.join(id, { id: 'bob' });
    await r.join(id, { id: 'carol' });
    for (let i = 0; i < 4; i++) {
      await sleep(60);
      expect(await r.alive(id, 'carol')).toBeDefined();
    }
    // The database is shared by the suite: other tests' calls may be swept too.
    const mine = (outs: TakeOut[]) => outs.filter((o) => o.stored.call.id === id);
    const out = mine(await r.sweepSilent(200, 60_000));
    expect(out.map((o) => [o.userId, o.changed, o.ended])).toEqual([['bob', true, false]]);
    expect(await r.alive(id, 'carol')).toBeDefined();
    expect(mine(await r.sweepSilent(200, 60_000))).toEqual([]);
    expect((await r.get(id))!.participants.map((p) => p.user_id)).toEqual(['carol']);
    expect(await r.alive(id, 'bob')).toBeUndefined();
  });

  it("says how long ago an alive participant's membership was checked (a join checks it)", async () => {
    const r = registry();
    const id = await created(r);
    await r.join(id, { id: 'bob' });
    await sleep(60);
    const first = await r.alive(id, 'bob');
    expect(first!.sinceCheckMs).toBeGreaterThanOrEqual(50);
    await r.memberChecked(id, 'bob');
    expect((await r.alive(id, 'bob'))!.sinceCheckMs).toBeLessThan(first!.sinceCheckMs);
    await sleep(30);
    const stale = (await r.alive(id, 'bob'))!.sinceCheckMs;
    expect(stale).toBeGreaterThanOrEqual(25);
    await r.join(id, { id: 'bob' });
    // Relative, not a fixed bound: on a loaded machine the queries themselves take milliseconds.
    expect((await r.alive(id, 'bob'))!.sinceCheckMs).toBeLessThan(stale);
  });

  it('ends the call when its last participant goes silent and there is no grace', async () => {
    const r = registry();
    const id = await created(r);
    await r.join(id, { id: 'bob' });
    await sleep(120);
    const [out] = (await r.sweepSilent(100, 0)).filter((o) => o.stored.call.id === id);
    expect(out).toMatchObject({ userId: 'bob', ended: true, stored: { endedReason: 'empty' } });
  });

  it('gives a room claim to one claimer at a time, and again once released or expired', async () => {
    const r = registry();
    const id = nextId();
    expect(await r.claimRoom(id, 10_000)).toBe(true);
    expect(await r.claimRoom(id, 10_000)).toBe(false);
    await r.releaseRoom(id);
    expect(await r.claimRoom(id, 100)).toBe(true);
    expect(await r.claimRoom(id, 100)).toBe(false);
    await sleep(150);
    expect(await r.claimRoom(id, 100)).toBe(true);
  });

  it('settles 50 concurrent creates of one id on one call, and 40 concurrent ends on one change', async () => {
    const r = registry();
    const id = nextId();
    const creates = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        r.create({ call: localCall(id), cid: `messaging:c${i % 2}`, createdBy: { id: `u${i}` } }),
      ),
    );
    expect(creates.filter((c) => c.created)).toHaveLength(1);
    expect(new Set(creates.map((c) => c.stored.cid)).size).toBe(1);
    await r.join(id, { id: 'bob' });
    const ends = await Promise.all(Array.from({ length: 40 }, () => r.end(id, 'ended')));
    expect(ends.filter((e) => e?.changed)).toHaveLength(1);
  });
});

describe('migrations', () => {
  it('lets six PostgreSQL instances that start at once all migrate one database', async () => {
    const url = await freshDatabase();
    const six = Array.from({ length: 6 }, () => postgresCallRegistry({ url, poolSize: 2 }));
    try {
      const results = await Promise.allSettled(six.map((r) => r.ready()));
      expect(results.map((r) => r.status)).toEqual(Array(6).fill('fulfilled'));
      const id = nextId();
      await six[0]!.create({ call: localCall(id), cid: 'messaging:x', createdBy: { id: 'a' } });
      expect((await six[5]!.get(id))?.cid).toBe('messaging:x');
    } finally {
      await Promise.all(six.map((r) => r.close()));
    }
  });

  it('reports a database it cannot reach on ready() and on every request, without crashing', async () => {
    const r = postgresCallRegistry({ url: 'postgres://nobody@127.0.0.1:1/none' });
    await expect(r.ready()).rejects.toThrow();
    await expect(r.get('x')).rejects.toThrow();
    await r.close();
  });
});
