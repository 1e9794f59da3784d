import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect, useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { useChatContext } from 'stream-chat-react';
import { useCallsContext } from '../src/react/context/CallsContext';
import { IncomingCall } from '../src/react/IncomingCall';
import { fakeCall } from './support/fakes';
import { USERS } from './support/offlineChat';
import { type WithChatOptions, withChat } from './support/withChat';

const video = fakeCall('incoming-1', 'video');
const audio = fakeCall('incoming-2', 'audio');
const ring = (call = video) => ({ type: 'call.ring' as const, user: USERS.bob, call }) as never;

/** Portals into a host inside the story, so the story's own checks (and axe) see it. */
function InHost() {
  const [host, setHost] = useState<HTMLDivElement | null>(null);
  return (
    <div ref={setHost} style={{ position: 'relative', minHeight: 220 }}>
      {host && <IncomingCall container={host} />}
    </div>
  );
}

const ringing: WithChatOptions = {
  calls: { muteRingtone: true },
  events: [ring()],
  inChannel: false,
};

const meta = {
  title: 'Chat/IncomingCall',
  component: IncomingCall,
  decorators: [withChat(ringing)],
  render: () => <InHost />,
} satisfies Meta<typeof IncomingCall>;

export default meta;
type Story = StoryObj<typeof meta>;

const body = (el: HTMLElement) => within(el.ownerDocument.body);

export const Ringing: Story = {
  play: async ({ canvasElement }) => {
    const dialog = await body(canvasElement).findByRole('alertdialog', {
      name: 'Bob Chen is calling',
    });
    await expect(dialog).toHaveAccessibleDescription('Incoming video call in General');
    await waitFor(() =>
      expect(within(dialog).getByRole('button', { name: 'Accept' })).toHaveFocus(),
    );
  },
};

export const RingingAudio: Story = {
  parameters: { chat: { ...ringing, events: [ring(audio)] } },
  play: async ({ canvasElement }) => {
    await body(canvasElement).findByText('Incoming audio call in General');
  },
};

export const Missed: Story = {
  parameters: { chat: { ...ringing, calls: { muteRingtone: true, ringTimeoutMs: 50 } } },
  play: async ({ canvasElement }) => {
    await body(canvasElement).findByText(/Missed call from Bob Chen/);
    await expect(body(canvasElement).queryByRole('alertdialog')).toBeNull();
  },
};

export const Declined: Story = {
  play: async ({ canvasElement }) => {
    const dialog = await body(canvasElement).findByRole('alertdialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Decline' }));
    await expect(body(canvasElement).queryByRole('alertdialog')).toBeNull();
  },
};

export const RingingSpanish: Story = {
  parameters: { chat: { ...ringing, language: 'es' } },
  play: async ({ canvasElement }) => {
    await body(canvasElement).findByRole('alertdialog', { name: 'Bob Chen te está llamando' });
  },
};

export const RingingDark: Story = {
  ...Ringing,
  parameters: { chat: { ...ringing, theme: 'dark' } },
};
export const MissedDark: Story = {
  ...Missed,
  parameters: { chat: { ...(Missed.parameters?.chat as WithChatOptions), theme: 'dark' } },
};

/** A ring while the user is in another call: quieter, distinct, "End and accept". */
export const CallWaiting: Story = {
  parameters: {
    chat: { ...ringing, session: { call: fakeCall('current-call', 'audio') }, events: [] },
  },
  render: () => (
    <>
      <InHost />
      <RingLater />
    </>
  ),
  play: async ({ canvasElement }) => {
    const dialog = await body(canvasElement).findByRole('alertdialog', {
      name: 'Bob Chen is calling',
    });
    await expect(dialog).toHaveAttribute('data-state', 'waiting');
    await expect(within(dialog).getByRole('button', { name: 'End and accept' })).toBeVisible();
  },
};
export const CallWaitingDark: Story = {
  ...CallWaiting,
  parameters: {
    chat: { ...(CallWaiting.parameters?.chat as WithChatOptions), theme: 'dark' },
  },
};

/** Rings once the story's call is joined (call waiting needs a call to wait in). */
function RingLater() {
  const { controller } = useCallsContext();
  const { client } = useChatContext('RingLater');
  useEffect(() => {
    const cid = Object.keys(client.activeChannels)[0];
    const off = controller.subscribe(() => {
      if (controller.getSnapshot().phase !== 'in-call') return;
      off();
      client.dispatchEvent({ type: 'call.ring', user: USERS.bob, call: video, cid } as never);
    });
    return off;
  }, [controller, client]);
  return null;
}
