import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { CallControls } from '../src/react/room';
import {
  createFakeRoom,
  createHarness,
  type FakeRoom,
  type FakeRoomOptions,
  RoomFrame,
  type RoomHarness,
} from './room/fixtures';

/** Controls over a fake room (real room store) and a real session. */
const meta = {
  title: 'Room/CallControls',
  component: CallControls,
} satisfies Meta<typeof CallControls>;

export default meta;
type Story = StoryObj<typeof meta>;

function story({
  room = {},
  creator = false,
  type = 'video',
  theme = 'light',
}: {
  room?: FakeRoomOptions;
  creator?: boolean;
  type?: 'audio' | 'video';
  theme?: 'light' | 'dark';
} = {}): Story {
  return {
    loaders: [
      async () => {
        const fake = createFakeRoom({ count: 2, video: false, ...room });
        return { fake, harness: await createHarness({ behaviour: fake, creator, type }) };
      },
    ],
    render: (props, { loaded }) => (
      <RoomFrame
        harness={loaded.harness as RoomHarness}
        room={loaded.fake as FakeRoom}
        theme={theme}
      >
        <div style={{ paddingTop: 200 }}>
          <CallControls {...props} />
        </div>
      </RoomFrame>
    ),
    play: async ({ canvasElement }) => {
      await within(canvasElement).findByRole('group', { name: 'Call controls' });
    },
  };
}

const open = async (canvasElement: HTMLElement) =>
  within(canvasElement).findByRole('group', { name: 'Call controls' });

export const AllOn = story();
export const MicrophoneMuted = story({ room: { mutedIds: [0] } });
export const AudioCall = story({ type: 'audio' });

/** Each toggle announces its new state in a polite live region. */
export const ToggleAnnounced: Story = {
  ...story(),
  play: async ({ canvasElement }) => {
    const controls = await open(canvasElement);
    const mic = within(controls).getByRole('button', { name: 'Microphone' });
    await userEvent.click(mic);
    await expect(mic).toHaveAttribute('aria-pressed', 'false');
    await expect(controls.querySelector('[aria-live="polite"]')).toHaveTextContent(
      'Microphone off',
    );
    await userEvent.click(within(controls).getByRole('button', { name: 'Share screen' }));
    await expect(controls.querySelector('[aria-live="polite"]')).toHaveTextContent(
      'Screen sharing on',
    );
  },
};

export const DeviceMenu: Story = {
  ...story(),
  play: async ({ canvasElement }) => {
    const controls = await open(canvasElement);
    await userEvent.click(within(controls).getByRole('button', { name: 'Devices' }));
    await expect(within(controls).getByRole('combobox', { name: 'Choose camera' })).toBeVisible();
  },
};

export const Creator: Story = {
  ...story({ creator: true }),
  play: async ({ canvasElement }) => {
    const controls = await open(canvasElement);
    await userEvent.click(within(controls).getByRole('button', { name: 'End call options' }));
    await userEvent.click(within(controls).getByRole('button', { name: 'End for everyone' }));
    await expect(within(controls).getByRole('alertdialog')).toBeVisible();
  },
};

export const AllOnDark = story({ theme: 'dark' });
export const CreatorDark: Story = {
  ...story({ creator: true, theme: 'dark', room: { mutedIds: [0] } }),
};
