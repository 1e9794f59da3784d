import { type ComponentType, forwardRef, type HTMLAttributes } from 'react';
import { useRequiredCallsContext } from './context/CallsContext';
import { useIncomingCall } from './hooks/useIncomingCall';
import type { IncomingCallDialogProps } from './IncomingCallDialog';
import { lazyComponent, usePreload } from './internal/lazyComponent';
import type { MissedCallNoticeProps } from './MissedCallNotice';

export interface IncomingCallProps extends HTMLAttributes<HTMLDivElement> {
  IncomingCallDialog?: ComponentType<IncomingCallDialogProps>;
  MissedCallNotice?: ComponentType<MissedCallNoticeProps>;
  /** Where the portal goes (default `document.body`). */
  container?: Element | null;
}

/**
 * The layer, the default dialog and its ring tone load with the first ring, or once the page
 * settles.
 */
const Layer = lazyComponent<IncomingCallProps>(
  () => import('./internal/IncomingCallLayer').then((m) => m.IncomingCallLayer),
  'IncomingCallLayer',
);

/**
 * Incoming rings and missed calls, in a portal that keeps the chat's theme. Place once inside
 * `<CallsProvider>`; shows nothing until a member rings this user.
 */
export const IncomingCall = forwardRef<HTMLDivElement, IncomingCallProps>(
  function IncomingCall(props, ref) {
    useRequiredCallsContext('IncomingCall');
    const { ringing, missed } = useIncomingCall();
    usePreload(Layer);
    return ringing || missed.length > 0 ? <Layer {...props} ref={ref} /> : null;
  },
);
