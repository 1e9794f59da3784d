import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startService } from './helpers';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDb = () => {
  const dir = mkdtempSync(join(tmpdir(), 'calls-'));
  dirs.push(dir);
  return join(dir, 'calls.sqlite');
};

describe('the call registry across a restart (SQLite file)', () => {
  it('keeps calls, participants and their channel across a restart', async () => {
    const databasePath = tempDb();
    const first = await startService({ databasePath });
    await first.request('POST', '/channels/messaging/general/call', {
      user: 'alice',
      body: { id: 'durable', type: 'audio' },
    });
    await first.request('POST', '/calls/durable/participants', {
      user: 'bob',
      body: { action: 'join' },
    });
    const before = await first.request('GET', '/calls/durable', { user: 'alice' });
    await first.close();

    const second = await startService({ databasePath });
    try {
      const after = await second.request('GET', '/calls/durable', { user: 'alice' });
      const { duration: _a, ...was } = before.body;
      const { duration: _b, ...is } = after.body;
      expect(is).toEqual(was);
      expect((await second.request('POST', '/calls/durable', { user: 'carol' })).status).toBe(201);
      const conflict = await second.request('POST', '/channels/messaging/other/call', {
        user: 'alice',
        body: { id: 'durable', type: 'audio' },
      });
      expect(conflict.status).toBe(409);
    } finally {
      await second.close();
    }
  });

  it('after a restart, takes out a participant that does not report again in time', async () => {
    const databasePath = tempDb();
    const first = await startService({ databasePath });
    await first.request('POST', '/channels/messaging/general/call', {
      user: 'alice',
      body: { id: 'crashed', type: 'video' },
    });
    await first.request('POST', '/calls/crashed/participants', {
      user: 'bob',
      body: { action: 'join' },
    });
    await first.close();

    // Bob's browser died with the old process: the new one has never heard from him.
    const second = await startService({ databasePath, participantTtlMs: 300 });
    try {
      const seen = await second.request('GET', '/calls/crashed', { user: 'alice' });
      expect(seen.body).toMatchObject({ state: 'ongoing', participants: [{ user_id: 'bob' }] });
      await expect
        .poll(async () => (await second.request('GET', '/calls/crashed', { user: 'alice' })).body, {
          timeout: 3000,
        })
        .toMatchObject({ state: 'ended', participants: [] });
    } finally {
      await second.close();
    }
  });

  it('ends after a restart a call that was left empty before the stop', async () => {
    const databasePath = tempDb();
    const first = await startService({ databasePath, emptyCallGraceMs: 60_000 });
    await first.request('POST', '/channels/messaging/general/call', {
      user: 'alice',
      body: { id: 'orphan', type: 'video' },
    });
    await first.request('POST', '/calls/orphan/participants', {
      user: 'bob',
      body: { action: 'join' },
    });
    const left = await first.request('POST', '/calls/orphan/participants', {
      user: 'bob',
      body: { action: 'leave' },
    });
    expect(left.body.state).toBe('ongoing');
    await first.close();

    const second = await startService({ databasePath, emptyCallGraceMs: 0 });
    try {
      await expect.poll(() => second.events.types(), { timeout: 2000 }).toEqual(['call.ended']);
      expect(second.events.events[0]).toMatchObject({ cid: 'messaging:general', userId: 'alice' });
      expect((await second.request('GET', '/calls/orphan', { user: 'bob' })).body.state).toBe(
        'ended',
      );
    } finally {
      await second.close();
    }
  });
});

describe('an SQLite file from before sessions', () => {
  it('is migrated when it opens: its calls keep their times, participants and state', async () => {
    const databasePath = tempDb();
    const old = new Database(databasePath);
    old.exec(`CREATE TABLE calls (id TEXT PRIMARY KEY, cid TEXT NOT NULL, call_json TEXT NOT NULL,
      created_by_json TEXT NOT NULL, created_at TEXT NOT NULL, started_at TEXT NOT NULL,
      ended_at TEXT, had_participants INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE participants (call_id TEXT NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
      user_id TEXT NOT NULL, name TEXT, image TEXT, joined_at TEXT NOT NULL,
      PRIMARY KEY (call_id, user_id));`);
    const call = (id: string) =>
      JSON.stringify({ id, provider: 'local', type: 'audio', local: { room: id } });
    const insert = old.prepare('INSERT INTO calls VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    insert.run(
      'going',
      'messaging:general',
      call('going'),
      '{"id":"alice","name":"Alice"}',
      '2026-01-02T03:04:05.678Z',
      '2026-01-02T03:04:05.678Z',
      null,
      1,
    );
    insert.run(
      'over',
      'messaging:general',
      call('over'),
      '{"id":"alice"}',
      '2026-01-02T03:00:00.000Z',
      '2026-01-02T03:00:00.000Z',
      '2026-01-02T03:30:00.500Z',
      1,
    );
    old
      .prepare('INSERT INTO participants VALUES (?, ?, ?, ?, ?)')
      .run('going', 'bob', 'Bob', null, '2026-01-02T03:04:06.001Z');
    old.close();

    const h = await startService({ databasePath });
    try {
      const going = await h.request('GET', '/calls/going', { user: 'alice' });
      const bob = { user_id: 'bob', name: 'Bob', joined_at: '2026-01-02T03:04:06.001Z' };
      expect(going.body).toMatchObject({
        session: 1,
        version: 1,
        state: 'ongoing',
        started_at: '2026-01-02T03:04:05.678Z',
        participants: [bob],
        attendees: [bob],
        created_by: { id: 'alice', name: 'Alice' },
      });
      const over = await h.request('GET', '/calls/over', { user: 'alice' });
      expect(over.body).toMatchObject({
        state: 'ended',
        ended_at: '2026-01-02T03:30:00.500Z',
        ended_reason: 'ended',
      });
      expect((await h.request('POST', '/calls/over', { user: 'bob', body: {} })).status).toBe(410);
      const again = await h.request('POST', '/channels/messaging/general/call', {
        user: 'bob',
        body: { id: 'over', type: 'video' },
      });
      expect(again.body.session).toBe(2);
    } finally {
      await h.close();
    }
  });
});
