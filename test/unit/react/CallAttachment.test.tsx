import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { type MessageContextValue, MessageList, MessageProvider, Window } from 'stream-chat-react';
import { afterEach, beforeEach, describe, expect, it, test, vi } from 'vitest';
import { CallKitError } from '../../../src/core/errors';
import { loadProviderSdk } from '../../../src/providers/shared/sdk';
import { CallAttachment } from '../../../src/react/CallAttachment';
import {
  createFakeCallApi,
  createFakeProvider,
  type FakeCallApiOptions,
  type FakeJoinBehaviour,
  fakeCall,
  fakeLiveState,
} from '../../../stories/support/fakes';
import { callMessage, createOfflineChat, USERS } from '../../../stories/support/offlineChat';
import { expectNoAxeViolations } from '../../helpers/axe';
import { dispatchCallEnded, installIntersectionObserver, renderInChat } from './support';

const call = fakeCall('call-1', 'video');
const attachment = { type: 'call', call };

let io: ReturnType<typeof installIntersectionObserver>;
beforeEach(() => {
  io = installIntersectionObserver();
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function setup(
  messages = [callMessage(attachment)],
  apiOptions: FakeCallApiOptions = {},
  join: FakeJoinBehaviour = 'join',
) {
  const { client, channel } = createOfflineChat({ messages });
  const api = createFakeCallApi(apiOptions);
  const provider = createFakeProvider(join);
  const view = renderInChat(
    <Window>
      <MessageList />
    </Window>,
    { client, channel, api, providers: [provider], ringing: false },
  );
  return { client, channel, api, provider, view };
}

async function card(name = /video call/i) {
  return screen.findByRole('group', { name });
}

describe('CallAttachment', () => {
  it('shows the kind of call, who started it (from the message) and when', async () => {
    const forged = { ...attachment, user: USERS.carol, created_by: { id: 'carol', name: 'Carol' } };
    const { view } = setup([callMessage(forged, { user: USERS.bob })]);
    const group = await card();
    expect(group).toHaveTextContent('Video call');
    expect(group).toHaveTextContent('Started by Bob Chen');
    expect(group).not.toHaveTextContent('Carol');
    expect(within(group).getByRole('button', { name: 'Join' })).toBeEnabled();
    expect(group.querySelector('time')).toHaveAttribute('dateTime', '2026-11-25T09:00:00.000Z');
    await expectNoAxeViolations(view.container);
  });

  it('stands in for its own "Video call" text, and leaves any other text to be read', async () => {
    setup([
      callMessage(attachment, { id: 'own', text: 'Video call' }),
      callMessage(
        { type: 'call', call: fakeCall('call-2', 'video') },
        { id: 'other', text: 'Quick sync?' },
      ),
    ]);
    const [own, other] = await screen.findAllByRole('group', { name: /video call/i });
    expect(own).toHaveAttribute('data-summarizes-text');
    expect(other).not.toHaveAttribute('data-summarizes-text');
    expect(screen.getByText('Quick sync?')).toBeInTheDocument();
  });

  it('asks nothing of the server while rendering, then once when the card is seen', async () => {
    const { api } = setup([callMessage(attachment)], {
      states: { 'call-1': fakeLiveState(call, { participants: [] }) },
    });
    const group = await card();
    expect(api.requests).toEqual([]);
    act(() => io.show([group]));
    await waitFor(() => expect(api.count('getCallState')).toBe(1));
    act(() => io.show([group]));
    expect(api.count('getCallState')).toBe(1);
  });

  it('shows an ongoing call with who is in it', async () => {
    const live = fakeLiveState(call, {
      participants: [
        { user_id: 'bob', name: 'Bob Chen', joined_at: '2026-11-25T09:00:00.000Z' },
        { user_id: 'carol', name: 'Carol Diaz', joined_at: '2026-11-25T09:01:00.000Z' },
      ],
    });
    const { view } = setup([callMessage(attachment)], { states: { 'call-1': live } });
    const group = await card();
    act(() => io.show([group]));
    await within(group).findByText('Ongoing');
    expect(group).toHaveTextContent('2 in the call');
    expect(group).toHaveAttribute('data-live', 'ongoing');
    expect(group.querySelectorAll('.str-chat__avatar')).toHaveLength(2);
    await expectNoAxeViolations(view.container);
  });

  it('shows a live state it already has in the first render of another card for the call', async () => {
    const { channel } = setup([callMessage(attachment)], {
      states: {
        'call-1': fakeLiveState(call, {
          participants: [{ user_id: 'bob', joined_at: '2026-11-25T09:00:00.000Z' }],
        }),
      },
    });
    const first = await card();
    act(() => io.show([first]));
    await within(first).findByText('Ongoing');
    // A second message for the same call: its card renders with the state at once, never
    // empty while a lazily loaded part catches up.
    const seen: (string | null)[] = [];
    const observer = new MutationObserver(() => {
      for (const group of screen.queryAllByRole('group', { name: /video call/i }).slice(1)) {
        seen.push(group.querySelector('.str-call__card-status')?.textContent ?? null);
      }
    });
    observer.observe(document.body, { childList: true, subtree: true });
    await act(() => channel.sendMessage({ text: '', attachments: [{ ...attachment }] }));
    observer.disconnect();
    const cards = await screen.findAllByRole('group', { name: /video call/i });
    expect(cards).toHaveLength(2);
    expect(cards[1]).toHaveTextContent('Ongoing');
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((text) => text?.includes('Ongoing'))).toBe(true);
  });

  it('shows an ended call with its duration and offers Call again, never Join', async () => {
    const live = fakeLiveState(call, {
      state: 'ended',
      started_at: '2026-11-25T09:00:00.000Z',
      ended_at: '2026-11-25T09:03:20.000Z',
    });
    setup([callMessage(attachment)], { states: { 'call-1': live } });
    const group = await card();
    act(() => io.show([group]));
    await within(group).findByText('Ended · 3 min 20 s');
    expect(within(group).getByRole('button', { name: 'Call again' })).toBeEnabled();
    expect(within(group).queryByRole('button', { name: /join/i })).toBeNull();
  });

  it('follows call.updated events from its channel and ignores other channels', async () => {
    const { client } = setup();
    const group = await card();
    // The live-state code loads with the first card: events count from then on.
    await act(() => vi.dynamicImportSettled());
    const ongoing = fakeLiveState(call, {
      participants: [{ user_id: 'bob', joined_at: '2026-11-25T09:00:00.000Z' }],
    });
    act(() =>
      client.dispatchEvent({
        type: 'call.updated',
        cid: 'messaging:other',
        call_state: {
          ...ongoing,
          state: 'ended',
          ended_at: '2026-11-25T09:05:00.000Z',
        },
      } as never),
    );
    expect(group).not.toHaveAttribute('data-live');
    act(() =>
      client.dispatchEvent({
        type: 'call.updated',
        cid: 'messaging:general',
        call_state: ongoing,
      } as never),
    );
    expect(group).toHaveTextContent('1 in the call');
  });

  it('joins through the controller with one token request, then says you are in', async () => {
    const { api, provider } = setup();
    const group = await card();
    await userEvent.click(within(group).getByRole('button', { name: 'Join' }));
    await within(group).findByText('You are in this call');
    expect(group).toHaveAttribute('data-state', 'joined');
    expect(api.count('getCallToken')).toBe(1);
    expect(provider.joins).toHaveLength(1);
    expect(provider.joins[0].call).toEqual(call);
    expect(provider.joins[0].token.token).toBe('token-for-call-1');
  });

  it('shows Joining… (busy, disabled) while the provider connects', async () => {
    setup([callMessage(attachment)], {}, 'pending');
    const group = await card();
    await userEvent.click(within(group).getByRole('button', { name: 'Join' }));
    const button = await within(group).findByRole('button', { name: 'Joining…' });
    expect(button).toBeDisabled();
    expect(button).toHaveAttribute('aria-busy', 'true');
    expect(group).toHaveAttribute('data-state', 'joining');
  });

  it('shows the error and a Retry that fetches a fresh token', async () => {
    const { api } = setup(
      [callMessage(attachment)],
      {},
      new CallKitError('provider-join-failed', 'sdk said no'),
    );
    const group = await card();
    await userEvent.click(within(group).getByRole('button', { name: 'Join' }));
    const error = await within(group).findByText('Could not connect to the call. Try again.');
    expect(error).toHaveAttribute('role', 'alert');
    expect(group).toHaveAttribute('data-state', 'failed');
    await userEvent.click(within(group).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(api.count('getCallToken')).toBe(2));
  });

  it("names the package to install when the provider's SDK is missing", async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const missing = await loadProviderSdk(
      () =>
        Promise.reject(new TypeError('Failed to resolve module specifier "agora-rtc-sdk-ng/esm"')),
      { factory: 'agora()', name: 'agora-rtc-sdk-ng' },
    ).catch((e: CallKitError) => e);
    setup([callMessage(attachment)], {}, missing as CallKitError);
    const group = await card();
    await userEvent.click(within(group).getByRole('button', { name: 'Join' }));
    const error = await within(group).findByRole('alert');
    expect(error).toHaveTextContent(
      "This app can't join this call: the agora-rtc-sdk-ng package is not installed.",
    );
    // Trying again cannot help until the app installs it: no Retry.
    expect(within(group).queryByRole('button')).toBeNull();
  });

  it('a Join that finds the call ended offers Call again, not Retry', async () => {
    setup([callMessage(attachment)], {}, new CallKitError('call-ended', 'ended'));
    const group = await card();
    await userEvent.click(within(group).getByRole('button', { name: 'Join' }));
    await within(group).findByRole('alert');
    expect(within(group).getByRole('button', { name: 'Call again' })).toBeInTheDocument();
    expect(within(group).queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('offers no Retry where trying again cannot help (not a member)', async () => {
    setup([callMessage(attachment)], {}, new CallKitError('forbidden', 'not a member'));
    const group = await card();
    await userEvent.click(within(group).getByRole('button', { name: 'Join' }));
    await within(group).findByRole('alert');
    expect(group).toHaveAttribute('data-state', 'failed');
    expect(within(group).queryByRole('button')).toBeNull();
  });

  it('offers Call again once the call the user was in has ended', async () => {
    const states: NonNullable<FakeCallApiOptions['states']> = {};
    const { client } = setup(undefined, { states });
    const group = await card();
    await userEvent.click(within(group).getByRole('button', { name: 'Join' }));
    await within(group).findByText('You are in this call');
    // Someone ended it for everyone: CallsProvider checks with the service, then leaves.
    const ended = fakeLiveState(call, { state: 'ended', ended_at: '2026-11-25T09:10:00.000Z' });
    states[call.id] = ended;
    dispatchCallEnded(client, ended);
    expect(await within(group).findByRole('button', { name: 'Call again' })).toBeEnabled();
  });

  test.each([
    ['an unknown provider', { type: 'call', call: { ...call, provider: 'evil' } }],
    ['a missing room', { type: 'call', call: { id: 'x', provider: 'local', type: 'video' } }],
    ['markup in the id', { type: 'call', call: { ...call, id: '<img src=x onerror=alert(1)>' } }],
    ['a string instead of a call', { type: 'call', call: 'join me' }],
    [
      'a hostile agora channel',
      {
        type: 'call',
        call: { id: 'a', provider: 'agora', type: 'audio', agora: { channel: 'a b"/>' } },
      },
    ],
  ])('renders %s as a notice that cannot be joined', async (_, hostile) => {
    const { api, provider, view } = setup([callMessage(hostile)]);
    const notice = await screen.findByRole('note');
    expect(notice).toHaveTextContent("This call can't be joined");
    expect(screen.queryByRole('button', { name: /join/i })).toBeNull();
    act(() => io.show([notice]));
    expect(api.requests).toEqual([]);
    expect(provider.joins).toEqual([]);
    await expectNoAxeViolations(view.container);
  });

  it('hands every other attachment to the default Attachment', async () => {
    const file = {
      type: 'file',
      title: 'minutes.pdf',
      asset_url: 'https://example.test/minutes.pdf',
      mime_type: 'application/pdf',
      file_size: 2048,
    };
    setup([callMessage(file), callMessage(attachment)]);
    await card();
    expect(await screen.findByText('minutes.pdf')).toBeInTheDocument();
  });

  it('passes non-call props through unchanged and splits mixed attachments', () => {
    const { client, channel } = createOfflineChat();
    const api = createFakeCallApi();
    const Default = vi.fn((_: { attachments: unknown[] }) => null);
    const others = [{ type: 'image', image_url: 'https://example.test/a.png' }];
    renderInChat(<CallAttachment attachments={others} DefaultAttachment={Default} isQuoted />, {
      client,
      channel,
      api,
    });
    expect(Default.mock.calls.at(-1)?.[0].attachments).toBe(others);
    expect(Default.mock.calls.at(-1)?.[0]).toMatchObject({ isQuoted: true });
    Default.mockClear();
    renderInChat(
      <CallAttachment attachments={[attachment, ...others]} DefaultAttachment={Default} />,
      { client, channel, api },
    );
    expect(Default.mock.calls.at(-1)?.[0].attachments).toEqual(others);
  });

  it('renders a real message list of call messages without a single request', async () => {
    const messages = Array.from({ length: 40 }, (_, i) =>
      callMessage(
        { type: 'call', call: fakeCall(`call-${i % 20}`, i % 2 ? 'audio' : 'video') },
        { id: `m-${i}`, createdAt: new Date(Date.UTC(2026, 10, 25, 8, 0, i)).toISOString() },
      ),
    );
    const { client, channel } = createOfflineChat({ messages });
    const post = vi.spyOn(client, 'post');
    const get = vi.spyOn(client, 'get');
    const api = createFakeCallApi();
    const view = renderInChat(
      <Window>
        <MessageList />
      </Window>,
      { client, channel, api, ringing: false },
    );
    await waitFor(() =>
      expect(view.container.querySelectorAll('.str-call__card')).toHaveLength(40),
    );
    expect(api.requests).toEqual([]);
    expect(post).not.toHaveBeenCalled();
    expect(get).not.toHaveBeenCalled();
    // The cards of messages m-0 and m-20 show the same call: seen together, one request.
    const same = ['m-0', 'm-20'].map(
      (id) => view.container.querySelector(`[data-message-id="${id}"] .str-call__card`)!,
    );
    act(() => io.show(same));
    await waitFor(() => expect(api.count('getCallState')).toBe(1));
    expect(api.requests).toEqual([{ method: 'getCallState', args: ['call-0'] }]);
  });

  it('renders 500 call messages (each in its message context) without a single request', async () => {
    const { client, channel } = createOfflineChat();
    const post = vi.spyOn(client, 'post');
    const get = vi.spyOn(client, 'get');
    const api = createFakeCallApi();
    const messages = Array.from({ length: 500 }, (_, i) =>
      callMessage({ type: 'call', call: fakeCall(`call-${i}`) }, { id: `m-${i}` }),
    );
    const view = renderInChat(
      <ul>
        {messages.map((m) => (
          <li key={m.id}>
            <MessageProvider value={{ message: m } as unknown as MessageContextValue}>
              <CallAttachment attachments={m.attachments ?? []} />
            </MessageProvider>
          </li>
        ))}
      </ul>,
      { client, channel, api, ringing: false },
    );
    await waitFor(() =>
      expect(view.container.querySelectorAll('.str-call__card')).toHaveLength(500),
    );
    expect(io.observed()).toBe(500);
    expect(api.requests).toEqual([]);
    expect(post).not.toHaveBeenCalled();
    expect(get).not.toHaveBeenCalled();
    view.unmount();
  }, 30_000);
});

it('renders outside a message list too (no message context)', async () => {
  const { client, channel } = createOfflineChat();
  const api = createFakeCallApi();
  renderInChat(<CallAttachment attachments={[attachment]} />, { client, channel, api });
  const group = await screen.findByRole('group', { name: 'Video call' });
  expect(group).not.toHaveTextContent('Started by');
});
