import { clsx } from 'clsx';
import { type CSSProperties, forwardRef, type HTMLAttributes } from 'react';
import { useTranslationContext } from 'stream-chat-react';
import { MicOffIcon } from './icons';
import { useParticipant } from './useParticipant';
import { VideoTrack } from './VideoTrack';

/**
 * Props of {@link ParticipantTile}; the rest go to its root `<div>`. A `Tile` of your own for
 * `CallRoom` and the layouts receives them too.
 */
export interface ParticipantTileProps extends HTMLAttributes<HTMLDivElement> {
  /** The room's id of the participant (`RoomParticipant.id`). */
  participantId: string;
  /** `screen` shows the participant's screen share instead of the camera. Default `camera`. */
  source?: 'camera' | 'screen';
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).slice(0, 2);
  return parts.map((p) => p[0]?.toUpperCase() ?? '').join('') || '?';
}

/** One of stream-chat-react's five avatar colours (1–5), the same for a user everywhere. */
export function avatarColor(userId: string): number {
  let hash = 0;
  for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) | 0;
  return (Math.abs(hash) % 5) + 1;
}

/**
 * One participant: their video when the camera (or screen) is on, else their picture or initials
 * in their avatar colour; the name ("(you)" kept visible however long the name), a muted
 * microphone, and a ring while they speak. Re-renders only when this participant changes.
 * Styled by `data-source`, `data-local`, `data-video`, `data-muted` and `data-speaking`; the
 * speaking level is the `--str-call__level` variable (0–1).
 */
export const ParticipantTile = forwardRef<HTMLDivElement, ParticipantTileProps>(
  function ParticipantTile({ participantId, source = 'camera', className, style, ...rest }, ref) {
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
    const speaking = p.speaking && !screen;
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
        data-speaking={speaking ? '' : undefined}
        style={
          speaking ? ({ '--str-call__level': p.audioLevel, ...style } as CSSProperties) : style
        }
        {...rest}
      >
        {showVideo && track ? (
          <VideoTrack track={track} mirror={p.isLocal && !screen} />
        ) : (
          <div className="str-call__avatar" data-color={avatarColor(p.userId)} aria-hidden>
            {p.image ? <img src={p.image} alt="" /> : initials(name)}
          </div>
        )}
        <div className="str-call__tile-label">
          {screen ? (
            <span className="str-call__tile-name">{label}</span>
          ) : (
            <>
              <span className="str-call__tile-name">{name}</span>
              {p.isLocal && <span className="str-call__tile-you">{t('(you)')}</span>}
            </>
          )}
          {!screen && !p.audioEnabled && (
            <MicOffIcon role="img" aria-hidden={false} aria-label={t('Microphone off')} />
          )}
        </div>
      </div>
    );
  },
);
