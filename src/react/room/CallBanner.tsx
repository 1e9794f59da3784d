import { clsx } from 'clsx';
import { forwardRef, type HTMLAttributes, type ReactNode } from 'react';

/**
 * What a banner says: `connecting` / `reconnecting` (a polite status with a spinner), `failed`
 * (an alert), `media` (a camera or microphone problem; the call goes on).
 */
export type CallBannerVariant = 'connecting' | 'reconnecting' | 'failed' | 'media';

/** Props of {@link CallBanner}; the rest go to its root `<div>` (its children follow the title). */
export interface CallBannerProps extends Omit<HTMLAttributes<HTMLDivElement>, 'title'> {
  /** Its kind: how it is announced (status or alert), styled and marked (`data-variant`). */
  variant: CallBannerVariant;
  /** The headline ("Reconnecting…"); details go in `children`. */
  title: ReactNode;
  /** Buttons (Retry, Close…). */
  actions?: ReactNode;
}

/**
 * A call status banner. Progress is a polite live status; a failure is an alert.
 */
export const CallBanner = forwardRef<HTMLDivElement, CallBannerProps>(function CallBanner(
  { variant, title, actions, children, className, ...rest },
  ref,
) {
  const busy = variant === 'connecting' || variant === 'reconnecting';
  return (
    <div
      ref={ref}
      role={variant === 'failed' ? 'alert' : 'status'}
      aria-live={variant === 'failed' ? 'assertive' : 'polite'}
      aria-busy={busy || undefined}
      className={clsx('str-call__banner', className)}
      data-variant={variant}
      {...rest}
    >
      {busy && <span className="str-call__spinner" aria-hidden />}
      <div className="str-call__banner-text">
        <strong>{title}</strong>
        {children}
      </div>
      {actions && <div className="str-call__banner-actions">{actions}</div>}
    </div>
  );
});
