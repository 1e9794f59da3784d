import { useCallback, useState } from 'react';
import type { Channel } from 'stream-chat';
import { type CallKitError, isCallKitError } from '../../core/CallKitError';
import { streamChannel } from '../../core/channel';
import type { CallingState } from '../../core/machine';
import type { Call } from '../../core/types';
import { useCallsContext } from '../context/CallsContext';
import { useActiveCall } from './useActiveCall';

/** This user's state in one call (`idle` while it is not their active call). */
export type JoinState = 'idle' | 'joining' | 'joined' | 'reconnecting' | 'left' | 'failed';

/** Where the join is asked from. */
export interface UseJoinCallOptions {
  /** The channel the call is in (names it when the user is asked to leave another call). */
  channel?: Channel;
  /** The call's session the join is for (the one its message announced). */
  session?: number;
}

/** What `useJoinCall` returns: join it yourself, or spread `buttonProps` on your button. */
export interface UseJoinCallResult {
  /** This user's state in this call (`idle` when it is not their active call). */
  state: JoinState;
  /** Why the join failed (`state === 'failed'`). */
  error?: CallKitError;
  /**
   * Joins through the controller (the session fetches exactly one token). While the user is in
   * another call they are asked first.
   */
  join(): Promise<void>;
  /** After a failure: a fresh token and a fresh join. */
  retry(): Promise<void>;
  /** `type`, `disabled`, `aria-busy`, `data-state` and `onClick` (join, or retry) for a `<button>`. */
  buttonProps: {
    type: 'button';
    disabled: boolean;
    'aria-busy': boolean | undefined;
    'data-state': JoinState;
    onClick: () => void;
  };
}

const BY_CALLING_STATE: Record<CallingState, JoinState> = {
  idle: 'idle',
  starting: 'joining',
  joining: 'joining',
  joined: 'joined',
  reconnecting: 'reconnecting',
  left: 'left',
  failed: 'failed',
};

/**
 * Join state for one call, derived from the controller's active session: a custom Join button.
 *
 * @example
 * ```tsx
 * const { state, error, buttonProps } = useJoinCall(call, { channel });
 * // buttonProps.onClick joins, or retries after a failure.
 * return <button {...buttonProps}>{state === 'failed' ? 'Retry' : 'Join'}</button>;
 * ```
 */
export function useJoinCall(
  call: Call | undefined,
  { channel, session }: UseJoinCallOptions = {},
): UseJoinCallResult {
  const { controller } = useCallsContext();
  const id = call?.id;
  const callingState = useActiveCall(({ state }) =>
    id && state?.call?.id === id ? state.callingState : 'idle',
  );
  const sessionError = useActiveCall(({ state }) =>
    id && state?.call?.id === id && state.callingState === 'failed' ? state.error : undefined,
  );
  // A join that could not begin (the call code did not load, offline): the next click tries again.
  const [loadError, setLoadError] = useState<CallKitError>();
  const error = sessionError ?? loadError;
  const state = loadError && callingState === 'idle' ? 'failed' : BY_CALLING_STATE[callingState];

  const join = useCallback(async () => {
    if (!call) return;
    setLoadError(undefined);
    try {
      await controller.join(call, {
        ...(channel ? { channel: streamChannel(channel) } : {}),
        ...(session === undefined ? {} : { callSession: session }),
      });
    } catch (e) {
      if (isCallKitError(e)) setLoadError(e);
    }
  }, [controller, call, channel, session]);

  const retry = useCallback(async () => {
    const current = controller.session;
    if (current && current.state.call?.id === id && current.state.callingState === 'failed') {
      await current.retry();
    } else {
      await join();
    }
  }, [controller, id, join]);

  const busy = state === 'joining';
  return {
    state,
    error,
    join,
    retry,
    buttonProps: {
      type: 'button',
      disabled: busy || !call,
      'aria-busy': busy || undefined,
      'data-state': state,
      onClick: () => void (state === 'failed' ? retry() : join()),
    },
  };
}
