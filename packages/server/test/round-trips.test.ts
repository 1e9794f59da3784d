/**
 * What a call costs in requests to Stream (membership, user look-ups, events): every instance of
 * the service shares the Stream app's rate limit, and a participant's `alive` comes every 30 s.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { defaultMembership, type Harness, startService } from './helpers';

let h: Harness;
afterEach(async () => {
  await h.close();
});

/** The membership store of the harness, counting what it is asked. */
function counted() {
  const membership = defaultMembership();
  const counts = { membership: 0, user: 0 };
  const getMembership = membership.getMembership.bind(membership);
  const getUser = membership.getUser.bind(membership);
  membership.getMembership = (cid, userId) => {
    counts.membership++;
    return getMembership(cid, userId);
  };
  membership.getUser = (userId) => {
    counts.user++;
    return getUser(userId);
  };
  const reset = () => {
    counts.membership = 0;
    counts.user = 0;
  };
  return { membership, counts, reset };
}

const participation = (user: string, action: string) =>
  h.request('POST', '/calls/rt/participants', { user, body: { action } });

describe('Stream round trips', () => {
  it('asks for membership once per GetCallToken and once per join', async () => {
    const { membership, counts, reset } = counted();
    h = await startService({}, membership);
    await h.request('POST', '/channels/messaging/general/call', {
      user: 'alice',
      body: { id: 'rt', type: 'video' },
    });
    reset();
    expect((await h.request('POST', '/calls/rt', { user: 'bob', body: {} })).status).toBe(201);
    expect((await participation('bob', 'join')).status).toBe(200);
    expect(counts.membership).toBe(2);
    expect(h.events.types()).toEqual(['call.updated']);
  });

  it("does not ask for a participant's membership on each alive, only every membershipRecheckMs", async () => {
    const { membership, counts, reset } = counted();
    h = await startService({ membershipRecheckMs: 300 }, membership);
    await h.request('POST', '/channels/messaging/general/call', {
      user: 'alice',
      body: { id: 'rt', type: 'video' },
    });
    await participation('bob', 'join');
    reset();
    for (let i = 0; i < 5; i++) expect((await participation('bob', 'alive')).status).toBe(200);
    expect(counts).toEqual({ membership: 0, user: 0 });
    await new Promise((r) => setTimeout(r, 350));
    await participation('bob', 'alive');
    await participation('bob', 'alive');
    expect(counts.membership).toBe(1);
  });

  it('takes out a participant removed from the channel at the next membership check', async () => {
    const { membership } = counted();
    h = await startService({ membershipRecheckMs: 0, emptyCallGraceMs: 60_000 }, membership);
    await h.request('POST', '/channels/messaging/general/call', {
      user: 'alice',
      body: { id: 'rt', type: 'video' },
    });
    await participation('bob', 'join');
    await participation('carol', 'join');
    delete membership.channels['messaging:general']!.bob;
    const res = await participation('bob', 'alive');
    expect(res.status).toBe(404);
    const state = await h.request('GET', '/calls/rt', { user: 'carol' });
    expect((state.body.participants as { user_id: string }[]).map((p) => p.user_id)).toEqual([
      'carol',
    ]);
    expect(h.events.events.at(-1)).toMatchObject({
      userId: 'bob',
      event: { type: 'call.updated' },
    });
  });

  it('asks nothing of a user who is not a participant beyond the usual membership check', async () => {
    const { membership, counts, reset } = counted();
    h = await startService({}, membership);
    await h.request('POST', '/channels/messaging/general/call', {
      user: 'alice',
      body: { id: 'rt', type: 'video' },
    });
    reset();
    // Dave is in no channel of this call: his alive is answered like an unknown call.
    expect((await participation('dave', 'alive')).status).toBe(404);
    expect(counts.membership).toBe(1);
  });
});
