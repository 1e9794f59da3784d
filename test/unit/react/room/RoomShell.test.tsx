/**
 * The room's shell: header (title, time, count), participants, chat beside the call, focus in and
 * out of the room, the page under it inert, minimised per call. A real controller and session over
 * a fake provider room (stories/room/fixtures).
 */
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, test, vi } from 'vitest';
import { CallRoom } from '../../../../src/react/room';
import { formatDuration } from '../../../../src/react/room/useCallDuration';
import {
  createFakeRoom,
  createHarness,
  type HarnessOptions,
  HarnessProvider,
  type RoomHarness,
} from '../../../../stories/room/fixtures';
import { createFakeChannel } from '../../../../stories/support/fakes';
import { expectNoAxeViolations } from '../../../helpers/axe';

afterEach(() => vi.useRealTimers());

/** The app: a Start button of its own, and the room. */
function App({ harness, onStart }: { harness: RoomHarness; onStart?: () => void }) {
  return (
    <HarnessProvider harness={harness}>
      <button type="button" onClick={onStart}>
        Start from the app
      </button>
      <CallRoom />
    </HarnessProvider>
  );
}

async function renderRoom(options: HarnessOptions = {}) {
  const harness = await createHarness(options);
  render(<App harness={harness} />);
  const room = await screen.findByRole('region', { name: 'Call' });
  await within(room).findByRole('group', { name: 'Call controls' });
  return { harness, room };
}

describe('the call room shell', { timeout: 20_000 }, () => {
  it("titles the call with its channel's name and counts the people in it", async () => {
    const { room } = await renderRoom({
      creator: true,
      behaviour: createFakeRoom({ count: 3, video: false }),
    });
    expect(within(room).getByRole('heading', { name: 'General' })).toBeInTheDocument();
    expect(within(room).getByRole('button', { name: 'Participants 3' })).toBeInTheDocument();
    expect(within(room).getByRole('timer')).toHaveTextContent(/^0:0\d$/);
  });

  it('says what kind of call it is when the channel is unknown', async () => {
    const { room } = await renderRoom({ behaviour: createFakeRoom({ count: 2, video: false }) });
    expect(within(room).getByRole('heading', { name: 'Video call' })).toBeInTheDocument();
    expect(within(room).queryByRole('button', { name: 'Chat' })).not.toBeInTheDocument();
  });

  test.each([
    [0, '0:00'],
    [65, '1:05'],
    [3600 + 62, '1:01:02'],
  ])('formats %i s in the call as %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('lists the participants: you, microphones, cameras, who is presenting', async () => {
    const { room } = await renderRoom({
      behaviour: createFakeRoom({ count: 3, video: false, mutedIds: [1], screenShare: 2 }),
    });
    const count = within(room).getByRole('button', { name: 'Participants 3' });
    await userEvent.click(count);
    expect(count).toHaveAttribute('aria-expanded', 'true');
    const panel = within(room).getByRole('complementary', { name: 'Participants' });
    const people = within(panel).getAllByRole('listitem');
    const names = people.map((p) => p.querySelector('.str-call__person-name')?.textContent);
    expect(names).toEqual(['Alice Martin (you)', 'Bob Chen', 'Carol DiazPresenting']);
    expect(within(people[1]!).getByRole('img', { name: 'Microphone off' })).toBeInTheDocument();
    expect(within(people[0]!).getByRole('img', { name: 'Microphone on' })).toBeInTheDocument();
    expect(within(people[0]!).getByRole('img', { name: 'Camera off' })).toBeInTheDocument();
    await expectNoAxeViolations(panel);
    await userEvent.click(within(panel).getByRole('button', { name: 'Close participants' }));
    expect(within(room).queryByRole('complementary')).not.toBeInTheDocument();
  });

  it("shows the channel's messages and composer beside the call, the call still on", async () => {
    const { room } = await renderRoom({
      creator: true,
      behaviour: createFakeRoom({ count: 2, video: false }),
    });
    const stage = room.querySelector('.str-call__stage');
    await userEvent.click(within(room).getByRole('button', { name: 'Chat' }));
    const chat = within(room).getByRole('complementary', { name: 'Chat' });
    expect(await within(chat).findByRole('textbox')).toBeInTheDocument();
    // The stage (and its media elements) stays mounted under or beside the chat.
    expect(room.querySelector('.str-call__stage')).toBe(stage);
    expect(within(room).getByRole('group', { name: 'Call controls' })).toBeInTheDocument();
  });

  it('takes focus when it opens, keeps the page inert, and gives focus back on Leave', async () => {
    const harness = await createHarness({ stage: 'none' });
    let start = () => {};
    render(<App harness={harness} onStart={() => start()} />);
    const button = screen.getByRole('button', { name: 'Start from the app' });
    start = () => {
      void harness.controller.start({
        channel: createFakeChannel(),
        type: 'video',
        callId: 'call-1',
        ring: false,
      });
    };
    await userEvent.click(button);
    const room = await screen.findByRole('region', { name: 'Call' });
    await within(room).findByRole('group', { name: 'Call controls' });
    await waitFor(() => expect(room).toHaveFocus());
    // The page under the room is out of the tab order and of the accessibility tree.
    expect(button.closest('[inert]')).not.toBeNull();
    await userEvent.tab();
    expect(room).toContainElement(document.activeElement as HTMLElement);

    await userEvent.click(within(room).getByRole('button', { name: 'Leave' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Call' })).toBeNull());
    expect(button.closest('[inert]')).toBeNull();
    expect(button).toHaveFocus();
  });

  it('minimised: the page is usable, focus is on the dock; the next call opens full size', async () => {
    const { harness, room } = await renderRoom({
      behaviour: createFakeRoom({ count: 2, video: false }),
    });
    await userEvent.click(within(room).getByRole('button', { name: 'Minimize call' }));
    expect(room).toHaveAttribute('data-minimized');
    expect(within(room).getByRole('button', { name: 'Expand call' })).toHaveFocus();
    expect(
      screen.getByRole('button', { name: 'Start from the app' }).closest('[inert]'),
    ).toBeNull();

    // A new call (the next one the user joins) opens full size.
    await act(() => harness.controller.leave());
    harness.provider.join = async () => createFakeRoom({ count: 2, video: false });
    await act(async () => {
      const next = await harness.controller.join({
        ...harness.call,
        id: 'call-2',
        local: { room: 'call-2' },
      });
      await next?.join();
    });
    const next = await screen.findByRole('region', { name: 'Call' });
    await within(next).findByRole('group', { name: 'Call controls' });
    expect(next).not.toHaveAttribute('data-minimized');
  });

  it('has no axe violations in the full room with the participants open', async () => {
    const { room } = await renderRoom({
      creator: true,
      behaviour: createFakeRoom({ count: 3, video: false }),
    });
    await userEvent.click(within(room).getByRole('button', { name: 'Participants 3' }));
    await expectNoAxeViolations(room);
  });
});
