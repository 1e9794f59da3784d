/**
 * The shared story decorator: a real stream-chat-react `<Chat>` + `<Channel>` over an offline
 * client (no network), the kit's CallsProvider with a fake CallApi and fake providers, the
 * CallAttachment override, and the theme (light or dark) applied the way stream-chat-react does.
 *
 *   decorators: [withChat({ api: { states }, providers: 'join' })]
 *   parameters: { chat: { theme: 'dark' } }   // per-story overrides, merged over the options
 */
import type { Decorator } from '@storybook/react-vite';
import { clsx } from 'clsx';
import { type ReactNode, useEffect, useState } from 'react';
import type { Event as StreamEvent } from 'stream-chat';
import { Channel, Chat, Streami18n, WithComponents } from 'stream-chat-react';
import type { CallApi } from '../../src/core/api';
import type { CallProvider } from '../../src/core/provider';
import type { Call } from '../../src/core/types';
import { CallAttachment } from '../../src/react/CallAttachment';
import { CallsProvider, type CallsProviderProps } from '../../src/react/CallsProvider';
import { useCallsContext } from '../../src/react/context/CallsContext';
import { registerCallTranslations } from '../../src/react/i18n';
import {
  createFakeCallApi,
  createFakeProvider,
  type FakeCallApiOptions,
  type FakeJoinBehaviour,
} from './fakes';
import { createOfflineChat, type OfflineChatOptions } from './offlineChat';

export type StoryTheme = 'light' | 'dark';

export interface WithChatOptions {
  theme?: StoryTheme;
  /** A CallApi, or options for the fake one (default: every request succeeds). */
  api?: CallApi | FakeCallApiOptions;
  /** Providers, or how the fake `local` provider's join behaves (default: joins). */
  providers?: CallProvider[] | FakeJoinBehaviour;
  /** Join this call through the controller when the story mounts (joining/in call/failed). */
  session?: { call: Call };
  /** The offline channel: members, messages, capabilities, channel data. */
  chat?: OfflineChatOptions;
  /** CallsProvider props (notify, ringing, ringTimeoutMs, muteRingtone…). */
  calls?: Partial<Omit<CallsProviderProps, 'providers' | 'api' | 'children'>>;
  /** Channel events dispatched after mount (e.g. a `call.ring`); `cid` is filled in. */
  events?: Partial<StreamEvent>[];
  language?: 'en' | 'es';
  /** Render the story inside `<Channel>` (default true). */
  inChannel?: boolean;
}

function isApi(x: WithChatOptions['api']): x is CallApi {
  return typeof (x as CallApi | undefined)?.createCall === 'function';
}

function JoinOnMount({ call }: { call: Call }) {
  const { controller } = useCallsContext();
  useEffect(() => {
    void controller.join(call);
  }, [controller, call]);
  return null;
}

function DispatchOnMount({
  events,
  dispatch,
}: {
  events: Partial<StreamEvent>[];
  dispatch: (e: Partial<StreamEvent>) => void;
}) {
  useEffect(() => {
    // After CallsProvider's listeners are attached (they attach in effects too).
    const timer = setTimeout(() => {
      for (const e of events) dispatch(e);
    }, 0);
    return () => clearTimeout(timer);
  }, [events, dispatch]);
  return null;
}

export function ChatFrame({
  options,
  children,
}: {
  options: WithChatOptions;
  children: ReactNode;
}) {
  const [env] = useState(() => {
    const chat = createOfflineChat(options.chat);
    const api = isApi(options.api) ? options.api : createFakeCallApi(options.api);
    const providers = Array.isArray(options.providers)
      ? options.providers
      : [createFakeProvider(options.providers ?? 'join')];
    const i18n = registerCallTranslations(new Streami18n({ language: options.language ?? 'en' }));
    const dispatch = (e: Partial<StreamEvent>) =>
      chat.client.dispatchEvent({ cid: chat.channel.cid, ...e } as StreamEvent);
    return { ...chat, api, providers, i18n, dispatch };
  });
  const theme = `str-chat__theme-${options.theme ?? 'light'}`;
  const inChannel = options.inChannel ?? true;
  return (
    <div
      className={clsx('str-chat', theme)}
      style={{
        background: 'var(--str-chat__background-core-app)',
        color: 'var(--str-chat__text-primary)',
        padding: 16,
        minHeight: 240,
      }}
    >
      <Chat client={env.client} theme={theme} i18nInstance={env.i18n}>
        <CallsProvider providers={env.providers} api={env.api} {...options.calls}>
          <WithComponents overrides={{ Attachment: CallAttachment }}>
            {inChannel ? <Channel channel={env.channel}>{children}</Channel> : children}
          </WithComponents>
          {options.session && <JoinOnMount call={options.session.call} />}
          {options.events && <DispatchOnMount events={options.events} dispatch={env.dispatch} />}
        </CallsProvider>
      </Chat>
    </div>
  );
}

/** The decorator. `parameters.chat` (per story) is merged over `options`. */
export function withChat(options: WithChatOptions = {}): Decorator {
  return (Story, context) => {
    const perStory = (context.parameters.chat ?? {}) as WithChatOptions;
    const globalTheme = context.globals.theme as StoryTheme | undefined;
    const merged: WithChatOptions = {
      ...options,
      ...perStory,
      theme: perStory.theme ?? options.theme ?? globalTheme ?? 'light',
    };
    return (
      <ChatFrame key={context.id} options={merged}>
        <Story />
      </ChatFrame>
    );
  };
}
