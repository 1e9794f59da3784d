import { createContext, useContext } from 'react';
import type { IncomingCallStore } from '../internal/IncomingCallStore';
import type { LiveStateCache } from '../internal/liveStates';

/** Stores CallsProvider creates beside the controller (not part of the public context shape). */
export interface CallsInternalContextValue {
  incoming: IncomingCallStore;
  liveStates: LiveStateCache;
}

export const CallsInternalContext = createContext<CallsInternalContextValue | undefined>(undefined);

export function useCallsInternalContext(hook: string): CallsInternalContextValue {
  const value = useContext(CallsInternalContext);
  if (!value) throw new Error(`${hook} must be used inside <CallsProvider>.`);
  return value;
}
