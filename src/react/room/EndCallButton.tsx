import { clsx } from 'clsx';
import { type ButtonHTMLAttributes, forwardRef, useEffect, useId, useRef, useState } from 'react';
import { useTranslationContext } from 'stream-chat-react';

export interface EndCallButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** Runs after the user confirmed. */
  onConfirm(): void;
}

/** "End for everyone" with an inline confirmation (Escape or Cancel backs out). */
export const EndCallButton = forwardRef<HTMLButtonElement, EndCallButtonProps>(
  function EndCallButton({ onConfirm, className, onClick, ...rest }, ref) {
    const { t } = useTranslationContext();
    const [confirming, setConfirming] = useState(false);
    const confirmRef = useRef<HTMLButtonElement>(null);
    const titleId = useId();
    useEffect(() => {
      if (confirming) confirmRef.current?.focus();
    }, [confirming]);
    return (
      <span className="str-call__end">
        <button
          ref={ref}
          type="button"
          className={clsx('str-call__button str-call__danger', className)}
          aria-expanded={confirming}
          onClick={(e) => {
            onClick?.(e);
            if (!e.defaultPrevented) setConfirming(true);
          }}
          {...rest}
        >
          {t('End for everyone')}
        </button>
        {confirming && (
          <div
            role="alertdialog"
            aria-labelledby={titleId}
            className="str-call__confirm"
            onKeyDown={(e) => {
              if (e.key === 'Escape') setConfirming(false);
            }}
          >
            <p id={titleId}>{t('End the call for everyone?')}</p>
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
            <button
              type="button"
              className="str-call__icon-button"
              onClick={() => setConfirming(false)}
            >
              {t('Cancel')}
            </button>
          </div>
        )}
      </span>
    );
  },
);
