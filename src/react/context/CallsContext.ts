import { createContext, useContext } from 'react';
import type { StreamChat } from 'stream-chat';
import type { CallApi } from '../../core/api';
import type { CallController } from '../../core/controller';
import type { NotifyMode } from '../../core/lifecycle/types';

export type { NotifyMode } from '../../core/lifecycle/types';

export interface CallsOptions {
  notify: NotifyMode;
  /** Send `call.ring` to the channel when a call starts, and show IncomingCall for others. */
  ringing: boolean;
  /** How long a call rings before it counts as unanswered (ms). */
  ringTimeoutMs: number;
  /** Decline rings as busy while the user is in a call. */
  autoRejectWhenBusy: boolean;
  /** A ring in a background tab also shows a system notification and marks the title. */
  notifyInBackground: boolean;
  /** Provider join timeout (ms). */
  joinTimeoutMs: number;
  /** Silence the synthesised tones (ring, ring-back, call waiting). */
  muteRingtone: boolean;
}

export interface CallsContextValue {
  client: StreamChat;
  api: CallApi;
  controller: CallController;
  options: CallsOptions;
}

export const CallsContext = createContext<CallsContextValue | undefined>(undefined);

/** The kit's context; throws outside `<CallsProvider>` (no silent fallbacks). */
export function useCallsContext(): CallsContextValue {
  const value = useContext(CallsContext);
  if (!value) throw new Error('useCallsContext must be used inside <CallsProvider>.');
  return value;
}

/** The kit's context, or undefined outside `<CallsProvider>`. */
export function useMaybeCallsContext(): CallsContextValue | undefined {
  return useContext(CallsContext);
}
