import { type MouseEvent, useEffect } from 'react';
import { useTranslationContext } from 'stream-chat-react';
import { EndCallButton } from './EndCallButton';
import { ChevronUpIcon, LeaveIcon } from './icons';
import { Tooltip } from './Tooltip';
import { usePopover } from './usePopover';

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
  const { open, setOpen, triggerProps, popoverProps } = usePopover();
  const menu = popoverProps.ref;
  useEffect(() => {
    if (open) menu.current?.querySelector('button')?.focus();
  }, [open, menu]);
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
        <>
          <Tooltip content={t('More ways to end the call')}>
            <button
              type="button"
              className="str-call__toggle str-call__leave-more"
              aria-label={t('End call options')}
              aria-haspopup="dialog"
              {...triggerProps}
            >
              <ChevronUpIcon />
            </button>
          </Tooltip>
          <div
            role="dialog"
            aria-label={t('End call options')}
            className="str-call__menu"
            data-state={open ? 'open' : 'closed'}
            {...popoverProps}
          >
            {open && (
              <EndCallButton
                onConfirm={() => {
                  setOpen(false);
                  onEnd();
                }}
                onCancel={() => setOpen(false)}
              />
            )}
          </div>
        </>
      )}
    </span>
  );
}
