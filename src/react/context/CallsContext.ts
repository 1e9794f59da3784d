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

const PLACE_IT =
  "render it within <CallsProvider providers={[…]}>, itself inside stream-chat-react's <Chat>.";

/** The error a kit component throws when it is rendered outside `<CallsProvider>`. */
export function outsideProviderError(component: string): Error {
  return new Error(`<${component}> must be inside <CallsProvider>: ${PLACE_IT}`);
}

/** The kit's context for a component that cannot work without it: throws, naming the component. */
export function useRequiredCallsContext(component: string): CallsContextValue {
  const value = useContext(CallsContext);
  if (!value) throw outsideProviderError(component);
  return value;
}

/** Whether this is a development build (bundlers replace `process.env.NODE_ENV`). */
function isDevelopment(): boolean {
  try {
    return process.env.NODE_ENV !== 'production';
  } catch {
    return true; // No bundler and no `process`: say it rather than stay silent.
  }
}

const warned = new Set<string>();

/**
 * The kit's context for a component that shows a call only when there is one (the room, the
 * dock): outside `<CallsProvider>` there never is, and it says why on the console once in
 * development (else it would never show a call, without a word).
 */
export function useCallsContextOrWarn(component?: string): CallsContextValue | undefined {
  const value = useContext(CallsContext);
  if (!value && component && !warned.has(component) && isDevelopment()) {
    warned.add(component);
    console.error(`<${component}> shows no call outside <CallsProvider>: ${PLACE_IT}`);
  }
  return value;
}
