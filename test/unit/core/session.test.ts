import { describe, expect, it } from 'vitest';
import { CallKitError } from '../../../src/core/errors';
import type { CallingState } from '../../../src/core/machine';
import { CallSession } from '../../../src/core/session';
import type { CallToken } from '../../../src/core/types';
import { call, deferred, FakeProvider, fakeApi, flush, user } from './session-fakes';

function setup() {
  const api = fakeApi();
  const provider = new FakeProvider();
  const session = new CallSession({ api, providers: [provider], user });
  const states: CallingState[] = [session.state.callingState];
  session.subscribe(() => {
    const s = session.state.callingState;
    if (states.at(-1) !== s) states.push(s);
  });
  return { api, provider, session, states };
}

describe('CallSession: joining', () => {
  it('goes idle → joining → joined with a member token', async () => {
    const { api, provider, session, states } = setup();
    await session.join({ call });
    expect(states).toStrictEqual(['idle', 'joining', 'joined']);
    expect(api.getCallToken).toHaveBeenCalledTimes(1);
    expect(api.getCallToken.mock.calls[0]?.[0]).toBe('abc');
    expect(provider.joins).toHaveLength(1);
    expect(provider.joins[0]?.options).toMatchObject({
      call,
      user,
      token: { token: expect.stringMatching(/^member-token-/) },
    });
    expect(session.state.room).toBe(provider.joins[0]?.room);
  });

  it('goes idle → starting → joining → joined with CreateCall and uses its token', async () => {
    const { api, provider, session, states } = setup();
    const created = await session.create(
      { type: 'messaging', id: 'general' },
      { id: 'abc', type: 'video' },
    );
    expect(created.token).toBe('creator-token');
    expect(session.state).toMatchObject({ callingState: 'starting', isCreator: true, call });
    await session.join();
    expect(states).toStrictEqual(['idle', 'starting', 'joining', 'joined']);
    expect(api.getCallToken).not.toHaveBeenCalled();
    expect(provider.joins[0]?.options.token).toStrictEqual({
      token: 'creator-token',
      agora_uid: 1,
      agora_app_id: undefined,
    });
  });

  it('uses a token handed to join() and fetches none', async () => {
    const { api, provider, session } = setup();
    const token: CallToken = { token: 'in-hand', agora_uid: 9 };
    await session.join({ call, token });
    expect(api.getCallToken).not.toHaveBeenCalled();
    expect(provider.joins[0]?.options.token).toBe(token);
  });

  it("uses CreateCall's token once: a rejoin fetches a fresh one", async () => {
    const { api, session } = setup();
    await session.create({ type: 'messaging', id: 'general' }, { id: 'abc', type: 'video' });
    await session.join();
    await session.leave();
    await session.join();
    expect(api.getCallToken).toHaveBeenCalledTimes(1);
    expect(session.state.callingState).toBe('joined');
  });

  it('returns the same promise when joining while joining, and joins the provider once', async () => {
    const { api, provider, session } = setup();
    provider.auto = false;
    const first = session.join({ call });
    const second = session.join({ call });
    const third = session.join();
    expect(second).toBe(first);
    expect(third).toBe(first);
    await flush();
    provider.joins[0]?.connect();
    await first;
    expect(provider.joins).toHaveLength(1);
    expect(api.getCallToken).toHaveBeenCalledTimes(1);
    expect(session.state.callingState).toBe('joined');
  });

  it('makes exactly one token request per join', async () => {
    const { api, session } = setup();
    for (let i = 1; i <= 3; i++) {
      await session.join({ call });
      await session.leave();
      expect(api.getCallToken).toHaveBeenCalledTimes(i);
    }
  });

  it('audio calls never ask the provider for a camera', async () => {
    const { provider, session } = setup();
    await session.join({ call: { ...call, type: 'audio' }, media: { video: true } });
    expect(provider.joins[0]?.options.media).toMatchObject({ audio: true, video: false });
  });

  it('fails with provider-not-configured for a provider nobody registered', async () => {
    const { api, session } = setup();
    await session.join({
      call: { id: 'h', provider: 'hms', type: 'video', hms: { room_id: 'r', room_name: 'n' } },
    });
    expect(session.state.callingState).toBe('failed');
    expect(session.state.error).toMatchObject({
      code: 'provider-not-configured',
      recoverable: false,
    });
    expect(api.getCallToken).not.toHaveBeenCalled();
  });

  it('refuses to join without a call', () => {
    const { session } = setup();
    expect(() => session.join()).toThrow(CallKitError);
  });
});

describe('CallSession: leaving during a join', () => {
  it('aborts the token fetch and never reaches the provider', async () => {
    const { api, provider, session, states } = setup();
    const token = deferred<CallToken>();
    api.getCallToken.mockImplementationOnce(() => token.promise);
    const joining = session.join({ call });
    const signal = api.getCallToken.mock.calls[0]?.[1]?.signal;
    expect(signal?.aborted).toBe(false);
    await session.leave();
    expect(signal?.aborted).toBe(true);
    token.resolve({ token: 'late' });
    await joining;
    await flush();
    expect(provider.joins).toHaveLength(0);
    expect(states).toStrictEqual(['idle', 'joining', 'left']);
  });

  it('aborts the provider join and leaves the room once if it connects anyway', async () => {
    const { provider, session } = setup();
    provider.auto = false;
    const joining = session.join({ call });
    await flush();
    const join = provider.joins[0]!;
    await session.leave();
    expect(join.options.signal.aborted).toBe(true);
    const room = join.connect();
    await joining;
    await flush();
    expect(room.leave).toHaveBeenCalledTimes(1);
    expect(session.state).toMatchObject({ callingState: 'left', room: undefined });
    await session.leave();
    expect(room.leave).toHaveBeenCalledTimes(1);
  });

  it('does not leave a room whose join was refused after the abort', async () => {
    const { provider, session } = setup();
    provider.auto = false;
    const joining = session.join({ call });
    await flush();
    await session.leave();
    provider.joins[0]?.deferred.reject(new Error('OPERATION_ABORTED'));
    await joining;
    expect(session.state.callingState).toBe('left');
    expect(session.state.error).toBeUndefined();
  });

  it('StrictMode join → leave → join in one tick joins the provider once', async () => {
    const { api, provider, session } = setup();
    void session.join({ call });
    void session.leave();
    await session.join({ call });
    await flush();
    expect(api.getCallToken.mock.calls[0]?.[1]?.signal?.aborted).toBe(true);
    expect(provider.joins).toHaveLength(1);
    expect(provider.liveRooms()).toStrictEqual([provider.joins[0]?.room]);
    expect(session.state).toMatchObject({ callingState: 'joined', room: provider.joins[0]?.room });
  });

  it.each([
    ['the first join connects after the second', [1, 0]],
    ['the first join connects before the second', [0, 1]],
  ])(
    'join → leave → join during the provider join ends with one active room when %s',
    async (_name, order) => {
      const { provider, session } = setup();
      provider.auto = false;
      void session.join({ call });
      await flush();
      void session.leave();
      const second = session.join({ call });
      await flush();
      expect(provider.joins).toHaveLength(2);
      for (const i of order) {
        provider.joins[i]?.connect();
        await flush();
      }
      await second;
      await flush();
      expect(provider.liveRooms()).toStrictEqual([provider.joins[1]?.room]);
      expect(provider.joins[0]?.room.leave).toHaveBeenCalledTimes(1);
      expect(session.state).toMatchObject({
        callingState: 'joined',
        room: provider.joins[1]?.room,
      });
    },
  );
});

describe('CallSession: failure and retry', () => {
  it('fails with the provider error, then retry() fetches a fresh token and joins again', async () => {
    const { api, provider, session, states } = setup();
    provider.auto = false;
    const failures: unknown[] = [];
    session.events.on('call.failed', (e) => failures.push(e.error));
    const joining = session.join({ call });
    await flush();
    const refusal = new CallKitError('provider-join-failed', 'SDK said no');
    provider.joins[0]?.deferred.reject(refusal);
    await joining;
    expect(session.state).toMatchObject({ callingState: 'failed', error: refusal });
    expect(failures).toStrictEqual([refusal]);

    provider.auto = true;
    await session.retry();
    expect(api.getCallToken).toHaveBeenCalledTimes(2);
    expect(provider.joins).toHaveLength(2);
    expect(provider.joins[1]?.options.token).not.toStrictEqual(provider.joins[0]?.options.token);
    expect(session.state).toMatchObject({ callingState: 'joined', error: undefined });
    expect(states).toStrictEqual(['idle', 'joining', 'failed', 'joining', 'joined']);
  });

  it('fails with a CallKitError when the token fetch fails, and the join settles', async () => {
    const { api, provider, session } = setup();
    api.getCallToken.mockRejectedValueOnce(new CallKitError('forbidden', 'not a member'));
    await session.join({ call });
    expect(session.state.error).toMatchObject({ code: 'forbidden' });
    expect(provider.joins).toHaveLength(0);
  });

  it('wraps a non-CallKitError provider failure as provider-join-failed', async () => {
    const { provider, session } = setup();
    provider.join = async () => {
      throw new TypeError('sdk exploded');
    };
    await session.join({ call });
    expect(session.state.error).toMatchObject({ code: 'provider-join-failed', recoverable: true });
  });

  it('fails a create() error once and rethrows it', async () => {
    const { api, session } = setup();
    api.createCall.mockRejectedValueOnce(new CallKitError('call-id-conflict', 'taken'));
    const failed: unknown[] = [];
    session.events.on('call.failed', (e) => failed.push(e));
    await expect(
      session.create({ type: 'messaging', id: 'g' }, { id: 'abc', type: 'video' }),
    ).rejects.toMatchObject({ code: 'call-id-conflict' });
    expect(session.state.callingState).toBe('failed');
    expect(failed).toHaveLength(1);
  });
});
