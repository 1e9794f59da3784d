import { render } from '@testing-library/react';
import { useEffect } from 'react';
import { Chat } from 'stream-chat-react';
import { describe, expect, it } from 'vitest';
import type { CallControllerOptions } from '../../../src/core/lifecycle/types';
import { CallsProvider } from '../../../src/react/CallsProvider';
import { useCallsContext } from '../../../src/react/context/CallsContext';
import { createFakeCallApi, createFakeProvider } from '../../../stories/support/fakes';
import { createOfflineChat } from '../../../stories/support/offlineChat';
import { i18n } from './support';

/** What the controller reads in a child's first effect, which runs before the provider's own. */
function Probe({ seen }: { seen: (o: Readonly<CallControllerOptions>) => void }) {
  const { controller } = useCallsContext();
  useEffect(() => {
    seen(controller.options);
  }, [controller, seen]);
  return null;
}

describe('CallsProvider options', () => {
  it("holds the props from the first render: a child's mount effect that starts a call reads them", () => {
    const chat = createOfflineChat();
    let seen: Readonly<CallControllerOptions> | undefined;
    render(
      <Chat client={chat.client} i18nInstance={i18n()}>
        <CallsProvider
          providers={[createFakeProvider()]}
          api={createFakeCallApi()}
          notify="event"
          ringing={false}
          ringTimeoutMs={1234}
          autoRejectWhenBusy
        >
          <Probe seen={(o) => (seen = o)} />
        </CallsProvider>
      </Chat>,
    );
    expect(seen).toMatchObject({
      notify: 'event',
      ringing: false,
      ringTimeoutMs: 1234,
      autoRejectWhenBusy: true,
    });
  });

  it("sends the local provider to the call service's URL, not the chat server's", () => {
    const chat = createOfflineChat();
    const api = { ...createFakeCallApi(), baseURL: 'https://calls.example.com/v1' };
    let seen: Readonly<CallControllerOptions> | undefined;
    render(
      <Chat client={chat.client} i18nInstance={i18n()}>
        <CallsProvider providers={[createFakeProvider()]} api={api}>
          <Probe seen={(o) => (seen = o)} />
        </CallsProvider>
      </Chat>,
    );
    expect(seen?.serviceURL).toBe('https://calls.example.com/v1');
    expect(chat.client.baseURL).not.toBe('https://calls.example.com/v1');
  });
});
