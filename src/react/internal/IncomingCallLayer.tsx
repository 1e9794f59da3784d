import { clsx } from 'clsx';
import { forwardRef } from 'react';
import { createPortal } from 'react-dom';
import { useChatContext, useTranslationContext } from 'stream-chat-react';
import { useCallsContext } from '../context/CallsContext';
import { useIncomingCall } from '../hooks/useIncomingCall';
import { DefaultIncomingCallDialog } from '../IncomingCallDialog';
import { DefaultMissedCallNotice } from '../MissedCallNotice';
import { useRingAttention } from './attention';
import type { IncomingCallProps } from './incomingTypes';

/**
 * What IncomingCall shows once a member rings (loaded with the first ring, or once the page
 * settles, together with the default dialog and its tones): the ringing dialog and the missed-call
 * notices, in a portal. Portals leave the chat's DOM subtree, and with it the `str-chat` + theme
 * classes that define the `--str-chat__*` tokens: the layer re-applies them. The layer lets clicks
 * through to the app everywhere but on its own dialog and notices.
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
    const { t } = useTranslationContext('IncomingCall');
    const { options } = useCallsContext();
    const { ringing, waiting, missed, accept, decline, dismissMissed } = useIncomingCall();
    const name = ringing ? ringing.caller.name || ringing.caller.id : '';
    useRingAttention(
      ringing && {
        title: t('{{ name }} is calling', { name }),
        body: ringing.call.type === 'video' ? t('Incoming video call') : t('Incoming audio call'),
        tag: `str-call-${ringing.call.id}-${ringing.session}`,
      },
      options.notifyInBackground,
    );
    const notices = missed.filter((m) => !m.dismissed);
    // Rendered only on the client, after a ring: rings never arrive during server rendering.
    if (typeof document === 'undefined' || (!ringing && notices.length === 0)) return null;
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
        data-state={ringing ? (waiting ? 'waiting' : 'ringing') : 'missed'}
        {...rest}
      >
        {ringing && (
          <IncomingCallDialog
            key={`${ringing.call.id}#${ringing.session}`}
            ringing={ringing}
            waiting={waiting}
            muted={options.muteRingtone}
            onAccept={() => void accept()}
            onDecline={() => void decline()}
          />
        )}
        {notices.length > 0 && (
          <div className="str-call__notices">
            {notices.map((m) => (
              <MissedCallNotice
                key={`${m.call.id}#${m.session}`}
                missed={m}
                onDismiss={() => dismissMissed(m.call.id)}
              />
            ))}
          </div>
        )}
      </div>,
      container ?? document.body,
    );
  },
);
