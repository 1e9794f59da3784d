/**
 * The README's snippet, taken literally: stream-chat-react's <Chat> puts no `.str-chat` element
 * around `<CallRoom />`, so the room must carry its own theme and placement. Real Chromium, the
 * real style sheets (stream-chat-react's and the kit's), a joined room (fake provider).
 */
import 'stream-chat-react/dist/css/index.css';
import '../../src/react/styles/index.css';
import { cleanup, render, screen, within } from '@testing-library/react';
import { Channel, Chat, Streami18n, Window } from 'stream-chat-react';
import { afterEach, describe, expect, it } from 'vitest';
import { CallsContext } from '../../src/react/context/CallsContext';
import { registerCallTranslations } from '../../src/react/i18n';
import { CallRoom } from '../../src/react/room';
import { StartCallButton } from '../../src/react/StartCallButton';
import { createFakeRoom, createHarness, type RoomHarness } from '../../stories/room/fixtures';

afterEach(() => cleanup());

const i18n = registerCallTranslations(new Streami18n({ language: 'en' }));

/** The app of the README: no wrapper of its own around the room. */
function App({ harness, theme }: { harness: RoomHarness; theme?: string }) {
  return (
    <Chat client={harness.client} i18nInstance={i18n} theme={theme}>
      <CallsContext.Provider value={harness.context}>
        <CallRoom />
      </CallsContext.Provider>
    </Chat>
  );
}

/** Alpha of a computed `rgb()`/`rgba()`/`color()` colour (1 when it has none). */
function alpha(color: string): number {
  const slash = /\/\s*([\d.]+)\s*\)$/.exec(color);
  if (slash) return Number(slash[1]);
  const rgba = /^rgba\([^,]+,[^,]+,[^,]+,\s*([\d.]+)\)$/.exec(color);
  return rgba ? Number(rgba[1]) : color === 'transparent' ? 0 : 1;
}

describe('CallRoom dropped into an app with no .str-chat around it', () => {
  it('covers the viewport, above the page, with an opaque background and the kit font', async () => {
    const harness = await createHarness({ behaviour: createFakeRoom({ count: 2, video: false }) });
    render(
      <>
        <p>The app's own page, under the call</p>
        <App harness={harness} />
      </>,
    );
    const room = await screen.findByRole('region', { name: 'Call' });
    const box = room.getBoundingClientRect();
    expect([box.left, box.top, box.width, box.height]).toEqual([
      0,
      0,
      window.innerWidth,
      window.innerHeight,
    ]);
    const style = getComputedStyle(room);
    expect(alpha(style.backgroundColor)).toBe(1);
    // What stream-chat-react's chat uses: not the browser's default serif.
    expect(style.fontFamily).not.toMatch(/^"?Times/);
    expect(style.fontFamily).toMatch(/sans-serif/);
    // The page's text is under the room, not on top of it.
    const page = screen.getByText("The app's own page, under the call").getBoundingClientRect();
    expect(document.elementFromPoint(page.left + 2, page.top + 2)?.closest('.str-call__room')).toBe(
      room,
    );
    // The room has the focus, and the page under it is out of reach (inert).
    expect(document.activeElement).toBe(room);
    expect(
      screen.getByText("The app's own page, under the call").closest('[inert]'),
    ).not.toBeNull();
    // Every control is on screen.
    for (const button of within(room).getAllByRole('button')) {
      const b = button.getBoundingClientRect();
      expect(b.bottom).toBeLessThanOrEqual(window.innerHeight);
      expect(b.right).toBeLessThanOrEqual(window.innerWidth);
      expect(b.height).toBeGreaterThan(0);
    }
  });

  it('follows the chat theme (dark) without the app wrapping it', async () => {
    const harness = await createHarness({ behaviour: createFakeRoom({ count: 2, video: false }) });
    render(<App harness={harness} theme="str-chat__theme-dark" />);
    const room = await screen.findByRole('region', { name: 'Call' });
    const style = getComputedStyle(room);
    expect(alpha(style.backgroundColor)).toBe(1);
    // A dark surface under light text: each colour channel of the background under half.
    const channels = (color: string) => (color.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    expect(Math.max(...channels(style.backgroundColor))).toBeLessThan(128);
    expect(Math.min(...channels(style.color))).toBeGreaterThan(128);
  });

  it('StartCallButton sizes to its content in <Window>, as the README places it', async () => {
    const harness = await createHarness({ stage: 'none' });
    const channel = Object.values(harness.client.activeChannels)[0]!;
    render(
      <Chat client={harness.client} i18nInstance={i18n}>
        <CallsContext.Provider value={harness.context}>
          <Channel channel={channel}>
            <Window>
              <StartCallButton type="video" />
            </Window>
          </Channel>
        </CallsContext.Provider>
      </Chat>,
    );
    const button = await screen.findByRole('button', { name: 'Start video call' });
    const parent = button.parentElement!.getBoundingClientRect();
    expect(button.getBoundingClientRect().width).toBeLessThan(parent.width / 2);
  });
});
