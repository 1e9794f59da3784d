import { forwardRef, type HTMLAttributes, useState } from 'react';
import { useTranslationContext } from 'stream-chat-react';
import { defaultErrorMessage } from '../../core/errors';
import { CallBanner } from './CallBanner';
import { useRoomState } from './useRoomState';

/** Props of {@link MediaIssueBanner}: its root `<div>`'s. */
export type MediaIssueBannerProps = HTMLAttributes<HTMLDivElement>;

const HELP: Partial<Record<string, string>> = {
  'permission-denied':
    "To fix it, allow the camera and microphone for this site in your browser's site settings (the icon next to the address), then turn them on again.",
  'device-not-found': 'Connect a camera or microphone, then turn it on again.',
  'device-in-use': 'Close the other app using it, then turn it on again.',
};

/** Explains why the call has less media than asked for (joined audio-only or receive-only). */
export const MediaIssueBanner = forwardRef<HTMLDivElement, MediaIssueBannerProps>(
  function MediaIssueBanner(props, ref) {
    const { t } = useTranslationContext();
    const issue = useRoomState((s) => s.mediaIssue, undefined);
    const [dismissed, setDismissed] = useState<unknown>();
    if (!issue || dismissed === issue) return null;
    const help = HELP[issue.code];
    return (
      <CallBanner
        ref={ref}
        variant="media"
        title={t(defaultErrorMessage(issue.code))}
        data-code={issue.code}
        actions={
          <button
            type="button"
            className="str-call__icon-button"
            onClick={() => setDismissed(issue)}
          >
            {t('Dismiss')}
          </button>
        }
        {...props}
      >
        {help && <p>{t(help)}</p>}
      </CallBanner>
    );
  },
);
