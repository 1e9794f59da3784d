/**
 * mediaTrackRef in real Chromium with the fake camera: handing a playing track from one TrackRef
 * to another on the same element (a camera preview becoming the room's tile) keeps the picture.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mediaTrackRef } from '../../src/providers/shared/media';

const streams: MediaStream[] = [];

afterEach(() => {
  for (const s of streams.splice(0)) for (const t of s.getTracks()) t.stop();
  document.body.replaceChildren();
});

async function camera(): Promise<MediaStreamTrack> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: true });
  streams.push(stream);
  return stream.getVideoTracks()[0]!;
}

function video(): HTMLVideoElement {
  const el = Object.assign(document.createElement('video'), { muted: true, playsInline: true });
  document.body.append(el);
  return el;
}

const frame = (el: HTMLVideoElement) =>
  new Promise<number>((resolve) =>
    el.requestVideoFrameCallback((_n, m) => resolve(m.presentedFrames)),
  );
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('mediaTrackRef in Chromium', () => {
  it('keeps the element playing when the same track is detached and attached again in one go', async () => {
    const track = await camera();
    const el = video();
    const detachPreview = mediaTrackRef(track, 'camera').attach(el);
    const before = await frame(el);
    const stream = el.srcObject;
    // What React does when the preview's TrackRef is replaced by the room's: cleanup, then attach.
    detachPreview();
    const detachTile = mediaTrackRef(track, 'camera').attach(el);
    await tick();
    expect(el.srcObject).toBe(stream);
    expect(el.paused).toBe(false);
    // Frames keep counting up on the same player: nothing restarted.
    expect(await frame(el)).toBeGreaterThan(before);
    detachTile();
    await tick();
    expect(el.srcObject).toBeNull();
  });

  it('switches to another track at once, and a late detach of the old one leaves the new alone', async () => {
    const first = await camera();
    const second = await camera();
    const el = video();
    const detachFirst = mediaTrackRef(first, 'camera').attach(el);
    await frame(el);
    mediaTrackRef(second, 'camera').attach(el);
    expect((el.srcObject as MediaStream).getTracks()[0]).toBe(second);
    detachFirst();
    await tick();
    expect((el.srcObject as MediaStream).getTracks()[0]).toBe(second);
    await frame(el);
  });
});
