import { CallKitError, defaultErrorMessage } from '../../core/errors';
import type { MediaChoice } from '../../core/provider';
import { mediaError } from '../shared/media';

export interface InitialMedia {
  microphone?: MediaStreamTrack;
  camera?: MediaStreamTrack;
  /** Why we publish less than asked for. */
  issue?: CallKitError;
}

export function audioConstraints(deviceId?: string): MediaTrackConstraints | boolean {
  return deviceId ? { deviceId: { exact: deviceId } } : true;
}

export function videoConstraints(deviceId?: string): MediaTrackConstraints {
  return {
    width: { ideal: 640 },
    height: { ideal: 480 },
    frameRate: { ideal: 24 },
    ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
  };
}

function mediaDevices(): MediaDevices {
  if (typeof navigator === 'undefined' || !navigator.mediaDevices?.getUserMedia) {
    throw new CallKitError('device-not-found', defaultErrorMessage('device-not-found'));
  }
  return navigator.mediaDevices;
}

/** One track of `kind` from getUserMedia; rejects with a CallKitError. */
export async function captureTrack(
  kind: 'audio' | 'video',
  deviceId?: string,
): Promise<MediaStreamTrack> {
  try {
    const stream = await mediaDevices().getUserMedia(
      kind === 'audio'
        ? { audio: audioConstraints(deviceId) }
        : { video: videoConstraints(deviceId) },
    );
    return stream.getTracks()[0]!;
  } catch (e) {
    throw e instanceof CallKitError ? e : mediaError(e);
  }
}

/**
 * The tracks to publish on join. If the camera and microphone cannot both start, the join goes on
 * with what works (audio only, or receive only) and says why in `issue`.
 */
export async function captureInitial(choice: MediaChoice): Promise<InitialMedia> {
  if (!choice.audio && !choice.video) return {};
  try {
    const stream = await mediaDevices().getUserMedia({
      audio: choice.audio ? audioConstraints(choice.audioDeviceId) : false,
      video: choice.video ? videoConstraints(choice.videoDeviceId) : false,
    });
    return {
      microphone: stream.getAudioTracks()[0],
      camera: stream.getVideoTracks()[0],
    };
  } catch (e) {
    const issue = e instanceof CallKitError ? e : mediaError(e);
    if (choice.audio && choice.video) {
      // Often only the camera is missing, busy or refused: keep the microphone.
      try {
        return { microphone: await captureTrack('audio', choice.audioDeviceId), issue };
      } catch {
        // Receive only.
      }
    }
    return { issue };
  }
}
