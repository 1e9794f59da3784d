import { CallKitError } from '../../core/errors';
import type { MediaChoice } from '../../core/provider';
import {
  audioConstraints,
  captureTrack,
  mediaDevices,
  mediaError,
  videoConstraints,
} from '../shared/media';

export interface InitialMedia {
  microphone?: MediaStreamTrack;
  camera?: MediaStreamTrack;
  /** Why we publish less than asked for. */
  issue?: CallKitError;
}

/**
 * The one getUserMedia call of a join (camera and microphone together), started as early as
 * possible: on the Join click, by the provider's `prepare`. `undefined` when nothing is asked for.
 */
export function requestInitial(choice: MediaChoice): Promise<MediaStream> | undefined {
  if (!choice.audio && !choice.video) return undefined;
  try {
    return mediaDevices().getUserMedia({
      audio: choice.audio ? audioConstraints(choice.audioDeviceId) : false,
      video: choice.video ? videoConstraints(choice.videoDeviceId) : false,
    });
  } catch (e) {
    return Promise.reject(e);
  }
}

/**
 * The tracks to publish on join, from `requested` (the prepared getUserMedia call) or a new one.
 * If the camera and microphone cannot both start, the join goes on with what works (audio only,
 * or receive only) and says why in `issue`.
 */
export async function captureInitial(
  choice: MediaChoice,
  requested: Promise<MediaStream> | undefined = requestInitial(choice),
): Promise<InitialMedia> {
  if (!requested) return {};
  try {
    const stream = await requested;
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
