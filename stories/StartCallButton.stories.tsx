import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { CallKitError } from '../src/core/errors';
import { StartCallButton } from '../src/react/StartCallButton';
import { type WithChatOptions, withChat } from './support/withChat';

const meta = {
  title: 'Chat/StartCallButton',
  component: StartCallButton,
  decorators: [withChat({ calls: { ringing: false } })],
  args: { type: 'video' },
  argTypes: {
    type: { control: 'inline-radio', options: ['audio', 'video'] },
    whenUnavailable: { control: 'inline-radio', options: ['hide', 'disable'] },
  },
} satisfies Meta<typeof StartCallButton>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Idle: Story = {
  play: async ({ canvasElement }) => {
    const button = within(canvasElement).getByRole('button', { name: 'Start video call' });
    await expect(button).toHaveAttribute('data-state', 'idle');
  },
};

export const Audio: Story = { args: { type: 'audio' } };

/** CreateCall never answers: the button stays busy. */
export const Starting: Story = {
  parameters: { chat: { api: { createCall: 'pending' } } },
  play: async ({ canvasElement }) => {
    const button = within(canvasElement).getByRole('button', { name: 'Start video call' });
    await userEvent.click(button);
    await expect(button).toHaveAttribute('aria-busy', 'true');
    // Disabled for clicks, still focused (aria-disabled): the room gives focus back to it.
    await expect(button).toHaveAttribute('aria-disabled', 'true');
    await expect(button).toHaveFocus();
  },
};

export const Failed: Story = {
  parameters: {
    chat: { api: { createCall: new CallKitError('network-error', 'offline') } },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Start video call' }));
    await expect(await canvas.findByText(/Could not reach the call service/)).toHaveAttribute(
      'role',
      'alert',
    );
  },
};

/** Without the `send-message` capability, disabled with the reason as its name. */
export const Unavailable: Story = {
  args: { whenUnavailable: 'disable' },
  parameters: { chat: { chat: { capabilities: ['read-events'] } } },
  play: async ({ canvasElement }) => {
    const button = within(canvasElement).getByRole('button', {
      name: "Start video call: You can't start a call in this channel",
    });
    await expect(button).toBeDisabled();
  },
};

export const Spanish: Story = { parameters: { chat: { language: 'es' } } };

const dark = (story: Story): Story => ({
  ...story,
  parameters: { chat: { ...(story.parameters?.chat as WithChatOptions), theme: 'dark' } },
});

export const IdleDark = dark(Idle);
export const StartingDark = dark(Starting);
export const FailedDark = dark(Failed);
export const UnavailableDark = dark(Unavailable);
