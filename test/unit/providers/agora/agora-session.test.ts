import { describe, expect, it, vi } from 'vitest';
import { CallSession } from '../../../../src/core/session';
import { agora } from '../../../../src/providers/agora';
import { createFakeAgora } from './fake-agora';
import { AGORA_CALL, fakeCallApi, flush } from './session-helpers';

function session(joinMode: 'resolve' | 'never' = 'resolve', joinTimeoutMs = 1_000) {
  const fake = createFakeAgora({ joinMode });
  const api = fakeCallApi(AGORA_CALL);
  const s = new CallSession({
    api,
    providers: [agora({ sdk: fake.load })],
    user: { id: 'alice', name: 'Alice' },
    joinTimeoutMs,
  });
  const joins = () => fake.clients.reduce((n, c) => n + c.joins.length, 0);
  const leaves = () => fake.clients.reduce((n, c) => n + c.leaves, 0);
  return { fake, api, s, joins, leaves };
}

describe('agora provider driven by CallSession', () => {
  it('joins and leaves the SDK exactly once end to end', async () => {
    const { fake, api, s, joins, leaves } = session();
    await s.join({ call: AGORA_CALL });
    expect(s.state.callingState).toBe('joined');
    // The join is reported a moment after the room is up; a leave before it would report neither.
    await vi.waitFor(() => expect(api.updateParticipation).toHaveBeenCalledTimes(1));
    expect(s.state.room?.store.getSnapshot().participants['7']?.isLocal).toBe(true);
    await s.leave();
    expect(s.state.callingState).toBe('left');
    expect([joins(), leaves()]).toEqual([1, 1]);
    expect(api.updateParticipation.mock.calls.map((c) => c[1])).toEqual(['join', 'leave']);
    for (const t of fake.tracks) expect(t.closed).toBe(true);
    expect(fake.client.listenerCount()).toBe(0);
  });

  it('survives a StrictMode-like join, leave, join: one SDK leave per SDK join', async () => {
    const { fake, s, joins, leaves } = session();
    const first = s.join({ call: AGORA_CALL });
    const leaving = s.leave();
    await Promise.all([first, leaving]);
    await s.join({ call: AGORA_CALL });
    expect(s.state.callingState).toBe('joined');
    await s.leave();
    expect(joins()).toBe(leaves());
    const live = fake.tracks.filter((t) => !t.closed);
    expect(live).toEqual([]);
    for (const client of fake.clients) expect(client.listenerCount()).toBe(0);
  });

  it('releases everything when the user leaves in the middle of the join', async () => {
    const { fake, s, joins, leaves } = session('never', 10_000);
    const joining = s.join({ call: AGORA_CALL });
    await flush();
    expect(joins()).toBe(1);
    await s.leave();
    await joining;
    expect(s.state.callingState).toBe('left');
    expect(leaves()).toBe(1);
    await flush();
    for (const t of fake.tracks) expect(t.closed).toBe(true);
    expect(fake.client.listenerCount()).toBe(0);
  });

  it('fails the session with timeout when the SDK never connects', async () => {
    const { fake, s, leaves } = session('never', 30);
    await s.join({ call: AGORA_CALL });
    expect(s.state.callingState).toBe('failed');
    expect(s.state.error?.code).toBe('timeout');
    expect(leaves()).toBe(1);
    await flush();
    for (const t of fake.tracks) expect(t.closed).toBe(true);
  });

  it('tears the room down once when the server removes the user', async () => {
    const { fake, s, leaves } = session();
    await s.join({ call: AGORA_CALL });
    fake.client.emit('connection-state-change', 'DISCONNECTED', 'CONNECTED', 'UID_BANNED');
    await flush();
    expect(s.state).toMatchObject({ callingState: 'left', endReason: 'removed' });
    expect(leaves()).toBe(1);
    await s.leave();
    expect(leaves()).toBe(1);
  });

  it('shows reconnecting and then fails the session when the connection is lost', async () => {
    const { fake, s, leaves } = session();
    await s.join({ call: AGORA_CALL });
    fake.client.emit('connection-state-change', 'RECONNECTING', 'CONNECTED');
    expect(s.state.callingState).toBe('reconnecting');
    fake.client.emit('connection-state-change', 'DISCONNECTED', 'RECONNECTING', 'NETWORK_ERROR');
    await flush();
    expect(s.state.callingState).toBe('failed');
    expect(s.state.error?.code).toBe('connection-lost');
    expect(leaves()).toBe(1);
  });
});
