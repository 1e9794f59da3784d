import { clsx } from 'clsx';
import { forwardRef, type HTMLAttributes } from 'react';
import { useTranslationContext } from 'stream-chat-react';
import type { CallParseReason } from '../core/attachment';
import { PhoneOffIcon } from './internal/icons';

/**
 * The unsupported-call notice's props, also what a custom one given to `CallAttachment`
 * receives. Other props go to its `<div>`.
 */
export interface UnsupportedCallProps extends HTMLAttributes<HTMLDivElement> {
  /** Why the attachment is not a call (for logs and custom UIs; not shown). */
  reason: CallParseReason;
}

/** What a call attachment that does not parse shows: a notice, never a way to join. */
export const DefaultUnsupportedCall = forwardRef<HTMLDivElement, UnsupportedCallProps>(
  function DefaultUnsupportedCall({ reason, className, ...rest }, ref) {
    const { t } = useTranslationContext('UnsupportedCall');
    return (
      <div
        ref={ref}
        role="note"
        className={clsx('str-call__card', 'str-call__card--unsupported', className)}
        data-state="unsupported"
        data-reason={reason}
        {...rest}
      >
        <span className="str-call__card-icon">
          <PhoneOffIcon />
        </span>
        <p className="str-call__card-title">{t("This call can't be joined")}</p>
      </div>
    );
  },
);
