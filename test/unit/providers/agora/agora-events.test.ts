import { describe, expect, it, test } from 'vitest';
import type { ProviderRoom } from '../../../../src/core/provider';
import { agora } from '../../../../src/providers/agora';
import { createFakeAgora, type FakeAgora } from './fake-agora';
import { flush, joinOptions, tokenSource } from './session-helpers';

async function joined(
  overrides: Parameters<typeof joinOptions>[0] = {},
  providerOptions: Omit<Parameters<typeof agora>[0] & object, 'sdk'> = {},
): Promise<{ fake: FakeAgora; room: ProviderRoom }> {
  const fake = createFakeAgora();
  const room = await agora({ sdk: fake.load, ...providerOptions }).join(joinOptions(overrides));
  await flush();
  return { fake, room };
}

describe('agora provider: remote users', () => {
  it('adds, updates and removes remote participants as they join, publish and leave', async () => {
    const { fake, room } = await joined();
    const bob = fake.client.remoteJoins(21);
    expect(room.store.getSnapshot().order).toEqual(['7', '21']);
    expect(room.store.getSnapshot().participants['21']).toMatchObject({
      userId: '21',
      isLocal: false,
      audioEnabled: false,
      videoEnabled: false,
    });

    fake.client.remotePublishes(bob, 'video');
    fake.client.remotePublishes(bob, 'audio');
    await flush();
    const withMedia = room.store.getSnapshot().participants['21'];
    expect(withMedia).toMatchObject({
      audioEnabled: true,
      videoEnabled: true,
      videoTrack: { kind: 'video', source: 'camera' },
      audioTrack: { kind: 'audio' },
    });
    expect(bob.audioTrack?.playing).toBe(true);

    const audio = bob.audioTrack;
    fake.client.remoteUnpublishes(bob, 'audio');
    expect(audio?.playing).toBe(false);
    expect(room.store.getSnapshot().participants['21']).toMatchObject({
      audioEnabled: false,
      audioTrack: undefined,
      videoEnabled: true,
    });

    fake.client.remoteLeaves(bob);
    expect(room.store.getSnapshot().participants['21']).toBeUndefined();
    expect(room.store.getSnapshot().order).toEqual(['7']);
    await room.leave();
  });

  it('subscribes to users who were already publishing when the join resolved', async () => {
    const fake = createFakeAgora({
      duringJoin: (client) => {
        const bob = client.remoteJoins(21);
        client.remotePublishes(bob, 'audio');
        client.remotePublishes(bob, 'video');
      },
    });
    const room = await agora({ sdk: fake.load }).join(joinOptions());
    await flush();
    const bob = fake.client.remoteUsers[0];
    expect(bob?.audioTrack?.playing).toBe(true);
    expect(room.store.getSnapshot().participants['21']).toMatchObject({
      audioEnabled: true,
      videoEnabled: true,
    });
    await room.leave();
  });

  it('names remote users through the app resolver', async () => {
    const { fake, room } = await joined(
      {},
      {
        resolveUser: async (uid) => (uid === 21 ? { id: 'bob', name: 'Bob' } : undefined),
      },
    );
    fake.client.remoteJoins(21);
    fake.client.remoteJoins(22);
    await flush();
    expect(room.store.getSnapshot().participants['21']).toMatchObject({
      userId: 'bob',
      name: 'Bob',
    });
    expect(room.store.getSnapshot().participants['22']).toMatchObject({ userId: '22' });
    await room.leave();
  });

  it('stops every remote track on leave', async () => {
    const { fake, room } = await joined();
    const bob = fake.client.remoteJoins(21);
    fake.client.remotePublishes(bob, 'audio');
    await flush();
    await room.leave();
    expect(bob.audioTrack?.playing).toBe(false);
  });
});

describe('agora provider: audio levels', () => {
  it('sets levels and the active speaker, keeping other participants identical', async () => {
    const { fake, room } = await joined();
    fake.client.remoteJoins(21);
    fake.client.remoteJoins(22);
    const before = room.store.getSnapshot();

    fake.client.emit('volume-indicator', [
      { uid: 21, level: 80 },
      { uid: 7, level: 1 },
    ]);
    const after = room.store.getSnapshot();
    expect(after.activeSpeakerId).toBe('21');
    expect(after.participants['21']).toMatchObject({ audioLevel: 0.8, speaking: true });
    // Only the one who spoke changed: the other tiles keep their objects.
    expect(after.participants['22']).toBe(before.participants['22']);
    expect(after.participants['7']).toBe(before.participants['7']);

    fake.client.emit('volume-indicator', [{ uid: 7, level: 60 }]);
    const later = room.store.getSnapshot();
    expect(later.activeSpeakerId).toBe('7');
    expect(later.participants['21']).toMatchObject({ audioLevel: 0, speaking: false });
    expect(later.participants['22']).toBe(before.participants['22']);
    await room.leave();
  });

  it('asks the SDK for the configured level interval', async () => {
    const { fake, room } = await joined({}, { volumeIntervalMs: 500 });
    expect(fake.parameters).toContainEqual(['AUDIO_VOLUME_INDICATION_INTERVAL', 500]);
    await room.leave();
  });
});

describe('agora provider: tokens', () => {
  it('renews the token before it expires without leaving', async () => {
    const renewToken = tokenSource('fresh');
    const { fake, room } = await joined({ renewToken });
    fake.client.emit('token-privilege-will-expire');
    await flush();
    expect(renewToken).toHaveBeenCalledTimes(1);
    expect(fake.client.renewedTokens).toEqual(['fresh-1']);
    expect(fake.client.leaves).toBe(0);
    await room.leave();
  });

  it('rejoins once with a fresh token when the token expired, and republishes', async () => {
    const renewToken = tokenSource('fresh');
    const { fake, room } = await joined({ renewToken });
    fake.client.remoteJoins(21);
    fake.client.emit('token-privilege-did-expire');
    await flush();
    expect(fake.client.leaves).toBe(1);
    expect(fake.client.joins.map((j) => j[2])).toEqual(['token-0', 'fresh-1']);
    expect(fake.client.published.map((t) => t.source)).toEqual(['microphone', 'camera']);
    expect(room.store.getSnapshot().connection).toBe('connected');
    await room.leave();
    expect(fake.client.leaves).toBe(2);
  });

  it('fails the room when the rejoin after expiry fails', async () => {
    const { fake, room } = await joined();
    fake.client.nextJoinModes.push(new Error('gateway refused'));
    const states: string[] = [];
    room.store.subscribe(() => states.push(room.store.getSnapshot().connection));
    fake.client.emit('token-privilege-did-expire');
    await flush();
    expect(states).toEqual(['reconnecting', 'failed']);
    expect(room.store.getSnapshot().error?.code).toBe('connection-lost');
    await room.leave();
  });

  it('fails the room when no fresh token can be had', async () => {
    const renewToken = async () => {
      throw new Error('401');
    };
    const { fake, room } = await joined({ renewToken });
    fake.client.emit('token-privilege-did-expire');
    await flush();
    expect(room.store.getSnapshot().connection).toBe('failed');
    expect(fake.client.joins).toHaveLength(1);
    await room.leave();
  });
});

describe('agora provider: connection state', () => {
  test.each([
    ['RECONNECTING', undefined, 'reconnecting', undefined],
    ['DISCONNECTED', 'NETWORK_ERROR', 'failed', 'failed'],
    ['DISCONNECTED', 'SERVER_ERROR', 'failed', 'failed'],
    ['DISCONNECTED', 'UID_BANNED', 'disconnected', 'removed'],
    ['DISCONNECTED', 'CHANNEL_BANNED', 'disconnected', 'removed'],
    ['DISCONNECTED', 'LEAVE', 'disconnected', 'removed'],
  ])('%s (%s) → %s', async (agoraState, reason, connection, endReason) => {
    const { fake, room } = await joined();
    fake.client.emit('connection-state-change', agoraState, 'CONNECTED', reason);
    const state = room.store.getSnapshot();
    expect(state.connection).toBe(connection);
    expect(state.endReason).toBe(endReason);
    if (connection === 'failed') expect(state.error?.message).toContain(reason);
    await room.leave();
  });

  it('goes back to connected after reconnecting', async () => {
    const { fake, room } = await joined();
    fake.client.emit('connection-state-change', 'RECONNECTING', 'CONNECTED');
    fake.client.emit('connection-state-change', 'CONNECTED', 'RECONNECTING');
    expect(room.store.getSnapshot().connection).toBe('connected');
    await room.leave();
  });

  it('ignores the disconnect its own leave causes', async () => {
    const { fake, room } = await joined();
    const client = fake.client;
    await room.leave();
    client.emit('connection-state-change', 'DISCONNECTED', 'CONNECTED', 'LEAVE');
    expect(room.store.getSnapshot()).toMatchObject({
      connection: 'disconnected',
      endReason: 'left',
    });
  });
});

describe('agora provider: devices', () => {
  it('switches to another camera when the one in use is unplugged', async () => {
    const { fake, room } = await joined();
    const camera = fake.tracks.find((t) => t.source === 'camera');
    const before = room.store.getSnapshot().participants['7']?.videoTrack;
    fake.deviceChanged('videoinput', 'INACTIVE', 'cam-1');
    await flush();
    expect(fake.log).toContain('camera.setDevice(cam-2)');
    const state = room.store.getSnapshot();
    expect(state.selectedDevices.videoinput).toBe('cam-2');
    expect(state.devices.map((d) => d.deviceId)).toEqual(['mic-1', 'cam-2']);
    expect(state.participants['7']?.videoEnabled).toBe(true);
    expect(state.participants['7']?.videoTrack).not.toBe(before);
    expect(camera?.mst.deviceId).toBe('cam-2');
    await room.leave();
  });

  it('turns the camera off and says why when the last camera is unplugged', async () => {
    const fake = createFakeAgora({
      devices: [
        { deviceId: 'mic-1', kind: 'audioinput', label: 'Mic' },
        { deviceId: 'cam-1', kind: 'videoinput', label: 'Cam' },
      ],
    });
    const room = await agora({ sdk: fake.load }).join(joinOptions());
    await flush();
    fake.deviceChanged('videoinput', 'INACTIVE', 'cam-1');
    await flush();
    const state = room.store.getSnapshot();
    expect(state.participants['7']?.videoEnabled).toBe(false);
    expect(state.mediaIssue?.code).toBe('device-not-found');
    expect(fake.log).toContain('camera.setEnabled(false)');
    await room.leave();
  });

  it('switches microphones when the one in use is unplugged, and only refreshes for others', async () => {
    const fake = createFakeAgora({
      devices: [
        { deviceId: 'mic-1', kind: 'audioinput', label: 'Mic' },
        { deviceId: 'mic-2', kind: 'audioinput', label: 'Headset' },
        { deviceId: 'cam-1', kind: 'videoinput', label: 'Cam' },
      ],
    });
    const room = await agora({ sdk: fake.load }).join(joinOptions());
    await flush();
    fake.state.devices.push({ deviceId: 'mic-3', kind: 'audioinput', label: 'USB mic' });
    fake.deviceChanged('audioinput', 'ACTIVE', 'mic-3');
    await flush();
    expect(fake.log.some((l) => l.includes('setDevice'))).toBe(false);
    expect(room.store.getSnapshot().devices.map((d) => d.deviceId)).toContain('mic-3');

    fake.deviceChanged('audioinput', 'INACTIVE', 'mic-1');
    await flush();
    expect(fake.log).toContain('microphone.setDevice(mic-2)');
    expect(room.store.getSnapshot().selectedDevices.audioinput).toBe('mic-2');
    await room.leave();
  });

  it('selects a device on request', async () => {
    const { fake, room } = await joined();
    await room.selectDevice('videoinput', 'cam-2');
    await room.selectDevice('audioinput', 'mic-1');
    expect(fake.log).toContain('camera.setDevice(cam-2)');
    expect(fake.log).toContain('microphone.setDevice(mic-1)');
    expect(room.store.getSnapshot().selectedDevices).toMatchObject({
      videoinput: 'cam-2',
      audioinput: 'mic-1',
    });
    const bob = fake.client.remoteJoins(21);
    fake.client.remotePublishes(bob, 'audio');
    await flush();
    await room.selectDevice('audiooutput', 'speaker-2');
    expect(bob.audioTrack?.playbackDevice).toBe('speaker-2');
    await room.leave();
  });
});

describe('agora provider: autoplay', () => {
  it('reports blocked audio, then replays remote audio on unlock', async () => {
    const { fake, room } = await joined();
    const bob = fake.client.remoteJoins(21);
    fake.client.remotePublishes(bob, 'audio');
    await flush();
    expect(bob.audioTrack?.plays).toBe(1);
    fake.AgoraRTC.onAutoplayFailed?.();
    expect(room.store.getSnapshot().audioBlocked).toBe(true);
    await room.unlockAudio();
    expect(bob.audioTrack?.plays).toBe(2);
    expect(room.store.getSnapshot().audioBlocked).toBe(false);
    await room.leave();
  });
});

describe('agora provider: screen share', () => {
  it('publishes the screen in place of the camera and restores the camera after', async () => {
    const { fake, room } = await joined();
    await room.setScreenShareEnabled(true);
    expect(fake.client.published.map((t) => t.source)).toEqual(['microphone', 'screen']);
    expect(room.store.getSnapshot().participants['7']).toMatchObject({
      screenShareEnabled: true,
      screenTrack: { kind: 'video', source: 'screen' },
    });
    const screen = fake.tracks.find((t) => t.source === 'screen');
    expect(screen?.listenerCount('track-ended')).toBe(1);

    // The browser's own "Stop sharing" button ends the track.
    screen?.emit('track-ended');
    await flush();
    expect(screen?.closed).toBe(true);
    expect(screen?.listenerCount()).toBe(0);
    expect(fake.client.published.map((t) => t.source)).toEqual(['microphone', 'camera']);
    expect(room.store.getSnapshot().participants['7']).toMatchObject({
      screenShareEnabled: false,
      screenTrack: undefined,
    });
    await room.leave();
  });

  it('closes a screen share that is still on when leaving', async () => {
    const { fake, room } = await joined();
    await room.setScreenShareEnabled(true);
    await room.leave();
    for (const track of fake.tracks) expect(track.closed).toBe(true);
  });
});
