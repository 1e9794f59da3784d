import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { CallSession, CallSessionState } from '../../core/session';
import { useCallsContext } from '../context/CallsContext';

/** The user's one active call: its session and that session's state. */
export interface ActiveCall {
  /** The controller's current (or last) session. */
  session: CallSession | null;
  /** Its state, or undefined when there has been no call yet. */
  state: CallSessionState | undefined;
}

const identity = (a: ActiveCall) => a;

/**
 * The user's active call, from the controller's store. With a selector, the component re-renders
 * only when the selected value changes (`Object.is`).
 *
 * @example
 * const inCall = useActiveCall(({ state }) => state?.callingState === 'joined');
 */
export function useActiveCall(): ActiveCall;
export function useActiveCall<T>(selector: (active: ActiveCall) => T): T;
export function useActiveCall<T>(selector?: (active: ActiveCall) => T): T | ActiveCall {
  const { controller } = useCallsContext();
  const subscribe = useCallback(
    (listener: () => void) => {
      let offSession: (() => void) | undefined;
      let session: CallSession | null = null;
      const follow = () => {
        if (controller.session === session) return;
        offSession?.();
        session = controller.session;
        offSession = session?.subscribe(listener);
      };
      follow();
      const offController = controller.subscribe(() => {
        follow();
        listener();
      });
      return () => {
        offController();
        offSession?.();
      };
    },
    [controller],
  );
  const memo = useRef<{
    session: CallSession | null;
    state?: CallSessionState;
    select: unknown;
    out: unknown;
  }>(undefined);
  const select = selector ?? identity;
  const selectRef = useRef(select);
  selectRef.current = select;
  const getSnapshot = useCallback(() => {
    const session = controller.session;
    const state = session?.getSnapshot();
    const m = memo.current;
    const select = selectRef.current;
    if (m && m.session === session && m.state === state && m.select === select) return m.out;
    const out = select({ session, state });
    memo.current = { session, state, select, out };
    return out;
  }, [controller]);
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot) as T | ActiveCall;
}
