import { describe, expect, it, test } from 'vitest';
import { CallKitError } from '../../../../src/core/errors';
import { agora } from '../../../../src/providers/agora';
import { AgoraError, createFakeAgora, type FakeAgora } from './fake-agora';
import { AGORA_CALL, flush, joinOptions } from './session-helpers';

function setup(options: Parameters<typeof createFakeAgora>[0] = {}) {
  const fake = createFakeAgora(options);
  const provider = agora({ sdk: fake.load });
  return { fake, provider };
}

function expectReleased(fake: FakeAgora) {
  for (const track of fake.tracks) expect(track.closed, `${track.source} closed`).toBe(true);
  expect(fake.client.listenerCount()).toBe(0);
  expect(fake.AgoraRTC.onCameraChanged).toBeUndefined();
  expect(fake.AgoraRTC.onMicrophoneChanged).toBeUndefined();
  expect(fake.AgoraRTC.onAutoplayFailed).toBeUndefined();
}

describe('agora provider: join', () => {
  it('joins the call channel with the app id, token and uid from the token response', async () => {
    const { fake, provider } = setup();
    const room = await provider.join(joinOptions());
    expect(provider.name).toBe('agora');
    expect(fake.client.config).toEqual({ mode: 'rtc', codec: 'vp8' });
    expect(fake.client.joins).toEqual([['app-id', 'standup', 'token-0', 7]]);
    expect(room.store.getSnapshot().connection).toBe('connected');
    await room.leave();
  });

  it('turns off Agora event reporting unless the app opts in', async () => {
    const quiet = setup();
    await (await quiet.provider.join(joinOptions())).leave();
    expect(quiet.fake.parameters).toContainEqual(['ENABLE_EVENT_REPORT', false]);
    expect(quiet.fake.parameters).toContainEqual(['logLevel', 2]);

    const fake = createFakeAgora();
    const room = await agora({
      sdk: fake.load,
      eventReporting: true,
      codec: 'h264',
      logLevel: 0,
    }).join(joinOptions());
    expect(fake.parameters.map(([k]) => k)).not.toContain('ENABLE_EVENT_REPORT');
    expect(fake.parameters).toContainEqual(['logLevel', 0]);
    expect(fake.client.config).toEqual({ mode: 'rtc', codec: 'h264' });
    await room.leave();
  });

  it('publishes microphone and camera in a video call and shows the local participant', async () => {
    const { fake, provider } = setup();
    const room = await provider.join(joinOptions());
    expect(fake.client.published.map((t) => t.source)).toEqual(['microphone', 'camera']);
    const state = room.store.getSnapshot();
    expect(state.localId).toBe('7');
    expect(state.participants['7']).toMatchObject({
      userId: 'alice',
      name: 'Alice',
      isLocal: true,
      audioEnabled: true,
      videoEnabled: true,
      audioTrack: { kind: 'audio', source: 'microphone' },
      videoTrack: { kind: 'video', source: 'camera' },
    });
    expect(fake.client.volumeIndicatorEnabled).toBe(true);
    await room.leave();
  });

  it('publishes only the microphone in an audio call, even when video was asked for', async () => {
    const { fake, provider } = setup();
    const room = await provider.join(joinOptions({ call: { ...AGORA_CALL, type: 'audio' } }));
    expect(fake.tracks.map((t) => t.source)).toEqual(['microphone']);
    expect(fake.client.published.map((t) => t.source)).toEqual(['microphone']);
    await expect(room.setCameraEnabled(true)).rejects.toMatchObject({ code: 'invalid-request' });
    expect(fake.tracks.map((t) => t.source)).toEqual(['microphone']);
    await room.leave();
  });

  it('joins muted without opening a device when media is off, and creates tracks when enabled', async () => {
    const { fake, provider } = setup();
    const room = await provider.join(joinOptions({ media: { audio: false, video: false } }));
    expect(fake.tracks).toHaveLength(0);
    expect(fake.client.published).toHaveLength(0);
    expect(room.store.getSnapshot().participants['7']).toMatchObject({
      audioEnabled: false,
      videoEnabled: false,
    });

    await room.setMicrophoneEnabled(true);
    await room.setCameraEnabled(true);
    expect(fake.client.published.map((t) => t.source)).toEqual(['microphone', 'camera']);
    expect(room.store.getSnapshot().participants['7']).toMatchObject({
      audioEnabled: true,
      videoEnabled: true,
    });

    await room.setCameraEnabled(false);
    expect(fake.tracks[1]?.enabled).toBe(false);
    expect(room.store.getSnapshot().participants['7']?.videoEnabled).toBe(false);
    await room.leave();
    expectReleased(fake);
  });

  it('uses the devices chosen before joining', async () => {
    const { fake, provider } = setup();
    const room = await provider.join(
      joinOptions({
        media: { audio: true, video: true, audioDeviceId: 'mic-1', videoDeviceId: 'cam-2' },
      }),
    );
    expect(fake.tracks.map((t) => t.mst.deviceId)).toEqual(['mic-1', 'cam-2']);
    expect(room.store.getSnapshot().selectedDevices).toMatchObject({
      audioinput: 'mic-1',
      videoinput: 'cam-2',
    });
    await room.leave();
  });

  it('lists the devices after joining', async () => {
    const { provider } = setup();
    const room = await provider.join(joinOptions());
    await flush();
    expect(room.store.getSnapshot().devices.map((d) => d.label)).toEqual([
      'Built-in microphone',
      'Built-in camera',
      'USB camera',
    ]);
    await room.leave();
  });
});

describe('agora provider: device failures', () => {
  test.each([
    ['camera', 'PERMISSION_DENIED', 'permission-denied', ['microphone'], true, false],
    ['camera', 'NOT_READABLE', 'device-in-use', ['microphone'], true, false],
    ['camera', 'DEVICE_NOT_FOUND', 'device-not-found', ['microphone'], true, false],
    ['both', 'PERMISSION_DENIED', 'permission-denied', [], false, false],
    ['both', 'NOT_READABLE', 'device-in-use', [], false, false],
    ['microphone', 'DEVICE_NOT_FOUND', 'device-not-found', ['camera'], false, true],
  ] as const)(
    'joins anyway when the %s fails with %s (mediaIssue %s)',
    async (which, agoraCode, code, published, audio, video) => {
      const error = new AgoraError(agoraCode);
      const fail = which === 'both' ? { microphone: error, camera: error } : { [which]: error };
      const { fake, provider } = setup({ fail });
      const room = await provider.join(joinOptions());
      const state = room.store.getSnapshot();
      expect(state.connection).toBe('connected');
      expect(state.mediaIssue).toBeInstanceOf(CallKitError);
      expect(state.mediaIssue?.code).toBe(code);
      expect(fake.client.published.map((t) => t.source)).toEqual(published);
      expect(state.participants['7']).toMatchObject({ audioEnabled: audio, videoEnabled: video });
      await room.leave();
      expectReleased(fake);
    },
  );

  it('reports a camera that fails when turned on later, and keeps the call', async () => {
    const { fake, provider } = setup();
    const room = await provider.join(joinOptions({ media: { audio: true, video: false } }));
    fake.fail.camera = new AgoraError('NOT_READABLE');
    await expect(room.setCameraEnabled(true)).rejects.toMatchObject({ code: 'device-in-use' });
    expect(room.store.getSnapshot().mediaIssue?.code).toBe('device-in-use');
    expect(room.store.getSnapshot().connection).toBe('connected');
    await room.leave();
  });
});

describe('agora provider: leave', () => {
  it('tears down in order: unpublish, close every track, leave, remove every listener', async () => {
    const { fake, provider } = setup();
    fake.AgoraRTC.onAutoplayFailed = undefined;
    const room = await provider.join(joinOptions());
    expect(fake.client.listenerCount()).toBeGreaterThan(0);
    fake.log.length = 0;
    await room.leave();
    expect(fake.log).toEqual([
      'client.unpublish(microphone,camera)',
      'microphone.close',
      'camera.close',
      'client.leave',
    ]);
    expectReleased(fake);
    expect(room.store.getSnapshot()).toMatchObject({
      connection: 'disconnected',
      endReason: 'left',
    });
  });

  it('leaves exactly once however often leave is called', async () => {
    const { fake, provider } = setup();
    const room = await provider.join(joinOptions());
    await Promise.all([room.leave(), room.leave()]);
    await room.leave();
    expect(fake.client.joins).toHaveLength(1);
    expect(fake.client.leaves).toBe(1);
  });

  it("restores the app's own global Agora handlers", async () => {
    const fake = createFakeAgora();
    const appHandler = () => {};
    fake.AgoraRTC.onAutoplayFailed = appHandler;
    const room = await agora({ sdk: fake.load }).join(joinOptions());
    expect(fake.AgoraRTC.onAutoplayFailed).not.toBe(appHandler);
    await room.leave();
    expect(fake.AgoraRTC.onAutoplayFailed).toBe(appHandler);
  });
});

describe('agora provider: join that does not finish', () => {
  it('times out: leaves the channel, closes the tracks and rejects with timeout', async () => {
    const { fake, provider } = setup({ joinMode: 'never' });
    const error = await provider.join(joinOptions({ timeoutMs: 30 })).catch((e) => e);
    expect(error).toBeInstanceOf(CallKitError);
    expect(error.code).toBe('timeout');
    expect(fake.client.leaves).toBe(1);
    await flush();
    expect(fake.tracks.length).toBeGreaterThan(0);
    expectReleased(fake);
  });

  it('releases everything when the join is aborted', async () => {
    const { fake, provider } = setup({ joinMode: 'never' });
    const abort = new AbortController();
    const joining = provider.join(joinOptions({ signal: abort.signal, timeoutMs: 5_000 }));
    await flush();
    abort.abort();
    await expect(joining).rejects.toMatchObject({ code: 'aborted' });
    expect(fake.client.leaves).toBe(1);
    await flush();
    expectReleased(fake);
  });

  it('does not even create a client when aborted before the SDK loaded', async () => {
    const { fake, provider } = setup();
    const abort = new AbortController();
    abort.abort();
    await expect(provider.join(joinOptions({ signal: abort.signal }))).rejects.toMatchObject({
      code: 'aborted',
    });
    expect(fake.clients).toHaveLength(0);
  });

  it('maps an SDK join failure to a CallKitError and releases everything', async () => {
    const { fake, provider } = setup({ joinMode: new AgoraError('INVALID_PARAMS', 'bad token') });
    await expect(provider.join(joinOptions())).rejects.toMatchObject({
      name: 'CallKitError',
      code: 'provider-join-failed',
    });
    await flush();
    expectReleased(fake);
  });

  it('refuses a call without an Agora channel or app id', async () => {
    const { fake, provider } = setup();
    await expect(
      provider.join(joinOptions({ call: { ...AGORA_CALL, agora: undefined } })),
    ).rejects.toMatchObject({ code: 'invalid-call' });
    await expect(
      provider.join(joinOptions({ token: { token: 't', agora_uid: 7 } })),
    ).rejects.toMatchObject({ code: 'invalid-call' });
    expect(fake.clients).toHaveLength(0);
  });
});
