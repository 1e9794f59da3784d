import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { type CallLayout, CallRoom, DefaultCallLayout } from '../src/react/room';
import {
  createFakeRoom,
  createHarness,
  type FakeRoomOptions,
  HarnessProvider,
  type RoomHarness,
} from './room/fixtures';

/**
 * The room's stage in every layout DefaultCallLayout picks, inside the real CallRoom placed
 * inline in the story's box (real CallController and session, a fake provider over a real room
 * store; canvas video). Each story runs axe, in light and dark, at the full width and in a
 * 360 × 740 phone box.
 */
const meta = {
  title: 'Room/Layouts',
  component: DefaultCallLayout,
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof DefaultCallLayout>;

export default meta;
type Story = StoryObj<typeof meta>;
type Canvas = ReturnType<typeof within>;

interface Setup {
  room: FakeRoomOptions;
  type?: 'audio' | 'video';
  theme?: 'light' | 'dark';
  /** A phone: 360 × 740. */
  phone?: boolean;
  /** A 1280 × 720 window, whatever the viewport (25 people fit there without pages). */
  desktop?: boolean;
  /** The box's height (default 640; 740 on a phone, 720 on a desktop). */
  height?: number;
  pick?: CallLayout;
  /** What must be on screen before the a11y check. */
  ready: (canvas: Canvas, root: HTMLElement) => Promise<unknown>;
}

function story({
  room,
  type = 'video',
  theme = 'light',
  phone,
  desktop,
  pick,
  height,
  ready,
}: Setup): Story {
  return {
    loaders: [
      async () => ({ harness: await createHarness({ behaviour: createFakeRoom(room), type }) }),
    ],
    render: (_, { loaded }) => (
      <HarnessProvider
        harness={loaded.harness as RoomHarness}
        theme={theme}
        width={phone ? 360 : desktop ? 1280 : undefined}
        height={height ?? (phone ? 740 : desktop ? 720 : 640)}
      >
        <CallRoom inline defaultLayout={pick} />
      </HarnessProvider>
    ),
    play: async ({ canvasElement }) => {
      await ready(within(canvasElement), canvasElement);
    },
  };
}

/** The stage, once it shows `kind`. */
async function stage(root: HTMLElement, kind: string): Promise<HTMLElement> {
  return waitFor(
    () => {
      const el = root.querySelector<HTMLElement>(`div[data-layout="${kind}"]`);
      if (!el) throw new Error(`no ${kind} layout`);
      return el;
    },
    { timeout: 5_000 },
  );
}

const oneOnOne: Setup['ready'] = async (c, root) => {
  await stage(root, 'one-on-one');
  await c.findByRole('group', { name: 'Your video' });
};
const waiting: Setup['ready'] = async (c, root) => {
  await stage(root, 'waiting');
  await c.findByText('Waiting for others to join…');
};
const audio: Setup['ready'] = async (c, root) => {
  await stage(root, 'audio');
  await c.findByRole('list', { name: 'Participants' });
};
const presenting: Setup['ready'] = async (c, root) => {
  await stage(root, 'screen-share');
  await c.findByRole('button', { name: 'Stop presenting' });
};
/** Every tile at least 160 × 112 px, its avatar whole and above its name label. */
async function legible(root: HTMLElement) {
  for (const tile of root.querySelectorAll<HTMLElement>('.str-call__tile')) {
    const name = tile.getAttribute('aria-label');
    const box = tile.getBoundingClientRect();
    await expect(box.width, name!).toBeGreaterThanOrEqual(160);
    await expect(box.height, name!).toBeGreaterThanOrEqual(112);
    const avatar = tile.querySelector('.str-call__avatar')?.getBoundingClientRect();
    const label = tile.querySelector('.str-call__tile-label')!.getBoundingClientRect();
    if (!avatar) continue;
    await expect(avatar.width, name!).toBeGreaterThanOrEqual(32);
    await expect(avatar.top, name!).toBeGreaterThanOrEqual(box.top);
    await expect(avatar.bottom, name!).toBeLessThanOrEqual(label.top);
  }
}

const grid =
  (tiles: number): Setup['ready'] =>
  async (_, root) => {
    const el = await stage(root, 'grid');
    await waitFor(() => expect(el.querySelectorAll('.str-call__tile')).toHaveLength(tiles));
    await legible(el);
  };

/** A call of two: the other person large, yourself in a corner (drag it or use the arrow keys). */
export const OneOnOne = story({ room: { count: 2, speaking: 1 }, ready: oneOnOne });
export const OneOnOneDark = story({ room: { count: 2 }, theme: 'dark', ready: oneOnOne });
export const OneOnOnePhone = story({ room: { count: 2 }, phone: true, ready: oneOnOne });
/** The corner moves with the arrow keys and is remembered. */
export const OneOnOneMoved: Story = {
  ...story({ room: { count: 2 }, ready: oneOnOne }),
  play: async ({ canvasElement }) => {
    localStorage.removeItem('str-call:self-view-corner');
    const c = within(canvasElement);
    const pip = await c.findByRole('group', { name: 'Your video' });
    pip.focus();
    await userEvent.keyboard('{ArrowUp}{ArrowLeft}');
    await expect(pip).toHaveAttribute('data-corner', 'top-left');
    localStorage.removeItem('str-call:self-view-corner');
  },
};

/** Alone: your own tile and "Waiting for others to join". */
export const Waiting = story({ room: { count: 1 }, ready: waiting });
export const WaitingDark = story({ room: { count: 1 }, theme: 'dark', ready: waiting });
export const WaitingPhone = story({ room: { count: 1 }, phone: true, ready: waiting });

/** An audio call: large avatars, a ring for whoever speaks, names and mute state. */
export const AudioCall = story({
  room: { count: 4, video: false, speaking: 1, mutedIds: [2] },
  type: 'audio',
  ready: audio,
});
export const AudioCallDark = story({
  room: { count: 4, video: false, speaking: 3, mutedIds: [0] },
  type: 'audio',
  theme: 'dark',
  ready: audio,
});
export const AudioCallPhone = story({
  room: { count: 6, video: false, speaking: 2 },
  type: 'audio',
  phone: true,
  ready: audio,
});
export const AudioCallAlone = story({
  room: { count: 1, video: false },
  type: 'audio',
  ready: async (c) => c.findByText('Waiting for others to join…'),
});

/** You present: "Stop presenting" on the stage instead of a mirror of your own screen. */
export const Presenting = story({ room: { count: 4, screenShare: 0 }, ready: presenting });
export const PresentingDark = story({
  room: { count: 4, screenShare: 0 },
  theme: 'dark',
  ready: presenting,
});
export const PresentingPhone = story({
  room: { count: 4, screenShare: 0 },
  phone: true,
  ready: presenting,
});
/** Someone else presents: their screen takes the stage, in the grid pick too. */
export const ScreenShare = story({
  room: { count: 5, screenShare: 2, speaking: 1 },
  pick: 'grid',
  ready: async (c) => c.findByRole('group', { name: 'Carol Diaz is presenting' }),
});
export const ScreenSharePhone = story({
  room: { count: 5, screenShare: 2 },
  phone: true,
  ready: async (c) => c.findByRole('group', { name: 'Carol Diaz is presenting' }),
});

/** A group: the grid, the others first, you last. */
export const NinePeople = story({
  room: { count: 9, speaking: 4, mutedIds: [2, 6] },
  ready: grid(9),
});
export const NinePeopleDark = story({
  room: { count: 9, video: false, speaking: 4, mutedIds: [2] },
  theme: 'dark',
  ready: grid(9),
});
export const NinePeoplePhone = story({
  room: { count: 9, video: false, mutedIds: [3] },
  phone: true,
  ready: async (c, root) => {
    await stage(root, 'grid');
    await c.findByRole('navigation', { name: 'Participant pages' });
  },
});
export const TwentyFivePeople = story({
  room: { count: 25, video: false, speaking: 7, mutedIds: [1, 5, 9] },
  desktop: true,
  ready: grid(25),
});
export const TwentyFivePeopleDark = story({
  room: { count: 25, video: false, mutedIds: [4] },
  theme: 'dark',
  desktop: true,
  ready: grid(25),
});
/** On a phone 25 people page: previous / next, yourself on every page. */
export const TwentyFivePeoplePhone: Story = {
  ...story({ room: { count: 25, video: false }, phone: true, ready: grid(8) }),
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await grid(8)(c, canvasElement);
    const pages = c.getByRole('navigation', { name: 'Participant pages' });
    await userEvent.click(within(pages).getByRole('button', { name: 'Next page' }));
    await expect(pages).toHaveTextContent('Page 2 of 4');
    await expect(c.getByRole('group', { name: 'Alice Martin (you)' })).toBeVisible();
  },
};
/** 16 people in a short room (480 px): three rows of legible tiles, the rest on a second page. */
export const SixteenPeopleShortRoom = story({
  room: { count: 16, video: false, mutedIds: [3, 7] },
  desktop: true,
  height: 480,
  ready: async (c, root) => {
    await stage(root, 'grid');
    await c.findByText('Page 1 of 2');
    await legible(root);
  },
});
/** The speaker pick: whoever speaks large, never yourself. */
export const Speaker = story({
  room: { count: 5, speaking: 3 },
  pick: 'speaker',
  ready: async (c, root) => {
    await stage(root, 'speaker');
    await c.findByRole('list', { name: 'Other participants' });
  },
});
