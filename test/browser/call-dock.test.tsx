/**
 * The dock in a real chat layout in real Chromium: stream-chat-react's Channel, Window,
 * ChannelHeader, MessageList and MessageComposer with the real style sheets, and a minimised
 * CallRoom (fake provider room). Where it floats is measured, and it is moved with a real pointer.
 */
import 'stream-chat-react/dist/css/index.css';
import '../../src/react/styles/index.css';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { Chat, Streami18n } from 'stream-chat-react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { CallsContext } from '../../src/react/context/CallsContext';
import { registerCallTranslations } from '../../src/react/i18n';
import { CallRoom } from '../../src/react/room';
import {
  addChannelMessages,
  ChannelWindow,
  createFakeRoom,
  createHarness,
  type RoomHarness,
} from '../../stories/room/fixtures';

const KEY = 'str-call:dock-corner';
const i18n = registerCallTranslations(new Streami18n({ language: 'en' }));

beforeEach(() => localStorage.removeItem(KEY));
afterEach(() => {
  cleanup();
  localStorage.removeItem(KEY);
});

/** The README's layout: the channel fills the page, the room is dropped beside it (minimised). */
async function renderChat(messages: number) {
  const harness: RoomHarness = await createHarness({
    behaviour: createFakeRoom({ count: 2, speaking: 1 }),
  });
  addChannelMessages(
    harness,
    Array.from({ length: messages }, (_, i) => ['bob', `Message number ${i + 1}`] as const),
  );
  const channel = Object.values(harness.client.activeChannels)[0]!;
  render(
    <Chat client={harness.client} i18nInstance={i18n}>
      <CallsContext.Provider value={harness.context}>
        <div style={{ height: '100vh', display: 'flex' }}>
          <ChannelWindow channel={channel} />
        </div>
        <CallRoom defaultMinimized />
      </CallsContext.Provider>
    </Chat>,
  );
  const dock = await screen.findByRole('region', { name: 'Minimized call' });
  const list = document.querySelector('.str-chat__message-list') as HTMLElement;
  await waitFor(() => expect(list.querySelectorAll('.str-chat__li').length).toBeGreaterThan(0));
  return { harness, channel, dock, list };
}

const overlap = (a: DOMRect, b: DOMRect) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

function expectClearOfTheChat(dock: HTMLElement, list: HTMLElement) {
  const d = dock.getBoundingClientRect();
  const l = list.getBoundingClientRect();
  // Inside the message list: not over the channel header (its call buttons) nor the composer.
  expect(d.top).toBeGreaterThanOrEqual(l.top);
  expect(d.bottom).toBeLessThanOrEqual(l.bottom);
  expect(d.right).toBeLessThanOrEqual(l.right);
  const header = document.querySelector('.str-chat__channel-header') as HTMLElement;
  const composer = document.querySelector('.str-chat__message-composer') as HTMLElement;
  expect(overlap(d, header.getBoundingClientRect())).toBe(false);
  expect(overlap(d, composer.getBoundingClientRect())).toBe(false);
  // Nor over the newest message.
  const items = list.querySelectorAll('.str-chat__li');
  const newest = items[items.length - 1]!.getBoundingClientRect();
  expect(overlap(d, newest)).toBe(false);
}

describe('the dock in a chat', () => {
  it('on a phone with a full chat: top right of the message list, under the header', async () => {
    await page.viewport(390, 844);
    const { dock, list } = await renderChat(30);
    await waitFor(() => expect(dock).toHaveAttribute('data-corner', 'top-right'));
    await waitFor(() => expectClearOfTheChat(dock, list));
    expect(dock.getBoundingClientRect().width).toBeLessThan(390 / 2);
  });

  it('on a wide screen with a short chat: bottom right under the messages, then top right as they fill the list', async () => {
    await page.viewport(1280, 800);
    const { dock, list, channel } = await renderChat(2);
    await waitFor(() => expect(dock).toHaveAttribute('data-corner', 'bottom-right'));
    await waitFor(() => expectClearOfTheChat(dock, list));
    // The user writes on: the messages reach the dock's corner.
    for (let i = 0; i < 20; i++) await act(() => channel.sendMessage({ text: `Reply ${i}` }));
    await waitFor(() => expect(dock).toHaveAttribute('data-corner', 'top-right'));
    await waitFor(() => expectClearOfTheChat(dock, list));
  });

  it('a real pointer drag moves it to another corner of the list, remembered; its buttons still work', async () => {
    await page.viewport(1280, 800);
    const { dock, list } = await renderChat(30);
    await waitFor(() => expect(dock).toHaveAttribute('data-corner', 'top-right'));
    await userEvent.dragAndDrop(dock, list, { targetPosition: { x: 60, y: 400 } });
    await waitFor(() => expect(dock).toHaveAttribute('data-corner', 'bottom-left'));
    expect(localStorage.getItem(KEY)).toBe('bottom-left');
    await waitFor(() => {
      const d = dock.getBoundingClientRect();
      const l = list.getBoundingClientRect();
      expect(d.left - l.left).toBeGreaterThanOrEqual(0);
      expect(d.left - l.left).toBeLessThan(20);
      expect(l.bottom - d.bottom).toBeGreaterThanOrEqual(0);
      expect(l.bottom - d.bottom).toBeLessThan(20);
    });
    // The user's corner wins over the one that keeps clear of the newest message.
    expect(dock).toHaveAttribute('data-corner', 'bottom-left');
    await userEvent.click(within(dock).getByRole('button', { name: 'Expand call' }));
    expect(screen.getByRole('region', { name: 'Call' })).not.toHaveAttribute('data-minimized');
  });
});
