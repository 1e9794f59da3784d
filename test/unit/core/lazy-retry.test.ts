/** A lazily loaded part that fails once (an offline click) loads on the next try. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeChannel } from '../../../stories/support/fakes';
import { FakeProvider, fakeApi, user } from './session-fakes';

afterEach(() => {
  vi.doUnmock('../../../src/core/lifecycle/engine');
  vi.resetModules();
});

describe('the call code, loaded on demand', () => {
  it('fails a start made offline with a network error, and starts on the next click', async () => {
    vi.resetModules();
    let offline = true;
    vi.doMock('../../../src/core/lifecycle/engine', async (original) => {
      if (offline) throw new TypeError('Failed to fetch dynamically imported module');
      return original();
    });
    const { CallController } = await import('../../../src/core/controller');
    const api = fakeApi();
    const controller = new CallController({ api, providers: [new FakeProvider()], user });
    const channel = createFakeChannel();
    const errors: string[] = [];
    controller.events.on('error', (e) => errors.push(e.error.code));

    const first = await controller.start({ channel, type: 'video', ring: false });
    expect(first).toMatchObject({ ok: false, error: { code: 'network-error' } });
    expect(errors).toEqual(['network-error']);
    expect(api.createCall).not.toHaveBeenCalled();

    offline = false;
    const second = await controller.start({ channel, type: 'video', ring: false });
    expect(second).toMatchObject({ ok: true, call: { id: 'abc' } });
    expect(api.createCall).toHaveBeenCalledTimes(1);
    await controller.destroy();
  });
});
