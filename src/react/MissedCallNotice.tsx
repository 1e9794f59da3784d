import { clsx } from 'clsx';
import { forwardRef, type HTMLAttributes, useId } from 'react';
import { useTranslationContext } from 'stream-chat-react';
import type { MissedCall } from './internal/IncomingCallStore';
import { CloseIcon, PhoneOffIcon } from './internal/icons';

export interface MissedCallNoticeProps extends HTMLAttributes<HTMLDivElement> {
  missed: MissedCall;
  onDismiss: () => void;
}

/** "Missed call from X", dismissable. */
export const DefaultMissedCallNotice = forwardRef<HTMLDivElement, MissedCallNoticeProps>(
  function DefaultMissedCallNotice({ missed, onDismiss, className, ...rest }, ref) {
    const { t } = useTranslationContext('MissedCallNotice');
    const textId = useId();
    const name = missed.caller.name || missed.caller.id;
    return (
      <div
        ref={ref}
        role="status"
        className={clsx('str-call__missed', className)}
        data-state="missed"
        data-call-type={missed.call.type}
        {...rest}
      >
        <PhoneOffIcon />
        <span id={textId} className="str-call__missed-text">
          {t('Missed call from {{ name }}', { name })}
          {missed.channelName ? ` · ${missed.channelName}` : ''}
        </span>
        <button
          type="button"
          className="str-call__icon-button"
          aria-label={t('Dismiss')}
          aria-describedby={textId}
          onClick={onDismiss}
        >
          <CloseIcon />
        </button>
      </div>
    );
  },
);
