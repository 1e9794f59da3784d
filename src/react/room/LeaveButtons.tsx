import type { MouseEvent } from 'react';
import { useTranslationContext } from 'stream-chat-react';
import { EndCallButton } from './EndCallButton';
import { ChevronUpIcon, LeaveIcon } from './icons';
import { MenuButton } from './MenuButton';
import { Tooltip } from './Tooltip';

export interface LeaveButtonsProps {
  /** Runs before leaving; `event.preventDefault()` keeps the call. */
  onLeave(event: MouseEvent<HTMLButtonElement>): void;
  /** Offer "End for everyone" (the call's creator), in a menu beside Leave. */
  onEnd?: () => void;
}

/**
 * Leave, the one red control, and beside it (for who may end the call) a menu with End for
 * everyone and its confirmation. Internal.
 */
export function LeaveButtons({ onLeave, onEnd }: LeaveButtonsProps) {
  const { t } = useTranslationContext();
  return (
    <span className="str-call__leave-group">
      <Tooltip content={t('Leave the call')}>
        <button
          type="button"
          className="str-call__button str-call__danger str-call__leave"
          onClick={onLeave}
        >
          <LeaveIcon />
          <span>{t('Leave')}</span>
        </button>
      </Tooltip>
      {onEnd && (
        <MenuButton
          label={t('End call options')}
          tooltip={t('More ways to end the call')}
          icon={<ChevronUpIcon />}
          triggerClassName="str-call__leave-more"
        >
          {(close) => (
            <EndCallButton
              onConfirm={() => {
                close();
                onEnd();
              }}
              onCancel={close}
            />
          )}
        </MenuButton>
      )}
    </span>
  );
}
