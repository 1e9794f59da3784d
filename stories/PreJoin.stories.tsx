import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { PreJoin } from '../src/react/room';
import { createHarness, HarnessProvider, type RoomHarness } from './room/fixtures';

/** The pre-join view with Chromium's fake camera and microphone (tracks stop on unmount). */
const meta = {
  title: 'Room/PreJoin',
  component: PreJoin,
  args: { onJoin: fn(), onCancel: fn() },
  loaders: [async () => ({ harness: await createHarness({ stage: 'none' }) })],
  render: (props, { loaded, globals }) => (
    <HarnessProvider
      harness={loaded.harness as RoomHarness}
      theme={globals.theme === 'dark' ? 'dark' : 'light'}
    >
      <PreJoin {...props} />
    </HarnessProvider>
  ),
} satisfies Meta<typeof PreJoin>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Video: Story = {
  play: async ({ canvasElement, args }) => {
    const c = within(canvasElement);
    const preview = await c.findByLabelText('Camera preview', {}, { timeout: 5_000 });
    await expect(preview.tagName).toBe('VIDEO');
    await userEvent.click(c.getByRole('button', { name: 'Microphone' }));
    await userEvent.click(c.getByRole('button', { name: 'Join' }));
    await expect(args.onJoin).toHaveBeenCalledWith(
      expect.objectContaining({ audio: false, video: true }),
    );
  },
};

export const CameraOff: Story = { args: { defaultVideo: false } };
export const Audio: Story = { args: { callType: 'audio' } };
export const VideoDark: Story = { globals: { theme: 'dark' } };
