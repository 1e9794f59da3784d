import { clsx } from 'clsx';
import { forwardRef, type HTMLAttributes, useId } from 'react';
import { Avatar, useTranslationContext } from 'stream-chat-react';
import type { RingStatus } from '../../core/lifecycle/types';
import { useRingingMembers } from '../hooks/useRingingMembers';
import { CameraIcon, CameraOffIcon, CloseIcon, MicIcon, MicOffIcon } from './icons';
import { useParticipant } from './useParticipant';
import { useParticipants } from './useParticipants';
import { useScopedSession } from './useScopedSession';
import { useStoreSelector } from './useStoreSelector';

/** Props of {@link ParticipantPanel}; the rest go to its root `<aside>`. */
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
        <ul className="str-call__people" aria-label={t('In the call')}>
          {ids.map((id) => (
            <Person key={id} id={id} video={video} />
          ))}
        </ul>
        <RungMembers />
      </aside>
    );
  },
);

const RING_STATUS: Record<Exclude<RingStatus, 'joined'>, string> = {
  ringing: 'Ringing…',
  declined: 'Declined',
  busy: 'In another call',
  'no-answer': 'No answer',
};

/** Whom the user's call rings and has not joined: still ringing, declined, busy, no answer. */
function RungMembers() {
  const { t } = useTranslationContext();
  const rung = useRingingMembers().filter((m) => m.status !== 'joined');
  const title = useId();
  if (rung.length === 0) return null;
  return (
    <>
      <h3 id={title} className="str-call__people-title">
        {t('Invited')}
      </h3>
      <ul className="str-call__people" aria-labelledby={title}>
        {rung.map((m) => (
          <li key={m.id} className="str-call__person" data-ring-status={m.status}>
            <Avatar imageUrl={m.image} userName={m.name || m.id} size="md" />
            <span className="str-call__person-name">
              <span className="str-call__person-label">{m.name || m.id}</span>
              <span className="str-call__person-note">
                {t(RING_STATUS[m.status as Exclude<RingStatus, 'joined'>])}
              </span>
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

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
