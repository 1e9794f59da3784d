import { clsx } from 'clsx';
import { forwardRef, type HTMLAttributes, useMemo, useState } from 'react';
import { useTranslationContext } from 'stream-chat-react';
import { defaultErrorMessage } from '../../core/errors';
import type { MediaChoice } from '../../core/provider';
import { mediaTrackRef } from '../../providers/shared/media';
import { DevicePicker } from './DeviceSelect';
import { CameraIcon, CameraOffIcon, MicIcon, MicOffIcon } from './icons';
import { usePreJoinMedia } from './usePreJoinMedia';
import { VideoTrack } from './VideoTrack';

/** Props of {@link PreJoin}; the rest go to its root `<section>` ("Get ready to join"). */
export interface PreJoinProps extends HTMLAttributes<HTMLElement> {
  /** Audio calls have no camera. */
  callType?: 'audio' | 'video';
  /**
   * Join pressed: with the user's choices (microphone and camera on or off, the devices picked),
   * for `session.join({ media })`.
   */
  onJoin(media: MediaChoice): void;
  /** Shows a Cancel button that calls it (leave the call before joining). */
  onCancel?: () => void;
  /** The microphone starts on. Default true. */
  defaultAudio?: boolean;
  /** The camera starts on (video calls only). Default true. */
  defaultVideo?: boolean;
}

/** Camera preview, microphone meter, device pickers and "join muted" toggles before joining. */
export const PreJoin = forwardRef<HTMLElement, PreJoinProps>(function PreJoin(
  {
    callType = 'video',
    onJoin,
    onCancel,
    defaultAudio = true,
    defaultVideo = true,
    className,
    ...rest
  },
  ref,
) {
  const { t } = useTranslationContext();
  const isVideo = callType === 'video';
  const [audio, setAudio] = useState(defaultAudio);
  const [video, setVideo] = useState(isVideo && defaultVideo);
  const [audioDeviceId, setAudioDevice] = useState<string>();
  const [videoDeviceId, setVideoDevice] = useState<string>();
  const media = usePreJoinMedia({ audio, video, audioDeviceId, videoDeviceId });
  const preview = useMemo(
    () => (media.videoTrack ? mediaTrackRef(media.videoTrack, 'camera') : undefined),
    [media.videoTrack],
  );
  const kinds = (kind: string) => media.devices.filter((d) => d.kind === kind);
  return (
    <section
      ref={ref}
      aria-label={t('Get ready to join')}
      className={clsx('str-call__prejoin', className)}
      {...rest}
    >
      {isVideo && (
        <div className="str-call__preview">
          {preview ? (
            <VideoTrack track={preview} mirror aria-label={t('Camera preview')} />
          ) : (
            <p>{t('Camera is off')}</p>
          )}
        </div>
      )}
      <meter
        className="str-call__meter"
        aria-label={t('Microphone level')}
        min={0}
        max={1}
        value={audio ? media.level : 0}
      />
      <div className="str-call__prejoin-toggles">
        <button
          type="button"
          className="str-call__toggle"
          aria-pressed={audio}
          aria-label={t('Microphone')}
          onClick={() => setAudio((a) => !a)}
        >
          {audio ? <MicIcon /> : <MicOffIcon />}
        </button>
        {isVideo && (
          <button
            type="button"
            className="str-call__toggle"
            aria-pressed={video}
            aria-label={t('Camera')}
            onClick={() => setVideo((v) => !v)}
          >
            {video ? <CameraIcon /> : <CameraOffIcon />}
          </button>
        )}
      </div>
      <DevicePicker
        kind="audioinput"
        devices={kinds('audioinput')}
        selectedId={audioDeviceId ?? media.audioTrack?.getSettings().deviceId}
        onDeviceChange={setAudioDevice}
      />
      {isVideo && (
        <DevicePicker
          kind="videoinput"
          devices={kinds('videoinput')}
          selectedId={videoDeviceId ?? media.videoTrack?.getSettings().deviceId}
          onDeviceChange={setVideoDevice}
        />
      )}
      {media.error && <p className="str-call__error">{t(defaultErrorMessage(media.error.code))}</p>}
      <div className="str-call__prejoin-actions">
        {onCancel && (
          <button type="button" className="str-call__icon-button" onClick={onCancel}>
            {t('Cancel')}
          </button>
        )}
        <button
          type="button"
          className="str-call__button"
          onClick={() => onJoin({ audio, video, audioDeviceId, videoDeviceId })}
        >
          {t('Join')}
        </button>
      </div>
    </section>
  );
});
