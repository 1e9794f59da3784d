import { CallKitError } from '../../core/errors';
import type { DeviceInfo, TrackRef, TrackSource } from '../../core/provider';

/** What each media element plays, and which attachment put it there. */
const playing = new WeakMap<HTMLMediaElement, { track: MediaStreamTrack; owner: object }>();

/**
 * A TrackRef over a plain MediaStreamTrack (local provider, pre-join preview, Agora tracks).
 * Attaching the track an element already plays keeps its picture (no restart, no black frame):
 * a detach followed by an attach of the same track in one render (a camera preview handed to the
 * room's tile) leaves the element playing.
 */
export function mediaTrackRef(track: MediaStreamTrack, source: TrackSource): TrackRef {
  return {
    id: track.id,
    kind: track.kind === 'audio' ? 'audio' : 'video',
    source,
    mediaStreamTrack: track,
    attach(element) {
      const owner = {};
      const current = element.srcObject;
      if (
        playing.get(element)?.track !== track ||
        !(current instanceof MediaStream) ||
        current.getTracks()[0] !== track
      ) {
        element.srcObject = new MediaStream([track]);
        void element.play().catch(() => {
          // Autoplay refusals are reported by the provider as `audioBlocked`.
        });
      }
      playing.set(element, { track, owner });
      return () => {
        // After the render that detached it: an attach of the same track meanwhile takes over.
        queueMicrotask(() => {
          if (playing.get(element)?.owner !== owner) return;
          playing.delete(element);
          if (
            element.srcObject instanceof MediaStream &&
            element.srcObject.getTracks()[0] === track
          ) {
            element.srcObject = null;
          }
        });
      };
    },
  };
}

/** Maps a getUserMedia / SDK device error onto a CallKitError the UI can explain. */
export function mediaError(e: unknown): CallKitError {
  const name = (e as { name?: string; code?: string })?.name ?? '';
  const code = String((e as { code?: string })?.code ?? '');
  const text = `${name} ${code} ${(e as Error)?.message ?? ''}`;
  if (/NotAllowed|PERMISSION_DENIED|SecurityError|Permission/i.test(text)) {
    return new CallKitError('permission-denied', 'Camera or microphone access was denied.', {
      cause: e,
    });
  }
  if (/NotFound|DEVICE_NOT_FOUND|OverconstrainedError/i.test(text)) {
    return new CallKitError('device-not-found', 'No camera or microphone was found.', { cause: e });
  }
  if (/NotReadable|NOT_READABLE|TrackStartError|AbortError/i.test(text)) {
    return new CallKitError(
      'device-in-use',
      'Your camera or microphone is in use by another app.',
      {
        cause: e,
      },
    );
  }
  return new CallKitError('provider-join-failed', 'Could not start your camera or microphone.', {
    cause: e,
  });
}

/** The devices the browser lists, labelled even before permission (labels may be empty then). */
export async function listDevices(): Promise<DeviceInfo[]> {
  if (typeof navigator === 'undefined' || !navigator.mediaDevices?.enumerateDevices) return [];
  return toDeviceInfos(await navigator.mediaDevices.enumerateDevices());
}

/** MediaDeviceInfo (from the browser or an SDK's device list) → DeviceInfo, labelled. */
export function toDeviceInfos(
  all: readonly Pick<MediaDeviceInfo, 'deviceId' | 'kind' | 'label'>[],
): DeviceInfo[] {
  let n = 0;
  return all
    .filter((d) => d.deviceId !== '' || d.label !== '')
    .map((d) => ({
      deviceId: d.deviceId,
      kind: d.kind,
      label: d.label || `${d.kind === 'videoinput' ? 'Camera' : 'Microphone'} ${++n}`,
    }));
}

/**
 * Resolves with `promise`, or rejects with a `timeout` CallKitError after `ms`, or with `aborted`
 * when `signal` aborts. Provider SDKs may never settle a join offline: this is our own deadline.
 */
export function withDeadline<T>(promise: Promise<T>, ms: number, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new CallKitError('timeout', 'Connecting to the call took too long.', { status: 408 }),
        ),
      ms,
    );
    const onAbort = () => reject(new CallKitError('aborted', 'The join was cancelled.'));
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    });
  });
}

/**
 * Resolves when `promise` settles or after `ms`, whichever is first; never rejects. For SDK calls
 * we must make but cannot trust to finish (a leave while offline).
 */
export function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    promise
      .catch(() => {})
      .finally(() => {
        clearTimeout(timer);
        resolve();
      });
  });
}

// Capture helpers shared by the local provider and the pre-join preview (same constraints).

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

/** navigator.mediaDevices, or a `device-not-found` error where there is none (SSR, old browsers). */
export function mediaDevices(): MediaDevices {
  if (typeof navigator === 'undefined' || !navigator.mediaDevices?.getUserMedia) {
    // The sentence, not the message table: the provider factories that capture stay small.
    throw new CallKitError('device-not-found', 'No camera or microphone was found.');
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
