import { createContext, useContext } from 'react';
import type { StreamChat } from 'stream-chat';
import type { CallApi } from '../../core/api';
import type { CallController } from '../../core/controller';
import type { NotifyMode } from '../../core/lifecycle/types';

export type { NotifyMode } from '../../core/lifecycle/types';

/** CallsProvider's options, with their defaults applied, as the components read them. */
export interface CallsOptions {
  /** How a started call is announced. */
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

/** What `<CallsProvider>` gives the components under it (`useCallsContext()`). */
export interface CallsContextValue {
  /** The chat client of the surrounding `<Chat>`. */
  client: StreamChat;
  /** The call API in use. */
  api: CallApi;
  /** The user's one active call: start, join, leave; its store and events. */
  controller: CallController;
  /** CallsProvider's options, with their defaults applied. */
  options: CallsOptions;
}

/** The context itself (prefer `useCallsContext()`). */
export const CallsContext = createContext<CallsContextValue | undefined>(undefined);

/**
 * The kit's context; throws outside `<CallsProvider>` (no silent fallbacks).
 *
 * @example
 * ```tsx
 * const { controller } = useCallsContext();
 * return <button onClick={() => void controller.leave()}>Hang up</button>;
 * ```
 */
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
