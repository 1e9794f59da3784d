import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { OutgoingCall } from '../src/react/OutgoingCall';
import { USERS } from './support/offlineChat';
import { Scenario, type ScenarioStep } from './support/Scenario';
import { type WithChatOptions, withChat } from './support/withChat';

/** Alice calls Bob in their direct channel (two members: a 1:1 call). */
const direct: WithChatOptions = {
  calls: { muteRingtone: true },
  chat: { members: [USERS.alice, USERS.bob], channelName: '' },
};
const declined = (reason: 'declined' | 'busy'): ScenarioStep => ({
  kind: 'event',
  event: { type: 'call.declined', call_id: 'story-call', session: 1, reason } as never,
});

const START: ScenarioStep[] = [{ kind: 'start' }];

const meta = {
  title: 'Chat/OutgoingCall',
  component: OutgoingCall,
  decorators: [withChat(direct)],
  // `parameters.steps`: what happens after mount (Alice starts; Bob answers).
  render: (args, { parameters }) => (
    <div style={{ minHeight: 320, display: 'flex' }}>
      <OutgoingCall {...args} style={{ flex: 1 }} />
      <Scenario steps={(parameters.steps as ScenarioStep[] | undefined) ?? START} />
    </div>
  ),
} satisfies Meta<typeof OutgoingCall>;

export default meta;
type Story = StoryObj<typeof meta>;

/** "Calling Bob…": his picture, the ring-back tone (muted here) and Cancel, focused. */
export const Calling: Story = {
  play: async ({ canvasElement }) => {
    const view = await within(canvasElement).findByRole('group', { name: 'Calling Bob Chen…' });
    await waitFor(() => expect(within(view).getByRole('button', { name: 'Cancel' })).toHaveFocus());
  },
};

/** The ring timed out: the call ended itself; Call again or Close. */
export const NoAnswer: Story = {
  parameters: { chat: { ...direct, calls: { muteRingtone: true, ringTimeoutMs: 100 } } },
  play: async ({ canvasElement }) => {
    const view = await within(canvasElement).findByRole('group', { name: 'No answer' });
    await expect(within(view).getByRole('button', { name: 'Call again' })).toBeVisible();
    await expect(within(view).getByRole('button', { name: 'Close' })).toBeVisible();
  },
};

/** Bob declined. */
export const Declined: Story = {
  parameters: { steps: [...START, declined('declined')] },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('group', { name: 'Bob Chen declined' });
  },
};

/** Bob was in another call and declined it that way. */
export const Busy: Story = {
  parameters: { steps: [...START, declined('busy')] },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('group', { name: 'Bob Chen is in another call' });
  },
};

export const CallingSpanish: Story = {
  parameters: { chat: { ...direct, language: 'es' } },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('group', { name: 'Llamando a Bob Chen…' });
  },
};

const dark = { ...direct, theme: 'dark' } as WithChatOptions;
export const CallingDark: Story = { ...Calling, parameters: { chat: dark } };
export const NoAnswerDark: Story = {
  ...NoAnswer,
  parameters: { chat: { ...dark, calls: { muteRingtone: true, ringTimeoutMs: 100 } } },
};
export const DeclinedDark: Story = {
  ...Declined,
  parameters: { ...Declined.parameters, chat: dark },
};
export const BusyDark: Story = { ...Busy, parameters: { ...Busy.parameters, chat: dark } };
