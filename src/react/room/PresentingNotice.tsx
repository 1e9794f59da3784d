import { clsx } from 'clsx';
import { forwardRef, type HTMLAttributes } from 'react';
import { useTranslationContext } from 'stream-chat-react';
import { ScreenIcon } from './icons';
import { useMediaToggle } from './useMediaToggle';

export interface PresentingNoticeProps extends HTMLAttributes<HTMLDivElement> {
  /** `stage`: in place of the user's own screen (no mirror of a mirror); `bar`: above another's. */
  variant: 'stage' | 'bar';
}

/** Tells the presenter that everyone sees their screen, with "Stop presenting". Internal. */
export const PresentingNotice = forwardRef<HTMLDivElement, PresentingNoticeProps>(
  function PresentingNotice({ variant, className, ...rest }, ref) {
    const { t } = useTranslationContext();
    const { toggle, pending } = useMediaToggle('screen');
    return (
      <div
        ref={ref}
        className={clsx('str-call__presenting', className)}
        data-variant={variant}
        {...rest}
      >
        <ScreenIcon />
        <p>{t('You are presenting to everyone')}</p>
        <button
          type="button"
          className="str-call__button str-call__primary"
          disabled={pending}
          aria-busy={pending || undefined}
          onClick={() => void toggle(false)}
        >
          {t('Stop presenting')}
        </button>
      </div>
    );
  },
);
