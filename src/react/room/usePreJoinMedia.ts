import { useEffect, useState } from 'react';
import type { CallKitError } from '../../core/errors';
import type { DeviceInfo } from '../../core/provider';
import { captureTrack, listDevices } from '../../providers/shared/media';

/** What {@link usePreJoinMedia} captures: a change captures again (and stops the old track). */
export interface PreJoinMediaOptions {
  /** Capture the microphone (for its level). */
  audio: boolean;
  /** Capture the camera (for the preview). */
  video: boolean;
  /** The microphone to capture; the browser's default when absent. */
  audioDeviceId?: string;
  /** The camera to capture; the browser's default when absent. */
  videoDeviceId?: string;
}

/** What {@link usePreJoinMedia} returns. The tracks stop when the options change or it unmounts. */
export interface PreJoinMedia {
  /** The microphone being captured (for its level; not published). */
  audioTrack?: MediaStreamTrack;
  /** The camera being captured, for a preview (`<video>` of your own or `VideoTrack`). */
  videoTrack?: MediaStreamTrack;
  /** Microphone level 0…1, sampled ~10×/s. */
  level: number;
  /** Microphones, cameras and speakers (labels once permission was given). */
  devices: readonly DeviceInfo[];
  /** Why a capture failed (`permission-denied`, `device-not-found`, `device-in-use`). */
  error?: CallKitError;
}

function useTrack(
  kind: 'audio' | 'video',
  on: boolean,
  deviceId: string | undefined,
  onError: (e: CallKitError | undefined) => void,
): MediaStreamTrack | undefined {
  const [track, setTrack] = useState<MediaStreamTrack>();
  useEffect(() => {
    if (!on) return;
    let cancelled = false;
    let got: MediaStreamTrack | undefined;
    captureTrack(kind, deviceId).then(
      (track) => {
        got = track;
        if (cancelled) track.stop();
        else {
          setTrack(track);
          onError(undefined);
        }
      },
      (e: CallKitError) => !cancelled && onError(e),
    );
    return () => {
      // Leaving the pre-join view (or changing device) releases the camera and microphone.
      cancelled = true;
      got?.stop();
      setTrack(undefined);
    };
  }, [kind, on, deviceId, onError]);
  return track;
}

/** Camera preview, microphone level and device list for a pre-join screen; stops at unmount. */
export function usePreJoinMedia(options: PreJoinMediaOptions): PreJoinMedia {
  const [error, setError] = useState<CallKitError>();
  const audioTrack = useTrack('audio', options.audio, options.audioDeviceId, setError);
  const videoTrack = useTrack('video', options.video, options.videoDeviceId, setError);
  const [devices, setDevices] = useState<readonly DeviceInfo[]>([]);
  const [level, setLevel] = useState(0);

  // Labels appear once a track was granted: list again then, and on hot-plug.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the tracks are the trigger to list again.
  useEffect(() => {
    if (typeof navigator === 'undefined' || !navigator.mediaDevices) return;
    let alive = true;
    const refresh = () =>
      void listDevices().then(
        (d) => alive && setDevices(d),
        () => {},
      );
    refresh();
    navigator.mediaDevices.addEventListener?.('devicechange', refresh);
    return () => {
      alive = false;
      navigator.mediaDevices.removeEventListener?.('devicechange', refresh);
    };
  }, [audioTrack, videoTrack]);

  useEffect(() => {
    if (!audioTrack || typeof AudioContext === 'undefined') return;
    const ctx = new AudioContext();
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 512;
    ctx.createMediaStreamSource(new MediaStream([audioTrack])).connect(analyser);
    const buf = new Float32Array(analyser.fftSize);
    const timer = setInterval(() => {
      analyser.getFloatTimeDomainData(buf);
      let sum = 0;
      for (const x of buf) sum += x * x;
      setLevel(Math.round(Math.min(1, Math.sqrt(sum / buf.length) * 2) * 20) / 20);
    }, 100);
    return () => {
      clearInterval(timer);
      setLevel(0);
      void ctx.close().catch(() => {});
    };
  }, [audioTrack]);

  return { audioTrack, videoTrack, level, devices, error };
}
