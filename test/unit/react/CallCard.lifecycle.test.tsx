/**
 * The card through a call's life (issue 12, behaviours 6, 7 and 11): never "0 in the call", why
 * an unanswered call ended for whom, Call again (never reopening), a card per session, and
 * Join while in another call asking first.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MessageList, Window } from 'stream-chat-react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallLiveState } from '../../../src/core/types';
import { CallSwitchDialog } from '../../../src/react/CallSwitchDialog';
import { StartCallButton } from '../../../src/react/StartCallButton';
import {
  createFakeCallApi,
  createFakeProvider,
  type FakeCallApiOptions,
  fakeCall,
  fakeLiveState,
} from '../../../stories/support/fakes';
import { callMessage, createOfflineChat, USERS } from '../../../stories/support/offlineChat';
import { expectNoAxeViolations } from '../../helpers/axe';
import {
  ControllerProbe,
  installIntersectionObserver,
  probedController,
  renderInChat,
} from './support';

const call = fakeCall('call-1', 'video');
let io: ReturnType<typeof installIntersectionObserver>;
beforeEach(() => {
  io = installIntersectionObserver();
});
afterEach(() => {
  vi.unstubAllGlobals();
});

function setup(
  messages = [callMessage({ type: 'call', call })],
  { ringing = false, ...apiOptions }: FakeCallApiOptions & { ringing?: boolean } = {},
) {
  const { client, channel } = createOfflineChat({ messages });
  const api = createFakeCallApi(apiOptions);
  const view = renderInChat(
    <Window>
      <StartCallButton type="audio" />
      <MessageList />
    </Window>,
    {
      client,
      channel,
      api,
      providers: [createFakeProvider()],
      ringing,
      muteRingtone: true,
      outside: (
        <>
          <CallSwitchDialog />
          <ControllerProbe />
        </>
      ),
    },
  );
  return { client, channel, api, view };
}

async function seenCard(name = /video call/i) {
  const group = (await screen.findAllByRole('group', { name })).at(-1)!;
  act(() => io.show([group]));
  return group;
}

const person = (id: string) => ({ user_id: id, joined_at: '2026-11-25T09:00:00.000Z' });
const ended = (patch: Partial<CallLiveState>) =>
  fakeLiveState(call, {
    state: 'ended',
    started_at: '2026-11-25T09:00:00.000Z',
    ended_at: '2026-11-25T09:00:30.000Z',
    ...patch,
  });

describe('the call card', () => {
  it.each([
    [
      'nobody has joined yet',
      fakeLiveState(call, { participants: [], attendees: [] }),
      'Starting…',
    ],
    [
      'everybody has left, before the call ends',
      fakeLiveState(call, { participants: [], attendees: [person('bob')] }),
      'Ending…',
    ],
  ])('never says "0 in the call": %s', async (_, live, text) => {
    setup(undefined, { states: { [call.id]: live } });
    const card = await seenCard();
    await within(card).findByText(text);
    expect(card).not.toHaveTextContent(/0 in the call/);
  });

  it.each([
    ['no-answer', 'alice', 'No answer'],
    ['no-answer', 'bob', 'Missed call'],
    ['declined', 'alice', 'Declined'],
    ['declined', 'bob', 'Declined'],
    ['busy', 'alice', 'Busy'],
    ['cancelled', 'bob', 'Missed call'],
  ] as const)(
    'says why a call ended as %s, to the reader (%s started it)',
    async (reason, starter, text) => {
      setup(undefined, {
        states: { [call.id]: ended({ ended_reason: reason, created_by: { id: starter } }) },
      });
      const card = await seenCard();
      await within(card).findByText(text);
      expect(card).toHaveAttribute('data-ended-reason', reason);
      expect(card).not.toHaveTextContent('Ongoing');
      expect(within(card).getByRole('button', { name: 'Call again' })).toBeEnabled();
    },
  );

  it('keeps an ended call’s record and starts it anew with Call again: a new call, a new message', async () => {
    const { api, channel, view } = setup(undefined, {
      states: { [call.id]: ended({ ended_reason: 'empty' }) },
    });
    const sendMessage = vi.spyOn(channel, 'sendMessage');
    const card = await seenCard();
    await within(card).findByText('Ended · 30 s');
    await expectNoAxeViolations(view.container);
    await userEvent.click(within(card).getByRole('button', { name: 'Call again' }));
    await waitFor(() => expect(sendMessage).toHaveBeenCalledTimes(1));
    const created = api.requests.find((r) => r.method === 'createCall')?.args[1] as { id: string };
    // A unique id: a new call; the ended one is never reopened (no join on it).
    expect(created.id).not.toBe(call.id);
    expect(api.requests.filter((r) => r.args[0] === call.id).map((r) => r.method)).toEqual([
      'getCallState',
    ]);
    expect(within(card).getByText('Ended · 30 s')).toBeInTheDocument();
  });

  it('starts a channel’s own call again under the same id: its next session', async () => {
    const own = fakeCall('ch-messaging-general-0123456789abcdef0123', 'video');
    const { api } = setup([callMessage({ type: 'call', call: own })], {
      states: {
        [own.id]: fakeLiveState(own, { state: 'ended', ended_at: '2026-11-25T09:01:00.000Z' }),
      },
    });
    const card = await seenCard();
    await userEvent.click(await within(card).findByRole('button', { name: 'Call again' }));
    await waitFor(() => expect(api.count('createCall')).toBe(1));
    expect(api.requests.find((r) => r.method === 'createCall')?.args[1]).toMatchObject({
      id: own.id,
    });
  });

  it('shows the session its message announced, also once the id has a newer session', async () => {
    const first = ended({ session: 1, version: 3, ended_at: '2026-11-25T09:01:40.000Z' });
    const { api } = setup(
      [
        callMessage({ type: 'call', call, session: 1 }, { id: 'first' }),
        callMessage({ type: 'call', call, session: 2 }, { id: 'second' }),
      ],
      {
        states: {
          [call.id]: fakeLiveState(call, { session: 2, version: 5, participants: [person('bob')] }),
        },
      },
    );
    const getCallState = vi
      .spyOn(api, 'getCallState')
      .mockImplementation(async (_id, options) =>
        options?.session === 1
          ? first
          : fakeLiveState(call, { session: 2, version: 5, participants: [person('bob')] }),
      );
    const cards = await screen.findAllByRole('group', { name: /video call/i });
    act(() => io.show(cards));
    await within(cards[1]).findByText('1 in the call');
    await within(cards[0]).findByText('Ended · 1 min 40 s');
    expect(cards[0]).toHaveAttribute('data-session', '1');
    expect(getCallState).toHaveBeenCalledWith(call.id, { session: 1 });
  });

  it('shows a group call that rang this user unanswered as missed', async () => {
    const live = ended({ ended_reason: 'empty', attendees: [person('bob'), person('carol')] });
    const { client, channel } = setup(undefined, { states: { [call.id]: live }, ringing: true });
    const card = await seenCard();
    await within(card).findByText('Ended · 30 s');
    act(() =>
      client.dispatchEvent({
        type: 'call.ring',
        cid: channel.cid,
        user: USERS.bob,
        call,
        session: 1,
      } as never),
    );
    await waitFor(() => expect(probedController().getSnapshot().incoming).toBeDefined());
    act(() =>
      client.dispatchEvent({ type: 'call.ended', cid: channel.cid, call_state: live } as never),
    );
    await within(card).findByText('Missed call');
  });
});

describe('joining or starting while in a call', () => {
  it('asks first, keeps the current call when the user stays, and shows the start buttons in a call', async () => {
    const other = fakeCall('other-1', 'audio');
    const { api } = setup(undefined, {
      states: { [call.id]: fakeLiveState(call, { participants: [person('bob')] }) },
    });
    const controller = probedController();
    await act(async () => {
      await controller.join(other);
    });
    await waitFor(() => expect(controller.session?.state.callingState).toBe('joined'));
    const start = screen.getByRole('button', { name: 'Start audio call' });
    expect(start).toHaveAttribute('data-in-call');
    expect(start).toHaveAccessibleDescription('You are in a call');

    const card = await seenCard();
    await userEvent.click(await within(card).findByRole('button', { name: 'Join' }));
    const ask = await screen.findByRole('alertdialog', { name: 'Leave your current call?' });
    await waitFor(() =>
      expect(within(ask).getByRole('button', { name: 'Stay in this call' })).toHaveFocus(),
    );
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(controller.session?.state.call?.id).toBe('other-1');
    expect(api.count('getCallToken')).toBe(1);

    await userEvent.click(within(card).getByRole('button', { name: 'Join' }));
    const again = await screen.findByRole('alertdialog');
    await userEvent.click(within(again).getByRole('button', { name: 'Leave and join' }));
    await waitFor(() => expect(controller.session?.state.call?.id).toBe('call-1'));
  });
});
