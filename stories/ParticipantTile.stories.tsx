import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { ParticipantTile, type ParticipantTileProps } from '../src/react/room';
import {
  createFakeRoom,
  createHarness,
  type FakeRoom,
  type FakeRoomOptions,
  RoomFrame,
  type RoomHarness,
} from './room/fixtures';

/** One tile over a fake room (real room store); video is a canvas captureStream track. */
const meta = {
  title: 'Room/ParticipantTile',
  component: ParticipantTile,
  args: { participantId: 'p1' },
} satisfies Meta<typeof ParticipantTile>;

export default meta;
type Story = StoryObj<typeof meta>;

function story(
  room: FakeRoomOptions,
  {
    theme = 'light',
    args = {},
    size = { width: 320 },
  }: {
    theme?: 'light' | 'dark';
    args?: Partial<ParticipantTileProps>;
    /** The tile's box (the grid gives it both sides). */
    size?: { width: number; height?: number };
  } = {},
): Story {
  return {
    args,
    loaders: [
      async () => {
        const fake = createFakeRoom({ count: 2, ...room });
        return { fake, harness: await createHarness({ behaviour: fake }) };
      },
    ],
    render: (props, { loaded }) => (
      <RoomFrame
        harness={loaded.harness as RoomHarness}
        room={loaded.fake as FakeRoom}
        theme={theme}
      >
        <div style={{ ...size, display: 'grid' }}>
          <ParticipantTile {...props} style={size.height ? { aspectRatio: 'auto' } : undefined} />
        </div>
      </RoomFrame>
    ),
    play: async ({ canvasElement }) => {
      await within(canvasElement).findByRole('group');
    },
  };
}

export const Video: Story = {
  ...story({ video: true }),
  play: async ({ canvasElement }) => {
    const tile = await within(canvasElement).findByRole('group', { name: 'Bob Chen' });
    await expect(tile).toHaveAttribute('data-video');
    const video = tile.querySelector('video')!;
    await new Promise<void>((resolve) => video.requestVideoFrameCallback(() => resolve()));
    await expect(video.videoWidth).toBeGreaterThan(2);
  },
};
export const Avatar = story({ video: false });
export const Local = story({ video: false }, { args: { participantId: 'p0' } });
export const Muted = story({ video: true, mutedIds: [1] });
export const Speaking = story({ video: false, speaking: 1 });
export const ScreenShare = story({ video: true, screenShare: 1 }, { args: { source: 'screen' } });
export const VideoDark = story({ video: true }, { theme: 'dark' });
/** The smallest a grid makes a tile (160 × 112): the avatar whole above the name. */
export const MinimumSize: Story = {
  ...story({ video: false, mutedIds: [1] }, { size: { width: 160, height: 112 } }),
  play: async ({ canvasElement }) => {
    const tile = await within(canvasElement).findByRole('group', { name: 'Bob Chen' });
    const avatar = tile.querySelector('.str-call__avatar')!.getBoundingClientRect();
    const label = tile.querySelector('.str-call__tile-label')!.getBoundingClientRect();
    await expect(avatar.width).toBeGreaterThanOrEqual(32);
    await expect(avatar.bottom).toBeLessThanOrEqual(label.top);
  },
};
/** A long name truncates; "(you)" stays. */
export const LongNameYou: Story = {
  ...story({ video: false }, { args: { participantId: 'p0' }, size: { width: 200 } }),
  loaders: [
    async () => {
      const fake = createFakeRoom({ count: 2, video: false });
      fake.store.upsertParticipant('p0', { name: 'Maximiliana Bartholomew-Fitzgerald' });
      return { fake, harness: await createHarness({ behaviour: fake }) };
    },
  ],
  play: async ({ canvasElement }) => {
    const tile = await within(canvasElement).findByRole('group', { name: /\(you\)$/ });
    const you = tile.querySelector('.str-call__tile-you')!.getBoundingClientRect();
    await expect(you.right).toBeLessThanOrEqual(tile.getBoundingClientRect().right);
    await expect(you.width).toBeGreaterThan(10);
  },
};
export const MutedAvatarDark = story(
  { video: false, mutedIds: [1], speaking: 1 },
  { theme: 'dark' },
);
