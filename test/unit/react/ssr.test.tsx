// @vitest-environment node
import { renderToString } from 'react-dom/server';
import {
  type ChannelStateContextValue,
  ChannelStateProvider,
  type ChatContextValue,
  ChatProvider,
  TranslationProvider,
} from 'stream-chat-react';
import { describe, expect, it } from 'vitest';
import {
  CallAttachment,
  CallsProvider,
  ChannelCallBanner,
  IncomingCall,
  StartCallButton,
} from '../../../src/react';
import { createFakeCallApi, fakeCall } from '../../../stories/support/fakes';
import { createOfflineChat } from '../../../stories/support/offlineChat';

describe('server rendering', () => {
  it('imports and renders the chat side without window, document or AudioContext', () => {
    expect(typeof window).toBe('undefined');
    const attachment = { type: 'call', call: fakeCall('ssr-2') };
    const { client, channel } = createOfflineChat({ data: { call: fakeCall('ssr') } });
    // stream-chat-react's <Chat> renders nothing on a server; its contexts are what the kit reads.
    const t = ((key: string) => key) as never;
    const html = renderToString(
      <ChatProvider value={{ client, theme: 'str-chat__theme-light' } as ChatContextValue}>
        <TranslationProvider
          value={{
            t,
            tDateTimeParser: (() => ({ format: () => '' })) as never,
            userLanguage: 'en',
          }}
        >
          <CallsProvider providers={[]} api={createFakeCallApi()}>
            <ChannelStateProvider value={{ channel } as ChannelStateContextValue}>
              <StartCallButton type="video" />
              <ChannelCallBanner />
              <CallAttachment attachments={[attachment]} />
            </ChannelStateProvider>
            <IncomingCall />
          </CallsProvider>
        </TranslationProvider>
      </ChatProvider>,
    );
    expect(html).toContain('Start video call');
    expect(html).toContain('str-call__card');
    expect(html).toContain('Video call in progress');
  });
});
