import { clsx } from 'clsx';
import {
  forwardRef,
  type HTMLAttributes,
  type KeyboardEvent,
  useEffect,
  useId,
  useRef,
} from 'react';
import { Avatar, useTranslationContext } from 'stream-chat-react';
import type { IncomingRing } from './internal/IncomingCallStore';
import { CallTypeIcon, PhoneOffIcon } from './internal/icons';
import { startRingtone } from './internal/ringtone';

export interface IncomingCallDialogProps extends HTMLAttributes<HTMLDivElement> {
  ringing: IncomingRing;
  onAccept: () => void;
  onDecline: () => void;
  /** Silence the synthesised ring tone. */
  muted?: boolean;
}

/** The ringing dialog: caller, channel, Accept (focused) and Decline; Escape declines. */
export const DefaultIncomingCallDialog = forwardRef<HTMLDivElement, IncomingCallDialogProps>(
  function DefaultIncomingCallDialog(
    { ringing, onAccept, onDecline, muted = false, className, onKeyDown, ...rest },
    ref,
  ) {
    const { t } = useTranslationContext('IncomingCallDialog');
    const titleId = useId();
    const descId = useId();
    const acceptRef = useRef<HTMLButtonElement>(null);
    const name = ringing.caller.name || ringing.caller.id;
    const { call, channelName } = ringing;

    useEffect(() => {
      const previous = document.activeElement as HTMLElement | null;
      acceptRef.current?.focus();
      return () => {
        // Give focus back to where it was, unless the user has moved on.
        const active = document.activeElement;
        if ((!active || active === document.body) && previous?.isConnected) previous.focus();
      };
    }, []);

    useEffect(() => (muted ? undefined : startRingtone()), [muted]);

    const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
      onKeyDown?.(event);
      if (event.defaultPrevented || event.key !== 'Escape') return;
      event.preventDefault();
      onDecline();
    };

    const kind = call.type === 'video' ? t('Incoming video call') : t('Incoming audio call');
    return (
      <div
        ref={ref}
        role="alertdialog"
        aria-labelledby={titleId}
        aria-describedby={descId}
        className={clsx('str-call__incoming', className)}
        data-state="ringing"
        data-call-type={call.type}
        onKeyDown={handleKeyDown}
        {...rest}
      >
        <Avatar
          size="lg"
          userName={name}
          imageUrl={ringing.caller.image}
          className="str-call__incoming-avatar"
        />
        <div className="str-call__incoming-text">
          <p id={titleId} className="str-call__incoming-title">
            {t('{{ name }} is calling', { name })}
          </p>
          <p id={descId} className="str-call__incoming-desc">
            {channelName ? t('{{ kind }} in {{ channel }}', { kind, channel: channelName }) : kind}
          </p>
        </div>
        <div className="str-call__incoming-actions">
          <button
            ref={acceptRef}
            type="button"
            className="str-call__button"
            data-action="accept"
            onClick={onAccept}
          >
            <CallTypeIcon type={call.type} />
            {t('Accept')}
          </button>
          <button
            type="button"
            className="str-call__button"
            data-action="decline"
            onClick={onDecline}
          >
            <PhoneOffIcon />
            {t('Decline')}
          </button>
        </div>
      </div>
    );
  },
);
