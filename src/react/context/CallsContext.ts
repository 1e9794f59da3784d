import { createContext, useContext } from 'react';
import type { StreamChat } from 'stream-chat';
import type { CallApi } from '../../core/api';
import type { CallController } from '../../core/controller';

/** How a started call is announced in the channel (Stream's three documented ways). */
export type NotifyMode = 'message' | 'channel' | 'event';

export interface CallsOptions {
  notify: NotifyMode;
  /** Send `call.ring` to the channel when a call starts, and show IncomingCall for others. */
  ringing: boolean;
  /** How long an incoming call rings before it becomes a missed call (ms). */
  ringTimeoutMs: number;
  /** Provider join timeout (ms). */
  joinTimeoutMs: number;
  /** Silence the synthesised ring tone. */
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
