import { describe, expect, it } from 'vitest';
import { CallController } from '../../../src/core/controller';
import { CallKitError } from '../../../src/core/errors';
import { createFakeChannel } from '../../../stories/support/fakes';
import { call, FakeProvider, fakeApi, flush, otherCall, user } from './session-fakes';

function setup() {
  const api = fakeApi();
  const provider = new FakeProvider();
  const controller = new CallController({ api, providers: [provider], user });
  const events: string[] = [];
  controller.events.on('call.started', () => events.push('started'));
  controller.events.on('call.joined', (e) => events.push(`joined:${e.call.id}`));
  controller.events.on('call.ended', (e) => events.push(`ended:${e.call?.id}:${e.reason}`));
  controller.events.on('error', (e) => events.push(`error:${e.error.code}`));
  return { api, provider, controller, events };
}

describe('CallController', () => {
  it('returns the same session when joining the active call again', async () => {
    const { provider, controller } = setup();
    const first = await controller.join(call);
    await flush();
    const again = await controller.join({ ...call });
    expect(again).toBe(first);
    expect(provider.joins).toHaveLength(1);
    expect(controller.session).toBe(first);
  });

  it('joins a double click once: two joins in the same tick share one session', async () => {
    const { api, provider, controller } = setup();
    const [a, b] = await Promise.all([controller.join(call), controller.join(call)]);
    await flush();
    expect(b).toBe(a);
    expect(provider.joins).toHaveLength(1);
    expect(api.getCallToken).toHaveBeenCalledTimes(1);
    expect(provider.liveRooms()).toHaveLength(1);
  });

  it('leaves the first call before joining another, when the user has chosen to', async () => {
    const { provider, controller, events } = setup();
    const first = await controller.join(call);
    await flush();
    const second = await controller.join(otherCall, { leaveCurrent: true });
    await flush();
    expect(second).not.toBe(first);
    expect(first?.state.callingState).toBe('left');
    expect(provider.joins[0]?.room.leave).toHaveBeenCalledTimes(1);
    expect(provider.liveRooms()).toStrictEqual([provider.joins[1]?.room]);
    expect(controller.session).toBe(second);
    expect(events).toStrictEqual(['joined:abc', 'ended:abc:left', 'joined:xyz']);
    expect(first?.events.listenerCount()).toBe(0);
  });

  it('ends StrictMode join → leave → join with exactly one active room', async () => {
    const { provider, controller } = setup();
    void controller.join(call);
    void controller.leave();
    const session = await controller.join(call);
    await flush();
    expect(provider.liveRooms()).toHaveLength(1);
    expect(session?.state.callingState).toBe('joined');
    expect(controller.session).toBe(session);
  });

  it('starts a call and joins it with the creator token, which never leaves core', async () => {
    const { api, provider, controller, events } = setup();
    const started = await controller.start({
      channel: createFakeChannel(),
      type: 'video',
      callId: 'abc',
    });
    if (!started.ok) throw started.error;
    expect(started.call).toStrictEqual(call);
    expect(JSON.stringify(Object.keys(started))).not.toContain('token');
    const joined = await controller.join(started.call);
    await flush();
    expect(joined).toBe(started.session);
    expect(api.getCallToken).not.toHaveBeenCalled();
    expect(provider.joins[0]?.options.token.token).toBe('creator-token');
    expect(events).toStrictEqual(['started', 'joined:abc']);
  });

  it('reports a failed start once to error listeners and answers the error', async () => {
    const { api, controller, events } = setup();
    api.createCall.mockRejectedValueOnce(new CallKitError('forbidden', 'not a member'));
    const started = await controller.start({ channel: createFakeChannel(), type: 'video' });
    expect(started).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(events).toStrictEqual(['error:forbidden']);
  });

  it('reports a failed join to error listeners', async () => {
    const { provider, controller, events } = setup();
    provider.join = () => Promise.reject(new CallKitError('permission-denied', 'no camera'));
    const session = await controller.join(call);
    await flush();
    expect(session?.state.error?.code).toBe('permission-denied');
    expect(events).toStrictEqual(['error:permission-denied']);
  });

  it('destroy() leaves and removes every listener', async () => {
    const { provider, controller } = setup();
    const session = await controller.join(call);
    await flush();
    controller.subscribe(() => {});
    await controller.destroy();
    expect(provider.joins[0]?.room.leave).toHaveBeenCalledTimes(1);
    expect(controller.events.listenerCount()).toBe(0);
    expect(session?.events.listenerCount()).toBe(0);
    expect(controller.session).toBeNull();
  });

  it('starts nothing that was queued behind destroy()', async () => {
    const { provider, controller } = setup();
    const joining = controller.join(call);
    const destroying = controller.destroy();
    await Promise.allSettled([joining, destroying]);
    await flush();
    expect(provider.liveRooms()).toHaveLength(0);
    expect(controller.session).toBeNull();
  });
});
