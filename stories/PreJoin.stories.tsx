import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { PreJoin } from '../src/react/room';
import { createHarness, HarnessProvider, type RoomHarness } from './room/fixtures';

/**
 * The pre-join view with Chromium's fake camera and microphone (tracks stop on unmount). Its box
 * grows with it (the view is taller than the room's default 480 px story box).
 */
const meta = {
  title: 'Room/PreJoin',
  component: PreJoin,
  args: { onJoin: fn(), onCancel: fn() },
  loaders: [async () => ({ harness: await createHarness({ stage: 'none' }) })],
  render: (props, { loaded, globals }) => (
    <HarnessProvider
      harness={loaded.harness as RoomHarness}
      theme={globals.theme === 'dark' ? 'dark' : 'light'}
      height="auto"
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

/** The view stays inside its box: nothing it holds reaches past the box's edges. */
async function staysInside(canvasElement: HTMLElement) {
  const view = await within(canvasElement).findByRole('region', { name: 'Get ready to join' });
  await within(canvasElement).findByRole('button', { name: 'Join' });
  const box = view.parentElement!.getBoundingClientRect();
  for (const el of view.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    await expect(r.bottom, el.className.toString()).toBeLessThanOrEqual(box.bottom + 0.5);
    await expect(r.right, el.className.toString()).toBeLessThanOrEqual(box.right + 0.5);
  }
}

export const CameraOff: Story = {
  args: { defaultVideo: false },
  play: ({ canvasElement }) => staysInside(canvasElement),
};
export const Audio: Story = { args: { callType: 'audio' } };
export const VideoDark: Story = {
  globals: { theme: 'dark' },
  play: ({ canvasElement }) => staysInside(canvasElement),
};
