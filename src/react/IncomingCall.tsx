import { type ComponentType, forwardRef, type HTMLAttributes } from 'react';
import { useIncomingCall } from './hooks/useIncomingCall';
import type { IncomingCallDialogProps } from './IncomingCallDialog';
import type { IncomingCallLayerProps } from './internal/IncomingCallLayer';
import { lazyComponent, usePreload } from './internal/lazyComponent';
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
/** The portal layer too; the first ring loads it and the default dialog together. */
const Layer = lazyComponent<IncomingCallLayerProps>(() => {
  void LazyIncomingCallDialog.preload().catch(() => {});
  return import('./internal/IncomingCallLayer').then((m) => m.IncomingCallLayer);
}, 'IncomingCallLayer');

/**
 * Incoming rings and missed calls, in a portal that keeps the chat's theme. Place once inside
 * `<CallsProvider>`; shows nothing until a member rings this user.
 */
export const IncomingCall = forwardRef<HTMLDivElement, IncomingCallProps>(function IncomingCall(
  { IncomingCallDialog = LazyIncomingCallDialog, MissedCallNotice = LazyMissedCallNotice, ...rest },
  ref,
) {
  const { ringing, missed } = useIncomingCall();
  usePreload(Layer, LazyIncomingCallDialog, LazyMissedCallNotice);
  if (!ringing && missed.length === 0) return null;
  return (
    <Layer
      {...rest}
      ref={ref}
      IncomingCallDialog={IncomingCallDialog}
      MissedCallNotice={MissedCallNotice}
    />
  );
});
