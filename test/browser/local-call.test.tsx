/**
 * The real `local` provider in real Chromium (fake camera/mic), through the REAL dev server's
 * signaling (started by test/browser/global-setup.ts): two joins in one page, as two users.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  ProviderJoinOptions,
  ProviderRoom,
  RoomParticipant,
  TrackRef,
} from '../../src/core/provider';
import type { Call } from '../../src/core/types';
import { local } from '../../src/providers/local';
import { devServer } from './dev-server-client';
import { installLeakProbe } from './leak-probe';

/** A signaling round trip through the dev server: fast alone, slower on CI's loaded cores. */
const ROUND_TRIP = { timeout: 10_000 };

let probe: ReturnType<typeof installLeakProbe>;
const rooms: ProviderRoom[] = [];

beforeEach(() => {
  probe = installLeakProbe();
});
afterEach(async () => {
  await Promise.all(rooms.splice(0).map((r) => r.leave()));
  probe.restore();
});

async function join(
  call: Call,
  userId: string,
  token: string,
  media = { audio: true, video: true },
) {
  const server = devServer();
  const options: ProviderJoinOptions = {
    call,
    token: { token },
    user: { id: userId, name: userId },
    media,
    signal: new AbortController().signal,
    timeoutMs: 10_000,
    renewToken: () => server.callToken(userId, call.id),
    serviceURL: server.url,
  };
  const room = await local().join(options);
  rooms.push(room);
  return room;
}

/** Two users in one fresh call: alice creates it, bob fetches his own token. */
async function twoPeers() {
  const server = devServer();
  const id = `bt-${Math.random().toString(36).slice(2, 10)}`;
  const created = await server.createCall('alice', id);
  expect(created.call.provider).toBe('local');
  const alice = await join(created.call, 'alice', created.token);
  const { token } = await server.callToken('bob', id);
  const bob = await join(created.call, 'bob', token);
  return { alice, bob, call: created.call, server };
}

function remote(room: ProviderRoom): RoomParticipant | undefined {
  const s = room.store.getSnapshot();
  const id = s.order.find((x) => x !== s.localId);
  return id ? s.participants[id] : undefined;
}

/** Plays `track` and resolves after 3 real frames (a dead connection shows a 2×2 placeholder). */
async function expectFrames(track: TrackRef): Promise<{ width: number; height: number }> {
  const video = document.createElement('video');
  video.muted = true;
  document.body.append(video);
  const detach = track.attach(video);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no frames in 10 s')), 10_000);
      let frames = 0;
      const onFrame = () => {
        if (video.videoWidth > 2 && ++frames >= 3) {
          clearTimeout(timer);
          resolve();
        } else video.requestVideoFrameCallback(onFrame);
      };
      video.requestVideoFrameCallback(onFrame);
    });
    return { width: video.videoWidth, height: video.videoHeight };
  } finally {
    detach();
    video.remove();
  }
}

describe('local provider between two peers through the dev server', () => {
  it('each side plays the other side’s camera', async () => {
    const { alice, bob } = await twoPeers();
    await vi.waitFor(() => expect(remote(alice)?.videoTrack).toBeDefined(), { timeout: 10_000 });
    await vi.waitFor(() => expect(remote(bob)?.videoTrack).toBeDefined(), { timeout: 10_000 });
    expect(remote(alice)).toMatchObject({ userId: 'bob', videoEnabled: true });
    expect(remote(bob)).toMatchObject({ userId: 'alice', videoEnabled: true });
    const [atAlice, atBob] = await Promise.all([
      expectFrames(remote(alice)!.videoTrack!),
      expectFrames(remote(bob)!.videoTrack!),
    ]);
    expect(atAlice.width).toBeGreaterThan(2);
    expect(atBob.width).toBeGreaterThan(2);
  });

  it('a mute and a camera-off on one side are seen by the other', async () => {
    const { alice, bob } = await twoPeers();
    await vi.waitFor(() => expect(remote(bob)?.audioEnabled).toBe(true), { timeout: 10_000 });
    await alice.setMicrophoneEnabled(false);
    await vi.waitFor(() => expect(remote(bob)?.audioEnabled).toBe(false), ROUND_TRIP);
    await alice.setCameraEnabled(false);
    await vi.waitFor(() => expect(remote(bob)?.videoEnabled).toBe(false), ROUND_TRIP);
    await alice.setMicrophoneEnabled(true);
    await vi.waitFor(() => expect(remote(bob)?.audioEnabled).toBe(true), ROUND_TRIP);
    // Camera off released the camera: alice has one live local video track fewer.
    const local = alice.store.getSnapshot().participants[alice.store.getSnapshot().localId]!;
    expect(local.videoTrack).toBeUndefined();
  });

  it('a screen share arrives as the screen track, not the camera', async () => {
    const { alice, bob } = await twoPeers();
    await vi.waitFor(() => expect(remote(bob)?.screenTrack).toBeDefined(), { timeout: 10_000 });
    await alice.setScreenShareEnabled(true);
    await vi.waitFor(() => expect(remote(bob)?.screenShareEnabled).toBe(true), ROUND_TRIP);
    const size = await expectFrames(remote(bob)!.screenTrack!);
    expect(size.width).toBeGreaterThanOrEqual(640);
    expect(remote(bob)!.screenTrack!.source).toBe('screen');
    expect(remote(bob)!.videoTrack!.source).toBe('camera');
  });

  it('reports remote audio levels from the fake microphone', async () => {
    const { bob } = await twoPeers();
    await vi.waitFor(() => expect(remote(bob)?.audioLevel ?? 0).toBeGreaterThan(0), {
      timeout: 10_000,
      interval: 100,
    });
  });

  it("reports the user's own audio level once the call is on", async () => {
    const { alice } = await twoPeers();
    const me = () => {
      const s = alice.store.getSnapshot();
      return s.participants[s.localId];
    };
    await vi.waitFor(() => expect(me()?.audioLevel ?? 0).toBeGreaterThan(0), {
      timeout: 10_000,
      interval: 100,
    });
  });

  it('a leave right after the join starts no level meter (no AudioContext left open)', async () => {
    const contexts: AudioContext[] = [];
    const NativeAudioContext = window.AudioContext;
    window.AudioContext = class extends NativeAudioContext {
      constructor(options?: AudioContextOptions) {
        super(options);
        contexts.push(this);
      }
    };
    try {
      const server = devServer();
      const id = `bt-${Math.random().toString(36).slice(2, 10)}`;
      const created = await server.createCall('alice', id);
      const alice = await join(created.call, 'alice', created.token, {
        audio: true,
        video: false,
      });
      await alice.leave();
      await new Promise((r) => setTimeout(r, 200));
      expect(contexts.filter((c) => c.state !== 'closed')).toHaveLength(0);
      expect(probe.liveTracks()).toBe(0);
    } finally {
      window.AudioContext = NativeAudioContext;
    }
  });

  it('sees a peer leave, and after both leave nothing is live or open', async () => {
    const { alice, bob } = await twoPeers();
    await vi.waitFor(() => expect(remote(alice)?.videoTrack).toBeDefined(), { timeout: 10_000 });
    expect(probe.openPeerConnections()).toBe(2);
    await bob.leave();
    await vi.waitFor(() => expect(remote(alice)).toBeUndefined(), ROUND_TRIP);
    await alice.leave();
    await vi.waitFor(() => {
      expect(probe.openPeerConnections()).toBe(0);
      expect(probe.liveTracks()).toBe(0);
    });
    expect(alice.store.getSnapshot()).toMatchObject({
      connection: 'disconnected',
      endReason: 'left',
    });
  });

  it('disconnects everyone with endReason "ended" when the creator ends the call', async () => {
    const { alice, bob, call, server } = await twoPeers();
    await server.endCall('alice', call.id);
    await vi.waitFor(() => {
      expect(bob.store.getSnapshot()).toMatchObject({
        connection: 'disconnected',
        endReason: 'ended',
      });
      expect(alice.store.getSnapshot().endReason).toBe('ended');
    }, ROUND_TRIP);
    await vi.waitFor(() => expect(probe.liveTracks()).toBe(0), ROUND_TRIP);
  });

  it('rejects a forged token with unauthorized and leaves nothing live', async () => {
    const server = devServer();
    const { call } = await server.createCall(
      'alice',
      `bt-${Math.random().toString(36).slice(2, 10)}`,
    );
    const error = await join(call, 'alice', 'not-a-token').catch((e) => e);
    expect(error).toMatchObject({ code: 'unauthorized' });
    expect(probe.liveTracks()).toBe(0);
  });
});
