import { act, render, renderHook, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode } from 'react';
import { Channel, Chat, MessageList, Window, WithComponents } from 'stream-chat-react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CallKitError } from '../../../src/core/errors';
import { CallAttachment } from '../../../src/react/CallAttachment';
import { CallsProvider } from '../../../src/react/CallsProvider';
import { useCallsContext, useMaybeCallsContext } from '../../../src/react/context/CallsContext';
import { StartCallButton } from '../../../src/react/StartCallButton';
import {
  createFakeCallApi,
  createFakeProvider,
  type FakeProvider,
  fakeCall,
  fakeLiveState,
} from '../../../stories/support/fakes';
import { callMessage, createOfflineChat } from '../../../stories/support/offlineChat';
import { dispatchCallEnded, i18n } from './support';

const call = fakeCall('c-1');

afterEach(() => vi.restoreAllMocks());

function App({
  chat,
  provider,
  api = createFakeCallApi(),
  ...callbacks
}: {
  chat: ReturnType<typeof createOfflineChat>;
  provider: FakeProvider;
  api?: ReturnType<typeof createFakeCallApi>;
  onCallStarted?: () => void;
  onCallEnded?: () => void;
  onError?: () => void;
}) {
  return (
    <Chat client={chat.client} i18nInstance={i18n()}>
      <CallsProvider providers={[provider]} api={api} ringing={false} {...callbacks}>
        <WithComponents overrides={{ Attachment: CallAttachment }}>
          <Channel channel={chat.channel}>
            <Window>
              <StartCallButton type="video" />
              <MessageList />
            </Window>
          </Channel>
        </WithComponents>
      </CallsProvider>
    </Chat>
  );
}

const seen: unknown[] = [];
function Probe() {
  seen.push(useCallsContext().controller);
  return null;
}

/** The app with one ongoing call's card, joined from it. */
async function joinedFromTheCard() {
  const chat = createOfflineChat({ messages: [callMessage({ type: 'call', call })] });
  const provider = createFakeProvider();
  const api = createFakeCallApi({ states: { [call.id]: fakeLiveState(call) } });
  render(<App chat={chat} provider={provider} api={api} />);
  await userEvent.click(await screen.findByRole('button', { name: 'Join' }));
  await screen.findByText('You are in this call');
  return { chat, provider, api };
}

describe('CallsProvider', () => {
  it('survives StrictMode double effects: joins work, one leave on unmount', async () => {
    const chat = createOfflineChat({ messages: [callMessage({ type: 'call', call })] });
    const provider = createFakeProvider();
    const view = render(
      <StrictMode>
        <App chat={chat} provider={provider} />
      </StrictMode>,
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Join' }));
    await screen.findByText('You are in this call');
    expect(provider.joins).toHaveLength(1);
    view.unmount();
    await waitFor(() => expect(provider.leaves).toBe(1));
  });

  it('leaves the call when the page goes away, and tells the call service at once', async () => {
    const { provider, api } = await joinedFromTheCard();
    await waitFor(() => expect(api.count('updateParticipation')).toBe(1));
    act(() => {
      window.dispatchEvent(new Event('pagehide'));
    });
    // Before the page can go: a request that outlives it.
    expect(
      api.requests.filter((r) => r.method === 'updateParticipation').map((r) => r.args),
    ).toStrictEqual([
      [call.id, 'join'],
      [call.id, 'leave', { keepalive: true }],
    ]);
    await waitFor(() => expect(provider.leaves).toBe(1));
    expect(api.count('updateParticipation')).toBe(2);
  });

  it('reports started, ended and failed calls to its callbacks', async () => {
    const chat = createOfflineChat();
    const provider = createFakeProvider();
    const onCallStarted = vi.fn();
    const onCallEnded = vi.fn();
    const onError = vi.fn();
    const states: NonNullable<Parameters<typeof createFakeCallApi>[0]>['states'] = {};
    render(
      <App
        chat={chat}
        api={createFakeCallApi({ states })}
        provider={provider}
        onCallStarted={onCallStarted}
        onCallEnded={onCallEnded}
        onError={onError}
      />,
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Start video call' }));
    await waitFor(() => expect(onCallStarted).toHaveBeenCalledTimes(1));
    expect(onCallStarted.mock.calls[0][0]).toMatchObject({
      call: { type: 'video' },
      channel: { cid: 'messaging:general' },
    });
    await waitFor(() => expect(provider.joins).toHaveLength(1));
    expect(onError).not.toHaveBeenCalled();
    // Someone ended it for everyone.
    const started = onCallStarted.mock.calls[0][0].call;
    states[started.id] = fakeLiveState(started, { state: 'ended' });
    dispatchCallEnded(chat.client, fakeLiveState(started, { state: 'ended' }));
    await waitFor(() =>
      expect(onCallEnded).toHaveBeenCalledWith({ call: started, reason: 'ended' }),
    );
    expect(provider.leaves).toBe(1);
  });

  it('stays in the call when a member forges call.ended for an ongoing call', async () => {
    const { chat, provider, api } = await joinedFromTheCard();
    dispatchCallEnded(chat.client, fakeLiveState(call, { state: 'ended' }));
    // The call service is asked, says "ongoing", and the call goes on.
    await waitFor(() => expect(api.count('getCallState')).toBeGreaterThan(0));
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.getByText('You are in this call')).toBeInTheDocument();
    expect(provider.leaves).toBe(0);
  });

  it('ignores call.ended for a call the user is not in', async () => {
    const chat = createOfflineChat({ messages: [callMessage({ type: 'call', call })] });
    const provider = createFakeProvider();
    const api = createFakeCallApi();
    render(<App chat={chat} provider={provider} api={api} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Join' }));
    await screen.findByText('You are in this call');
    const asked = api.count('getCallState');
    dispatchCallEnded(chat.client, fakeLiveState(fakeCall('other'), { state: 'ended' }));
    // The code that handles it loads with the first such event: let it run.
    await act(() => vi.dynamicImportSettled());
    await new Promise((r) => setTimeout(r, 20));
    expect(api.count('getCallState')).toBe(asked);
    expect(screen.getByText('You are in this call')).toBeInTheDocument();
    expect(provider.leaves).toBe(0);
  });

  it('reports a failed join to onError', async () => {
    const chat = createOfflineChat({ messages: [callMessage({ type: 'call', call })] });
    const failure = new CallKitError('permission-denied', 'nope');
    const onError = vi.fn();
    render(<App chat={chat} provider={createFakeProvider(failure)} onError={onError} />);
    const card = await screen.findByRole('group', { name: 'Video call' });
    await userEvent.click(within(card).getByRole('button', { name: 'Join' }));
    await waitFor(() => expect(onError).toHaveBeenCalledWith(failure, call));
    expect(card).toHaveTextContent('Camera or microphone access was denied.');
  });

  it("talks to the chat client's own base URL by default", async () => {
    const chat = createOfflineChat();
    const post = vi
      .spyOn(chat.client, 'post')
      .mockRejectedValue(Object.assign(new Error('down'), { response: { status: 503 } }));
    render(
      <Chat client={chat.client} i18nInstance={i18n()}>
        <CallsProvider providers={[]}>
          <Channel channel={chat.channel}>
            <StartCallButton type="audio" />
          </Channel>
        </CallsProvider>
      </Chat>,
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Start audio call' }));
    await screen.findByText('The call service had a problem. Try again.');
    expect(post).toHaveBeenCalledWith(
      'http://127.0.0.1:9/channels/messaging/general/call',
      expect.objectContaining({ type: 'audio', id: expect.any(String) }),
      expect.anything(),
    );
  });

  it('creates a new controller for a new user and destroys the old one', async () => {
    const alice = createOfflineChat();
    const bob = createOfflineChat({ user: { id: 'bob', name: 'Bob Chen' } });
    seen.length = 0;
    const tree = (chat: typeof alice) => (
      <Chat client={chat.client} i18nInstance={i18n()}>
        <CallsProvider providers={[]} api={createFakeCallApi()}>
          <Probe />
        </CallsProvider>
      </Chat>
    );
    const view = render(tree(alice));
    await waitFor(() => expect(seen.length).toBeGreaterThan(0));
    const first = seen.at(-1) as { destroy: () => Promise<void> };
    const destroy = vi.spyOn(first, 'destroy');
    view.rerender(tree(bob));
    await waitFor(() => expect(seen.at(-1)).not.toBe(first));
    await waitFor(() => expect(destroy).toHaveBeenCalledTimes(1));
    const second = seen.at(-1) as { options: { user: { id: string } } };
    expect(second.options.user.id).toBe('bob');
  });

  it('has a context that throws outside it and a maybe-context that does not', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => renderHook(() => useCallsContext())).toThrow(
      'useCallsContext must be used inside <CallsProvider>.',
    );
    expect(renderHook(() => useMaybeCallsContext()).result.current).toBeUndefined();
  });
});
