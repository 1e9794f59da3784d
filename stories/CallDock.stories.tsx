import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { useChatContext } from 'stream-chat-react';
import { CallDock, CallRoom } from '../src/react/room';
import {
  addChannelMessages,
  ChannelWindow,
  createFakeRoom,
  createHarness,
  HarnessProvider,
  type RoomHarness,
} from './room/fixtures';

/**
 * The minimised call in a real chat: stream-chat-react's Channel, header, message list and
 * composer, with the call docked (a REAL CallController/CallSession, a fake provider room). The
 * dock floats in a corner of the message list, clear of the header, the composer and the newest
 * message; drag it or focus it and press an arrow key to move it (remembered under
 * `str-call:dock-corner`, which the stories clear).
 */
const meta = {
  title: 'Room/CallDock',
  component: CallDock,
  parameters: { layout: 'fullscreen' },
  // The docs page's props table is CallDock's; the stories render it the way apps get it, from CallRoom.
  args: { onExpand: () => {} },
} satisfies Meta<typeof CallDock>;

export default meta;
type Story = StoryObj<typeof meta>;

const LINES = [
  ['bob', 'Morning! Are we still on for the review?'],
  ['alice', 'Yes, joining the call now'],
  ['carol', 'I will be two minutes late'],
  ['bob', 'No worries, we start with the roadmap'],
  ['alice', 'Sharing the notes in the thread'],
  ['carol', 'Back, sorry about that'],
] as const;

/** The README's layout: the channel fills the box, the room (minimised) beside it. */
function ChatWithDock() {
  const { client } = useChatContext();
  const channel = Object.values(client.activeChannels)[0];
  const [container, setContainer] = useState<HTMLDivElement | null>(null);
  return (
    <div ref={setContainer} style={{ height: '100%', display: 'grid' }}>
      <ChannelWindow channel={channel} />
      {/* Portalled into the story (not document.body) so its checks and axe see the dock. */}
      {container && <CallRoom defaultMinimized container={container} />}
    </div>
  );
}

function story({
  theme = 'light',
  width,
  height = 640,
  messages,
  corner,
}: {
  theme?: 'light' | 'dark';
  width?: number;
  height?: number;
  messages: number;
  /** The corner it picks: under a short conversation, or at the top of a full one. */
  corner: 'bottom-right' | 'top-right';
}): Story {
  return {
    loaders: [
      async () => {
        // Stories start from the default corner, whatever an earlier visit remembered.
        localStorage.removeItem('str-call:dock-corner');
        const harness = await createHarness({
          behaviour: createFakeRoom({ count: 3, speaking: 1 }),
        });
        return {
          harness: addChannelMessages(
            harness,
            Array.from({ length: messages }, (_, i) => LINES[i % LINES.length]!),
          ),
        };
      },
    ],
    render: (_props, { loaded }) => (
      <HarnessProvider
        harness={loaded.harness as RoomHarness}
        theme={theme}
        width={width}
        height={height}
      >
        <ChatWithDock />
      </HarnessProvider>
    ),
    play: async ({ canvasElement }) => {
      const c = within(canvasElement);
      const dock = await c.findByRole('region', { name: 'Minimized call' });
      const list = canvasElement.querySelector('.str-chat__message-list') as HTMLElement;
      // It settles inside the message list: not over the header nor the composer.
      await waitFor(() => expect(dock).toHaveAttribute('data-corner', corner));
      await waitFor(() => {
        const d = dock.getBoundingClientRect();
        const l = list.getBoundingClientRect();
        expect(d.top).toBeGreaterThanOrEqual(l.top);
        expect(d.bottom).toBeLessThanOrEqual(l.bottom);
        expect(d.right).toBeLessThanOrEqual(l.right);
      });
    },
  };
}

/** A short conversation: the dock sits under the newest message, above the composer. */
export const ShortChat = story({ messages: 2, corner: 'bottom-right' });
/** The list is full: the dock moves to the top (older messages), under the header. */
export const FullChat = story({ messages: 24, corner: 'top-right' });
export const ShortChatDark = story({ theme: 'dark', messages: 2, corner: 'bottom-right' });
export const FullChatDark = story({ theme: 'dark', messages: 24, corner: 'top-right' });
/** A phone (390 × 844): the dock takes under half the width, the header's call buttons stay free. */
export const Phone = story({ width: 390, height: 844, messages: 24, corner: 'top-right' });
export const PhoneDark = story({
  theme: 'dark',
  width: 390,
  height: 844,
  messages: 24,
  corner: 'top-right',
});

/** Focus the dock and press the arrow keys: it moves, and a live region says where. */
export const MovedWithTheKeyboard: Story = {
  ...story({ messages: 24, corner: 'top-right' }),
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    const dock = await c.findByRole('region', { name: 'Minimized call' });
    await waitFor(() => expect(dock).toHaveAttribute('data-corner', 'top-right'));
    dock.focus();
    await userEvent.keyboard('{ArrowLeft}');
    await expect(dock).toHaveAttribute('data-corner', 'top-left');
    await expect(await within(dock).findByRole('status')).toHaveTextContent(
      'Moved to the top left corner',
    );
    localStorage.removeItem('str-call:dock-corner');
  },
};
