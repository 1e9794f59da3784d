import { type ReactNode, useEffect, useMemo, useState } from 'react';
import type { StreamChat } from 'stream-chat';
import { useChatContext } from 'stream-chat-react';
import { type CallApi, streamCallApi } from '../core/api';
import type { CallKitError } from '../core/CallKitError';
import { streamChatClient } from '../core/channel';
import { CallController, type CallControllerEvents } from '../core/controller';
import type { CallControllerOptions, NotifyMode } from '../core/lifecycle/types';
import type { CallProvider } from '../core/provider';
import type { Call } from '../core/types';
import { CallsContext, type CallsContextValue } from './context/CallsContext';
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
  /**
   * How long a call rings before it counts as unanswered: the caller's 1:1 call ends with "No
   * answer", and the callee's ring becomes a missed call at the same moment. Default 30 000 ms.
   */
  ringTimeoutMs?: number;
  /**
   * While the user is in a call, decline incoming rings at once as busy (the caller sees "Bob is
   * in another call") instead of ringing with call waiting. Default false.
   *
   * @example
   * <CallsProvider providers={[local()]} autoRejectWhenBusy>
   */
  autoRejectWhenBusy?: boolean;
  /**
   * When a call rings in a background tab, also show a system notification and mark the tab's
   * title. The browser's permission is asked the first time the user starts or accepts a call,
   * never on page load; where it is refused, the ring still shows in the page. Default true.
   */
  notifyInBackground?: boolean;
  /** Provider join timeout: a join that has not connected by then fails with Retry. Default 12 000 ms. */
  joinTimeoutMs?: number;
  /** Ring without the synthesised tones (ring, ring-back, call waiting); the views still show. Default false. */
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
}

/** Mounted counts: StrictMode unmounts and remounts at once; destroy only on a real unmount. */
const mounts = new WeakMap<CallController, number>();

/** What a start, ring or join reads from the props (kept current by an effect). */
type LiveOptions = Pick<
  CallControllerOptions,
  'notify' | 'ringing' | 'ringTimeoutMs' | 'autoRejectWhenBusy'
>;

function createHolder(
  client: StreamChat,
  apiProp: CallApi | undefined,
  providers: CallProvider[],
  joinTimeoutMs: number | undefined,
  live: LiveOptions,
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
    chat: streamChatClient(client),
    joinTimeoutMs,
    // The local provider signals through the call service, which may not be the chat's server.
    serviceURL: api.baseURL ?? client.baseURL,
    // From the first render: a child's effect may start a call before this provider's effects run.
    ...live,
  });
  return { client, userId: client.userID, api, controller };
}

/**
 * The kit's root: one CallController per chat user (the call's whole lifecycle: starting,
 * ringing, incoming and missed calls, switching, live state) and the options every call
 * component reads. Place it inside stream-chat-react's `<Chat>`. `providers`, `api` and
 * `joinTimeoutMs` are read when the controller is created (once per client and user); the other
 * options apply from the next call on.
 */
export function CallsProvider({
  providers,
  api,
  notify = 'message',
  ringing = true,
  ringTimeoutMs = 30_000,
  autoRejectWhenBusy = false,
  notifyInBackground = true,
  joinTimeoutMs = 12_000,
  muteRingtone = false,
  onCallStarted,
  onCallEnded,
  onError,
  children,
}: CallsProviderProps) {
  const { client } = useChatContext('CallsProvider');
  const live = { notify, ringing, ringTimeoutMs, autoRejectWhenBusy };
  const [holder, setHolder] = useState(() =>
    createHolder(client, api, providers, joinTimeoutMs, live),
  );
  let current = holder;
  if (holder.client !== client || holder.userId !== client.userID) {
    // A new user or client: a new controller (the old one is destroyed by its effect cleanup).
    current = createHolder(client, api, providers, joinTimeoutMs, live);
    setHolder(current);
  }
  const { controller } = current;
  const callbacks = useLatest({ onCallStarted, onCallEnded, onError });

  useEffect(() => {
    // Read by the next start, ring or join.
    controller.setOptions({ notify, ringing, ringTimeoutMs, autoRejectWhenBusy });
  }, [controller, notify, ringing, ringTimeoutMs, autoRejectWhenBusy]);

  useEffect(() => {
    mounts.set(controller, (mounts.get(controller) ?? 0) + 1);
    const offs = [
      controller.events.on('call.started', (e) => callbacks.current.onCallStarted?.(e)),
      controller.events.on('call.ended', (e) => callbacks.current.onCallEnded?.(e)),
      controller.events.on('error', (e) => callbacks.current.onError?.(e.error, e.call)),
      // Rings, declines and live state from the chat; the call code preloads once settled.
      controller.listen(),
    ];
    // Closing the tab or leaving the page leaves the call, and the call service hears of it.
    const onPageHide = () => controller.session?.leaveOnPageHide();
    window.addEventListener('pagehide', onPageHide);
    return () => {
      for (const off of offs) off();
      window.removeEventListener('pagehide', onPageHide);
      const left = (mounts.get(controller) ?? 1) - 1;
      mounts.set(controller, left);
      queueMicrotask(() => {
        if ((mounts.get(controller) ?? 0) === 0) void controller.destroy();
      });
    };
  }, [controller, callbacks]);

  const value = useMemo<CallsContextValue>(
    () => ({
      client,
      api: current.api,
      controller,
      options: {
        notify,
        ringing,
        ringTimeoutMs,
        autoRejectWhenBusy,
        notifyInBackground,
        joinTimeoutMs,
        muteRingtone,
      },
    }),
    [
      client,
      current.api,
      controller,
      notify,
      ringing,
      ringTimeoutMs,
      autoRejectWhenBusy,
      notifyInBackground,
      joinTimeoutMs,
      muteRingtone,
    ],
  );

  return <CallsContext.Provider value={value}>{children}</CallsContext.Provider>;
}
