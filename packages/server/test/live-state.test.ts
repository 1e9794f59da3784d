import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startService } from './helpers';

let h: Harness;
afterEach(async () => {
  await h.close();
});

async function withCall(overrides = {}) {
  h = await startService(overrides);
  await h.request('POST', '/channels/messaging/general/call', {
    user: 'alice',
    body: { id: 'live', type: 'video' },
  });
  h.events.events = [];
}

const join = (user: string) =>
  h.request('POST', '/calls/live/participants', { user, body: { action: 'join' } });
const alive = (user: string) =>
  h.request('POST', '/calls/live/participants', { user, body: { action: 'alive' } });
const leave = (user: string) =>
  h.request('POST', '/calls/live/participants', { user, body: { action: 'leave' } });
const until = async (check: () => boolean, ms = 2000) => {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('live state', () => {
  it('describes a new call as ongoing, with nobody in it and its creator', async () => {
    await withCall();
    const res = await h.request('GET', '/calls/live', { user: 'bob' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      call: { id: 'live', provider: 'local', type: 'video', local: { room: 'live' } },
      state: 'ongoing',
      participants: [],
      ended_at: null,
      created_by: { id: 'alice', name: 'Alice' },
    });
    expect(Date.parse(res.body.started_at as string)).not.toBeNaN();
  });

  it('adds and removes participants and tells the channel each time', async () => {
    await withCall();
    const a = await join('alice');
    expect(a.status).toBe(200);
    expect(a.body.participants).toEqual([
      {
        user_id: 'alice',
        name: 'Alice',
        image: 'https://example.test/a.png',
        joined_at: expect.any(String),
      },
    ]);
    const b = await join('bob');
    expect((b.body.participants as Array<{ user_id: string }>).map((p) => p.user_id)).toEqual([
      'alice',
      'bob',
    ]);
    const afterLeave = await leave('bob');
    expect(
      (afterLeave.body.participants as Array<{ user_id: string }>).map((p) => p.user_id),
    ).toEqual(['alice']);

    expect(h.events.types()).toEqual(['call.updated', 'call.updated', 'call.updated']);
    expect(h.events.events.map((e) => [e.cid, e.userId])).toEqual([
      ['messaging:general', 'alice'],
      ['messaging:general', 'bob'],
      ['messaging:general', 'bob'],
    ]);
    const { duration: _d, ...stateBody } = afterLeave.body;
    expect(h.events.events[2].event).toEqual({ type: 'call.updated', call_state: stateBody });
  });

  it('treats a repeated join or leave as a no-op without extra events', async () => {
    await withCall();
    await join('alice');
    const again = await join('alice');
    expect(again.body.participants).toHaveLength(1);
    await join('bob');
    await leave('bob');
    await leave('bob');
    expect(h.events.types()).toEqual(['call.updated', 'call.updated', 'call.updated']);
  });

  it('refuses a participation action other than join or leave with 400', async () => {
    await withCall();
    const res = await h.request('POST', '/calls/live/participants', {
      user: 'alice',
      body: { action: 'kick', user_id: 'bob' },
    });
    expect(res.status).toBe(400);
  });

  it('answers non-members and unknown calls alike with 404', async () => {
    await withCall();
    expect((await h.request('GET', '/calls/live', { user: 'dave' })).status).toBe(404);
    expect((await join('dave')).status).toBe(404);
    expect((await h.request('POST', '/calls/live/end', { user: 'dave' })).status).toBe(404);
    expect((await h.request('GET', '/calls/ghost', { user: 'alice' })).status).toBe(404);
    expect((await h.request('POST', '/calls/ghost/end', { user: 'alice' })).status).toBe(404);
  });

  it('ends itself once the last participant leaves', async () => {
    await withCall();
    await join('alice');
    await join('bob');
    await leave('alice');
    const last = await leave('bob');
    expect(last.body).toMatchObject({ state: 'ended', participants: [] });
    expect(Date.parse(last.body.ended_at as string)).not.toBeNaN();
    // The last leave and the end are one change (one version): the channel gets call.ended.
    expect(h.events.types()).toEqual([
      'call.updated',
      'call.updated',
      'call.updated',
      'call.ended',
    ]);
    expect(h.events.events.at(-1)!.event.call_state).toMatchObject({ state: 'ended' });
  });

  it('waits for the grace period before ending, and a rejoin in time keeps it going', async () => {
    await withCall({ emptyCallGraceMs: 150 });
    await join('alice');
    const left = await leave('alice');
    expect(left.body.state).toBe('ongoing');
    await join('alice');
    await new Promise((r) => setTimeout(r, 250));
    expect((await h.request('GET', '/calls/live', { user: 'alice' })).body.state).toBe('ongoing');
    await leave('alice');
    await until(() => h.events.types().includes('call.ended'));
    expect((await h.request('GET', '/calls/live', { user: 'alice' })).body.state).toBe('ended');
  });

  it('does not end the call when someone joins while the last leave is being announced', async () => {
    await withCall({ emptyCallGraceMs: 150 });
    await join('alice');
    const record = h.events.sendChannelEvent.bind(h.events);
    h.events.sendChannelEvent = async (...args) => {
      await new Promise((r) => setTimeout(r, 100));
      return record(...args);
    };
    const leaving = leave('alice');
    await new Promise((r) => setTimeout(r, 30));
    const joining = join('bob');
    expect((await leaving).body.state).toBe('ongoing');
    expect((await joining).body.state).toBe('ongoing');
    await new Promise((r) => setTimeout(r, 300));
    const state = await h.request('GET', '/calls/live', { user: 'bob' });
    expect(state.body).toMatchObject({ state: 'ongoing', participants: [{ user_id: 'bob' }] });
    expect(h.events.types()).not.toContain('call.ended');
  });

  it('does not end a call nobody has joined yet', async () => {
    await withCall();
    await leave('bob');
    expect((await h.request('GET', '/calls/live', { user: 'bob' })).body.state).toBe('ongoing');
    expect(h.events.events).toEqual([]);
  });

  it.each([
    ['its creator', 'alice'],
    ['a channel moderator', 'mod'],
  ])('lets %s end the call for everyone', async (_who, user) => {
    await withCall();
    await join('bob');
    const res = await h.request('POST', '/calls/live/end', { user, body: {} });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'ended', participants: [] });
    expect(h.events.types()).toEqual(['call.updated', 'call.ended']);
    expect(h.events.events[1]).toMatchObject({ cid: 'messaging:general', userId: user });
  });

  it('lets an app admin end a call in a channel they are not in', async () => {
    await withCall();
    h.membership.admins.add('root');
    const res = await h.request('POST', '/calls/live/end', { user: 'root' });
    expect(res.status).toBe(200);
  });

  it.each([
    ['a plain member who did not create it', 'bob', 403],
    ['a non-member (as for an unknown call)', 'dave', 404],
  ])('refuses ending the call to %s', async (_who, user, status) => {
    await withCall();
    const res = await h.request('POST', '/calls/live/end', { user, body: {} });
    expect(res.status).toBe(status);
    expect(h.events.events).toEqual([]);
  });

  it('ends only once: a second end answers the ended state without a second event', async () => {
    await withCall();
    await h.request('POST', '/calls/live/end', { user: 'alice' });
    const again = await h.request('POST', '/calls/live/end', { user: 'alice' });
    expect(again.body.state).toBe('ended');
    expect(h.events.types()).toEqual(['call.ended']);
  });

  it('never reopens an ended call: its tokens and joins answer 410 and change nothing', async () => {
    await withCall();
    const ended = await h.request('POST', '/calls/live/end', { user: 'alice' });
    const token = await h.request('POST', '/calls/live', { user: 'bob', body: {} });
    expect(token.status).toBe(410);
    expect(token.body).toMatchObject({ code: 16, StatusCode: 410, message: 'The call has ended.' });
    const rejoined = await join('bob');
    expect(rejoined.status).toBe(410);
    const after = await h.request('GET', '/calls/live', { user: 'bob' });
    const { duration: _a, ...was } = ended.body;
    const { duration: _b, ...is } = after.body;
    expect(is).toEqual(was);
    expect(h.events.types()).toEqual(['call.ended']);
  });

  it('keeps serving when the event sink fails', async () => {
    await withCall();
    h.events.sendChannelEvent = async () => {
      throw new Error('stream is down');
    };
    expect((await join('alice')).status).toBe(200);
    expect(h.logs.some((l) => l.includes('stream is down'))).toBe(true);
  });
});

describe('live state: participants that go silent', () => {
  const participants = async () =>
    (
      (await h.request('GET', '/calls/live', { user: 'alice' })).body.participants as {
        user_id: string;
      }[]
    ).map((p) => p.user_id);

  /**
   * Bob and Carol join; Carol's page keeps saying it is alive, Bob's goes quiet (a crash, a
   * sleeping laptop) until the service takes him out. Then `next` runs, Carol still alive.
   */
  async function bobGoesQuiet(next: () => Promise<void>) {
    await withCall({ participantTtlMs: 300 });
    await join('bob');
    await join('carol');
    const keepAlive = setInterval(() => void alive('carol').catch(() => {}), 80);
    try {
      await until(() => h.events.events.length >= 3, 3000);
      expect(await participants()).toStrictEqual(['carol']);
      await next();
    } finally {
      clearInterval(keepAlive);
    }
  }

  it('takes out a participant not heard from within participantTtlMs, and tells the channel', async () => {
    await bobGoesQuiet(async () => {
      const last = h.events.events.at(-1)!;
      expect(last.event.type).toBe('call.updated');
      expect(last.userId).toBe('bob');
    });
  });

  it('ends the call when its last participant goes silent', async () => {
    await withCall({ participantTtlMs: 300 });
    await join('bob');
    await until(() => h.events.types().includes('call.ended'), 3000);
    const res = await h.request('GET', '/calls/live', { user: 'alice' });
    expect(res.body).toMatchObject({ state: 'ended', participants: [] });
  });

  it('never reopens an ended call on alive, nor adds someone who never joined an ended call', async () => {
    await withCall();
    await join('bob');
    await h.request('POST', '/calls/live/end', { user: 'alice' });
    const res = await alive('bob');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'ended', participants: [] });
    const after = await h.request('GET', '/calls/live', { user: 'alice' });
    expect(after.body).toMatchObject({ state: 'ended', participants: [] });
  });

  it('adds back to the ongoing call someone taken out while unheard, on their alive', async () => {
    await bobGoesQuiet(async () => {
      // Bob's network comes back; his page says it is still in the call.
      await alive('bob');
      expect((await participants()).sort()).toStrictEqual(['bob', 'carol']);
    });
  });

  it('keeps everyone until they leave with participantTtlMs 0', async () => {
    await withCall({ participantTtlMs: 0 });
    await join('bob');
    await new Promise((r) => setTimeout(r, 400));
    expect(await participants()).toStrictEqual(['bob']);
    expect(h.events.types()).toStrictEqual(['call.updated']);
  });
});
