import { type ReactNode, useEffect, useMemo, useState } from 'react';
import type { StreamChat, Event as StreamEvent } from 'stream-chat';
import { useChatContext } from 'stream-chat-react';
import { type CallApi, streamCallApi } from '../core/api';
import { CallController, type CallControllerEvents, loadSession } from '../core/controller';
import type { CallKitError } from '../core/errors';
import type { CallProvider } from '../core/provider';
import type { Call } from '../core/types';
import { CallsContext, type CallsContextValue, type NotifyMode } from './context/CallsContext';
import {
  CallsInternalContext,
  type CallsInternalContextValue,
} from './context/CallsInternalContext';
import { loadStart } from './hooks/useStartCall';
import { IncomingCallStore } from './internal/IncomingCallStore';
import { LiveStateCache } from './internal/liveStates';
import { useLatest } from './internal/useLatest';

/** `<CallsProvider>`'s props. Read once per chat client and user (a new user gets a new controller). */
export interface CallsProviderProps {
  /**
   * The call providers this app can join: `agora()`, `hms()`, `local()` or your own. Create them
   * once (outside render): a call whose provider is not here can't be joined.
   */
  providers: CallProvider[];
  /**
   * The call API. Production apps pass `callServiceApi({ baseURL, client })` for their own
   * stream-chat-calls-server. Default: `streamCallApi(client)`, the contract at the chat
   * client's own base URL (Stream retired it; the dev server serves it).
   */
  api?: CallApi;
  /** How a started call is announced: a message (default), channel data, or a custom event. */
  notify?: NotifyMode;
  /** Ring the channel's members when a call starts, and show incoming rings. Default true. */
  ringing?: boolean;
  /** How long an incoming call rings before it is missed. Default 30 000 ms. */
  ringTimeoutMs?: number;
  /** Provider join timeout: a join that has not connected by then fails with Retry. Default 12 000 ms. */
  joinTimeoutMs?: number;
  /** Ring without the synthesised ring tone (the dialog still shows). Default false. */
  muteRingtone?: boolean;
  /** After this user started a call (created and announced it). */
  onCallStarted?: (event: CallControllerEvents['call.started']) => void;
  /** After this user's call ended for them (left, ended for everyone, removed, or failed). */
  onCallEnded?: (event: CallControllerEvents['call.ended']) => void;
  /**
   * Every failure the kit reports (the UI shows a readable sentence; log the details here).
   *
   * @example
   * onError={(error, call) => console.warn(`[calls] ${error.code}: ${error.message}`, call)}
   */
  onError?: (error: CallKitError, call?: Call) => void;
  /** Your chat UI, with the kit's components anywhere inside. */
  children?: ReactNode;
}

interface Holder {
  client: StreamChat;
  userId: string | undefined;
  api: CallApi;
  controller: CallController;
  internal: CallsInternalContextValue;
}

/** Mounted counts: StrictMode unmounts and remounts at once; destroy only on a real unmount. */
const mounts = new WeakMap<CallController, number>();

function createHolder(
  client: StreamChat,
  apiProp: CallApi | undefined,
  providers: CallProvider[],
  ringTimeoutMs: number,
  joinTimeoutMs: number | undefined,
): Holder {
  const api = apiProp ?? streamCallApi(client);
  const user = client.user;
  const controller = new CallController({
    api,
    providers,
    user: {
      id: client.userID ?? '',
      ...(typeof user?.name === 'string' ? { name: user.name } : {}),
      ...(typeof user?.image === 'string' ? { image: user.image } : {}),
    },
    joinTimeoutMs,
    serviceURL: client.baseURL,
  });
  const internal = {
    incoming: new IncomingCallStore({ client, controller, ringTimeoutMs }),
    liveStates: new LiveStateCache(api, client),
  };
  return { client, userId: client.userID, api, controller, internal };
}

/**
 * The kit's root: one CallController per chat user, the incoming-ring listener, and the options
 * every call component reads. Place it inside stream-chat-react's `<Chat>`. `providers`, `api` and
 * the timeouts are read when the controller is created (once per client and user).
 */
export function CallsProvider({
  providers,
  api,
  notify = 'message',
  ringing = true,
  ringTimeoutMs = 30_000,
  joinTimeoutMs = 12_000,
  muteRingtone = false,
  onCallStarted,
  onCallEnded,
  onError,
  children,
}: CallsProviderProps) {
  const { client } = useChatContext('CallsProvider');
  const [holder, setHolder] = useState(() =>
    createHolder(client, api, providers, ringTimeoutMs, joinTimeoutMs),
  );
  let current = holder;
  if (holder.client !== client || holder.userId !== client.userID) {
    // A new user or client: a new controller (the old one is destroyed by its effect cleanup).
    current = createHolder(client, api, providers, ringTimeoutMs, joinTimeoutMs);
    setHolder(current);
  }
  const { controller, internal } = current;
  const callbacks = useLatest({ onCallStarted, onCallEnded, onError });

  useEffect(() => {
    mounts.set(controller, (mounts.get(controller) ?? 0) + 1);
    const offs = [
      controller.events.on('call.started', (e) => callbacks.current.onCallStarted?.(e)),
      controller.events.on('call.ended', (e) => callbacks.current.onCallEnded?.(e)),
      controller.events.on('error', (e) => callbacks.current.onError?.(e.error, e.call)),
    ];
    const onEnded = (event: StreamEvent) => {
      // Only a call the user is in can end for them: the rest loads when that happens.
      if (!controller.session?.isActive) return;
      void import('./internal/endedCall')
        .then((m) => m.leaveIfEnded(event, controller, current.api))
        .catch(() => {});
    };
    const ended = client.on('call.ended', onEnded);
    // Closing the tab or leaving the page leaves the call, and the call service hears of it.
    const onPageHide = () => controller.session?.leaveOnPageHide();
    window.addEventListener('pagehide', onPageHide);
    return () => {
      for (const off of offs) off();
      ended.unsubscribe();
      window.removeEventListener('pagehide', onPageHide);
      const left = (mounts.get(controller) ?? 1) - 1;
      mounts.set(controller, left);
      queueMicrotask(() => {
        if ((mounts.get(controller) ?? 0) === 0) void controller.destroy();
      });
    };
  }, [client, controller, callbacks, current.api]);

  useEffect(() => (ringing ? internal.incoming.start() : undefined), [internal, ringing]);

  useEffect(() => {
    // The session machinery and Start's work are not needed to render a chat: load them once the
    // page has settled, so the first Start or Join does not wait for them.
    const timer = setTimeout(() => {
      void loadSession();
      void loadStart().catch(() => {});
    }, 1_000);
    return () => clearTimeout(timer);
  }, []);

  const value = useMemo<CallsContextValue>(
    () => ({
      client,
      api: current.api,
      controller,
      options: { notify, ringing, ringTimeoutMs, joinTimeoutMs, muteRingtone },
    }),
    [client, current.api, controller, notify, ringing, ringTimeoutMs, joinTimeoutMs, muteRingtone],
  );

  return (
    <CallsContext.Provider value={value}>
      <CallsInternalContext.Provider value={internal}>{children}</CallsInternalContext.Provider>
    </CallsContext.Provider>
  );
}
