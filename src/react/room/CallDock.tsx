import { clsx } from 'clsx';
import { forwardRef, type HTMLAttributes } from 'react';
import { useTranslationContext } from 'stream-chat-react';
import { ExpandIcon, LeaveIcon } from './icons';
import { MediaToggle } from './MediaToggle';
import { ParticipantTile } from './ParticipantTile';
import { selectSpotlight } from './SpeakerLayout';
import { parseTileKey } from './tiles';
import { useRoomState } from './useRoomState';
import { useScopedSession } from './useScopedSession';

export interface CallDockProps extends HTMLAttributes<HTMLElement> {
  /** Back to the full call view. */
  onExpand(): void;
}

/** The call minimised while the user keeps chatting: active speaker, mute, leave, expand. */
export const CallDock = forwardRef<HTMLElement, CallDockProps>(function CallDock(
  { onExpand, className, ...rest },
  ref,
) {
  const { t } = useTranslationContext();
  const session = useScopedSession('CallDock');
  const spotlight = useRoomState(selectSpotlight, undefined);
  const main = spotlight ? parseTileKey(spotlight) : undefined;
  return (
    <section
      ref={ref}
      aria-label={t('Minimized call')}
      className={clsx('str-call__dock', className)}
      {...rest}
    >
      {main && <ParticipantTile participantId={main.id} source={main.source} />}
      <div className="str-call__dock-actions">
        <MediaToggle source="microphone" />
        <button
          type="button"
          className="str-call__toggle str-call__danger"
          aria-label={t('Leave')}
          onClick={() => void session?.leave()}
        >
          <LeaveIcon />
        </button>
        <button
          type="button"
          className="str-call__toggle"
          aria-label={t('Expand call')}
          onClick={onExpand}
        >
          <ExpandIcon />
        </button>
      </div>
    </section>
  );
});
