/**
 * The kit's channel list row in stream-chat-react's real ChannelListItem (its real
 * SummarizedMessagePreview), over an offline client whose last message is a call message.
 */
import { render, screen, waitFor } from '@testing-library/react';
import type { MessageResponse } from 'stream-chat';
import { ChannelListItem, Chat, Streami18n, WithComponents } from 'stream-chat-react';
import { describe, expect, it } from 'vitest';
import { CallChannelListItem, callMessagePreview } from '../../../src';
import { registerCallTranslations } from '../../../src/react/i18n';
import { fakeCall } from '../../../stories/support/fakes';
import { callMessage, createOfflineChat, USERS } from '../../../stories/support/offlineChat';
import { expectNoAxeViolations } from '../../helpers/axe';

const video = { type: 'call', call: fakeCall('call-1', 'video') };
const audio = { type: 'call', call: fakeCall('call-2', 'audio') };

function renderRow(
  messages: MessageResponse[],
  { language = 'en', kit = true }: { language?: 'en' | 'es'; kit?: boolean } = {},
) {
  const { client, channel } = createOfflineChat({ messages });
  const i18n = registerCallTranslations(new Streami18n({ language }));
  render(
    <Chat client={client} i18nInstance={i18n}>
      <WithComponents overrides={kit ? { ChannelListItemUI: CallChannelListItem } : {}}>
        {/* ChannelList's own listbox around its rows. */}
        <div role="listbox" aria-label="Channels">
          <ChannelListItem channel={channel} />
        </div>
      </WithComponents>
    </Chat>,
  );
  return document.querySelector('.str-chat__summarized-message-preview') as HTMLElement;
}

describe('CallChannelListItem', () => {
  it('stream-chat-react alone previews a call message as an unsupported attachment (what it fixes)', async () => {
    const preview = renderRow([callMessage(video, { text: 'Video call' })], { kit: false });
    expect(preview).toHaveClass('str-chat__summarized-message-preview--unsupported');
    expect(preview.querySelector('svg')).not.toBeNull();
  });

  it('previews a call message by its words, with no attachment icon', async () => {
    const preview = renderRow([callMessage(video, { text: 'Video call' })]);
    expect(preview).toHaveTextContent('Video call');
    expect(preview).not.toHaveClass('str-chat__summarized-message-preview--unsupported');
    expect(preview.querySelector('svg')).toBeNull();
    // The row's accessible name says it too, not "attachment".
    const row = await screen.findByRole('option', { name: /Last message.*Video call/ });
    await expectNoAxeViolations(screen.getByRole('listbox'));
    expect(row).toBeInTheDocument();
  });

  it("says the kit's summary in the reader's language, and an audio call as one", async () => {
    const preview = renderRow([callMessage(audio, { text: 'Audio call' })], { language: 'es' });
    await waitFor(() => expect(preview).toHaveTextContent('Llamada de voz'));
  });

  it("keeps the caller's own words, and other messages as they are", () => {
    const preview = renderRow([callMessage(video, { text: 'Quick sync?' })]);
    expect(preview).toHaveTextContent('Quick sync?');
    const plain = { ...callMessage(video, { text: 'hello' }), attachments: [] };
    expect(callMessagePreview(plain as never, (k) => k)).toBe(plain);
  });
});

describe('callMessagePreview', () => {
  it('drops only the call attachment and names a call without text', () => {
    const image = { type: 'image', image_url: 'https://example.com/a.png' };
    const message = { ...callMessage(audio, { user: USERS.bob }), attachments: [audio, image] };
    const shown = callMessagePreview(message as never, (k) => `t:${k}`);
    expect(shown).toMatchObject({ text: 't:Audio call', attachments: [image] });
    expect(callMessagePreview(undefined, (k) => k)).toBeUndefined();
  });
});
