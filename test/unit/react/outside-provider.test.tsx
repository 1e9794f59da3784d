/**
 * A kit component placed outside <CallsProvider> says so: the ones that need it throw an error
 * naming <CallsProvider>, and the ones that render nothing without a call (the room, the dock)
 * say it on the console in development instead of rendering nothing without a word.
 */
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { Channel, Chat } from 'stream-chat-react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CallAttachment,
  CallDock,
  CallRoom,
  ChannelCallBanner,
  IncomingCall,
  StartCallButton,
} from '../../../src/react';
import { fakeCall } from '../../../stories/support/fakes';
import { createOfflineChat } from '../../../stories/support/offlineChat';
import { i18n } from './support';

afterEach(() => vi.restoreAllMocks());

function renderWithoutProvider(ui: ReactNode) {
  const { client, channel } = createOfflineChat();
  return render(
    <Chat client={client} i18nInstance={i18n()}>
      <Channel channel={channel}>{ui}</Channel>
    </Chat>,
  );
}

const attachment = { type: 'call', call: fakeCall('call-1', 'video') };

describe('outside <CallsProvider>', () => {
  it.each([
    ['StartCallButton', <StartCallButton key="s" type="video" />],
    ['CallAttachment', <CallAttachment key="a" attachments={[attachment]} />],
    ['ChannelCallBanner', <ChannelCallBanner key="b" />],
    ['IncomingCall', <IncomingCall key="i" />],
  ])('<%s> throws an error that says to wrap it in <CallsProvider>', (name, ui) => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => renderWithoutProvider(ui)).toThrow(
      `<${name}> must be inside <CallsProvider>: render it within <CallsProvider providers={[…]}>, itself inside stream-chat-react's <Chat>.`,
    );
  });

  it('<CallRoom> renders nothing and says why on the console, once', () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { container, unmount } = renderWithoutProvider(<CallRoom />);
    expect(container.querySelector('.str-chat__container')).toBeEmptyDOMElement();
    unmount();
    renderWithoutProvider(<CallRoom />);
    expect(consoleError.mock.calls).toEqual([
      [
        "<CallRoom> shows no call outside <CallsProvider>: render it within <CallsProvider providers={[…]}>, itself inside stream-chat-react's <Chat>.",
      ],
    ]);
  });

  it('<CallDock> says on the console that it has no call to show', () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    renderWithoutProvider(<CallDock onExpand={() => {}} />);
    expect(consoleError).toHaveBeenCalledWith(
      expect.stringContaining('<CallDock> shows no call outside <CallsProvider>'),
    );
  });

  it('renders the chat’s other attachments without it', () => {
    const { container } = renderWithoutProvider(
      <CallAttachment attachments={[{ type: 'image', image_url: 'https://x.test/a.png' }]} />,
    );
    expect(container.querySelector('img')).not.toBeNull();
  });
});
