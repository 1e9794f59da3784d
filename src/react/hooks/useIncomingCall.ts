import { useSyncExternalStore } from 'react';
import { useCallsInternalContext } from '../context/CallsInternalContext';
import type { IncomingCallState } from '../internal/IncomingCallStore';

export type { IncomingCaller, IncomingRing, MissedCall } from '../internal/IncomingCallStore';

/** The ringing call and the missed ones (`ringing`, `missed`), and what the user can do. */
export interface UseIncomingCallResult extends IncomingCallState {
  /** Joins the ringing call. */
  accept(): Promise<void>;
  /** Stops ringing and sends `call.declined` to the channel. */
  decline(): Promise<void>;
  /** Removes a missed call from `missed`. */
  dismissMissed(callId: string): void;
}

/** The call ringing for this user (if any) and the calls they missed. */
export function useIncomingCall(): UseIncomingCallResult {
  const { incoming } = useCallsInternalContext('useIncomingCall');
  const state = useSyncExternalStore(
    incoming.subscribe,
    incoming.getSnapshot,
    incoming.getSnapshot,
  );
  return {
    ...state,
    accept: () => incoming.accept(),
    decline: () => incoming.decline(),
    dismissMissed: (callId: string) => incoming.dismissMissed(callId),
  };
}
