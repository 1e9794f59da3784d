import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sqliteCallRegistry } from '../src';
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

describe('call registry', () => {
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

  it('creates or gets, ends a call and starts its next session', () => {
    const registry = sqliteCallRegistry();
    const call = {
      id: 'c1',
      provider: 'local' as const,
      type: 'video' as const,
      local: { room: 'c1' },
    };
    const input = {
      call,
      cid: 'messaging:x',
      createdBy: { id: 'alice' },
      now: '2026-01-01T00:00:00.000Z',
    };
    expect(registry.createOrGet(input).created).toBe(true);
    const again = registry.createOrGet({ ...input, cid: 'messaging:y' });
    expect(again).toMatchObject({ created: false, stored: { cid: 'messaging:x' } });

    expect(
      registry.addParticipant('c1', { user_id: 'bob', joined_at: '2026-01-01T00:00:01.000Z' }),
    ).toBe(true);
    expect(registry.get('c1')).toMatchObject({
      session: 1,
      version: 2,
      hadParticipants: true,
      participants: [{ user_id: 'bob' }],
      attendees: [{ user_id: 'bob' }],
    });
    expect(registry.end('c1', '2026-01-01T00:01:00.000Z', 'ended')).toBe(true);
    expect(registry.end('c1', '2026-01-01T00:02:00.000Z', 'empty')).toBe(false);
    expect(registry.get('c1')).toMatchObject({
      version: 3,
      endedAt: '2026-01-01T00:01:00.000Z',
      endedReason: 'ended',
      participants: [],
      attendees: [{ user_id: 'bob' }],
    });
    expect(
      registry.addParticipant('c1', { user_id: 'carol', joined_at: '2026-01-01T00:02:00.000Z' }),
    ).toBe(false);
    const next = {
      type: 'audio' as const,
      createdBy: { id: 'bob' },
      now: '2026-01-01T00:03:00.000Z',
    };
    expect(registry.newSession('c1', next)).toBe(true);
    expect(registry.newSession('c1', next)).toBe(false);
    expect(registry.get('c1')).toMatchObject({
      call: { ...call, type: 'audio' },
      session: 2,
      version: 4,
      createdBy: { id: 'bob' },
      endedAt: null,
      endedReason: null,
      startedAt: '2026-01-01T00:03:00.000Z',
      hadParticipants: false,
      attendees: [],
    });
    expect(registry.pastSession('c1', 1)).toMatchObject({
      session: 1,
      version: 3,
      state: 'ended',
      ended_reason: 'ended',
      attendees: [{ user_id: 'bob' }],
    });
    expect(registry.pastSession('c1', 2)).toBeUndefined();
    expect(registry.get('missing')).toBeUndefined();
    registry.close();
  });
});

describe('call registry: getCall', () => {
  const created = (id: string, cid = 'messaging:general') => ({
    call: { id, provider: 'local' as const, type: 'video' as const, local: { room: id } },
    cid,
    createdBy: { id: 'alice' },
    now: '2026-12-02T00:00:00.000Z',
  });

  it('finds a call created after a look-up that missed, and the same call on every read', () => {
    const registry = sqliteCallRegistry();
    try {
      expect(registry.getCall?.('later')).toBeUndefined();
      registry.createOrGet(created('later', 'messaging:team'));
      const first = registry.getCall?.('later');
      expect(first).toEqual({ cid: 'messaging:team', call: created('later').call, ended: false });
      registry.addParticipant('later', { user_id: 'bob', joined_at: '2026-12-02T00:00:01.000Z' });
      registry.end('later', '2026-12-02T00:01:00.000Z', 'ended');
      // Its state changes; its channel and provider details do not.
      expect(registry.getCall?.('later')).toEqual({ ...first, ended: true });
    } finally {
      registry.close();
    }
  });

  it('keeps answering right past the calls it remembers', () => {
    const registry = sqliteCallRegistry();
    try {
      for (let i = 0; i < 1100; i++) registry.createOrGet(created(`c${i}`, `messaging:ch${i}`));
      for (let i = 0; i < 1100; i++) {
        expect(registry.getCall?.(`c${i}`)?.cid).toBe(`messaging:ch${i}`);
      }
      // The first ones were forgotten to make room; read again, they are still right.
      expect(registry.getCall?.('c0')?.cid).toBe('messaging:ch0');
      expect(registry.getCall?.('missing')).toBeUndefined();
    } finally {
      registry.close();
    }
  });
});
