import { clsx } from 'clsx';
import { forwardRef, type HTMLAttributes, useEffect, useId, useRef, useState } from 'react';
import { useTranslationContext } from 'stream-chat-react';
import type { MissedCall } from '../core/lifecycle/types';
import { CloseIcon, PhoneOffIcon } from './internal/icons';

/**
 * The missed-call notice's props, also what a custom notice given to `IncomingCall` receives.
 * Other props go to the notice's `<div>`.
 */
export interface MissedCallNoticeProps extends HTMLAttributes<HTMLDivElement> {
  /** The call that rang unanswered, and who called. */
  missed: MissedCall;
  /** Hides the notice (after `durationMs`, on Escape, or on a click); the call stays missed. */
  onDismiss: () => void;
  /** How long the notice stays, unless hovered or focused (default 8 000 ms). */
  durationMs?: number;
}

/**
 * "Missed call from X": goes away by itself (not while the pointer or focus is on it), on Escape,
 * or on a click anywhere on it. The call stays missed on its channel's card.
 */
export const DefaultMissedCallNotice = forwardRef<HTMLDivElement, MissedCallNoticeProps>(
  function DefaultMissedCallNotice(
    {
      missed,
      onDismiss,
      durationMs = 8_000,
      className,
      onClick,
      onPointerEnter,
      onPointerLeave,
      onFocus,
      onBlur,
      ...rest
    },
    ref,
  ) {
    const { t } = useTranslationContext('MissedCallNotice');
    const textId = useId();
    const name = missed.caller.name || missed.caller.id;
    const [held, setHeld] = useState({ pointer: false, focus: false });
    const dismiss = useRef(onDismiss);
    dismiss.current = onDismiss;

    useEffect(() => {
      if (held.pointer || held.focus) return;
      const timer = setTimeout(() => dismiss.current(), durationMs);
      return () => clearTimeout(timer);
    }, [held.pointer, held.focus, durationMs]);

    useEffect(() => {
      const onKey = (event: KeyboardEvent) => {
        if (event.key !== 'Escape' || event.defaultPrevented) return;
        // Escape in a field (the composer, a search box) belongs to that field.
        const target = event.target as HTMLElement | null;
        if (target?.closest?.('input, textarea, select, [contenteditable="true"]')) return;
        dismiss.current();
      };
      document.addEventListener('keydown', onKey);
      return () => document.removeEventListener('keydown', onKey);
    }, []);

    return (
      // A click anywhere on the notice dismisses it; its button is the keyboard's way.
      // biome-ignore lint/a11y/useKeyWithClickEvents: Escape and the Dismiss button cover the keyboard.
      <div
        ref={ref}
        role="status"
        className={clsx('str-call__missed', className)}
        data-state="missed"
        data-call-type={missed.call.type}
        onClick={(event) => {
          onClick?.(event);
          if (!event.defaultPrevented) dismiss.current();
        }}
        onPointerEnter={(event) => {
          onPointerEnter?.(event);
          setHeld((h) => ({ ...h, pointer: true }));
        }}
        onPointerLeave={(event) => {
          onPointerLeave?.(event);
          setHeld((h) => ({ ...h, pointer: false }));
        }}
        onFocus={(event) => {
          onFocus?.(event);
          setHeld((h) => ({ ...h, focus: true }));
        }}
        onBlur={(event) => {
          onBlur?.(event);
          setHeld((h) => ({ ...h, focus: false }));
        }}
        {...rest}
      >
        <PhoneOffIcon />
        <span id={textId} className="str-call__missed-text">
          {t('Missed call from {{ name }}', { name })}
          {missed.channelName ? ` · ${missed.channelName}` : ''}
        </span>
        <button
          type="button"
          className="str-call__icon-button"
          aria-label={t('Dismiss')}
          aria-describedby={textId}
        >
          <CloseIcon />
        </button>
      </div>
    );
  },
);
