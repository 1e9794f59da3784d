import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, within } from 'storybook/test';
import { CallKitError } from '../src/core/errors';
import { CallRoom, type CallRoomProps } from '../src/react/room';
import {
  addChannelMessages,
  canvasTrack,
  createFakeRoom,
  createHarness,
  type FakeRoomOptions,
  type HarnessOptions,
  HarnessProvider,
  type RoomHarness,
} from './room/fixtures';

/**
 * CallRoom in every state, driven through a REAL CallController/CallSession over a fake call API
 * and a fake provider whose room is a real room store (no network, no SDK). The room is the
 * default overlay over the page, portalled into the story's own element (so the story's checks
 * and axe see it); `width` stories place it `inline` in a box of that width.
 */
const meta = {
  title: 'Room/CallRoom',
  component: CallRoom,
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof CallRoom>;

export default meta;
type Story = StoryObj<typeof meta>;

type Setup = Omit<HarnessOptions, 'behaviour'> & {
  room?: FakeRoomOptions;
  /** Instead of a room: a join that hangs or fails. */
  join?: 'pending' | CallKitError;
  /** Messages in the call's channel (the chat beside the call). */
  messages?: readonly [user: string, text: string][];
};

function story(
  setup: Setup,
  {
    theme = 'light',
    args = {},
    width,
    ready,
  }: {
    theme?: 'light' | 'dark';
    args?: CallRoomProps;
    /** Inline in a box this wide (a phone: 360), instead of the overlay. */
    width?: number;
    /** What must be on screen before the a11y check. */
    ready: (canvas: ReturnType<typeof within>) => Promise<unknown>;
  },
): Story {
  return {
    args,
    loaders: [
      async () => ({
        harness: addChannelMessages(
          await createHarness({ ...setup, behaviour: setup.join ?? createFakeRoom(setup.room) }),
          setup.messages ?? [],
        ),
      }),
    ],
    render: (props, { loaded }) => (
      <HarnessProvider harness={loaded.harness as RoomHarness} theme={theme}>
        {width ? (
          <div style={{ width, height: 640 }}>
            <CallRoom inline {...props} />
          </div>
        ) : (
          <Overlay {...props} />
        )}
      </HarnessProvider>
    ),
    play: async ({ canvasElement }) => {
      await ready(within(canvasElement));
    },
  };
}

/** The default placement, portalled into the story's element. */
function Overlay(props: CallRoomProps) {
  const [container, setContainer] = useState<HTMLDivElement | null>(null);
  return <div ref={setContainer}>{container && <CallRoom {...props} container={container} />}</div>;
}

const controls = (c: ReturnType<typeof within>) => c.findByRole('group', { name: 'Call controls' });

export const Joining = story(
  { join: 'pending' },
  { ready: (c) => c.findByText('Connecting to the call…') },
);
/** The camera is already on while the call connects (providers that prepare on the click). */
export const JoiningWithCamera = story(
  { join: 'pending', preview: () => canvasTrack('Your camera', 140) },
  {
    ready: async (c) => {
      await c.findByText('Connecting to the call…');
      const tile = await c.findByRole('group', { name: 'Alice Martin (you)' });
      await expect(tile.querySelector('video')).not.toBeNull();
    },
  },
);
export const PreJoinView = story(
  { stage: 'starting', creator: true },
  { args: { preJoin: true }, ready: (c) => c.findByRole('button', { name: 'Join' }) },
);
export const Alone = story({ room: { count: 1 } }, { ready: controls });
export const TwoPeople = story({ room: { count: 2 } }, { ready: controls });
export const FourPeople = story(
  { room: { count: 4, speaking: 2, mutedIds: [1] } },
  { ready: controls },
);
export const NinePeople = story(
  { room: { count: 9, video: false, speaking: 4 } },
  { ready: controls },
);
export const SixteenPeople = story(
  { room: { count: 16, video: false, mutedIds: [3, 7] } },
  { ready: controls },
);
export const SpeakerLayout = story(
  { room: { count: 5, speaking: 3 } },
  { args: { defaultLayout: 'speaker' }, ready: controls },
);
export const ScreenShare = story(
  { room: { count: 3, screenShare: 1 } },
  {
    args: { defaultLayout: 'speaker' },
    ready: (c) => c.findByRole('group', { name: 'Bob Chen is presenting' }),
  },
);
export const Reconnecting = story(
  { room: { count: 3, connection: 'reconnecting' } },
  { ready: (c) => c.findByText('Reconnecting…') },
);
export const FailedWithRetry: Story = {
  ...story(
    { join: new CallKitError('timeout', 'took too long') },
    { ready: (c) => c.findByRole('button', { name: 'Retry' }) },
  ),
};
export const PermissionDenied = story(
  { room: { count: 2, mediaIssue: new CallKitError('permission-denied', 'denied') } },
  { ready: (c) => c.findByText(/site settings/) },
);
export const AudioBlocked = story(
  { room: { count: 2, audioBlocked: true } },
  { ready: (c) => c.findByRole('button', { name: 'Enable audio' }) },
);
export const Docked = story(
  { room: { count: 3, speaking: 1 } },
  {
    args: { defaultMinimized: true },
    ready: (c) => c.findByRole('button', { name: 'Expand call' }),
  },
);
export const CreatorEndsForEveryone: Story = {
  ...story({ creator: true, room: { count: 3 } }, { ready: controls }),
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await userEvent.click(await c.findByRole('button', { name: 'End call options' }));
    await userEvent.click(await c.findByRole('button', { name: 'End for everyone' }));
    await expect(c.getByRole('alertdialog', { name: 'End the call for everyone?' })).toBeVisible();
  },
};

/** An app's own `Tile` that throws: the room says so and keeps Leave; the app is untouched. */
function BrokenTile(): never {
  throw new Error('A bug in the app’s tile');
}
export const AppTileError = story(
  { room: { count: 2 } },
  {
    args: { Tile: BrokenTile },
    ready: (c) => c.findByRole('button', { name: 'Try again' }),
  },
);

// Dark theme.
export const JoiningDark = story(
  { join: 'pending' },
  { theme: 'dark', ready: (c) => c.findByText('Connecting to the call…') },
);
export const FourPeopleDark = story(
  { room: { count: 4, speaking: 0, mutedIds: [2] } },
  { theme: 'dark', ready: controls },
);
export const ReconnectingDark = story(
  { room: { count: 2, connection: 'reconnecting' } },
  { theme: 'dark', ready: (c) => c.findByText('Reconnecting…') },
);
export const FailedDark = story(
  { join: new CallKitError('network-error', 'offline') },
  { theme: 'dark', ready: (c) => c.findByRole('button', { name: 'Retry' }) },
);
export const PermissionDeniedDark = story(
  { room: { count: 2, mediaIssue: new CallKitError('permission-denied', 'denied') } },
  { theme: 'dark', ready: (c) => c.findByText(/site settings/) },
);
export const DockedDark = story(
  { room: { count: 2 } },
  {
    theme: 'dark',
    args: { defaultMinimized: true },
    ready: (c) => c.findByRole('button', { name: 'Expand call' }),
  },
);
export const PreJoinDark = story(
  { stage: 'starting', creator: true },
  {
    theme: 'dark',
    args: { preJoin: true },
    ready: (c) => c.findByRole('button', { name: 'Join' }),
  },
);

// The header, the participants, the chat beside the call, a phone's width.
const openPanel = (name: string) => async (c: ReturnType<typeof within>) => {
  await controls(c);
  // On a phone, Chat is in the header's More menu.
  const more = c.queryByRole('button', { name: 'More options' });
  if (name === 'Chat' && more) await userEvent.click(more);
  await userEvent.click(await c.findByRole('button', { name }));
  return c.findByRole('complementary');
};
export const Participants = story(
  { creator: true, room: { count: 4, mutedIds: [1], screenShare: 2, speaking: 3 } },
  { ready: openPanel('Participants 4') },
);
export const ParticipantsDark = story(
  { creator: true, room: { count: 4, mutedIds: [1], screenShare: 2 } },
  { theme: 'dark', ready: openPanel('Participants 4') },
);
const CHAT: Setup['messages'] = [
  ['bob', 'Can everyone see my screen?'],
  ['carol', 'Yes, all good here'],
  ['alice', 'Sharing the notes in a minute'],
];
export const ChatBeside = story(
  { creator: true, messages: CHAT, room: { count: 3, speaking: 1 } },
  { ready: openPanel('Chat') },
);
export const ChatBesideDark = story(
  { creator: true, messages: CHAT, room: { count: 3 } },
  { theme: 'dark', ready: openPanel('Chat') },
);
export const Phone360 = story(
  { creator: true, room: { count: 3 } },
  { width: 360, ready: controls },
);
export const Phone360Dark = story(
  { creator: true, room: { count: 3 } },
  { theme: 'dark', width: 360, ready: controls },
);
export const Phone360Chat = story(
  { creator: true, messages: CHAT, room: { count: 3 } },
  { width: 360, ready: openPanel('Chat') },
);
/** 25 people on a phone: the header keeps one line (title, time, count, More). */
export const Phone390TwentyFive = story(
  { creator: true, room: { count: 25, speaking: 2 } },
  { width: 390, ready: controls },
);
/** Layout, chat and minimise are in the header's More menu on a phone. */
export const Phone390MoreMenu: Story = {
  ...story({ creator: true, room: { count: 25 } }, { theme: 'dark', width: 390, ready: controls }),
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await userEvent.click(await c.findByRole('button', { name: 'More options' }));
    const menu = await c.findByRole('dialog', { name: 'More options' });
    await expect(within(menu).getByRole('button', { name: 'Minimize call' })).toBeVisible();
  },
};
export const DevicesMenu: Story = {
  ...story({ room: { count: 2 } }, { ready: controls }),
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await userEvent.click(await c.findByRole('button', { name: 'Devices' }));
    await expect(await c.findByRole('combobox', { name: 'Choose microphone' })).toBeVisible();
  },
};
