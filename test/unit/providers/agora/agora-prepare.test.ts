import { afterEach, describe, expect, it, vi } from 'vitest';
import { CallKitError } from '../../../../src/core/errors';
import { agora } from '../../../../src/providers/agora';
import { AgoraError, createFakeAgora } from './fake-agora';
import { AGORA_CALL, flush, joinOptions } from './session-helpers';

afterEach(() => {
  vi.unstubAllGlobals();
});

function setup(options: Parameters<typeof createFakeAgora>[0] = {}) {
  const fake = createFakeAgora(options);
  const load = vi.fn(fake.load);
  const provider = agora({ sdk: load });
  return { fake, load, provider };
}

/** jsdom has no MediaStream; the preview's attach needs one. */
function stubMediaStream() {
  vi.stubGlobal(
    'MediaStream',
    class {
      constructor(readonly tracks: unknown[]) {}
      getTracks = () => this.tracks;
    },
  );
}

describe('agora provider: prepare (SDK and camera on the Join click)', () => {
  it('loads the SDK and creates the tracks before any token, with event reporting already off', async () => {
    const { fake, provider } = setup();
    provider.prepare!({ call: AGORA_CALL, media: { audio: true, video: true } });
    await vi.waitFor(() =>
      expect(fake.tracks.map((t) => t.source)).toEqual(['microphone', 'camera']),
    );
    expect(fake.parameters).toContainEqual(['ENABLE_EVENT_REPORT', false]);
    // No channel joined yet: that needs the token.
    expect(fake.clients).toHaveLength(0);
  });

  it('shows the camera in the preview once it is on', async () => {
    stubMediaStream();
    const { fake, provider } = setup();
    const prepared = provider.prepare!({ call: AGORA_CALL, media: { audio: true, video: true } });
    const video = Object.assign(document.createElement('video'), { srcObject: null });
    video.play = vi.fn(async () => {});
    const detach = (await prepared.preview!)!.attach(video);
    const camera = fake.tracks.find((t) => t.source === 'camera')!;
    expect((video.srcObject as unknown as { tracks: unknown[] }).tracks).toEqual([
      camera.getMediaStreamTrack(),
    ]);
    detach();
    await vi.waitFor(() => expect(video.srcObject).toBeNull());
    prepared.release();
  });

  it('joins with the prepared tracks: no second capture, and they are published', async () => {
    const { fake, load, provider } = setup();
    const prepared = provider.prepare!({ call: AGORA_CALL, media: { audio: true, video: true } });
    const room = await provider.join(joinOptions({ prepared }));
    // The session releases after the join returned: the join's tracks must stay.
    prepared.release();
    await flush();
    expect(fake.tracks).toHaveLength(2);
    expect(fake.tracks.every((t) => !t.closed)).toBe(true);
    expect(fake.client.published.map((t) => t.source)).toEqual(['microphone', 'camera']);
    expect(load).toHaveBeenCalledTimes(2);
    await room.leave();
    expect(fake.tracks.every((t) => t.closed)).toBe(true);
  });

  it('release closes the tracks when no join took them', async () => {
    const { fake, provider } = setup();
    const prepared = provider.prepare!({ call: AGORA_CALL, media: { audio: true, video: true } });
    await vi.waitFor(() => expect(fake.tracks).toHaveLength(2));
    prepared.release();
    await vi.waitFor(() => expect(fake.tracks.every((t) => t.closed)).toBe(true));
  });

  it('a join that fails closes the prepared tracks', async () => {
    const { fake, provider } = setup({ joinMode: new AgoraError('CAN_NOT_GET_GATEWAY_SERVER') });
    const prepared = provider.prepare!({ call: AGORA_CALL, media: { audio: true, video: true } });
    await expect(provider.join(joinOptions({ prepared }))).rejects.toBeInstanceOf(CallKitError);
    await vi.waitFor(() => expect(fake.tracks.every((t) => t.closed)).toBe(true));
    expect(fake.tracks).toHaveLength(2);
  });

  it('an invalid call closes the prepared tracks too', async () => {
    const { fake, provider } = setup();
    const prepared = provider.prepare!({ call: AGORA_CALL, media: { audio: true, video: true } });
    await expect(
      provider.join(joinOptions({ prepared, token: { token: 't', agora_uid: 7 } })),
    ).rejects.toMatchObject({ code: 'invalid-call' });
    await vi.waitFor(() => expect(fake.tracks).toHaveLength(2));
    await vi.waitFor(() => expect(fake.tracks.every((t) => t.closed)).toBe(true));
  });

  it('an audio call prepares no camera and has no preview', async () => {
    const { fake, provider } = setup();
    const prepared = provider.prepare!({
      call: { ...AGORA_CALL, type: 'audio' },
      media: { audio: true, video: true },
    });
    expect(prepared.preview).toBeUndefined();
    await vi.waitFor(() => expect(fake.tracks.map((t) => t.source)).toEqual(['microphone']));
    prepared.release();
  });

  it('joins anyway when the SDK failed to load during prepare, loading it again', async () => {
    const fake = createFakeAgora();
    const load = vi
      .fn(fake.load)
      .mockRejectedValueOnce(new Error('chunk failed'))
      .mockImplementation(fake.load);
    const provider = agora({ sdk: load });
    const prepared = provider.prepare!({ call: AGORA_CALL, media: { audio: true, video: true } });
    const room = await provider.join(joinOptions({ prepared }));
    expect(room.store.getSnapshot().connection).toBe('connected');
    expect(fake.client.published.map((t) => t.source)).toEqual(['microphone', 'camera']);
    await room.leave();
  });
});
