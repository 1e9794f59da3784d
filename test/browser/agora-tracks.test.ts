/**
 * The real Agora SDK in real Chromium (fake camera and microphone, no network): local tracks
 * through our TrackRef, and a join against the unreachable cloud that must time out cleanly.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Call } from '../../src/core/types';
import { agora } from '../../src/providers/agora';
import { agoraTrackRef } from '../../src/providers/agora/tracks';

/** Every track getUserMedia hands out during a test (the SDK captures through it). */
let captured: MediaStreamTrack[] = [];
let restoreGetUserMedia: (() => void) | undefined;

beforeEach(() => {
  captured = [];
  const media = navigator.mediaDevices;
  const original = media.getUserMedia.bind(media);
  media.getUserMedia = async (constraints) => {
    const stream = await original(constraints);
    captured.push(...stream.getTracks());
    return stream;
  };
  restoreGetUserMedia = () => {
    media.getUserMedia = original;
  };
});

afterEach(() => {
  restoreGetUserMedia?.();
  document.body.replaceChildren();
});

function nextFrame(video: HTMLVideoElement, ms = 5_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no video frame')), ms);
    video.requestVideoFrameCallback((_now, meta) => {
      clearTimeout(timer);
      resolve(meta.presentedFrames);
    });
  });
}

async function waitFor(check: () => boolean, ms = 5_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('agora tracks in Chromium', () => {
  it('plays the real camera track through our TrackRef, and closing ends the capture', async () => {
    const { createMicrophoneAndCameraTracks, setLogLevel } = await import('agora-rtc-sdk-ng/esm');
    setLogLevel(2);
    const [mic, cam] = await createMicrophoneAndCameraTracks();
    const ref = agoraTrackRef(cam, 'video', 'camera');
    expect(ref).toMatchObject({ kind: 'video', source: 'camera', id: cam.getTrackId() });

    const video = document.createElement('video');
    video.muted = true;
    video.playsInline = true;
    document.body.append(video);
    const detach = ref.attach(video);

    const first = await nextFrame(video);
    const later = await nextFrame(video);
    expect(later).toBeGreaterThan(first);
    expect(video.videoWidth).toBeGreaterThan(2);
    expect(video.videoHeight).toBeGreaterThan(2);

    const camTrack = cam.getMediaStreamTrack();
    const micTrack = mic.getMediaStreamTrack();
    expect(camTrack.readyState).toBe('live');
    detach();
    await waitFor(() => video.srcObject === null);
    cam.close();
    mic.close();
    expect(camTrack.readyState).toBe('ended');
    expect(micTrack.readyState).toBe('ended');
  });

  it('times out a join against the unreachable cloud and leaves no live track', async () => {
    const call: Call = {
      id: 'offline',
      provider: 'agora',
      type: 'video',
      agora: { channel: 'offline' },
    };
    const started = performance.now();
    const error = await agora()
      .join({
        call,
        token: {
          token: '007offline',
          agora_uid: 1234,
          agora_app_id: '0123456789abcdef0123456789abcdef',
        },
        user: { id: 'alice', name: 'Alice' },
        media: { audio: true, video: true },
        signal: new AbortController().signal,
        timeoutMs: 3_000,
        renewToken: async () => ({ token: '007again' }),
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'CallKitError', code: 'timeout' });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(captured.length).toBeGreaterThan(0);
    await waitFor(() => captured.every((t) => t.readyState === 'ended'));
  });
});
