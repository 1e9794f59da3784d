import { clsx } from 'clsx';
import { forwardRef, type HTMLAttributes, memo, useId } from 'react';
import {
  useChannelStateContext,
  useMessageContext,
  useTranslationContext,
} from 'stream-chat-react';
import type { CallKitErrorCode } from '../core/CallKitError';
import type { Call } from '../core/types';
import { useCallsContext } from './context/CallsContext';
import { useCallAgain } from './hooks/useCallAgain';
import { useCallLifecycle } from './hooks/useCallLifecycle';
import { useCallLiveState } from './hooks/useCallLiveState';
import { useJoinCall } from './hooks/useJoinCall';
import type { CallLiveStatusProps } from './internal/CallLiveStatus';
import { callSummary, isCallSummary } from './internal/callSummary';
import { errorText } from './internal/errorText';
import { CallTypeIcon } from './internal/icons';
import { lazyComponent } from './internal/lazyComponent';

/**
 * The call card's props, also what a custom card given to `CallAttachment` receives. Other props
 * go to the card's root `<div>`.
 */
export interface CallCardProps extends HTMLAttributes<HTMLDivElement> {
  /** A parsed call (never an attachment's raw value). */
  call: Call;
  /**
   * The call's session the message announced (default 1): the card shows that session's record,
   * also once the call id has been used again for a newer session.
   */
  session?: number;
}

/**
 * The card's live-state line (ongoing with who is in, ended with its duration, missed, no
 * answer). Loaded with the first card that has a live state to show.
 */
/** Failures a second try cannot fix: not a member, no such call, a call the app cannot join. */
const CANNOT_JOIN: ReadonlySet<CallKitErrorCode> = new Set<CallKitErrorCode>([
  'forbidden',
  'call-not-found',
  'invalid-call',
  'provider-not-configured',
  'provider-sdk-missing',
]);

const LiveStatus = lazyComponent<CallLiveStatusProps>(
  () => import('./internal/CallLiveStatus').then((m) => m.CallLiveStatus),
  'CallLiveStatus',
);

function mergeRef<T>(a: (el: T | null) => void, b: React.ForwardedRef<T>) {
  return (el: T | null) => {
    a(el);
    if (typeof b === 'function') b(el);
    else if (b) b.current = el;
  };
}

/**
 * A call in the message list: kind, who started it and when, live state (who is in; once ended,
 * how long it lasted, or that it was missed or not answered), and Join — or Call again, which
 * starts the call anew and rings the members (an ended call is never reopened).
 */
export const DefaultCallCard = forwardRef<HTMLDivElement, CallCardProps>(function DefaultCallCard(
  { call, session = 1, className, ...rest },
  ref,
) {
  const { t } = useTranslationContext('CallCard');
  const { message } = useMessageContext('CallCard');
  const { channel } = useChannelStateContext();
  const me = useCallsContext().controller.options.user.id;
  const cid = message?.cid ?? channel?.cid;
  const { live, ref: liveRef } = useCallLiveState(call, { cid, session });
  const { state, error, buttonProps } = useJoinCall(call, { channel, session });
  const again = useCallAgain(call, channel);
  const missed = useCallLifecycle((s) =>
    s.missed.some((m) => m.call.id === call.id && m.session === session),
  );
  const titleId = useId();
  // A Join that meets an ended session (410) offers Call again even before live state says so.
  const endedOnJoin = state === 'failed' && error?.code === 'call-ended';
  const ended = live?.state === 'ended' || endedOnJoin;
  const inCall = state === 'joined' || state === 'reconnecting';
  const failure = state === 'failed' ? error : again.error;
  // Joining again cannot help: the error says why, and no button offers it.
  const hopeless = state === 'failed' && error !== undefined && CANNOT_JOIN.has(error.code);

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
      data-ended-reason={live?.state === 'ended' ? live.ended_reason : undefined}
      data-call-type={call.type}
      data-call-id={call.id}
      data-session={session}
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
        {live && <LiveStatus live={live} userId={me} missed={missed} />}
      </div>
      <div className="str-call__card-actions">
        {failure && (
          <p role="alert" className="str-call__error">
            {t(errorText(failure), failure.values)}
          </p>
        )}
        {inCall ? (
          <p className="str-call__card-note">{t('You are in this call')}</p>
        ) : ended && state !== 'joining' ? (
          <button {...again.buttonProps} className="str-call__button" aria-describedby={titleId}>
            {again.state === 'starting' ? t('Calling…') : t('Call again')}
          </button>
        ) : hopeless ? null : (
          <button {...buttonProps} className="str-call__button" aria-describedby={titleId}>
            {state === 'joining' ? t('Joining…') : state === 'failed' ? t('Retry') : t('Join')}
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
