import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { CallControllerState } from '../../core/lifecycle/types';
import { useCallsContext } from '../context/CallsContext';

const identity = (s: CallControllerState) => s;

/**
 * The user's call life from the controller's store: `phase` (idle, outgoing, connecting,
 * in-call, ended, incoming, call-waiting), the outgoing ring, its outcome, the incoming ring,
 * missed calls and a pending switch. With a selector, the component re-renders only when the
 * selected value changes (`Object.is`).
 *
 * @example
 * const phase = useCallLifecycle((s) => s.phase);
 */
export function useCallLifecycle(): CallControllerState;
export function useCallLifecycle<T>(selector: (state: CallControllerState) => T): T;
export function useCallLifecycle<T>(
  selector?: (state: CallControllerState) => T,
): T | CallControllerState {
  const { controller } = useCallsContext();
  const select = selector ?? identity;
  const latest = useRef(select);
  latest.current = select;
  const memo = useRef<{ state: CallControllerState; out: unknown }>(undefined);
  const getSnapshot = useCallback(() => {
    const state = controller.getSnapshot();
    if (memo.current?.state === state) return memo.current.out;
    const out = latest.current(state);
    memo.current = { state, out };
    return out;
  }, [controller]);
  return useSyncExternalStore(controller.subscribe, getSnapshot, getSnapshot) as
    | T
    | CallControllerState;
}
