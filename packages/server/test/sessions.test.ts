/**
 * Contract v2: a call's sessions, versions, attendees and end reasons, and the call ids that
 * belong to one channel.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CallServiceOptions } from '../src';
import { type CallLiveState, channelCallId } from '../src';
import { type Harness, startService as startOn } from './helpers';
import { HmsApiDouble } from './hms-double';
import { freshDatabase } from './postgres';

let h: Harness;
let hms: HmsApiDouble | undefined;
afterEach(async () => {
  await h.close();
  await hms?.close();
  hms = undefined;
});

type Answer = Awaited<ReturnType<Harness['request']>>;
const state = (res: Answer) => {
  const { duration: _d, ...rest } = res.body;
  return rest as unknown as CallLiveState;
};
const create = (user: string, type: 'audio' | 'video' = 'video', id = 'talk') =>
  h.request('POST', '/channels/messaging/general/call', { user, body: { id, type } });
const act = (user: string, action: string, session?: number) =>
  h.request('POST', '/calls/talk/participants', {
    user,
    body: session === undefined ? { action } : { action, session },
  });
const end = (user: string, body: Record<string, unknown> = {}) =>
  h.request('POST', '/calls/talk/end', { user, body });
const get = (user: string, query = '') => h.request('GET', `/calls/talk${query}`, { user });

// The service on both registries: SQLite in memory, and a fresh PostgreSQL database per test.
describe.each([
  ['SQLite', async () => ({})],
  ['PostgreSQL', async () => ({ databaseUrl: await freshDatabase() })],
])('on %s', (_name, backend: () => Promise<Partial<CallServiceOptions>>) => {
  const startService = async (overrides: Partial<CallServiceOptions> = {}) =>
    startOn({ ...(await backend()), ...overrides });

  describe('call sessions', () => {
    it('starts the next session when an ended call is created again, in the same room', async () => {
      h = await startService();
      const first = await create('alice', 'video');
      expect(first.status).toBe(201);
      expect(first.body.session).toBe(1);
      await act('bob', 'join');
      const ended = state(await end('alice'));
      h.events.events = [];

      const again = await create('bob', 'audio');
      expect(again.status).toBe(201);
      expect(again.body).toMatchObject({
        session: 2,
        call: { id: 'talk', provider: 'local', type: 'audio', local: { room: 'talk' } },
      });
      expect(typeof again.body.token).toBe('string');
      const now = state(await get('carol'));
      expect(now).toMatchObject({
        session: 2,
        state: 'ongoing',
        participants: [],
        attendees: [],
        ended_at: null,
        created_by: { id: 'bob', name: 'Bob' },
        call: { type: 'audio' },
      });
      expect(now).not.toHaveProperty('ended_reason');
      expect(Date.parse(now.started_at)).toBeGreaterThanOrEqual(Date.parse(ended.ended_at!));
      expect(now.version).toBeGreaterThan(ended.version);
      // The channel hears of the new session; a second create in it changes nothing.
      expect(h.events.types()).toEqual(['call.updated']);
      expect(h.events.events[0]!.event.call_state).toEqual(now);
      const same = await create('carol', 'video');
      expect(same.body).toMatchObject({ session: 2, call: { type: 'audio' } });
      expect(state(await get('carol'))).toEqual(now);
    });

    it('keeps the record of a past session, and answers 404 for a session that never was', async () => {
      h = await startService();
      await create('alice');
      await act('bob', 'join');
      const ended = state(await end('alice'));
      await create('alice');
      await act('carol', 'join');

      const past = await get('bob', '?session=1');
      expect(past.status).toBe(200);
      expect(state(past)).toEqual(ended);
      expect(state(past)).toMatchObject({
        session: 1,
        state: 'ended',
        ended_reason: 'ended',
        participants: [],
        attendees: [{ user_id: 'bob', name: 'Bob' }],
      });
      expect(state(await get('bob', '?session=2'))).toMatchObject({
        session: 2,
        state: 'ongoing',
        participants: [{ user_id: 'carol' }],
      });
      expect((await get('bob', '?session=3')).status).toBe(404);
      for (const bad of ['0', '-1', '1.5', 'abc', '']) {
        expect((await get('bob', `?session=${bad}`)).status).toBe(400);
      }
      // Non-members see nothing of any session.
      expect((await get('dave', '?session=1')).status).toBe(404);
    });

    it('answers a join for another session with 410, and alive or leave for it change nothing', async () => {
      h = await startService();
      await create('alice');
      await act('bob', 'join', 1);
      await end('alice');
      await create('alice');
      const before = state(await get('alice'));
      h.events.events = [];

      expect((await act('bob', 'join', 1)).status).toBe(410);
      expect((await act('bob', 'join', 3)).status).toBe(410);
      const alive = await act('bob', 'alive', 1);
      expect(alive.status).toBe(200);
      expect(state(alive)).toMatchObject({ session: 1, state: 'ended' });
      const leave = await act('bob', 'leave', 1);
      expect(state(leave)).toMatchObject({ session: 1, state: 'ended' });
      expect(state(await get('alice'))).toEqual(before);
      expect(h.events.events).toEqual([]);

      const joined = await act('bob', 'join', 2);
      expect(state(joined)).toMatchObject({ session: 2, participants: [{ user_id: 'bob' }] });
    });
  });

  describe('versions', () => {
    it('grows with every change, in every answer and event, and only with a change', async () => {
      h = await startService();
      const versions: number[] = [];
      const seen = (res: Answer) => {
        versions.push(state(res).version);
        return res;
      };
      await create('alice');
      seen(await get('alice'));
      seen(await act('alice', 'join'));
      seen(await act('bob', 'join'));
      const repeat = await act('bob', 'join');
      expect(state(repeat).version).toBe(versions.at(-1));
      seen(await act('bob', 'leave'));
      seen(await end('alice'));
      await create('carol');
      seen(await get('carol'));
      for (let i = 1; i < versions.length; i++)
        expect(versions[i]).toBeGreaterThan(versions[i - 1]!);
      const eventVersions = h.events.events.map(
        (e) => (e.event.call_state as CallLiveState).version,
      );
      expect(eventVersions).toEqual(versions.slice(1));
      for (const e of h.events.events) {
        expect(e.event.call_state).toMatchObject({ session: expect.any(Number) });
      }
    });
  });

  describe('attendees', () => {
    it('lists everyone who joined during the session, with their first join, kept once ended', async () => {
      h = await startService({ emptyCallGraceMs: 60_000 });
      await create('alice');
      const first = state(await act('bob', 'join'));
      await act('carol', 'join');
      await act('bob', 'leave');
      const back = state(await act('bob', 'join'));
      expect(back.participants.map((p) => p.user_id)).toEqual(['carol', 'bob']);
      expect(back.attendees.map((p) => [p.user_id, p.joined_at])).toEqual([
        ['bob', first.participants[0]!.joined_at],
        ['carol', expect.any(String)],
      ]);
      const ended = state(await end('alice'));
      expect(ended.participants).toEqual([]);
      expect(ended.attendees.map((p) => p.user_id)).toEqual(['bob', 'carol']);
    });

    it('keeps at most 100 attendees', async () => {
      const members = Object.fromEntries(
        Array.from({ length: 105 }, (_, i) => [`u${i}`, 'member' as const]),
      );
      h = await startService();
      h.membership.channels['messaging:general'] = { alice: 'owner', ...members };
      await create('alice');
      for (let i = 0; i < 105; i++) await act(`u${i}`, 'join');
      const s = state(await get('alice'));
      expect(s.participants).toHaveLength(105);
      expect(s.attendees).toHaveLength(100);
      expect(s.attendees.map((p) => p.user_id)).toEqual(
        Array.from({ length: 100 }, (_, i) => `u${i}`),
      );
    });
  });

  describe('end reasons', () => {
    it.each([
      ['no reason', {}, 'ended'],
      ['"ended"', { reason: 'ended' }, 'ended'],
      ['"no-answer"', { reason: 'no-answer' }, 'no-answer'],
      ['"declined"', { reason: 'declined' }, 'declined'],
      ['"busy"', { reason: 'busy' }, 'busy'],
      ['"cancelled"', { reason: 'cancelled' }, 'cancelled'],
    ])('ends with %s as its reason', async (_name, body, reason) => {
      h = await startService();
      await create('alice');
      const res = await end('alice', body);
      expect(state(res)).toMatchObject({ state: 'ended', ended_reason: reason });
      expect(h.events.events.at(-1)!.event.call_state).toMatchObject({ ended_reason: reason });
    });

    it('ends with "empty" when the last participant leaves', async () => {
      h = await startService();
      await create('alice');
      await act('bob', 'join');
      expect(state(await act('bob', 'leave'))).toMatchObject({
        state: 'ended',
        ended_reason: 'empty',
      });
    });

    it.each([['empty'], ['whatever'], [3]])(
      'refuses the end reason %j with 400',
      async (reason) => {
        h = await startService();
        await create('alice');
        expect((await end('alice', { reason })).status).toBe(400);
        expect(state(await get('alice')).state).toBe('ongoing');
      },
    );

    it('leaves the current session alone when ending one that is no longer current', async () => {
      h = await startService();
      await create('alice');
      await end('alice', { reason: 'no-answer' });
      await create('alice');
      const before = state(await get('alice'));
      const res = await end('alice', { session: 1, reason: 'cancelled' });
      expect(res.status).toBe(200);
      expect(state(res)).toMatchObject({ session: 1, state: 'ended', ended_reason: 'no-answer' });
      expect(state(await get('alice'))).toEqual(before);
      const current = await end('alice', { session: 2 });
      expect(state(current)).toMatchObject({ session: 2, state: 'ended', ended_reason: 'ended' });
    });

    it("lets the session's starter end it, not the first session's", async () => {
      h = await startService();
      await create('alice');
      await end('alice');
      await create('bob');
      expect((await end('carol')).status).toBe(403);
      expect(state(await end('bob'))).toMatchObject({ session: 2, state: 'ended' });
    });
  });

  describe('channel call ids', () => {
    it("accepts a channel's own id in that channel only, and refuses other ch- ids with 400", async () => {
      h = await startService();
      const own = channelCallId('messaging:general');
      const other = channelCallId('messaging:other');
      const res = await create('alice', 'video', own);
      expect(res.status).toBe(201);
      // Alice is a member of messaging:other too: even a member cannot take general's id there.
      const squat = await h.request('POST', '/channels/messaging/other/call', {
        user: 'alice',
        body: { id: own, type: 'video' },
      });
      expect(squat.status).toBe(400);
      expect(squat.body.message).toMatch(/reserved/);
      expect((await create('alice', 'video', other)).status).toBe(400);
      expect((await create('alice', 'video', 'ch-messaging-general-0000')).status).toBe(400);
      expect((await create('alice', 'video', 'chat-not-reserved')).status).toBe(201);
      expect(
        (
          await h.request('POST', '/channels/messaging/other/call', {
            user: 'dave',
            body: { id: other, type: 'audio' },
          })
        ).status,
      ).toBe(201);
    });
  });

  describe('sessions of a 100ms call', () => {
    it('reuse the room created for the first session', async () => {
      hms = await new HmsApiDouble().start();
      h = await startService({
        providers: {
          hms: {
            accessKey: 'k',
            secret: 'hms-secret-0123456789',
            templateId: 't',
            apiBase: hms.base,
          },
        },
      });
      const first = await create('alice');
      await end('alice');
      const second = await create('alice');
      expect(second.body.session).toBe(2);
      expect(second.body.call).toEqual(first.body.call);
      expect(hms.requests.filter((r) => r.url === '/v2/rooms')).toHaveLength(1);
    });
  });
});
