import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { local } from '../../../../src/providers/local';
import { type FakeMedia, FakeWebSocket, flush, installFakes, joinOptions } from './fakes';

let media: FakeMedia;

beforeEach(() => {
  media = installFakes();
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const call = { id: 'c1', provider: 'local', type: 'video', local: { room: 'c1' } } as const;

const live = () => media.tracks.filter((t) => t.readyState === 'live');

describe('local provider: prepare (camera on the Join click)', () => {
  it('starts the camera and microphone at once, in one getUserMedia call', () => {
    local().prepare!({ call, media: { audio: true, video: true } });
    expect(media.getUserMedia).toHaveBeenCalledTimes(1);
    expect(media.getUserMedia.mock.calls[0]?.[0]).toMatchObject({
      audio: true,
      video: { width: { ideal: 640 } },
    });
  });

  it('gives a preview that shows the camera once it is on', async () => {
    const prepared = local().prepare!({ call, media: { audio: true, video: true } });
    // jsdom has neither MediaStream nor srcObject: a minimal stream and the property stand in.
    vi.stubGlobal(
      'MediaStream',
      class {
        constructor(readonly tracks: MediaStreamTrack[]) {}
        getTracks = () => this.tracks;
        getVideoTracks = () => this.tracks.filter((t) => t.kind === 'video');
      },
    );
    const video = Object.assign(document.createElement('video'), { srcObject: null });
    video.play = vi.fn(async () => {});
    // The preview is the camera once it is on.
    const camera = await prepared.preview!;
    expect(camera).toMatchObject({ kind: 'video', source: 'camera' });
    const detach = camera!.attach(video);
    const shown = (video.srcObject as MediaStream | null)?.getVideoTracks()[0];
    expect(shown).toBe(media.tracks.find((t) => t.kind === 'video'));
    detach();
    await vi.waitFor(() => expect(video.srcObject).toBeNull());
    prepared.release();
  });

  it('has no preview with the camera off or in an audio call', () => {
    expect(
      local().prepare!({ call, media: { audio: true, video: false } }).preview,
    ).toBeUndefined();
    expect(
      local().prepare!({ call: { ...call, type: 'audio' }, media: { audio: true, video: true } })
        .preview,
    ).toBeUndefined();
    // The audio call asked for no camera at all.
    expect(media.getUserMedia.mock.calls[1]?.[0]).toMatchObject({ video: false });
  });

  it('release stops the tracks when no join took them, once', async () => {
    const prepared = local().prepare!({ call, media: { audio: true, video: true } });
    await flush();
    expect(live()).toHaveLength(2);
    prepared.release();
    prepared.release();
    await flush();
    expect(live()).toHaveLength(0);
  });

  it('the join publishes the prepared tracks without a second getUserMedia, and release no longer stops them', async () => {
    const provider = local();
    const prepared = provider.prepare!({ call, media: { audio: true, video: true } });
    const pending = provider.join(joinOptions({ prepared }));
    // The session releases after its join returned: that must not touch tracks the join took.
    prepared.release();
    await vi.waitFor(() => expect(FakeWebSocket.instances[0]).toBeDefined());
    const ws = FakeWebSocket.instances[0]!;
    ws.accept();
    ws.receive({ type: 'welcome', peer_id: 'me', peers: [] });
    const room = await pending;
    await flush();
    expect(media.getUserMedia).toHaveBeenCalledTimes(1);
    expect(live()).toHaveLength(2);
    const me = room.store.getSnapshot().participants.me;
    expect(me?.videoTrack?.mediaStreamTrack).toBe(media.tracks.find((t) => t.kind === 'video'));
    await room.leave();
    expect(live()).toHaveLength(0);
  });

  it('a join that cannot start stops the prepared tracks it took', async () => {
    const provider = local();
    const prepared = provider.prepare!({ call, media: { audio: true, video: true } });
    await expect(
      provider.join(joinOptions({ prepared, serviceURL: undefined })),
    ).rejects.toMatchObject({ code: 'provider-not-configured' });
    prepared.release();
    await flush();
    expect(media.tracks.length).toBe(2);
    expect(live()).toHaveLength(0);
  });

  it('a refused camera does not fail prepare: the join falls back to the microphone and says why', async () => {
    const provider = local();
    media.getUserMedia.mockRejectedValueOnce(
      Object.assign(new Error('busy'), { name: 'NotReadableError' }),
    );
    const prepared = provider.prepare!({ call, media: { audio: true, video: true } });
    const pending = provider.join(joinOptions({ prepared }));
    await vi.waitFor(() => expect(FakeWebSocket.instances[0]).toBeDefined());
    const ws = FakeWebSocket.instances[0]!;
    ws.accept();
    ws.receive({ type: 'welcome', peer_id: 'me', peers: [] });
    const room = await pending;
    const state = room.store.getSnapshot();
    expect(state.mediaIssue?.code).toBe('device-in-use');
    expect(state.participants.me?.audioEnabled).toBe(true);
    expect(state.participants.me?.videoEnabled).toBe(false);
    await room.leave();
  });
});
