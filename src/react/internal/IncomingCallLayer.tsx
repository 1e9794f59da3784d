import { clsx } from 'clsx';
import { forwardRef } from 'react';
import { createPortal } from 'react-dom';
import { useChatContext } from 'stream-chat-react';
import { useCallsContext } from '../context/CallsContext';
import { useIncomingCall } from '../hooks/useIncomingCall';
import type { IncomingCallProps } from '../IncomingCall';
import { DefaultIncomingCallDialog } from '../IncomingCallDialog';
import { DefaultMissedCallNotice } from '../MissedCallNotice';

/**
 * What IncomingCall shows once a member rings (loaded with the first ring, or once the page
 * settles, together with the default dialog and its ring tone): the ringing dialog and the
 * missed calls, in a portal. Portals leave the chat's DOM
 * subtree, and with it the `str-chat` + theme classes that define the `--str-chat__*` tokens:
 * the layer re-applies them.
 */
export const IncomingCallLayer = forwardRef<HTMLDivElement, IncomingCallProps>(
  function IncomingCallLayer(
    {
      IncomingCallDialog = DefaultIncomingCallDialog,
      MissedCallNotice = DefaultMissedCallNotice,
      container,
      className,
      ...rest
    },
    ref,
  ) {
    const { theme } = useChatContext('IncomingCall');
    const { options } = useCallsContext();
    const { ringing, missed, accept, decline, dismissMissed } = useIncomingCall();
    // Rendered only on the client, after a ring: rings never arrive during server rendering.
    if (typeof document === 'undefined' || (!ringing && missed.length === 0)) return null;
    return createPortal(
      <div
        ref={ref}
        className={clsx(
          'str-chat',
          theme,
          'str-call__portal',
          'str-call__incoming-layer',
          className,
        )}
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
  },
);
