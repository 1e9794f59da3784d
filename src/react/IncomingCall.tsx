import { forwardRef } from 'react';
import { useRequiredCallsContext } from './context/CallsContext';
import { useIncomingCall } from './hooks/useIncomingCall';
import type { IncomingCallProps } from './internal/incomingTypes';
import { lazyComponent, usePreload } from './internal/lazyComponent';

export type { IncomingCallProps } from './internal/incomingTypes';

/**
 * The layer, the default dialog and its tones load with the first ring, or once the page
 * settles.
 */
const Layer = lazyComponent<IncomingCallProps>(
  () => import('./internal/IncomingCallLayer').then((m) => m.IncomingCallLayer),
  'IncomingCallLayer',
);

/**
 * Incoming rings (call waiting while in a call) and missed-call notices, in a portal that keeps
 * the chat's theme. Place once inside `<CallsProvider>`; shows nothing until a member rings this
 * user. In a background tab a ring also raises a system notification and marks the tab title.
 */
export const IncomingCall = forwardRef<HTMLDivElement, IncomingCallProps>(
  function IncomingCall(props, ref) {
    useRequiredCallsContext('IncomingCall');
    const { ringing, missed } = useIncomingCall();
    usePreload(Layer);
    const notices = missed.some((m) => !m.dismissed);
    return ringing || notices ? <Layer {...props} ref={ref} /> : null;
  },
);
