import { clsx } from 'clsx';
import { forwardRef, type HTMLAttributes } from 'react';
import { useTranslationContext } from 'stream-chat-react';
import { MicOffIcon } from './icons';
import { useParticipant } from './useParticipant';
import { VideoTrack } from './VideoTrack';

export interface ParticipantTileProps extends HTMLAttributes<HTMLDivElement> {
  participantId: string;
  /** `screen` shows the participant's screen share instead of the camera. */
  source?: 'camera' | 'screen';
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).slice(0, 2);
  return parts.map((p) => p[0]?.toUpperCase() ?? '').join('') || '?';
}

/**
 * One participant: video when the camera (or screen) is on, else avatar and name; muted mic and
 * speaking indicators. Re-renders only when this participant changes.
 */
export const ParticipantTile = forwardRef<HTMLDivElement, ParticipantTileProps>(
  function ParticipantTile({ participantId, source = 'camera', className, ...rest }, ref) {
    const { t } = useTranslationContext();
    const p = useParticipant(participantId);
    if (!p) return null;
    const name = p.name || p.userId;
    const screen = source === 'screen';
    const track = screen ? p.screenTrack : p.videoTrack;
    const showVideo = Boolean(track && (screen ? p.screenShareEnabled : p.videoEnabled));
    const label = screen
      ? t('{{ name }} is presenting', { name })
      : p.isLocal
        ? t('{{ name }} (you)', { name })
        : name;
    return (
      // biome-ignore lint/a11y/useSemanticElements: a video tile named for its participant, not a fieldset.
      <div
        ref={ref}
        role="group"
        aria-label={label}
        className={clsx('str-call__tile', className)}
        data-source={source}
        data-local={p.isLocal ? '' : undefined}
        data-video={showVideo ? '' : undefined}
        data-muted={p.audioEnabled ? undefined : ''}
        data-speaking={p.speaking && !screen ? '' : undefined}
        {...rest}
      >
        {showVideo && track ? (
          <VideoTrack track={track} mirror={p.isLocal && !screen} />
        ) : (
          <div className="str-call__avatar" aria-hidden>
            {p.image ? <img src={p.image} alt="" /> : initials(name)}
          </div>
        )}
        <div className="str-call__tile-label">
          <span className="str-call__tile-name">{label}</span>
          {!screen && !p.audioEnabled && (
            <MicOffIcon role="img" aria-hidden={false} aria-label={t('Microphone off')} />
          )}
        </div>
      </div>
    );
  },
);
