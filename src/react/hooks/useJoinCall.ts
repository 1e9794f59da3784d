import { useCallback } from 'react';
import type { CallKitError } from '../../core/errors';
import type { CallingState } from '../../core/machine';
import type { Call } from '../../core/types';
import { useCallsContext } from '../context/CallsContext';
import { useActiveCall } from './useActiveCall';

/** This user's state in one call (`idle` while it is not their active call). */
export type JoinState = 'idle' | 'joining' | 'joined' | 'reconnecting' | 'left' | 'failed';

/** What `useJoinCall` returns: join it yourself, or spread `buttonProps` on your button. */
export interface UseJoinCallResult {
  /** This user's state in this call (`idle` when it is not their active call). */
  state: JoinState;
  /** Why the join failed (`state === 'failed'`). */
  error?: CallKitError;
  /** Joins (or rejoins) through the controller; the session fetches exactly one token. */
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

/** Join state for one call, derived from the controller's active session. */
export function useJoinCall(call: Call | undefined): UseJoinCallResult {
  const { controller } = useCallsContext();
  const id = call?.id;
  const callingState = useActiveCall(({ state }) =>
    id && state?.call?.id === id ? state.callingState : 'idle',
  );
  const error = useActiveCall(({ state }) =>
    id && state?.call?.id === id && state.callingState === 'failed' ? state.error : undefined,
  );
  const state = BY_CALLING_STATE[callingState];

  const join = useCallback(async () => {
    if (!call) return;
    await controller.join(call);
  }, [controller, call]);

  const retry = useCallback(async () => {
    const session = controller.session;
    if (session && session.state.call?.id === id && session.state.callingState === 'failed') {
      await session.retry();
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
