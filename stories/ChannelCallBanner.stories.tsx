import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { ChannelCallBanner } from '../src/react/ChannelCallBanner';
import { fakeCall, fakeLiveState } from './support/fakes';
import { USERS } from './support/offlineChat';
import { type WithChatOptions, withChat } from './support/withChat';

const call = fakeCall('design-review', 'video');
const live = fakeLiveState(call, {
  participants: [USERS.bob, USERS.carol].map((u) => ({
    user_id: u.id,
    name: u.name,
    joined_at: '2026-11-25T09:00:00.000Z',
  })),
});
const base: WithChatOptions = {
  calls: { notify: 'channel', ringing: false },
  chat: { data: { call } },
  api: { states: { 'design-review': live } },
};

const meta = {
  title: 'Chat/ChannelCallBanner',
  component: ChannelCallBanner,
  decorators: [withChat(base)],
} satisfies Meta<typeof ChannelCallBanner>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Ongoing: Story = {
  play: async ({ canvasElement }) => {
    const text = await within(canvasElement).findByText(/2 in the call/);
    await expect(text.closest('[role="status"]')).toHaveClass('str-call__banner');
    await within(canvasElement).findByRole('button', { name: 'Join' });
  },
};

export const InCall: Story = {
  parameters: { chat: { ...base, session: { call } } },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText('You are in this call');
  },
};

export const Joining: Story = {
  parameters: { chat: { ...base, session: { call }, providers: 'pending' } },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('button', { name: 'Joining…' });
  },
};

export const OngoingDark: Story = { ...Ongoing, parameters: { chat: { ...base, theme: 'dark' } } };
export const InCallDark: Story = {
  ...InCall,
  parameters: { chat: { ...base, session: { call }, theme: 'dark' } },
};
