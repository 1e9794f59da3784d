import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { CallSwitchDialog } from '../src/react/CallSwitchDialog';
import { StartCallButton } from '../src/react/StartCallButton';
import { fakeCall } from './support/fakes';
import { Scenario } from './support/Scenario';
import { type WithChatOptions, withChat } from './support/withChat';

const current = fakeCall('current-call', 'video');

/** Portals into a host inside the story, so the story's own checks (and axe) see it. */
function InHost() {
  const [host, setHost] = useState<HTMLDivElement | null>(null);
  return (
    <div ref={setHost} style={{ position: 'relative', minHeight: 260 }}>
      <StartCallButton type="audio" />
      {host && <CallSwitchDialog container={host} />}
      <Scenario steps={[{ kind: 'join', call: current }]} />
    </div>
  );
}

const inCall: WithChatOptions = { calls: { muteRingtone: true, ringing: false } };

const meta = {
  title: 'Chat/CallSwitchDialog',
  component: CallSwitchDialog,
  decorators: [withChat(inCall)],
  render: () => <InHost />,
} satisfies Meta<typeof CallSwitchDialog>;

export default meta;
type Story = StoryObj<typeof meta>;

/** In a call, the user presses Start: "Leave your current call?", Stay focused. */
export const Asking: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const start = await canvas.findByRole('button', { name: 'Start audio call' });
    await waitFor(() => expect(start).toHaveAttribute('data-in-call'));
    await userEvent.click(start);
    const dialog = await canvas.findByRole('alertdialog', { name: 'Leave your current call?' });
    await waitFor(() =>
      expect(within(dialog).getByRole('button', { name: 'Stay in this call' })).toHaveFocus(),
    );
    await expect(within(dialog).getByRole('button', { name: 'Leave and start' })).toBeVisible();
  },
};

/** Stay keeps the call: the question goes, nothing else changes. */
export const Stayed: Story = {
  play: async (context) => {
    await Asking.play?.(context);
    const canvas = within(context.canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Stay in this call' }));
    await expect(canvas.queryByRole('alertdialog')).toBeNull();
  },
};

export const AskingSpanish: Story = {
  parameters: { chat: { ...inCall, language: 'es' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const start = await canvas.findByRole('button', { name: 'Iniciar llamada de voz' });
    await waitFor(() => expect(start).toHaveAttribute('data-in-call'));
    await userEvent.click(start);
    await canvas.findByRole('alertdialog', { name: '¿Salir de tu llamada actual?' });
  },
};

export const AskingDark: Story = { ...Asking, parameters: { chat: { ...inCall, theme: 'dark' } } };
