import { clsx } from 'clsx';
import {
  forwardRef,
  type HTMLAttributes,
  type KeyboardEvent,
  useEffect,
  useId,
  useRef,
} from 'react';
import { createPortal } from 'react-dom';
import { useChatContext, useTranslationContext } from 'stream-chat-react';
import { useCallsContext } from './context/CallsContext';
import { useCallLifecycle } from './hooks/useCallLifecycle';

/** `CallSwitchDialog`'s props; other props go to the dialog's `<div>`. */
export interface CallSwitchDialogProps extends HTMLAttributes<HTMLDivElement> {
  /** Where the portal goes (default `document.body`). */
  container?: Element | null;
}

/**
 * "Leave the call in General?": asked when the user starts or joins a call while in another.
 * Stay (focused, and on Escape) keeps the current call; Leave and join / Leave and start leaves it
 * for the new one. The kit never leaves a call silently. Renders nothing unless asked; CallRoom
 * shows it, and a custom UI can use `useCallLifecycle((s) => s.switching)` with the controller's
 * `confirmSwitch()` / `cancelSwitch()`.
 */
export const CallSwitchDialog = forwardRef<HTMLDivElement, CallSwitchDialogProps>(
  function CallSwitchDialog({ container, className, onKeyDown, ...rest }, ref) {
    const { t } = useTranslationContext('CallSwitchDialog');
    const { theme } = useChatContext('CallSwitchDialog');
    const { controller } = useCallsContext();
    const switching = useCallLifecycle((s) => s.switching);
    const titleId = useId();
    const descId = useId();
    const stay = useRef<HTMLButtonElement>(null);
    const open = Boolean(switching);

    useEffect(() => {
      if (!open) return;
      const previous = document.activeElement as HTMLElement | null;
      stay.current?.focus();
      return () => {
        const active = document.activeElement;
        if ((!active || active === document.body) && previous?.isConnected) previous.focus();
      };
    }, [open]);

    if (!switching || typeof document === 'undefined') return null;
    const { from, to } = switching;
    const title = from.channelName
      ? t('Leave the call in {{ channel }}?', { channel: from.channelName })
      : t('Leave your current call?');
    const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
      onKeyDown?.(event);
      if (event.defaultPrevented || event.key !== 'Escape') return;
      event.preventDefault();
      controller.cancelSwitch();
    };
    // In a portal over the page (the room may be docked); it re-applies the chat's theme classes.
    return createPortal(
      <div className={clsx('str-chat', theme, 'str-call__portal', 'str-call__switch-backdrop')}>
        <div
          ref={ref}
          role="alertdialog"
          aria-modal="true"
          aria-labelledby={titleId}
          aria-describedby={descId}
          className={clsx('str-call__switch', className)}
          data-state="open"
          data-action={to.action}
          onKeyDown={handleKeyDown}
          {...rest}
        >
          <p id={titleId} className="str-call__switch-title">
            {title}
          </p>
          <p id={descId} className="str-call__switch-desc">
            {to.action === 'start'
              ? t('Starting a new call ends your part in the current one.')
              : t('Joining another call ends your part in the current one.')}
          </p>
          <div className="str-call__switch-actions">
            <button
              ref={stay}
              type="button"
              className="str-call__button"
              data-action="stay"
              onClick={() => controller.cancelSwitch()}
            >
              {t('Stay in this call')}
            </button>
            <button
              type="button"
              className="str-call__button str-call__danger"
              data-action="leave"
              onClick={() => controller.confirmSwitch()}
            >
              {to.action === 'start' ? t('Leave and start') : t('Leave and join')}
            </button>
          </div>
        </div>
      </div>,
      container ?? document.body,
    );
  },
);
