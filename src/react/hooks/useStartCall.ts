import { useCallback, useRef, useState } from 'react';
import type { Channel } from 'stream-chat';
import { useChannelStateContext, useTranslationContext } from 'stream-chat-react';
import { CallKitError } from '../../core/CallKitError';
import { loadSession } from '../../core/controller';
import type { CallSession } from '../../core/session';
import type { Call, CallType } from '../../core/types';
import { type NotifyMode, useCallsContext } from '../context/CallsContext';
import { callSummary } from '../internal/callSummary';
import type { StartCallOutcome } from '../internal/startCall';
import { useLatest } from '../internal/useLatest';

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
  /** Starts the call; resolves with its session (undefined when it failed: see `error`). */
  start(): Promise<CallSession | undefined>;
  state: StartCallState;
  /** Why the last start failed. */
  error?: CallKitError;
  /** Back to `idle` after a failure. */
  reset(): void;
  /** `type`, `disabled`, `aria-busy`, `data-state` and `onClick` for a `<button>`. */
  buttonProps: {
    type: 'button';
    disabled: boolean;
    'aria-busy': boolean | undefined;
    'data-state': StartCallState;
    onClick: () => void;
  };
}

let startModule: Promise<typeof import('../internal/startCall')> | undefined;

/**
 * Start's work loads with the first start, or once the page has settled (CallsProvider preloads
 * it): a chat page needs none of it.
 */
export function loadStart(): Promise<typeof import('../internal/startCall')> {
  startModule ??= import('../internal/startCall').catch((e: unknown) => {
    startModule = undefined; // the next start tries again
    throw e;
  });
  return startModule;
}

/**
 * Starts a call in a channel: CreateCall, tell the members (message, channel data or event), ring
 * them, then join with the token CreateCall returned. Concurrent `start()`s share one call.
 */
export function useStartCall(options: UseStartCallOptions): UseStartCallResult {
  const { controller, options: defaults } = useCallsContext();
  const { channel: contextChannel } = useChannelStateContext('useStartCall');
  const { t } = useTranslationContext('useStartCall');
  const latest = useLatest({ ...options, channel: options.channel ?? contextChannel, defaults, t });
  const [state, setState] = useState<StartCallState>('idle');
  const [error, setError] = useState<CallKitError>();
  const inFlight = useRef<Promise<CallSession | undefined> | undefined>(undefined);

  const start = useCallback((): Promise<CallSession | undefined> => {
    if (inFlight.current) return inFlight.current;
    const run = async () => {
      const {
        channel,
        type,
        callId,
        notify,
        join = true,
        options: o,
        defaults: d,
        t: translate,
      } = latest.current;
      setState('starting');
      setError(undefined);
      let outcome: StartCallOutcome;
      try {
        // The session machinery loads alongside Start's own code (both are preloaded once the
        // page settles; a click before that waits for one load, not two in a row).
        const [{ startCall }] = await Promise.all([loadStart(), loadSession()]);
        outcome = await startCall({
          controller,
          channel,
          type,
          callId,
          notify: notify ?? d.notify,
          ringing: d.ringing,
          join,
          options: o,
          text: translate(callSummary(type)),
        });
      } catch (e) {
        // Start's code did not load (offline): nothing was created.
        const error = new CallKitError('network-error', 'Could not load the call code.', {
          cause: e,
        });
        outcome = { ok: false, error };
      }
      if (outcome.ok) {
        setState('idle');
        latest.current.onCallStarted?.(outcome.call, outcome.session);
        return outcome.session;
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
    reset,
    buttonProps: {
      type: 'button',
      disabled: starting,
      'aria-busy': starting || undefined,
      'data-state': state,
      onClick: () => void start(),
    },
  };
}
