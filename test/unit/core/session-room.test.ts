import { afterEach, describe, expect, it, vi } from 'vitest';
import { CallKitError } from '../../../src/core/errors';
import type { CallingState } from '../../../src/core/machine';
import { CallSession } from '../../../src/core/session';
import { call, deferred, FakeProvider, fakeApi, flush, liveState, user } from './session-fakes';

/** Waits for the session's join report (it goes out a moment after the room is up). */
async function joinReported(api: ReturnType<typeof fakeApi>) {
  await vi.waitFor(() => expect(api.updateParticipation).toHaveBeenCalledWith('abc', 'join'));
}

async function joined(options: { joinTimeoutMs?: number } = {}) {
  const api = fakeApi();
  const provider = new FakeProvider();
  const session = new CallSession({ api, providers: [provider], user, ...options });
  const states: CallingState[] = [];
  session.subscribe(() => {
    const s = session.state.callingState;
    if (states.at(-1) !== s) states.push(s);
  });
  await session.join({ call });
  await flush();
  const room = provider.joins[0]!.room;
  return { api, provider, session, states, room };
}

describe('CallSession: following the room', () => {
  it("goes reconnecting and back when the room's connection drops and returns", async () => {
    const { session, states, room } = await joined();
    room.store.setState((s) => ({ ...s, connection: 'reconnecting' }));
    expect(session.state.callingState).toBe('reconnecting');
    room.store.setState((s) => ({ ...s, connection: 'connected' }));
    expect(session.state.callingState).toBe('joined');
    expect(states).toStrictEqual(['joining', 'joined', 'reconnecting', 'joined']);
    expect(room.leave).not.toHaveBeenCalled();
  });

  it('fails with the room error and leaves the room once when the connection fails', async () => {
    const { session, room } = await joined();
    const error = new CallKitError('connection-lost', 'ICE failed');
    room.store.setState((s) => ({ ...s, connection: 'failed', error }));
    expect(session.state).toMatchObject({ callingState: 'failed', error, room: undefined });
    await flush();
    expect(room.leave).toHaveBeenCalledTimes(1);
    await session.leave();
    expect(room.leave).toHaveBeenCalledTimes(1);
    expect(session.state.callingState).toBe('left');
  });

  it('fails with connection-lost when a failed room gives no error', async () => {
    const { session, room } = await joined();
    room.store.setState((s) => ({ ...s, connection: 'reconnecting' }));
    room.store.setState((s) => ({ ...s, connection: 'failed' }));
    expect(session.state.error).toMatchObject({ code: 'connection-lost', recoverable: true });
  });

  it.each([
    ['ended', 'ended'],
    ['removed', 'removed'],
    [undefined, 'removed'],
  ] as const)('leaves with endReason %s when the room disconnects', async (endReason, expected) => {
    const { session, room } = await joined();
    const left: unknown[] = [];
    session.events.on('call.left', (e) => left.push(e.reason));
    room.store.setState((s) => ({ ...s, connection: 'disconnected', endReason }));
    expect(session.state).toMatchObject({ callingState: 'left', endReason: expected });
    await flush();
    expect(room.leave).toHaveBeenCalledTimes(1);
    expect(left).toStrictEqual([expected]);
  });

  it('ignores room changes after it left', async () => {
    const { session, room } = await joined();
    await session.leave();
    room.store.setState((s) => ({ ...s, connection: 'reconnecting' }));
    room.store.setState((s) => ({ ...s, connection: 'failed' }));
    expect(session.state).toMatchObject({ callingState: 'left', error: undefined });
  });
});

describe('CallSession: ending and reporting', () => {
  it('end() asks the API to end the call, then leaves with endReason "ended"', async () => {
    const { api, session, room } = await joined();
    const order: string[] = [];
    api.endCall.mockImplementationOnce(async () => {
      order.push('endCall');
      return { ...liveState(), state: 'ended' };
    });
    room.leave.mockImplementationOnce(async () => {
      order.push('room.leave');
    });
    await session.end();
    expect(order).toStrictEqual(['endCall', 'room.leave']);
    expect(api.endCall).toHaveBeenCalledWith('abc', {});
    expect(session.state).toMatchObject({ callingState: 'left', endReason: 'ended' });
  });

  it('end() that the API refuses keeps the call and rethrows', async () => {
    const { api, session, room } = await joined();
    api.endCall.mockRejectedValueOnce(new CallKitError('forbidden', 'not the creator'));
    await expect(session.end()).rejects.toMatchObject({ code: 'forbidden' });
    expect(session.state.callingState).toBe('joined');
    expect(room.leave).not.toHaveBeenCalled();
  });

  it('reports join and leave once each, however often it is asked to leave', async () => {
    const { api, session, room } = await joined();
    await joinReported(api);
    await Promise.all([session.leave(), session.leave(), session.destroy()]);
    room.store.setState((s) => ({ ...s, connection: 'disconnected' }));
    await flush();
    expect(api.updateParticipation.mock.calls).toStrictEqual([
      ['abc', 'join'],
      ['abc', 'leave'],
    ]);
    expect(room.leave).toHaveBeenCalledTimes(1);
  });

  it('reports the leave only after the join report arrived', async () => {
    const api = fakeApi();
    const provider = new FakeProvider();
    const session = new CallSession({ api, providers: [provider], user });
    const report = deferred<ReturnType<typeof liveState>>();
    api.updateParticipation.mockImplementationOnce(() => report.promise);
    await session.join({ call });
    await joinReported(api);
    const leaving = session.leave();
    await flush();
    expect(api.updateParticipation.mock.calls).toStrictEqual([['abc', 'join']]);
    report.resolve(liveState());
    await leaving;
    expect(api.updateParticipation.mock.calls).toStrictEqual([
      ['abc', 'join'],
      ['abc', 'leave'],
    ]);
  });

  it('does not report a leave when the join report failed', async () => {
    const api = fakeApi();
    const session = new CallSession({ api, providers: [new FakeProvider()], user });
    api.updateParticipation.mockRejectedValueOnce(new CallKitError('server-error', 'down'));
    await session.join({ call });
    await joinReported(api);
    await session.leave();
    expect(api.updateParticipation.mock.calls).toStrictEqual([['abc', 'join']]);
    expect(session.state.callingState).toBe('left');
  });

  it('reports the join a moment after the room is up, not while it first renders', async () => {
    const { api, session } = await joined();
    expect(session.state.callingState).toBe('joined');
    expect(api.updateParticipation).not.toHaveBeenCalled();
    await joinReported(api);
  });

  it('a leave before the join was reported reports neither, and does not wait for it', async () => {
    const { api, session, room } = await joined();
    const started = performance.now();
    await session.leave();
    expect(performance.now() - started).toBeLessThan(100);
    expect(room.leave).toHaveBeenCalledTimes(1);
    await new Promise((r) => setTimeout(r, 400));
    expect(api.updateParticipation).not.toHaveBeenCalled();
  });

  it('a room that fails before the join was reported never reports it', async () => {
    const { api, room } = await joined();
    room.store.setState((s) => ({
      ...s,
      connection: 'failed',
      error: new CallKitError('connection-lost', 'ICE failed'),
    }));
    await new Promise((r) => setTimeout(r, 400));
    expect(api.updateParticipation).not.toHaveBeenCalled();
  });

  it('says it is still in the call every 30 s (alive), and stops when it leaves', async () => {
    vi.useFakeTimers();
    try {
      const api = fakeApi();
      const session = new CallSession({ api, providers: [new FakeProvider()], user });
      const joining = session.join({ call });
      await vi.advanceTimersByTimeAsync(0);
      await joining;
      expect(session.state.callingState).toBe('joined');
      await vi.advanceTimersByTimeAsync(250);
      expect(api.updateParticipation).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(30_000);
      expect(api.updateParticipation).toHaveBeenCalledTimes(2);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(api.updateParticipation.mock.calls.map((c) => c[1])).toStrictEqual([
        'join',
        'alive',
        'alive',
        'alive',
      ]);
      const leaving = session.leave();
      await vi.advanceTimersByTimeAsync(0);
      await leaving;
      await vi.advanceTimersByTimeAsync(120_000);
      expect(api.updateParticipation.mock.calls.map((c) => c[1])).toStrictEqual([
        'join',
        'alive',
        'alive',
        'alive',
        'leave',
      ]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('on page hide, sends the leave report at once, as a keepalive request, and only once', async () => {
    const { api, session, room } = await joined();
    await joinReported(api);
    session.leaveOnPageHide();
    // Synchronously: the page may be gone after this task.
    expect(api.updateParticipation.mock.calls).toStrictEqual([
      ['abc', 'join'],
      ['abc', 'leave', { keepalive: true }],
    ]);
    await session.leave();
    expect(session.state.callingState).toBe('left');
    expect(room.leave).toHaveBeenCalledTimes(1);
    expect(api.updateParticipation).toHaveBeenCalledTimes(2);
  });

  it('on page hide before the join was reported, reports neither way', async () => {
    const { api, session, room } = await joined();
    session.leaveOnPageHide();
    await session.leave();
    expect(room.leave).toHaveBeenCalledTimes(1);
    await new Promise((r) => setTimeout(r, 400));
    expect(api.updateParticipation).not.toHaveBeenCalled();
  });

  it('on page hide while the join report is on its way, still reports the leave', async () => {
    const api = fakeApi();
    const session = new CallSession({ api, providers: [new FakeProvider()], user });
    const report = deferred<ReturnType<typeof liveState>>();
    api.updateParticipation.mockImplementationOnce(() => report.promise);
    await session.join({ call });
    await joinReported(api);
    session.leaveOnPageHide();
    report.resolve(liveState());
    await session.leave();
    expect(api.updateParticipation.mock.calls).toStrictEqual([
      ['abc', 'join'],
      ['abc', 'leave', { keepalive: true }],
    ]);
  });

  it('destroy() leaves and removes every listener', async () => {
    const { session, room } = await joined();
    session.events.on('call.left', () => {});
    session.events.on('call.failed', () => {});
    await session.destroy();
    expect(room.leave).toHaveBeenCalledTimes(1);
    expect(session.events.listenerCount()).toBe(0);
  });
});

describe('CallSession: join timeout', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fails a provider join that never settles, and leaves its room if it connects later', async () => {
    vi.useFakeTimers();
    const api = fakeApi();
    const provider = new FakeProvider();
    provider.auto = false;
    const session = new CallSession({ api, providers: [provider], user, joinTimeoutMs: 5_000 });
    const joining = session.join({ call });
    await vi.advanceTimersByTimeAsync(0);
    const join = provider.joins[0]!;
    expect(join.options.timeoutMs).toBe(5_000);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(session.state.callingState).toBe('joining');
    await vi.advanceTimersByTimeAsync(1_000);
    await joining;
    expect(session.state).toMatchObject({ callingState: 'failed' });
    expect(session.state.error).toMatchObject({ code: 'provider-join-failed', recoverable: true });
    expect(join.options.signal.aborted).toBe(true);
    const room = join.connect();
    await vi.advanceTimersByTimeAsync(0);
    expect(room.leave).toHaveBeenCalledTimes(1);
    expect(session.state.room).toBeUndefined();
  });
});
