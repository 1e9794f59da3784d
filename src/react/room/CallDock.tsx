import { clsx } from 'clsx';
import { forwardRef, type HTMLAttributes } from 'react';
import { useTranslationContext } from 'stream-chat-react';
import { ExpandIcon, LeaveIcon } from './icons';
import { MediaToggle } from './MediaToggle';
import { ParticipantTile } from './ParticipantTile';
import { selectSpotlight } from './SpeakerLayout';
import { Tooltip } from './Tooltip';
import { parseTileKey } from './tiles';
import { useRoomState } from './useRoomState';
import { useScopedSession } from './useScopedSession';

/** A corner of the viewport. */
export type DockCorner = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';

export interface CallDockProps extends HTMLAttributes<HTMLElement> {
  /** Back to the full call view. */
  onExpand(): void;
  /**
   * Where the dock floats. Default `'top-right'`: clear of the composer and the newest message,
   * which sit at the bottom of a chat.
   */
  corner?: DockCorner;
}

/**
 * The call minimised while the user keeps chatting: who is speaking, mute, leave, expand. Hang-up
 * is the dock's one red control (a muted microphone is not red).
 */
export const CallDock = forwardRef<HTMLElement, CallDockProps>(function CallDock(
  { onExpand, corner = 'top-right', className, ...rest },
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
      data-corner={corner}
      {...rest}
    >
      {main && <ParticipantTile participantId={main.id} source={main.source} />}
      <div className="str-call__dock-actions">
        <MediaToggle source="microphone" />
        <Tooltip content={t('Leave the call')}>
          <button
            type="button"
            className="str-call__toggle str-call__danger"
            aria-label={t('Leave')}
            data-action="leave"
            onClick={() => void session?.leave()}
          >
            <LeaveIcon />
          </button>
        </Tooltip>
        <Tooltip content={t('Back to the full call')}>
          <button
            type="button"
            className="str-call__toggle"
            aria-label={t('Expand call')}
            data-action="expand"
            onClick={onExpand}
          >
            <ExpandIcon />
          </button>
        </Tooltip>
      </div>
    </section>
  );
});
