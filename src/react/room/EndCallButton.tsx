import { clsx } from 'clsx';
import { type ButtonHTMLAttributes, forwardRef, useEffect, useId, useRef, useState } from 'react';
import { useTranslationContext } from 'stream-chat-react';

/** Props of {@link EndCallButton}; the rest go to its "End for everyone" `<button>`. */
export interface EndCallButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** Runs after the user confirmed. */
  onConfirm(): void;
  /** Runs when the user backs out of the confirmation (Cancel or Escape). */
  onCancel?: () => void;
}

/**
 * "End for everyone" with a confirmation in place ("End the call for everyone?" — End call /
 * Cancel; Escape backs out). `data-state` is `idle` or `confirming`.
 */
export const EndCallButton = forwardRef<HTMLButtonElement, EndCallButtonProps>(
  function EndCallButton({ onConfirm, onCancel, className, onClick, ...rest }, ref) {
    const { t } = useTranslationContext();
    const [confirming, setConfirming] = useState(false);
    const confirmRef = useRef<HTMLButtonElement>(null);
    const titleId = useId();
    useEffect(() => {
      if (confirming) confirmRef.current?.focus();
    }, [confirming]);
    const cancel = () => {
      setConfirming(false);
      onCancel?.();
    };
    return (
      <span className="str-call__end" data-state={confirming ? 'confirming' : 'idle'}>
        {!confirming && (
          <button
            ref={ref}
            type="button"
            className={clsx('str-call__menu-item str-call__end-button', className)}
            onClick={(e) => {
              onClick?.(e);
              if (!e.defaultPrevented) setConfirming(true);
            }}
            {...rest}
          >
            {t('End for everyone')}
          </button>
        )}
        {confirming && (
          <div
            role="alertdialog"
            aria-labelledby={titleId}
            className="str-call__confirm"
            onKeyDown={(e) => {
              if (e.key === 'Escape') cancel();
            }}
          >
            <p id={titleId}>{t('End the call for everyone?')}</p>
            <div className="str-call__confirm-actions">
              <button type="button" className="str-call__button" onClick={cancel}>
                {t('Cancel')}
              </button>
              <button
                ref={confirmRef}
                type="button"
                className="str-call__button str-call__danger"
                onClick={() => {
                  setConfirming(false);
                  onConfirm();
                }}
              >
                {t('End call')}
              </button>
            </div>
          </div>
        )}
      </span>
    );
  },
);
