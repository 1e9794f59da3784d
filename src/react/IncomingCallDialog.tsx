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
import type { IncomingRing } from '../core/lifecycle/types';
import { CallTypeIcon, PhoneOffIcon } from './internal/icons';
import { startTone } from './internal/tones';

/**
 * The ringing dialog's props, also what a custom dialog given to `IncomingCall` receives. Other
 * props go to the dialog's `<div>`.
 */
export interface IncomingCallDialogProps extends HTMLAttributes<HTMLDivElement> {
  /** The ring: the call, who calls, in which channel. */
  ringing: IncomingRing;
  /**
   * It rings while the user is in another call: a quieter, distinct tone, and Accept reads "End
   * and accept" (it leaves the current call).
   */
  waiting?: boolean;
  /** Accepts: joins the call (leaving the current one while `waiting`). */
  onAccept: () => void;
  /** Declines (as busy while `waiting`: the caller sees that the user is in another call). */
  onDecline: () => void;
  /** Silence the synthesised tone. */
  muted?: boolean;
}

/**
 * The ringing dialog: caller, channel, Accept (focused) and Decline; Escape declines. While the
 * user is in a call it is call waiting: "End and accept" and "Decline".
 */
export const DefaultIncomingCallDialog = forwardRef<HTMLDivElement, IncomingCallDialogProps>(
  function DefaultIncomingCallDialog(
    { ringing, waiting = false, onAccept, onDecline, muted = false, className, onKeyDown, ...rest },
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
      // Focus moves once the ring is on screen: focusing forces a style and layout pass of the
      // whole page (~15 ms on a busy laptop), which would hold the dialog's first frame back.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const frame = requestAnimationFrame(() => {
        timer = setTimeout(() => acceptRef.current?.focus({ preventScroll: true }), 0);
      });
      return () => {
        cancelAnimationFrame(frame);
        clearTimeout(timer);
        // Give focus back to where it was, unless the user has moved on.
        const active = document.activeElement;
        if ((!active || active === document.body) && previous?.isConnected) previous.focus();
      };
    }, []);

    useEffect(
      () => (muted ? undefined : startTone(waiting ? 'waiting' : 'ring')),
      [muted, waiting],
    );

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
        data-state={waiting ? 'waiting' : 'ringing'}
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
            {waiting && (
              <span className="str-call__incoming-waiting">
                {' · '}
                {t('Accepting ends your current call')}
              </span>
            )}
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
            {waiting ? t('End and accept') : t('Accept')}
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
