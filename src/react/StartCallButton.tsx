import { clsx } from 'clsx';
import {
  type ButtonHTMLAttributes,
  forwardRef,
  type MouseEvent,
  type ReactNode,
  useId,
} from 'react';
import { useChannelStateContext, useTranslationContext } from 'stream-chat-react';
import type { CallKitError } from '../core/errors';
import type { CallSession } from '../core/session';
import type { Call, CallType } from '../core/types';
import { type NotifyMode, useRequiredCallsContext } from './context/CallsContext';
import { useChannelData } from './hooks/useChannelData';
import { useStartCall } from './hooks/useStartCall';
import { errorText } from './internal/errorText';
import { CallTypeIcon } from './internal/icons';
import { Slot } from './internal/Slot';

/**
 * `StartCallButton`'s props: the call to start, and the `<button>`'s own props (its `type` is
 * always `button`).
 *
 * @example
 * ```tsx
 * // One call per channel, announced on the channel (with <ChannelCallBanner />):
 * <StartCallButton type="video" callId="channel" notify="channel" />
 * ```
 */
export interface StartCallButtonProps
  extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'onError'> {
  /** An audio or a video call. */
  type: CallType;
  /** How the channel hears of the call (default: CallsProvider's `notify`, itself `'message'`). */
  notify?: NotifyMode;
  /** `'unique'` (default): a new id per call; `'channel'`: one call per channel; or an id. */
  callId?: 'unique' | 'channel' | (string & {});
  /** CreateCall's `options` (e.g. `{ provider: 'hms' }`). */
  options?: Record<string, unknown>;
  /** Join right after starting (default true). */
  join?: boolean;
  /** Without the `send-message` capability: hide the button (default) or disable it with the reason. */
  whenUnavailable?: 'hide' | 'disable';
  /** Merge the button's behaviour onto your own single child element. */
  asChild?: boolean;
  /** After the call is created and announced (and joined, unless `join={false}`). */
  onCallStarted?: (call: Call, session: CallSession) => void;
  /** When starting fails (the button also shows why, and CallsProvider's `onError` hears it). */
  onError?: (error: CallKitError) => void;
  /**
   * The label (default "Start video call" / "Start audio call", translated, after the icon); with
   * `asChild`, your element.
   */
  children?: ReactNode;
}

/** Starts an audio or video call in the current channel and joins it. */
export const StartCallButton = forwardRef<HTMLButtonElement, StartCallButtonProps>(
  function StartCallButton(
    {
      type,
      notify,
      callId,
      join,
      options,
      whenUnavailable = 'hide',
      asChild = false,
      onCallStarted,
      onError,
      className,
      children,
      onClick,
      disabled,
      ...rest
    },
    ref,
  ) {
    useRequiredCallsContext('StartCallButton');
    const { t } = useTranslationContext('StartCallButton');
    const { channel } = useChannelStateContext('StartCallButton');
    const data = useChannelData(channel);
    const errorId = useId();
    const noteId = useId();
    const { start, state, error, inCall, inCallHere, buttonProps } = useStartCall({
      type,
      notify,
      callId,
      join,
      options,
      onCallStarted,
      onError,
    });
    const capabilities = data?.own_capabilities;
    const unavailable = Array.isArray(capabilities) && !capabilities.includes('send-message');
    if (unavailable && whenUnavailable === 'hide') return null;

    const label = type === 'video' ? t('Start video call') : t('Start audio call');
    const reason = inCallHere
      ? t('You are in a call in this channel')
      : t("You can't start a call in this channel");
    // In a call elsewhere the button still works: it asks before leaving that call.
    const note = inCall && !inCallHere ? t('You are in a call') : undefined;
    const describedBy =
      [error ? errorId : undefined, note ? noteId : undefined, rest['aria-describedby']]
        .filter(Boolean)
        .join(' ') || undefined;
    const Comp = asChild ? Slot : 'button';
    const handleClick = (event: MouseEvent<HTMLButtonElement>) => {
      if (buttonProps.disabled) return;
      onClick?.(event);
      if (!event.defaultPrevented) void start();
    };
    return (
      <>
        <Comp
          ref={ref}
          className={clsx('str-call__start-button', className)}
          data-call-type={type}
          {...rest}
          {...buttonProps}
          type="button"
          // While starting (or in a call in this channel) it stays focusable (aria-disabled,
          // clicks ignored): a disabled button would drop the focus to the page, and the room
          // gives focus back to it when it closes.
          disabled={disabled || unavailable}
          aria-disabled={buttonProps.disabled || undefined}
          aria-label={unavailable || inCallHere ? `${label}: ${reason}` : rest['aria-label']}
          aria-describedby={describedBy}
          data-state={unavailable ? 'unavailable' : inCallHere ? 'in-call' : state}
          onClick={handleClick}
        >
          {asChild ? (
            children
          ) : (
            <>
              <CallTypeIcon type={type} />
              <span className="str-call__start-button-label">{children ?? label}</span>
            </>
          )}
        </Comp>
        {note && (
          <span id={noteId} className="str-call__sr-only">
            {note}
          </span>
        )}
        {error && (
          <span id={errorId} role="alert" className="str-call__error">
            {t(errorText(error), error.values)}
          </span>
        )}
      </>
    );
  },
);
