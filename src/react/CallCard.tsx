import { clsx } from 'clsx';
import { forwardRef, type HTMLAttributes, memo, useId } from 'react';
import {
  useChannelStateContext,
  useMessageContext,
  useTranslationContext,
} from 'stream-chat-react';
import type { Call } from '../core/types';
import { useCallLiveState } from './hooks/useCallLiveState';
import { useJoinCall } from './hooks/useJoinCall';
import { callSummary, isCallSummary } from './internal/callSummary';
import { errorText } from './internal/errorText';
import { CallTypeIcon } from './internal/icons';
import { LiveStatus } from './internal/liveStates';

export interface CallCardProps extends HTMLAttributes<HTMLDivElement> {
  /** A parsed call (never an attachment's raw value). */
  call: Call;
}

function mergeRef<T>(a: (el: T | null) => void, b: React.ForwardedRef<T>) {
  return (el: T | null) => {
    a(el);
    if (typeof b === 'function') b(el);
    else if (b) b.current = el;
  };
}

/** A call in the message list: kind, who started it and when, live state, and Join. */
export const DefaultCallCard = forwardRef<HTMLDivElement, CallCardProps>(function DefaultCallCard(
  { call, className, ...rest },
  ref,
) {
  const { t } = useTranslationContext('CallCard');
  const { message } = useMessageContext('CallCard');
  const { channel } = useChannelStateContext();
  const { live, ref: liveRef } = useCallLiveState(call, { cid: message?.cid ?? channel?.cid });
  const { state, error, buttonProps } = useJoinCall(call);
  const titleId = useId();
  const ended = live?.state === 'ended';
  const inCall = state === 'joined' || state === 'reconnecting';

  return (
    // A named group, not a fieldset: the card is a message attachment, not a form.
    // biome-ignore lint/a11y/useSemanticElements: see above
    <div
      ref={mergeRef(liveRef, ref)}
      role="group"
      aria-labelledby={titleId}
      className={clsx('str-call__card', className)}
      data-state={state}
      data-live={live?.state}
      data-call-type={call.type}
      // The message's text is the kit's own "Video call": the card says it (chat.css hides it).
      data-summarizes-text={isCallSummary(message?.text, call.type, t) ? '' : undefined}
      {...rest}
    >
      <CardHeader
        type={call.type}
        titleId={titleId}
        // "Started by" comes from the message (set by the server), never from the attachment.
        starter={message?.user?.name || message?.user?.id}
        createdAt={message?.created_at ? new Date(message.created_at).getTime() : undefined}
      />
      <div className="str-call__card-status" aria-live="polite">
        {live && <LiveStatus live={live} />}
      </div>
      <div className="str-call__card-actions">
        {state === 'failed' && error && (
          <p role="alert" className="str-call__error">
            {t(errorText(error), error.values)}
          </p>
        )}
        {inCall ? (
          <p className="str-call__card-note">{t('You are in this call')}</p>
        ) : (
          <button {...buttonProps} className="str-call__button" aria-describedby={titleId}>
            {state === 'joining'
              ? t('Joining…')
              : state === 'failed'
                ? t('Retry')
                : state === 'left' || ended
                  ? t('Rejoin')
                  : t('Join')}
          </button>
        )}
      </div>
    </div>
  );
});

/**
 * What the card says of the call itself. It changes only with the message, so a Join click, a
 * live-state change or a join's progress does not render it (or format its time) again.
 */
const CardHeader = memo(function CardHeader({
  type,
  titleId,
  starter,
  createdAt,
}: {
  type: Call['type'];
  titleId: string;
  starter: string | undefined;
  /** ms since the epoch (a number, so the memo holds across copies of the message). */
  createdAt: number | undefined;
}) {
  const { t, tDateTimeParser } = useTranslationContext('CallCard');
  const created = createdAt === undefined ? undefined : new Date(createdAt);
  return (
    <div className="str-call__card-header">
      <span className="str-call__card-icon">
        <CallTypeIcon type={type} />
      </span>
      <div className="str-call__card-heading">
        <p id={titleId} className="str-call__card-title">
          {t(callSummary(type))}
        </p>
        <p className="str-call__card-meta">
          {starter && <span>{t('Started by {{ name }}', { name: starter })}</span>}
          {created && !Number.isNaN(created.getTime()) && (
            <time dateTime={created.toISOString()}>
              {String(tDateTimeParser(created).format('LT'))}
            </time>
          )}
        </p>
      </div>
    </div>
  );
});

export { DefaultCallCard as CallCard };
