import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { MessageList, Window } from 'stream-chat-react';
import { CallKitError } from '../src/core/errors';
import { CallAttachment } from '../src/react/CallAttachment';
import { fakeCall, fakeLiveState } from './support/fakes';
import { callMessage, USERS } from './support/offlineChat';
import { type WithChatOptions, withChat } from './support/withChat';

const video = fakeCall('standup', 'video');
const audio = fakeCall('quick-sync', 'audio');
const started = new Date(Date.now() - 5 * 60_000).toISOString();

const ongoing = fakeLiveState(video, {
  started_at: started,
  participants: [USERS.bob, USERS.carol, USERS.alice].map((u) => ({
    user_id: u.id,
    name: u.name,
    joined_at: started,
  })),
});
const ended = fakeLiveState(video, {
  state: 'ended',
  started_at: '2026-11-25T09:00:00.000Z',
  ended_at: '2026-11-25T09:03:20.000Z',
});

function chatWith(attachment: Record<string, unknown>, extra: WithChatOptions = {}) {
  return {
    chat: {
      ...extra,
      chat: { messages: [callMessage(attachment, { user: USERS.bob, createdAt: started })] },
    },
  };
}

const meta = {
  title: 'Chat/CallAttachment',
  component: CallAttachment,
  decorators: [withChat({ calls: { ringing: false } })],
  args: { attachments: [] },
  render: () => (
    <div style={{ height: 360, display: 'flex' }}>
      <Window>
        <MessageList />
      </Window>
    </div>
  ),
} satisfies Meta<typeof CallAttachment>;

export default meta;
type Story = StoryObj<typeof meta>;

const card = (el: HTMLElement, name = 'Video call') => within(el).findByRole('group', { name });

export const OngoingWithPeople: Story = {
  parameters: chatWith({ type: 'call', call: video }, { api: { states: { standup: ongoing } } }),
  play: async ({ canvasElement }) => {
    const group = await card(canvasElement);
    await within(group).findByText('3 in the call');
    await expect(group).toHaveTextContent('Started by Bob Chen');
  },
};

export const EndedWithDuration: Story = {
  parameters: chatWith({ type: 'call', call: video }, { api: { states: { standup: ended } } }),
  play: async ({ canvasElement }) => {
    await within(await card(canvasElement)).findByText('Ended · 3 min 20 s');
  },
};

export const AudioCall: Story = {
  parameters: chatWith(
    { type: 'call', call: audio },
    { api: { states: { 'quick-sync': fakeLiveState(audio) } } },
  ),
  play: async ({ canvasElement }) => {
    await card(canvasElement, 'Audio call');
  },
};

export const Joining: Story = {
  parameters: chatWith(
    { type: 'call', call: video },
    { api: { states: { standup: ongoing } }, providers: 'pending', session: { call: video } },
  ),
  play: async ({ canvasElement }) => {
    const button = await within(await card(canvasElement)).findByRole('button', {
      name: 'Joining…',
    });
    await expect(button).toHaveAttribute('aria-busy', 'true');
  },
};

export const InCall: Story = {
  parameters: chatWith(
    { type: 'call', call: video },
    { api: { states: { standup: ongoing } }, providers: 'join', session: { call: video } },
  ),
  play: async ({ canvasElement }) => {
    await within(await card(canvasElement)).findByText('You are in this call');
  },
};

export const FailedWithRetry: Story = {
  parameters: chatWith(
    { type: 'call', call: video },
    {
      api: { states: { standup: ongoing } },
      providers: new CallKitError('provider-join-failed', 'unreachable'),
      session: { call: video },
    },
  ),
  play: async ({ canvasElement }) => {
    const group = await card(canvasElement);
    await within(group).findByRole('button', { name: 'Retry' });
    await expect(group).toHaveTextContent('Could not connect to the call. Try again.');
  },
};

/** The app registered agora() without installing agora-rtc-sdk-ng: the card names the package. */
export const ProviderSdkMissing: Story = {
  parameters: chatWith(
    { type: 'call', call: video },
    {
      api: { states: { standup: ongoing } },
      providers: new CallKitError(
        'provider-sdk-missing',
        'agora() needs the agora-rtc-sdk-ng package, which this app does not include: npm install agora-rtc-sdk-ng',
        { values: { package: 'agora-rtc-sdk-ng' } },
      ),
      session: { call: video },
    },
  ),
  play: async ({ canvasElement }) => {
    const group = await card(canvasElement);
    await expect(await within(group).findByRole('alert')).toHaveTextContent(
      "This app can't join this call: the agora-rtc-sdk-ng package is not installed.",
    );
  },
};

/** A call attachment that does not parse: a notice, never a Join button. */
export const Unsupported: Story = {
  parameters: chatWith({ type: 'call', call: { id: 'x', provider: 'skype', type: 'video' } }),
  play: async ({ canvasElement }) => {
    const note = await within(canvasElement).findByRole('note');
    await expect(note).toHaveTextContent("This call can't be joined");
    await expect(within(canvasElement).queryByRole('button', { name: /join/i })).toBeNull();
  },
};

const dark = (story: Story): Story => ({
  ...story,
  parameters: { chat: { ...(story.parameters?.chat as WithChatOptions), theme: 'dark' } },
});

/** Bob's call to Alice (who reads it) went unanswered: "Missed call", and Call again. */
export const MissedCall: Story = {
  parameters: chatWith(
    { type: 'call', call: video },
    {
      api: {
        states: {
          standup: {
            ...ended,
            ended_reason: 'no-answer',
            created_by: { id: 'bob' },
            attendees: [],
          },
        },
      },
    },
  ),
  play: async ({ canvasElement }) => {
    const group = await card(canvasElement);
    await within(group).findByText('Missed call');
    await expect(within(group).getByRole('button', { name: 'Call again' })).toBeVisible();
  },
};

/** Alice's own call that Bob declined. */
export const DeclinedCall: Story = {
  parameters: chatWith(
    { type: 'call', call: video },
    {
      api: {
        states: {
          standup: {
            ...ended,
            ended_reason: 'declined',
            created_by: { id: 'alice' },
            attendees: [],
          },
        },
      },
    },
  ),
  play: async ({ canvasElement }) => {
    await within(await card(canvasElement)).findByText('Declined');
  },
};

/** Everybody has left and the call is about to end: never "0 in the call". */
export const Ending: Story = {
  parameters: chatWith(
    { type: 'call', call: video },
    {
      api: {
        states: {
          standup: { ...ongoing, participants: [], attendees: ongoing.participants },
        },
      },
    },
  ),
  play: async ({ canvasElement }) => {
    await within(await card(canvasElement)).findByText('Ending…');
  },
};

export const OngoingWithPeopleDark = dark(OngoingWithPeople);
export const EndedWithDurationDark = dark(EndedWithDuration);
export const JoiningDark = dark(Joining);
export const InCallDark = dark(InCall);
export const FailedWithRetryDark = dark(FailedWithRetry);
export const ProviderSdkMissingDark = dark(ProviderSdkMissing);
export const UnsupportedDark = dark(Unsupported);
export const MissedCallDark = dark(MissedCall);
export const DeclinedCallDark = dark(DeclinedCall);
export const EndingDark = dark(Ending);
