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
  }: { theme?: 'light' | 'dark'; args?: Partial<ParticipantTileProps> } = {},
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
        <div style={{ width: 320 }}>
          <ParticipantTile {...props} />
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
export const MutedAvatarDark = story(
  { video: false, mutedIds: [1], speaking: 1 },
  { theme: 'dark' },
);
