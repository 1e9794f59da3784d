import { useCallback, useRef, useState } from 'react';
import type { Channel } from 'stream-chat';
import { useChannelStateContext, useTranslationContext } from 'stream-chat-react';
import type { CallKitError } from '../../core/CallKitError';
import { streamChannel } from '../../core/channel';
import type { CallPhase, NotifyMode } from '../../core/lifecycle/types';
import type { CallSession } from '../../core/session';
import type { Call, CallType } from '../../core/types';
import { useCallsContext } from '../context/CallsContext';
import { askRingPermission } from '../internal/attention';
import { callSummary } from '../internal/callSummary';
import { useLatest } from '../internal/useLatest';
import { useCallLifecycle } from './useCallLifecycle';

/** `starting` from the click until the call is announced (and joined); `failed` with `error`. */
export type StartCallState = 'idle' | 'starting' | 'failed';

/** `useStartCall`'s options (StartCallButton takes the same as props). */
export interface UseStartCallOptions {
  /** An audio or a video call. */
  type: CallType;
  /** Overrides CallsProvider's `notify`. */
  notify?: NotifyMode;
  /** `'unique'` (default): a new id per call; `'channel'`: one call per channel; or an id. */
  callId?: 'unique' | 'channel' | (string & {});
  /** Join right away with CreateCall's token (default true). */
  join?: boolean;
  /** CreateCall's `options` (e.g. `{ provider: 'hms' }` on the dev server and call service). */
  options?: Record<string, unknown>;
  /** The channel (default: the current `<Channel>`'s). */
  channel?: Channel;
  /** After the call is created and announced (and joined, unless `join: false`). */
  onCallStarted?: (call: Call, session: CallSession) => void;
  /** When starting fails (the error is also in `error`, and on CallsProvider's `onError`). */
  onError?: (error: CallKitError) => void;
}

/** What `useStartCall` returns: start it yourself, or spread `buttonProps` on your button. */
export interface UseStartCallResult {
  /**
   * Starts the call; resolves with its session. While the user is in another call they are asked
   * first ("Leave the call in General?"); resolves undefined when they stay, or on failure (see
   * `error`).
   */
  start(): Promise<CallSession | undefined>;
  /** Where the last start is (see `StartCallState`). */
  state: StartCallState;
  /** Why the last start failed. */
  error?: CallKitError;
  /** The user is in a call (or joining one) now: starting another asks first. */
  inCall: boolean;
  /** …and that call is in this channel. */
  inCallHere: boolean;
  /** Back to `idle` after a failure. */
  reset(): void;
  /** `type`, `disabled`, `aria-busy`, `data-state`, `data-in-call` and `onClick` for a `<button>`. */
  buttonProps: {
    type: 'button';
    disabled: boolean;
    'aria-busy': boolean | undefined;
    'data-state': StartCallState;
    'data-in-call': '' | undefined;
    onClick: () => void;
  };
}

const IN_CALL: ReadonlySet<CallPhase> = new Set([
  'outgoing',
  'connecting',
  'in-call',
  'call-waiting',
]);

/**
 * Starts a call in a channel through the controller: CreateCall, tell the members (message,
 * channel data or event), ring them, then join with the token CreateCall returned (it stays in
 * core). Concurrent `start()`s share one call.
 *
 * @example
 * ```tsx
 * // A custom button inside <Channel>: one audio call per channel.
 * const { buttonProps, error } = useStartCall({ type: 'audio', callId: 'channel' });
 * return <button {...buttonProps}>{error ? 'Try again' : 'Call'}</button>;
 * ```
 */
export function useStartCall(options: UseStartCallOptions): UseStartCallResult {
  const { controller, options: defaults } = useCallsContext();
  const { channel: contextChannel } = useChannelStateContext('useStartCall');
  const { t } = useTranslationContext('useStartCall');
  const channel = options.channel ?? contextChannel;
  const latest = useLatest({ ...options, channel, defaults, t });
  const [state, setState] = useState<StartCallState>('idle');
  const [error, setError] = useState<CallKitError>();
  const inFlight = useRef<Promise<CallSession | undefined> | undefined>(undefined);
  const cid = channel?.cid;
  const inCall = useCallLifecycle((s) => IN_CALL.has(s.phase));
  const inCallHere = useCallLifecycle((s) => {
    const session = s.session?.getSnapshot();
    return Boolean(session && s.session?.isActive && cid && session.channel?.cid === cid);
  });

  const start = useCallback((): Promise<CallSession | undefined> => {
    if (inFlight.current) return inFlight.current;
    const {
      channel: ch,
      type,
      callId,
      notify,
      join,
      options: o,
      defaults: d,
      t: tr,
    } = latest.current;
    if (d.notifyInBackground) askRingPermission();
    const run = async () => {
      // Outside a <Channel> and without a `channel` option there is nothing to start (and the
      // button must not stay busy).
      if (!ch) return undefined;
      setState('starting');
      setError(undefined);
      const outcome = await controller.start({
        channel: streamChannel(ch),
        type,
        callId,
        notify,
        join,
        options: o,
        text: tr(callSummary(type)),
      });
      if (outcome.ok) {
        setState('idle');
        latest.current.onCallStarted?.(outcome.call, outcome.session);
        return outcome.session;
      }
      if (outcome.error.code === 'aborted') {
        // The user chose to stay in their current call.
        setState('idle');
        return undefined;
      }
      setError(outcome.error);
      setState('failed');
      latest.current.onError?.(outcome.error);
      return undefined;
    };
    const promise = run().finally(() => {
      inFlight.current = undefined;
    });
    inFlight.current = promise;
    return promise;
  }, [controller, latest]);

  const reset = useCallback(() => {
    setState('idle');
    setError(undefined);
  }, []);

  const starting = state === 'starting';
  return {
    start,
    state,
    error,
    inCall,
    inCallHere,
    reset,
    buttonProps: {
      type: 'button',
      disabled: starting || inCallHere,
      'aria-busy': starting || undefined,
      'data-state': state,
      'data-in-call': inCall ? '' : undefined,
      onClick: () => void start(),
    },
  };
}
