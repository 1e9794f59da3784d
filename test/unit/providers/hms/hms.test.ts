import { describe, expect, it, test } from 'vitest';
import { CallKitError } from '../../../../src/core/errors';
import type { ProviderRoom } from '../../../../src/core/provider';
import { hms } from '../../../../src/providers/hms';
import { flush, HMS_CALL, joinOptions, tokenSource } from '../agora/session-helpers';
import { createFakeHms, type FakeHms, HmsError } from './fake-hms';

const options = (overrides: Parameters<typeof joinOptions>[0] = {}) =>
  joinOptions({ call: HMS_CALL, token: { token: 'hms-token-0' }, ...overrides });

async function joined(
  overrides: Parameters<typeof joinOptions>[0] = {},
  initEndpoint?: string,
): Promise<{ fake: FakeHms; room: ProviderRoom }> {
  const fake = createFakeHms();
  const room = await hms({ sdk: fake.load, initEndpoint }).join(options(overrides));
  return { fake, room };
}

describe('hms provider: join', () => {
  it('joins with the user name, token and initial mute settings', async () => {
    const { fake, room } = await joined(
      { media: { audio: true, video: false } },
      'http://127.0.0.1:9/init',
    );
    expect(fake.constructed).toBe(1);
    expect(fake.lastJoinConfig()).toMatchObject({
      userName: 'Alice',
      authToken: 'hms-token-0',
      settings: { isAudioMuted: false, isVideoMuted: true },
      initEndpoint: 'http://127.0.0.1:9/init',
    });
    const state = room.store.getSnapshot();
    expect(state.connection).toBe('connected');
    expect(state.localId).toBe('local-1');
    expect(state.participants['local-1']).toMatchObject({
      userId: 'alice',
      name: 'Alice',
      isLocal: true,
      audioEnabled: true,
      videoEnabled: false,
      videoTrack: { kind: 'video', source: 'camera', id: 'local-1-video' },
    });
    await room.leave();
  });

  it('joins an audio call with the camera muted and refuses to turn it on', async () => {
    const { fake, room } = await joined({ call: { ...HMS_CALL, type: 'audio' } });
    expect(fake.lastJoinConfig().settings).toMatchObject({ isVideoMuted: true });
    await expect(room.setCameraEnabled(true)).rejects.toMatchObject({ code: 'invalid-request' });
    expect(fake.calls.some((c) => c[0] === 'setLocalVideoEnabled')).toBe(false);
    await room.leave();
  });

  it('leaves once and removes every subscription and listener', async () => {
    const { fake, room } = await joined();
    expect(fake.listenerCount).toBeGreaterThan(0);
    await Promise.all([room.leave(), room.leave()]);
    await room.leave();
    expect([fake.joins, fake.leaves]).toEqual([1, 1]);
    expect(fake.listenerCount).toBe(0);
    expect(room.store.getSnapshot()).toMatchObject({
      connection: 'disconnected',
      endReason: 'left',
    });
  });

  it('does not wait forever for a leave that never settles', async () => {
    const { fake, room } = await joined();
    fake.leaveNeverSettles();
    const started = Date.now();
    await room.leave();
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(fake.listenerCount).toBe(0);
  }, 6_000);

  it('times out a join that never settles: leaves and rejects with timeout', async () => {
    const fake = createFakeHms();
    fake.nextJoin('never');
    const error = await hms({ sdk: fake.load })
      .join(options({ timeoutMs: 30 }))
      .catch((e) => e);
    expect(error).toBeInstanceOf(CallKitError);
    expect(error.code).toBe('timeout');
    expect(fake.leaves).toBe(1);
    expect(fake.listenerCount).toBe(0);
  });

  it('fails the join at once with the reason when 100ms reports a terminal error while joining', async () => {
    const fake = createFakeHms();
    fake.nextJoin('never');
    fake.duringNextJoin(() => fake.notify('ERROR', new HmsError(2003, true)));
    const started = Date.now();
    const error = await hms({ sdk: fake.load })
      .join(options({ timeoutMs: 10_000 }))
      .catch((e) => e);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error).toBeInstanceOf(CallKitError);
    expect(error.code).not.toBe('timeout');
    expect(error.code).not.toBe('aborted');
    expect(fake.leaves).toBe(1);
    expect(fake.listenerCount).toBe(0);
  });

  it('releases everything when the join is aborted', async () => {
    const fake = createFakeHms();
    fake.nextJoin('never');
    const abort = new AbortController();
    const joining = hms({ sdk: fake.load }).join(
      options({ signal: abort.signal, timeoutMs: 5_000 }),
    );
    await flush();
    abort.abort();
    await expect(joining).rejects.toMatchObject({ code: 'aborted' });
    expect(fake.leaves).toBe(1);
    expect(fake.listenerCount).toBe(0);
  });

  test.each([
    [401, 'unauthorized'],
    [2003, 'network-error'],
    [1003, 'network-error'],
    [4005, 'connection-lost'],
    [500, 'server-error'],
    [6002, 'provider-join-failed'],
  ])('maps join error %i to %s', async (code, expected) => {
    const fake = createFakeHms();
    fake.nextJoin(new HmsError(code, true));
    await expect(hms({ sdk: fake.load }).join(options())).rejects.toMatchObject({
      name: 'CallKitError',
      code: expected,
    });
    expect(fake.listenerCount).toBe(0);
  });
});

describe('hms provider: peers and tracks', () => {
  it('adds, updates and removes remote participants', async () => {
    const { fake, room } = await joined();
    fake.addPeer('bob-peer', {
      name: 'Bob',
      userId: 'bob',
      video: false,
      metadata: JSON.stringify({ image: 'https://example.com/bob.png' }),
    });
    expect(room.store.getSnapshot().order).toEqual(['local-1', 'bob-peer']);
    expect(room.store.getSnapshot().participants['bob-peer']).toMatchObject({
      userId: 'bob',
      name: 'Bob',
      image: 'https://example.com/bob.png',
      isLocal: false,
      audioEnabled: true,
      videoEnabled: false,
    });

    fake.setTrackEnabled('bob-peer-video', true);
    expect(room.store.getSnapshot().participants['bob-peer']?.videoEnabled).toBe(true);

    fake.shareScreen('bob-peer');
    expect(room.store.getSnapshot().participants['bob-peer']).toMatchObject({
      screenShareEnabled: true,
      screenTrack: { kind: 'video', source: 'screen' },
    });

    fake.removePeer('bob-peer');
    expect(room.store.getSnapshot().participants['bob-peer']).toBeUndefined();
    await room.leave();
  });

  it('keeps a participant object when only another participant changed', async () => {
    const { fake, room } = await joined();
    fake.addPeer('bob-peer', { name: 'Bob' });
    fake.addPeer('carol-peer', { name: 'Carol' });
    const before = room.store.getSnapshot();
    fake.setTrackEnabled('bob-peer-audio', false);
    const after = room.store.getSnapshot();
    expect(after.participants['bob-peer']?.audioEnabled).toBe(false);
    expect(after.participants['carol-peer']).toBe(before.participants['carol-peer']);
    expect(after.participants['local-1']).toBe(before.participants['local-1']);
    await room.leave();
  });

  it('attaches and detaches video through the SDK', async () => {
    const { fake, room } = await joined();
    fake.addPeer('bob-peer', { name: 'Bob' });
    const video = document.createElement('video');
    const detach = room.store.getSnapshot().participants['bob-peer']?.videoTrack?.attach(video);
    expect(fake.calls).toContainEqual(['attachVideo', 'bob-peer-video', video]);
    detach?.();
    await flush();
    expect(fake.calls).toContainEqual(['detachVideo', 'bob-peer-video', video]);
    await room.leave();
  });

  it('sets audio levels and the active speaker from the SDK speakers', async () => {
    const { fake, room } = await joined();
    fake.addPeer('bob-peer', { name: 'Bob' });
    fake.addPeer('carol-peer', { name: 'Carol' });
    const before = room.store.getSnapshot();
    fake.setSpeakers([['bob-peer', 70]]);
    const after = room.store.getSnapshot();
    expect(after.activeSpeakerId).toBe('bob-peer');
    expect(after.participants['bob-peer']).toMatchObject({ audioLevel: 0.7, speaking: true });
    expect(after.participants['carol-peer']).toBe(before.participants['carol-peer']);
    fake.setSpeakers([['local-1', 40]]);
    expect(room.store.getSnapshot().activeSpeakerId).toBe('local-1');
    expect(room.store.getSnapshot().participants['bob-peer']?.speaking).toBe(false);
    await room.leave();
  });

  it('lists devices and the selected ones', async () => {
    const { fake, room } = await joined();
    fake.setDevices({
      audioInput: [
        { deviceId: 'mic-1', kind: 'audioinput', label: 'Mic', groupId: '' } as MediaDeviceInfo,
      ],
      videoInput: [
        { deviceId: 'cam-1', kind: 'videoinput', label: '', groupId: '' } as MediaDeviceInfo,
      ],
    });
    await room.selectDevice('videoinput', 'cam-1');
    await room.selectDevice('audioinput', 'mic-1');
    await room.selectDevice('audiooutput', 'spk-1');
    expect(fake.calls).toContainEqual(['setVideoSettings', { deviceId: 'cam-1' }]);
    expect(fake.calls).toContainEqual(['setAudioSettings', { deviceId: 'mic-1' }]);
    expect(fake.calls).toContainEqual(['setAudioOutputDevice', 'spk-1']);
    const state = room.store.getSnapshot();
    expect(state.devices).toEqual([
      { deviceId: 'mic-1', kind: 'audioinput', label: 'Mic' },
      { deviceId: 'cam-1', kind: 'videoinput', label: 'Camera 1' },
    ]);
    expect(state.selectedDevices).toMatchObject({ audioinput: 'mic-1', videoinput: 'cam-1' });
    await room.leave();
  });

  it('toggles local media through the SDK actions', async () => {
    const { fake, room } = await joined();
    await room.setMicrophoneEnabled(false);
    await room.setCameraEnabled(false);
    await room.setScreenShareEnabled(true);
    expect(room.store.getSnapshot().participants['local-1']).toMatchObject({
      audioEnabled: false,
      videoEnabled: false,
    });
    expect(fake.calls.map((c) => c[0])).toEqual(
      expect.arrayContaining([
        'setLocalAudioEnabled',
        'setLocalVideoEnabled',
        'setScreenShareEnabled',
      ]),
    );
    await room.leave();
  });
});

describe('hms provider: notifications', () => {
  it('shows reconnecting and connected', async () => {
    const { fake, room } = await joined();
    fake.notify('RECONNECTING', new HmsError(1003));
    expect(room.store.getSnapshot().connection).toBe('reconnecting');
    fake.notify('RECONNECTED', null);
    expect(room.store.getSnapshot().connection).toBe('connected');
    await room.leave();
  });

  test.each([
    ['ROOM_ENDED', 'ended'],
    ['REMOVED_FROM_ROOM', 'removed'],
  ])('%s → disconnected (%s)', async (type, endReason) => {
    const { fake, room } = await joined();
    fake.notify(type, { reason: 'bye', roomEnded: type === 'ROOM_ENDED' });
    expect(room.store.getSnapshot()).toMatchObject({ connection: 'disconnected', endReason });
    await room.leave();
    expect(room.store.getSnapshot().endReason).toBe(endReason);
  });

  it('rejoins once with a fresh token after a terminal error, and fails on the second', async () => {
    const renewToken = tokenSource('fresh');
    const { fake, room } = await joined({ renewToken });
    fake.addPeer('bob-peer', { name: 'Bob' });
    fake.notify('ERROR', new HmsError(4005, true));
    await flush();
    expect(renewToken).toHaveBeenCalledTimes(1);
    expect([fake.joins, fake.leaves]).toEqual([2, 1]);
    expect(fake.lastJoinConfig().authToken).toBe('fresh-1');
    const state = room.store.getSnapshot();
    expect(state.connection).toBe('connected');
    // Same local participant despite the new 100ms peer id.
    expect(state.localId).toBe('local-1');
    expect(state.order).toEqual(['local-1']);

    fake.notify('ERROR', new HmsError(4005, true));
    await flush();
    expect(room.store.getSnapshot()).toMatchObject({ connection: 'failed', endReason: 'failed' });
    expect(room.store.getSnapshot().error?.code).toBe('connection-lost');
    expect(fake.joins).toBe(2);
    await room.leave();
  });

  it('fails when the rejoin itself fails', async () => {
    const { fake, room } = await joined();
    fake.nextJoin(new HmsError(401, true));
    fake.notify('ERROR', new HmsError(1003, true));
    await flush();
    expect(room.store.getSnapshot().connection).toBe('failed');
    expect(room.store.getSnapshot().error?.code).toBe('unauthorized');
    await room.leave();
  });

  test.each([
    [3001, 'permission-denied'],
    [3011, 'permission-denied'],
    [3002, 'device-not-found'],
    [3003, 'device-in-use'],
  ])(
    'a non-terminal device error %i keeps the call and sets mediaIssue %s',
    async (code, expected) => {
      const { fake, room } = await joined();
      fake.notify('ERROR', new HmsError(code, false));
      expect(room.store.getSnapshot().connection).toBe('connected');
      expect(room.store.getSnapshot().mediaIssue?.code).toBe(expected);
      expect(fake.joins).toBe(1);
      await room.leave();
    },
  );

  it('keeps a device error reported while joining as the mediaIssue', async () => {
    const fake = createFakeHms();
    fake.duringNextJoin(() => fake.notify('ERROR', new HmsError(3002, false)));
    const room = await hms({ sdk: fake.load }).join(options());
    expect(room.store.getSnapshot()).toMatchObject({ connection: 'connected' });
    expect(room.store.getSnapshot().mediaIssue?.code).toBe('device-not-found');
    await room.leave();
  });

  it('reports blocked autoplay and unblocks it on request', async () => {
    const { fake, room } = await joined();
    fake.notify('ERROR', new HmsError(3008, false));
    expect(room.store.getSnapshot().audioBlocked).toBe(true);
    await room.unlockAudio();
    expect(fake.calls).toContainEqual(['unblockAudio']);
    expect(room.store.getSnapshot().audioBlocked).toBe(false);
    await room.leave();
  });

  it('stops a join in progress when the page is hidden, leaving once', async () => {
    const fake = createFakeHms();
    fake.nextJoin('never');
    const joining = hms({ sdk: fake.load }).join(options({ timeoutMs: 5_000 }));
    await flush();
    window.dispatchEvent(new Event('pagehide'));
    await expect(joining).rejects.toMatchObject({ code: 'aborted' });
    expect(fake.leaves).toBe(1);
    expect(fake.listenerCount).toBe(0);
  });

  it('leaves when the page is hidden for good, and stops listening after leave', async () => {
    const { fake, room } = await joined();
    window.dispatchEvent(new Event('pagehide'));
    await flush();
    expect(fake.leaves).toBe(1);
    expect(fake.listenerCount).toBe(0);
    window.dispatchEvent(new Event('pagehide'));
    await flush();
    expect(fake.leaves).toBe(1);
    await room.leave();
    expect(fake.leaves).toBe(1);
  });
});
