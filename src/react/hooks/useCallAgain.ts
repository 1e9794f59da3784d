import { useCallback, useState } from 'react';
import type { Channel } from 'stream-chat';
import { useTranslationContext } from 'stream-chat-react';
import type { CallKitError } from '../../core/CallKitError';
import { streamChannel } from '../../core/channel';
import type { Call } from '../../core/types';
import { useCallsContext } from '../context/CallsContext';
import { askRingPermission } from '../internal/attention';
import { callSummary } from '../internal/callSummary';

/** The id prefix of a channel's own call (`channelCallId`): the service keeps it to its channel. */
const CHANNEL_CALL_PREFIX = 'ch-';

/** What `useCallAgain` returns: call again yourself, or spread `buttonProps` on your button. */
export interface UseCallAgainResult {
  /** `starting` from the click until the call is started; `failed` with `error`. */
  state: 'idle' | 'starting' | 'failed';
  /** Why the last try failed. */
  error?: CallKitError;
  /**
   * Starts the call again in its channel and rings the members; does nothing without a channel.
   * While the user is in another call they are asked first.
   */
  callAgain(): Promise<void>;
  /**
   * `type`, `disabled` (while starting, or without a channel), `aria-busy`, `data-state` and
   * `onClick` for a `<button>`.
   */
  buttonProps: {
    type: 'button';
    disabled: boolean;
    'aria-busy': boolean | undefined;
    'data-state': 'idle' | 'starting' | 'failed';
    onClick: () => void;
  };
}

/**
 * "Call again" for an ended call: starts it anew in its channel and rings the members, never
 * reopening the ended one. A channel's own call (`callId="channel"`) starts its next session
 * under the same id; any other call becomes a new call with a new message.
 *
 * @example
 * ```tsx
 * const again = useCallAgain(call, channel);
 * return <button {...again.buttonProps}>Call again</button>;
 * ```
 */
export function useCallAgain(call: Call, channel: Channel | undefined): UseCallAgainResult {
  const { controller, options } = useCallsContext();
  const { t } = useTranslationContext('useCallAgain');
  const [state, setState] = useState<UseCallAgainResult['state']>('idle');
  const [error, setError] = useState<CallKitError>();
  const callAgain = useCallback(async () => {
    if (!channel) return;
    if (options.notifyInBackground) askRingPermission();
    setState('starting');
    setError(undefined);
    const outcome = await controller.start({
      channel: streamChannel(channel),
      type: call.type,
      callId: call.id.startsWith(CHANNEL_CALL_PREFIX) ? call.id : 'unique',
      text: t(callSummary(call.type)),
    });
    if (outcome.ok || outcome.error.code === 'aborted') {
      setState('idle');
    } else {
      setError(outcome.error);
      setState('failed');
    }
  }, [controller, options.notifyInBackground, channel, call, t]);
  const starting = state === 'starting';
  return {
    state,
    error,
    callAgain,
    buttonProps: {
      type: 'button',
      disabled: starting || !channel,
      'aria-busy': starting || undefined,
      'data-state': state,
      onClick: () => void callAgain(),
    },
  };
}
