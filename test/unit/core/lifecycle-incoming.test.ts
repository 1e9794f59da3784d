/**
 * The callee's side (issue 12, behaviours 2–5 and 7): rings, the ring timeout, missed calls,
 * declines, call waiting, switching between calls.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { call, lifecycle, settle } from './lifecycle-fakes';
import { otherCall } from './session-fakes';

afterEach(() => {
  vi.useRealTimers();
});

/** Bob, whose chat has Alice (and Carol) in General. */
function bob(options: Parameters<typeof lifecycle>[0] = {}) {
  return lifecycle({ me: 'bob', members: ['alice', 'bob', 'carol'], ...options });
}

describe('an incoming call', () => {
  it('rings with the caller, the channel and the caller’s timeout', async () => {
    const { controller, ring } = bob();
    ring('alice', { timeout_ms: 12_000 });
    await settle();
    expect(controller.getSnapshot()).toMatchObject({
      phase: 'incoming',
      incoming: {
        call: { id: 'abc' },
        session: 1,
        caller: { id: 'alice', name: 'Alice' },
        channelName: 'General',
        timeoutMs: 12_000,
      },
    });
  });

  it.each([
    ['its own ring', 'bob', {}],
    ['a ring for other members', 'alice', { members: ['carol'] }],
    ['a ring without a valid call', 'alice', { call: { id: 'x', provider: 'evil' } }],
  ])('ignores %s', async (_, from, patch) => {
    const { controller, ring } = bob();
    ring(from, patch);
    await settle();
    expect(controller.getSnapshot().incoming).toBeUndefined();
  });

  it('rings once per session: a repeated ring is ignored, the next session rings again', async () => {
    const { controller, ring } = bob();
    ring('alice');
    await settle();
    await controller.decline();
    ring('alice');
    await settle();
    expect(controller.getSnapshot().incoming).toBeUndefined();
    ring('alice', { session: 2 });
    expect(controller.getSnapshot().incoming?.session).toBe(2);
  });

  it('becomes a missed call when the ring times out, at the same moment as the caller’s', async () => {
    vi.useFakeTimers();
    const { controller, ring } = bob();
    ring('alice', { timeout_ms: 8_000 });
    await settle();
    await vi.advanceTimersByTimeAsync(7_990);
    expect(controller.getSnapshot().phase).toBe('incoming');
    await vi.advanceTimersByTimeAsync(10);
    const { phase, missed } = controller.getSnapshot();
    expect(phase).toBe('idle');
    expect(missed).toMatchObject([{ call: { id: 'abc' }, session: 1, dismissed: false }]);
    controller.dismissMissed('abc');
    expect(controller.getSnapshot().missed).toMatchObject([{ dismissed: true }]);
  });

  it('stops ringing as missed when the call ends (the caller cancelled or gave up)', async () => {
    const { controller, ring, from } = bob();
    ring('alice');
    await settle();
    from('alice', {
      type: 'call.ended',
      call_state: {
        call,
        session: 1,
        version: 4,
        state: 'ended',
        participants: [],
        attendees: [],
        started_at: '2026-01-01T00:00:00Z',
        ended_at: '2026-01-01T00:00:30Z',
        ended_reason: 'cancelled',
      },
    });
    expect(controller.getSnapshot()).toMatchObject({
      phase: 'idle',
      missed: [{ call: { id: 'abc' } }],
    });
  });

  it('tells the caller it was declined', async () => {
    const { controller, ring, events } = bob();
    ring('alice');
    await settle();
    await controller.decline();
    expect(events()).toContainEqual({
      type: 'call.declined',
      call_id: 'abc',
      session: 1,
      reason: 'declined',
    });
    expect(controller.getSnapshot().phase).toBe('idle');
  });

  it('joins the ringing call on accept, with the session it rang for', async () => {
    const { controller, ring, provider } = bob();
    ring('alice');
    await settle();
    await controller.accept();
    await settle();
    expect(provider.joins).toHaveLength(1);
    expect(controller.getSnapshot().phase).toBe('in-call');
    expect(controller.session?.state.callSession).toBe(1);
  });
});

describe('a call while in another one', () => {
  async function inACall(options: Parameters<typeof lifecycle>[0] = {}) {
    const t = bob(options);
    await t.controller.join(otherCall);
    await settle();
    return t;
  }

  it('rings as call waiting', async () => {
    const { controller, ring } = await inACall();
    ring('alice');
    await settle();
    expect(controller.getSnapshot().phase).toBe('call-waiting');
    expect(controller.session?.state.call?.id).toBe('xyz');
  });

  it('declines as busy, so the caller sees the callee is in another call', async () => {
    const { controller, ring, events } = await inACall();
    ring('alice');
    await settle();
    await controller.decline();
    expect(events()).toContainEqual(
      expect.objectContaining({ type: 'call.declined', reason: 'busy' }),
    );
    expect(controller.getSnapshot().phase).toBe('in-call');
  });

  it('"End and accept" leaves the current call and joins the ringing one, without asking', async () => {
    const { controller, ring, provider } = await inACall();
    ring('alice');
    await settle();
    await controller.accept();
    await settle();
    expect(controller.getSnapshot().switching).toBeUndefined();
    expect(provider.joins[0]?.room.leave).toHaveBeenCalledTimes(1);
    expect(provider.liveRooms()).toHaveLength(1);
    expect(controller.session?.state.call?.id).toBe('abc');
  });

  it('declines at once as busy with autoRejectWhenBusy, and keeps the call as missed', async () => {
    const { controller, ring, events } = await inACall({ options: { autoRejectWhenBusy: true } });
    ring('alice');
    await settle();
    expect(controller.getSnapshot()).toMatchObject({
      phase: 'in-call',
      missed: [{ call: { id: 'abc' } }],
    });
    expect(controller.getSnapshot().incoming).toBeUndefined();
    expect(events()).toContainEqual(
      expect.objectContaining({ type: 'call.declined', reason: 'busy' }),
    );
  });
});

describe('switching calls', () => {
  async function inCall() {
    const t = bob();
    await t.controller.join(otherCall, { channel: t.channel });
    await settle();
    return t;
  }

  it('asks before joining another call, and keeps the first when the user stays', async () => {
    const { controller, provider } = await inCall();
    const joining = controller.join(call);
    await settle();
    expect(controller.getSnapshot().switching).toMatchObject({
      from: { call: { id: 'xyz' }, channelName: 'General' },
      to: { action: 'join', call: { id: 'abc' } },
    });
    expect(controller.session?.state.callingState).toBe('joined');
    controller.cancelSwitch();
    expect(await joining).toBeUndefined();
    expect(controller.getSnapshot().switching).toBeUndefined();
    expect(provider.liveRooms()).toHaveLength(1);
    expect(controller.session?.state.call?.id).toBe('xyz');
  });

  it('leaves the first call for the other once the user confirms', async () => {
    const { controller, provider } = await inCall();
    const joining = controller.join(call);
    await settle();
    controller.confirmSwitch();
    const session = await joining;
    await settle();
    expect(session?.state.call?.id).toBe('abc');
    expect(provider.joins[0]?.room.leave).toHaveBeenCalledTimes(1);
    expect(provider.liveRooms()).toHaveLength(1);
  });

  it('asks before starting a call, naming the call the user is in', async () => {
    const { controller, channel, api } = await inCall();
    const starting = controller.start({ channel, type: 'audio' });
    await settle();
    expect(controller.getSnapshot().switching).toMatchObject({ to: { action: 'start' } });
    expect(api.createCall).not.toHaveBeenCalled();
    controller.cancelSwitch();
    expect(await starting).toMatchObject({ ok: false, error: { code: 'aborted' } });
    expect(api.createCall).not.toHaveBeenCalled();
  });
});
