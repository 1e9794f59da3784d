/** The caller's side of a call (issue 12, behaviours 1–3 and 6): ringing, answers, outcomes. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lifecycle, settle } from './lifecycle-fakes';

afterEach(() => {
  vi.useRealTimers();
});

async function calling(setup: Parameters<typeof lifecycle>[0] = {}) {
  const t = lifecycle(setup);
  const started = t.controller.start({ channel: t.channel, type: 'video', text: 'Video call' });
  await settle();
  return { ...t, started };
}

describe('an outgoing 1:1 call', () => {
  it('shows whom it calls at once, announces the session and rings with the members and timeout', async () => {
    const { controller, channel, started, events } = await calling({
      options: { ringTimeoutMs: 20_000 },
    });
    const { phase, outgoing } = controller.getSnapshot();
    expect(phase).toBe('outgoing');
    expect(outgoing).toMatchObject({
      direct: true,
      status: 'ringing',
      members: [{ id: 'bob', name: 'Bob', status: 'ringing' }],
    });
    expect(await started).toMatchObject({ ok: true, call: { id: 'abc' } });
    const message = channel.sent.find((s) => s.kind === 'message')?.value;
    expect(message).toMatchObject({ attachments: [{ type: 'call', session: 1 }] });
    expect(events()).toContainEqual({
      type: 'call.ring',
      call: expect.objectContaining({ id: 'abc' }),
      session: 1,
      members: ['bob'],
      timeout_ms: 20_000,
    });
    // The caller is already joining in the background: the first answer connects at once.
    expect(controller.session?.state.callingState).toBe('joined');
    expect(controller.getSnapshot().phase).toBe('outgoing');
  });

  it('puts both in the call with the first answer', async () => {
    const { controller, started, arrives, api } = await calling();
    await started;
    arrives('bob');
    const { phase, outgoing } = controller.getSnapshot();
    expect(phase).toBe('in-call');
    expect(outgoing?.status).toBe('answered');
    expect(outgoing?.members[0]?.status).toBe('joined');
    expect(api.endCall).not.toHaveBeenCalled();
  });

  it('ends with "no-answer" when nobody answers in time, and the caller sees No answer', async () => {
    vi.useFakeTimers();
    const { controller, started, api, provider } = await calling({
      options: { ringTimeoutMs: 10_000 },
    });
    await started;
    await vi.advanceTimersByTimeAsync(9_999);
    expect(controller.getSnapshot().phase).toBe('outgoing');
    await vi.advanceTimersByTimeAsync(1);
    expect(controller.getSnapshot().phase).toBe('ended');
    expect(controller.getSnapshot().outcome).toMatchObject({
      reason: 'no-answer',
      members: [{ id: 'bob', status: 'no-answer' }],
    });
    expect(api.endCall).toHaveBeenCalledWith('abc', { reason: 'no-answer', session: 1 });
    await vi.advanceTimersByTimeAsync(0);
    expect(provider.liveRooms()).toHaveLength(0);
    controller.dismissOutcome();
    expect(controller.getSnapshot().phase).toBe('idle');
  });

  it.each([
    ['declined', 'declined'],
    ['busy', 'busy'],
  ] as const)('ends with "%s" when the callee answers so', async (reason, outcome) => {
    const { controller, started, api, from } = await calling();
    await started;
    from('bob', { type: 'call.declined', call_id: 'abc', session: 1, reason });
    await settle();
    expect(controller.getSnapshot()).toMatchObject({
      phase: 'ended',
      outcome: { reason: outcome },
    });
    expect(api.endCall).toHaveBeenCalledWith('abc', { reason: outcome, session: 1 });
  });

  it('ignores a decline from someone it does not ring, or for another session', async () => {
    const { controller, started, api, from } = await calling();
    await started;
    from('carol', { type: 'call.declined', call_id: 'abc', session: 1, reason: 'declined' });
    from('bob', { type: 'call.declined', call_id: 'abc', session: 2, reason: 'declined' });
    from('bob', { type: 'call.declined', call_id: 'other', session: 1, reason: 'declined' });
    await settle();
    expect(controller.getSnapshot().phase).toBe('outgoing');
    expect(api.endCall).not.toHaveBeenCalled();
  });

  it('Cancel ends the call as "cancelled" and shows nothing more', async () => {
    const { controller, started, api, provider } = await calling();
    await started;
    await controller.cancel();
    expect(api.endCall).toHaveBeenCalledWith('abc', { reason: 'cancelled', session: 1 });
    expect(controller.getSnapshot()).toMatchObject({ phase: 'idle', outcome: undefined });
    expect(provider.liveRooms()).toHaveLength(0);
  });

  it('Call again starts the call anew and rings again', async () => {
    const { controller, started, api, from, events } = await calling();
    await started;
    from('bob', { type: 'call.declined', call_id: 'abc', session: 1, reason: 'declined' });
    await settle();
    const again = controller.callAgain();
    await settle();
    expect(controller.getSnapshot().phase).toBe('outgoing');
    expect(await again).toMatchObject({ ok: true });
    expect(api.createCall).toHaveBeenCalledTimes(2);
    expect(events().filter((e) => e.type === 'call.ring')).toHaveLength(2);
  });

  it('learns of an answer from the call service too (call.updated)', async () => {
    const { controller, started, from } = await calling();
    await started;
    from('bob', {
      type: 'call.updated',
      call_state: {
        call: { id: 'abc', provider: 'agora', type: 'video', agora: { channel: 'abc' } },
        session: 1,
        version: 3,
        state: 'ongoing',
        participants: [{ user_id: 'bob', joined_at: '2026-01-01T00:00:00Z' }],
        attendees: [{ user_id: 'bob', joined_at: '2026-01-01T00:00:00Z' }],
        started_at: '2026-01-01T00:00:00Z',
      },
    });
    expect(controller.getSnapshot().outgoing?.members[0]?.status).toBe('joined');
  });
});

describe('an outgoing group call', () => {
  const group = { members: ['alice', 'bob', 'carol'] };

  it('puts the caller in the room at once and shows who is still rung', async () => {
    const { controller, started } = await calling(group);
    await started;
    const { phase, outgoing } = controller.getSnapshot();
    expect(phase).toBe('in-call');
    expect(outgoing?.direct).toBe(false);
    expect(outgoing?.members.map((m) => [m.id, m.status])).toEqual([
      ['bob', 'ringing'],
      ['carol', 'ringing'],
    ]);
  });

  it('marks a decline and keeps ringing the others', async () => {
    const { controller, started, from, api } = await calling(group);
    await started;
    from('bob', { type: 'call.declined', call_id: 'abc', session: 1, reason: 'declined' });
    const { phase, outgoing } = controller.getSnapshot();
    expect(phase).toBe('in-call');
    expect(outgoing?.status).toBe('ringing');
    expect(outgoing?.members.map((m) => m.status)).toEqual(['declined', 'ringing']);
    expect(api.endCall).not.toHaveBeenCalled();
  });

  it('stops ringing at the timeout and keeps the caller in the call', async () => {
    vi.useFakeTimers();
    const { controller, started, api } = await calling({
      ...group,
      options: { ringTimeoutMs: 5_000 },
    });
    await started;
    await vi.advanceTimersByTimeAsync(5_000);
    const { phase, outgoing } = controller.getSnapshot();
    expect(phase).toBe('in-call');
    expect(outgoing?.status).toBe('stopped');
    expect(outgoing?.members.map((m) => m.status)).toEqual(['no-answer', 'no-answer']);
    expect(api.endCall).not.toHaveBeenCalled();
  });

  it('ends a call nobody answered when its caller leaves, so the rings stop everywhere', async () => {
    const { controller, started, api } = await calling(group);
    await started;
    await controller.leave();
    await settle();
    expect(api.endCall).toHaveBeenCalledWith('abc', { reason: 'cancelled', session: 1 });
    expect(controller.getSnapshot().outgoing).toBeUndefined();
  });

  it('leaves a call someone answered as usual', async () => {
    const { controller, started, api, arrives } = await calling(group);
    await started;
    arrives('bob');
    await controller.leave();
    await settle();
    expect(api.endCall).not.toHaveBeenCalled();
  });
});

describe('a call started before its caller joins (a pre-join preview first)', () => {
  it('rings once the caller joins, and shows Calling then', async () => {
    const t = lifecycle();
    const started = await t.controller.start({ channel: t.channel, type: 'video', join: false });
    if (!started.ok) throw started.error;
    await settle();
    expect(t.events().filter((e) => e.type === 'call.ring')).toHaveLength(0);
    expect(t.controller.getSnapshot().phase).toBe('connecting');
    await started.session.join();
    await settle();
    expect(t.events()).toContainEqual(
      expect.objectContaining({ type: 'call.ring', members: ['bob'], session: 1 }),
    );
    expect(t.controller.getSnapshot().phase).toBe('outgoing');
  });

  it('cancels the announced call when the caller leaves the preview, ringing nobody', async () => {
    const t = lifecycle();
    const started = await t.controller.start({ channel: t.channel, type: 'video', join: false });
    if (!started.ok) throw started.error;
    await settle();
    await started.session.leave();
    await settle();
    expect(t.api.endCall).toHaveBeenCalledWith('abc', { reason: 'cancelled', session: 1 });
    expect(t.events().filter((e) => e.type === 'call.ring')).toHaveLength(0);
  });
});
