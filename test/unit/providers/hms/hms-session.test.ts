import { describe, expect, it, vi } from 'vitest';
import { CallSession } from '../../../../src/core/session';
import { hms } from '../../../../src/providers/hms';
import { fakeCallApi, flush, HMS_CALL } from '../agora/session-helpers';
import { createFakeHms } from './fake-hms';

function session(joinTimeoutMs = 1_000) {
  const fake = createFakeHms();
  const api = fakeCallApi(HMS_CALL);
  const s = new CallSession({
    api,
    providers: [hms({ sdk: fake.load })],
    user: { id: 'alice', name: 'Alice' },
    joinTimeoutMs,
  });
  return { fake, api, s };
}

describe('hms provider driven by CallSession', () => {
  it('starts loading the SDK on the Join click, before the token is fetched', async () => {
    const fake = createFakeHms();
    const load = vi.fn(fake.load);
    const api = fakeCallApi(HMS_CALL);
    let loadedBeforeToken = false;
    api.getCallToken.mockImplementationOnce(async () => {
      await vi.waitFor(() => expect(load).toHaveBeenCalled());
      loadedBeforeToken = true;
      return { token: 'hms-token' };
    });
    const s = new CallSession({ api, providers: [hms({ sdk: load })], user: { id: 'alice' } });
    await s.join({ call: HMS_CALL });
    expect(loadedBeforeToken).toBe(true);
    expect(s.state.callingState).toBe('joined');
    // 100ms captures only with a token: nothing shows before the room.
    await s.leave();
    expect([fake.joins, fake.leaves]).toEqual([1, 1]);
  });

  it('joins and leaves the SDK exactly once end to end', async () => {
    const { fake, api, s } = session();
    await s.join({ call: HMS_CALL });
    expect(s.state.callingState).toBe('joined');
    // The join is reported a moment after the room is up; a leave before it would report neither.
    await vi.waitFor(() => expect(api.updateParticipation).toHaveBeenCalledTimes(1));
    await s.leave();
    expect([fake.joins, fake.leaves]).toEqual([1, 1]);
    expect(api.updateParticipation.mock.calls.map((c) => c[1])).toEqual(['join', 'leave']);
    expect(fake.listenerCount).toBe(0);
  });

  it('survives a StrictMode-like join, leave, join: one SDK leave per SDK join', async () => {
    const { fake, s } = session();
    const first = s.join({ call: HMS_CALL });
    const leaving = s.leave();
    await Promise.all([first, leaving]);
    await s.join({ call: HMS_CALL });
    expect(s.state.callingState).toBe('joined');
    await s.leave();
    expect(fake.joins).toBe(fake.leaves);
    expect(fake.listenerCount).toBe(0);
  });

  it('releases everything when the user leaves in the middle of the join', async () => {
    const { fake, s } = session(10_000);
    fake.nextJoin('never');
    const joining = s.join({ call: HMS_CALL });
    await flush();
    expect(fake.joins).toBe(1);
    await s.leave();
    await joining;
    expect(s.state.callingState).toBe('left');
    expect(fake.leaves).toBe(1);
    expect(fake.listenerCount).toBe(0);
  });

  it('ends the session when the room is ended for everyone', async () => {
    const { fake, s } = session();
    await s.join({ call: HMS_CALL });
    fake.notify('ROOM_ENDED', { roomEnded: true, reason: 'ended by host' });
    await flush();
    expect(s.state).toMatchObject({ callingState: 'left', endReason: 'ended' });
    expect(fake.leaves).toBe(1);
    expect(fake.listenerCount).toBe(0);
  });

  it('fails the session after a second terminal error', async () => {
    const { fake, s } = session();
    await s.join({ call: HMS_CALL });
    fake.notify('ERROR', { code: 4005, isTerminal: true, message: 'ICE failed' });
    await flush();
    expect(s.state.callingState).toBe('joined');
    fake.notify('ERROR', { code: 4005, isTerminal: true, message: 'ICE failed' });
    await flush();
    expect(s.state.callingState).toBe('failed');
    expect(s.state.error?.code).toBe('connection-lost');
    expect(fake.joins).toBe(fake.leaves);
  });
});
