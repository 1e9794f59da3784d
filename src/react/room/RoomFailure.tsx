import { forwardRef, type HTMLAttributes } from 'react';
import { useTranslationContext } from 'stream-chat-react';
import { defaultErrorMessage } from '../../core/errors';
import type { CallSession } from '../../core/session';
import { CallBanner } from './CallBanner';
import { useStoreSelector } from './useStoreSelector';

/** Props of {@link RoomFailure}; the rest go to its banner's `<div>`. */
export interface RoomFailureProps extends HTMLAttributes<HTMLDivElement> {
  /** The failed session: Retry joins it again, Close leaves it. */
  session: CallSession;
}

/**
 * Why the call failed, in words, with Retry (unless retrying cannot help) and Close.
 *
 * @example
 * const session = useActiveSession();
 * if (session?.state.callingState === 'failed') return <RoomFailure session={session} />;
 */
export const RoomFailure = forwardRef<HTMLDivElement, RoomFailureProps>(function RoomFailure(
  { session, ...rest },
  ref,
) {
  const { t } = useTranslationContext();
  const error = useStoreSelector(session, (s) => s.error, undefined);
  return (
    <CallBanner
      ref={ref}
      variant="failed"
      title={t('The call failed')}
      actions={
        <>
          {error?.recoverable !== false && (
            <button type="button" className="str-call__button" onClick={() => void session.retry()}>
              {t('Retry')}
            </button>
          )}
          <button
            type="button"
            className="str-call__icon-button"
            onClick={() => void session.leave()}
          >
            {t('Close')}
          </button>
        </>
      }
      {...rest}
    >
      {error && <p>{t(defaultErrorMessage(error.code))}</p>}
    </CallBanner>
  );
});
