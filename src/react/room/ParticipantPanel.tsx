import { clsx } from 'clsx';
import { forwardRef, type HTMLAttributes } from 'react';
import { Avatar, useTranslationContext } from 'stream-chat-react';
import { CameraIcon, CameraOffIcon, CloseIcon, MicIcon, MicOffIcon } from './icons';
import { useParticipant } from './useParticipant';
import { useParticipants } from './useParticipants';
import { useScopedSession } from './useScopedSession';
import { useStoreSelector } from './useStoreSelector';

export interface ParticipantPanelProps extends HTMLAttributes<HTMLElement> {
  /** Shows a Close button that calls it. */
  onClose?: () => void;
}

/**
 * Who is in the call: each person's name (yours marked "(you)"), microphone and camera state, and
 * who is presenting. Yours first, then in the order people joined.
 */
export const ParticipantPanel = forwardRef<HTMLElement, ParticipantPanelProps>(
  function ParticipantPanel({ onClose, className, ...rest }, ref) {
    const { t } = useTranslationContext();
    const ids = useParticipants();
    const session = useScopedSession();
    const video = useStoreSelector(session ?? undefined, (s) => s.call?.type !== 'audio', true);
    return (
      <aside
        ref={ref}
        aria-label={t('Participants')}
        className={clsx('str-call__panel', className)}
        data-panel="people"
        {...rest}
      >
        <div className="str-call__panel-header">
          <h2 className="str-call__panel-title">
            {t('Participants')} <span className="str-call__panel-count">{ids.length}</span>
          </h2>
          {onClose && (
            <button
              type="button"
              className="str-call__icon-button"
              aria-label={t('Close participants')}
              onClick={onClose}
            >
              <CloseIcon />
            </button>
          )}
        </div>
        <ul className="str-call__people">
          {ids.map((id) => (
            <Person key={id} id={id} video={video} />
          ))}
        </ul>
      </aside>
    );
  },
);

function Person({ id, video }: { id: string; video: boolean }) {
  const { t } = useTranslationContext();
  const p = useParticipant(id);
  if (!p) return null;
  const name = p.name || p.userId;
  return (
    <li
      className="str-call__person"
      data-local={p.isLocal ? '' : undefined}
      data-presenting={p.screenShareEnabled ? '' : undefined}
      data-muted={p.audioEnabled ? undefined : ''}
    >
      <Avatar imageUrl={p.image} userName={name} size="md" />
      <span className="str-call__person-name">
        <span className="str-call__person-label">
          {p.isLocal ? t('{{ name }} (you)', { name }) : name}
        </span>
        {p.screenShareEnabled && <span className="str-call__person-note">{t('Presenting')}</span>}
      </span>
      <span className="str-call__person-media">
        {p.audioEnabled ? (
          <MicIcon role="img" aria-hidden={false} aria-label={t('Microphone on')} />
        ) : (
          <MicOffIcon role="img" aria-hidden={false} aria-label={t('Microphone off')} />
        )}
        {video &&
          (p.videoEnabled ? (
            <CameraIcon role="img" aria-hidden={false} aria-label={t('Camera on')} />
          ) : (
            <CameraOffIcon role="img" aria-hidden={false} aria-label={t('Camera off')} />
          ))}
      </span>
    </li>
  );
}
