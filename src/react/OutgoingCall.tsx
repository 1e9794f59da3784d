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
import type { OutcomeReason, RingingMember } from '../core/lifecycle/types';
import { useCallsContext } from './context/CallsContext';
import { useCallLifecycle } from './hooks/useCallLifecycle';
import { CallTypeIcon, PhoneOffIcon } from './internal/icons';
import { startTone } from './internal/tones';

/** `OutgoingCall`'s props; other props go to its root `<div>`. */
export interface OutgoingCallProps extends HTMLAttributes<HTMLDivElement> {
  /** Silence the ring-back tone (default: CallsProvider's `muteRingtone`). */
  muted?: boolean;
}

const OUTCOME_TEXT: Record<OutcomeReason, string> = {
  'no-answer': 'No answer',
  declined: '{{ name }} declined',
  busy: '{{ name }} is in another call',
};

const nameOf = (members: readonly RingingMember[]) => members.map((m) => m.name || m.id).join(', ');

/**
 * The caller's side of a 1:1 call before it connects: "Calling Bob…" with Bob's picture, a
 * ring-back tone and Cancel; then, if Bob does not answer, declines or is busy, why ("No
 * answer", "Bob declined", "Bob is in another call") with Call again and Close. Renders nothing
 * in any other phase. CallRoom shows it in place of the room.
 */
export const OutgoingCall = forwardRef<HTMLDivElement, OutgoingCallProps>(function OutgoingCall(
  { muted, className, onKeyDown, ...rest },
  ref,
) {
  const { t } = useTranslationContext('OutgoingCall');
  const { controller, options } = useCallsContext();
  const phase = useCallLifecycle((s) => s.phase);
  const outgoing = useCallLifecycle((s) => s.outgoing);
  const outcome = useCallLifecycle((s) => s.outcome);
  const titleId = useId();
  const primary = useRef<HTMLButtonElement>(null);
  const ringing = phase === 'outgoing' && outgoing ? outgoing : undefined;
  const ended = phase === 'ended' && outcome ? outcome : undefined;
  const state = ringing ? 'ringing' : ended?.reason;
  const silent = muted ?? options.muteRingtone;

  const ringBack = Boolean(ringing) && !silent;
  useEffect(() => (ringBack ? startTone('ringback') : undefined), [ringBack]);
  // The one action that matters now has focus: Cancel while ringing, Call again after. It moves
  // after the view's first frame: focusing forces a style and layout pass of the page, which
  // would hold back the view and the call's first requests.
  // biome-ignore lint/correctness/useExhaustiveDependencies: refocus when the view changes.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => primary.current?.focus({ preventScroll: true }), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [state]);

  const shown = ringing ?? ended;
  if (!shown) return null;
  const name = nameOf(shown.members);
  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    onKeyDown?.(event);
    if (event.defaultPrevented || event.key !== 'Escape') return;
    event.preventDefault();
    if (ringing) void controller.cancel();
    else controller.dismissOutcome();
  };

  return (
    // biome-ignore lint/a11y/useSemanticElements: a named group of the call's status and actions.
    <div
      ref={ref}
      role="group"
      aria-labelledby={titleId}
      className={clsx('str-call__outgoing', className)}
      data-state={state}
      data-call-type={shown.type}
      onKeyDown={handleKeyDown}
      {...rest}
    >
      <div className="str-call__outgoing-avatars" aria-hidden="true">
        {shown.members.slice(0, 3).map((m) => (
          <Avatar key={m.id} size="xl" userName={m.name || m.id} imageUrl={m.image} />
        ))}
      </div>
      <p id={titleId} className="str-call__outgoing-title" aria-live="polite">
        {ended ? t(OUTCOME_TEXT[ended.reason], { name }) : t('Calling {{ name }}…', { name })}
      </p>
      <p className="str-call__outgoing-kind">
        <CallTypeIcon type={shown.type} />
        {shown.type === 'video' ? t('Video call') : t('Audio call')}
      </p>
      <div className="str-call__outgoing-actions">
        {ringing ? (
          <button
            ref={primary}
            type="button"
            className="str-call__button str-call__danger"
            data-action="cancel"
            onClick={() => void controller.cancel()}
          >
            <PhoneOffIcon />
            {t('Cancel')}
          </button>
        ) : (
          <>
            <button
              ref={primary}
              type="button"
              className="str-call__button"
              data-action="call-again"
              onClick={() => void controller.callAgain()}
            >
              <CallTypeIcon type={shown.type} />
              {t('Call again')}
            </button>
            <button
              type="button"
              className="str-call__button"
              data-action="close"
              onClick={() => controller.dismissOutcome()}
            >
              {t('Close')}
            </button>
          </>
        )}
      </div>
    </div>
  );
});
