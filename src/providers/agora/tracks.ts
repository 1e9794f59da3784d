import type { CallKitError } from '../../core/errors';
import type { MediaChoice, TrackRef, TrackSource } from '../../core/provider';
import { mediaError, mediaTrackRef } from '../shared/media';
import type { AgoraDeviceTrack, AgoraLocalTrack, AgoraRemoteTrack, AgoraSdkLike } from './types';

type AnyAgoraTrack = Pick<AgoraLocalTrack | AgoraRemoteTrack, 'getTrackId' | 'getMediaStreamTrack'>;

/**
 * A TrackRef over an Agora track. Video attaches the track's current MediaStreamTrack to the
 * element (read at attach time: Agora swaps it on `setDevice`). Audio `attach` leaves the element
 * alone: the SDK plays remote audio itself (that is how it detects autoplay refusals and measures
 * levels) and a local microphone must never be played back; `mediaStreamTrack` stays available
 * for meters.
 */
export function agoraTrackRef(
  track: AnyAgoraTrack,
  kind: 'audio' | 'video',
  source: TrackSource,
): TrackRef {
  return {
    id: track.getTrackId(),
    kind,
    source,
    get mediaStreamTrack() {
      return track.getMediaStreamTrack();
    },
    attach(element) {
      if (kind === 'audio') return () => {};
      const ref = mediaTrackRef(track.getMediaStreamTrack(), source);
      return ref.attach(element);
    },
  };
}

export interface LocalTracks {
  mic?: AgoraDeviceTrack;
  cam?: AgoraDeviceTrack;
  /** Set when we got less than asked for; the call goes on audio-only or receive-only. */
  issue?: CallKitError;
}

/**
 * Creates what `media` asks for (nothing for a muted kind: it is created lazily when enabled, so
 * no device is opened and no camera light goes on). A device failure never fails the join: with
 * both kinds asked, one combined request first (one permission prompt), then each kind alone to
 * learn which one failed. Never rejects.
 */
export async function createLocalTracks(
  sdk: AgoraSdkLike,
  media: MediaChoice,
): Promise<LocalTracks> {
  const mic = media.audioDeviceId ? { microphoneId: media.audioDeviceId } : undefined;
  const cam = media.videoDeviceId ? { cameraId: media.videoDeviceId } : undefined;
  if (media.audio && media.video) {
    try {
      const [m, c] = await sdk.createMicrophoneAndCameraTracks(mic, cam);
      return { mic: m, cam: c };
    } catch {
      // Fall through: find out which device failed.
    }
  }
  const [m, c] = await Promise.allSettled([
    media.audio ? sdk.createMicrophoneAudioTrack(mic) : Promise.resolve(undefined),
    media.video ? sdk.createCameraVideoTrack(cam) : Promise.resolve(undefined),
  ]);
  const out: LocalTracks = {};
  if (m.status === 'fulfilled') out.mic = m.value;
  if (c.status === 'fulfilled') out.cam = c.value;
  // The microphone's failure matters most (receive-only); else the camera's (audio-only).
  const failed = m.status === 'rejected' ? m : c.status === 'rejected' ? c : undefined;
  if (failed) out.issue = mediaError(failed.reason);
  return out;
}

/** The device a local track captures from, when the browser says. */
export function deviceIdOf(track: AgoraLocalTrack | undefined): string | undefined {
  try {
    return track?.getMediaStreamTrack().getSettings?.().deviceId || undefined;
  } catch {
    return undefined;
  }
}

/** Closes a local track (stops capture: the camera light goes off). Never throws. */
export function closeTrack(track: AgoraLocalTrack | undefined): void {
  if (!track) return;
  try {
    track.close();
  } catch {
    // Already closed.
  }
}
