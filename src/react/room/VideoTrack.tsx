import { clsx } from 'clsx';
import {
  forwardRef,
  useEffect,
  useImperativeHandle,
  useRef,
  type VideoHTMLAttributes,
} from 'react';
import type { TrackRef } from '../../core/provider';

/** Props of {@link VideoTrack}; the rest go to its `<video>` (muted, inline, autoplaying). */
export interface VideoTrackProps extends VideoHTMLAttributes<HTMLVideoElement> {
  /** The camera or screen track to play (a participant's `videoTrack` or `screenTrack`). */
  track: TrackRef;
  /** Mirror (the local camera, as people expect to see themselves). */
  mirror?: boolean;
}

/** Plays a video TrackRef: attached in an effect, detached on change and unmount. */
export const VideoTrack = forwardRef<HTMLVideoElement, VideoTrackProps>(function VideoTrack(
  { track, mirror, className, ...rest },
  ref,
) {
  const video = useRef<HTMLVideoElement>(null);
  useImperativeHandle(ref, () => video.current!, []);
  const latest = useRef(track);
  latest.current = track;
  // Keyed by the underlying track, not the TrackRef object: a new ref to the same track keeps playing.
  const key = track.mediaStreamTrack ?? track.id;
  useEffect(() => {
    const el = video.current;
    if (!el || !key) return;
    return latest.current.attach(el);
  }, [key]);
  return (
    <video
      ref={video}
      className={clsx('str-call__video', className)}
      data-source={track.source}
      data-mirror={mirror ? '' : undefined}
      autoPlay
      playsInline
      muted
      {...rest}
    />
  );
});
