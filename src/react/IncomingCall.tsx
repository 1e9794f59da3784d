import { clsx } from 'clsx';
import { type ComponentType, forwardRef, type HTMLAttributes } from 'react';
import { createPortal } from 'react-dom';
import { useCallsContext } from './context/CallsContext';
import { useIncomingCall } from './hooks/useIncomingCall';
import type { IncomingCallDialogProps } from './IncomingCallDialog';
import { lazyComponent, usePreload } from './internal/lazyComponent';
import { usePortal } from './internal/usePortal';
import type { MissedCallNoticeProps } from './MissedCallNotice';

export interface IncomingCallProps extends HTMLAttributes<HTMLDivElement> {
  IncomingCallDialog?: ComponentType<IncomingCallDialogProps>;
  MissedCallNotice?: ComponentType<MissedCallNoticeProps>;
  /** Where the portal goes (default `document.body`). */
  container?: Element | null;
}

/** The default dialog (and its ring tone) loads when a ring arrives, or once the page settles. */
const LazyIncomingCallDialog = lazyComponent<IncomingCallDialogProps>(
  () => import('./IncomingCallDialog').then((m) => m.DefaultIncomingCallDialog),
  'DefaultIncomingCallDialog',
);
const LazyMissedCallNotice = lazyComponent<MissedCallNoticeProps>(
  () => import('./MissedCallNotice').then((m) => m.DefaultMissedCallNotice),
  'DefaultMissedCallNotice',
);

/**
 * Incoming rings and missed calls, in a portal that keeps the chat's theme. Place once inside
 * `<CallsProvider>`; shows nothing until a member rings this user.
 */
export const IncomingCall = forwardRef<HTMLDivElement, IncomingCallProps>(function IncomingCall(
  {
    IncomingCallDialog = LazyIncomingCallDialog,
    MissedCallNotice = LazyMissedCallNotice,
    container,
    className,
    ...rest
  },
  ref,
) {
  const { options } = useCallsContext();
  const { ringing, missed, accept, decline, dismissMissed } = useIncomingCall();
  const portal = usePortal();
  usePreload(LazyIncomingCallDialog, LazyMissedCallNotice);
  if (!portal.mounted || (!ringing && missed.length === 0)) return null;
  return createPortal(
    <div
      ref={ref}
      className={clsx(portal.className, 'str-call__incoming-layer', className)}
      data-state={ringing ? 'ringing' : 'missed'}
      {...rest}
    >
      {ringing && (
        <IncomingCallDialog
          key={ringing.call.id}
          ringing={ringing}
          muted={options.muteRingtone}
          onAccept={() => void accept()}
          onDecline={() => void decline()}
        />
      )}
      {missed.map((m) => (
        <MissedCallNotice key={m.call.id} missed={m} onDismiss={() => dismissMissed(m.call.id)} />
      ))}
    </div>,
    container ?? document.body,
  );
});
