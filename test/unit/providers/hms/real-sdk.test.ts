import { describe, expect, it } from 'vitest';
import { hms } from '../../../../src/providers/hms';
import type { HmsSdkLike } from '../../../../src/providers/hms/types';
import { HMS_CALL, joinOptions } from '../agora/session-helpers';

describe('hms provider with the real SDK module (no cloud)', () => {
  it('finds the store, actions, notifications and selectors it relies on', async () => {
    const sdk: HmsSdkLike = await import('@100mslive/hms-video-store');
    const reactive = new sdk.HMSReactiveStore();
    const store = reactive.getStore();
    expect(store.getState(sdk.selectPeers)).toEqual([]);
    const unsubscribe = store.subscribe(() => {}, sdk.selectPeers);
    expect(typeof unsubscribe).toBe('function');
    unsubscribe();
    const off = reactive.getNotifications().onNotification(() => {});
    off();
    for (const action of ['join', 'leave', 'attachVideo', 'detachVideo', 'unblockAudio'] as const) {
      expect(typeof reactive.getActions()[action]).toBe('function');
    }
  });

  it('turns the real SDK refusing to join (no WebRTC in jsdom: 6010) into a CallKitError', async () => {
    const error = await hms({ initEndpoint: 'http://127.0.0.1:9/' })
      .join(joinOptions({ call: HMS_CALL, token: { token: 'not-a-jwt' }, timeoutMs: 3_000 }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'CallKitError',
      code: 'provider-join-failed',
      recoverable: false,
      cause: { code: 6010 },
    });
  }, 10_000);
});
