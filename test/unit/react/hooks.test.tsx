import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { Channel, Chat } from 'stream-chat-react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallsProvider } from '../../../src/react/CallsProvider';
import { useCallsContext } from '../../../src/react/context/CallsContext';
import { useActiveCall } from '../../../src/react/hooks/useActiveCall';
import { useCallLiveState } from '../../../src/react/hooks/useCallLiveState';
import { useIncomingCall } from '../../../src/react/hooks/useIncomingCall';
import { useStartCall } from '../../../src/react/hooks/useStartCall';
import {
  createFakeCallApi,
  createFakeProvider,
  type FakeCallApi,
  type FakeProvider,
  fakeCall,
  fakeLiveState,
} from '../../../stories/support/fakes';
import { createOfflineChat, USERS } from '../../../stories/support/offlineChat';
import { i18n, installIntersectionObserver } from './support';

const call = fakeCall('h-1', 'audio');

let io: ReturnType<typeof installIntersectionObserver>;
beforeEach(() => {
  io = installIntersectionObserver();
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

let env: { api: FakeCallApi; chat: ReturnType<typeof createOfflineChat>; provider: FakeProvider };

function Wrapper({ children }: { children: ReactNode }) {
  const { chat, provider, api } = env;
  return (
    <Chat client={chat.client} i18nInstance={i18n()}>
      <CallsProvider providers={[provider]} api={api} ringing>
        <Channel channel={chat.channel}>{children}</Channel>
      </CallsProvider>
    </Chat>
  );
}

function wrapper(api: FakeCallApi, chat = createOfflineChat(), provider = createFakeProvider()) {
  env = { api, chat, provider };
  return Wrapper;
}

function MyButton() {
  const { buttonProps } = useStartCall({ type: 'video' });
  return <button {...buttonProps}>Ring them</button>;
}

function Card({ label }: { label: string }) {
  const { live, ref, status } = useCallLiveState(call);
  return (
    <div ref={ref} data-testid={label} data-status={status}>
      {live?.state ?? 'unknown'}
    </div>
  );
}

describe('useStartCall', () => {
  it('drives any element through buttonProps', async () => {
    const api = createFakeCallApi({ createCall: 'pending' });
    const W = wrapper(api);
    render(
      <W>
        <MyButton />
      </W>,
    );
    const button = await screen.findByRole('button', { name: 'Ring them' });
    await userEvent.click(button);
    expect(button).toHaveAttribute('aria-busy', 'true');
    expect(button).toHaveAttribute('data-state', 'starting');
    // The session machinery loads on the first start (import()), then CreateCall goes out once.
    await waitFor(() => expect(api.count('createCall')).toBe(1));
  });

  it('resolves start() with the session and can be reset after a failure', async () => {
    const api = createFakeCallApi();
    const { result } = renderHook(() => useStartCall({ type: 'audio' }), { wrapper: wrapper(api) });
    await waitFor(() => expect(result.current).not.toBeNull());
    let session: unknown;
    await act(async () => {
      session = await result.current.start();
    });
    expect(session).toBeDefined();
    expect(result.current.state).toBe('idle');
    act(() => result.current.reset());
    expect(result.current.error).toBeUndefined();
  });

  it('outside a <Channel> and without a channel option, start() does nothing and stays idle', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const api = createFakeCallApi();
    const chat = createOfflineChat();
    const { result } = renderHook(() => useStartCall({ type: 'video' }), {
      wrapper: ({ children }: { children: ReactNode }) => (
        <Chat client={chat.client} i18nInstance={i18n()}>
          <CallsProvider providers={[createFakeProvider()]} api={api}>
            {children}
          </CallsProvider>
        </Chat>
      ),
    });
    await act(async () => {
      expect(await result.current.start()).toBeUndefined();
    });
    expect(result.current.state).toBe('idle');
    expect(result.current.buttonProps['aria-busy']).toBeFalsy();
    expect(api.count('createCall')).toBe(0);
  });
});

describe('useActiveCall', () => {
  it('re-renders a selector only when the selected value changes', async () => {
    const api = createFakeCallApi();
    let renders = 0;
    const { result } = renderHook(
      () => {
        renders += 1;
        const state = useActiveCall((a) => a.state?.callingState ?? 'none');
        const { controller } = useCallsContext();
        return { state, controller };
      },
      { wrapper: wrapper(api) },
    );
    await waitFor(() => expect(result.current.state).toBe('none'));
    const before = renders;
    await act(async () => {
      await result.current.controller.join(call);
    });
    await waitFor(() => expect(result.current.state).toBe('joined'));
    // none → idle (new session) → joining → joined: at most three more renders.
    expect(renders - before).toBeLessThanOrEqual(3);
    const settled = renders;
    // Joining the call it is already in changes nothing: no render.
    await act(async () => {
      await result.current.controller.join(call);
    });
    expect(renders).toBe(settled);
  });

  it('returns the session and its state without a selector', async () => {
    const api = createFakeCallApi();
    const { result } = renderHook(() => ({ active: useActiveCall(), ctx: useCallsContext() }), {
      wrapper: wrapper(api),
    });
    await waitFor(() => expect(result.current.active.session).toBeNull());
    await act(async () => {
      await result.current.ctx.controller.join(call);
    });
    await waitFor(() => expect(result.current.active.state?.callingState).toBe('joined'));
    expect(result.current.active.session).toBe(result.current.ctx.controller.session);
  });
});

describe('useCallLiveState', () => {
  it('shares one request per call id between every user of the hook', async () => {
    const api = createFakeCallApi({ states: { [call.id]: fakeLiveState(call) } });
    const W = wrapper(api);
    render(
      <W>
        <Card label="a" />
        <Card label="b" />
        <Card label="c" />
      </W>,
    );
    const cards = await screen.findAllByTestId(/^[abc]$/);
    expect(api.requests).toEqual([]);
    act(() => io.show(cards));
    await waitFor(() => expect(screen.getAllByText('ongoing')).toHaveLength(3));
    expect(api.count('getCallState')).toBe(1);
  });

  it('reports an error status and refreshes on demand', async () => {
    const api = createFakeCallApi();
    const { result } = renderHook(() => useCallLiveState(call, { eager: true }), {
      wrapper: wrapper(api),
    });
    await waitFor(() => expect(result.current.status).toBe('error'));
    act(() => result.current.refresh());
    await waitFor(() => expect(api.count('getCallState')).toBe(2));
  });
});

describe('useIncomingCall', () => {
  it('exposes the ringing call for a custom UI and accepts it', async () => {
    const chat = createOfflineChat();
    const provider = createFakeProvider();
    const api = createFakeCallApi();
    const { result } = renderHook(() => useIncomingCall(), {
      wrapper: wrapper(api, chat, provider),
    });
    await waitFor(() => expect(result.current.missed).toEqual([]));
    act(() =>
      chat.client.dispatchEvent({
        type: 'call.ring',
        cid: chat.channel.cid,
        user: USERS.carol,
        call,
      } as never),
    );
    // The ring logic loads with the first ring (or once the page settles).
    await waitFor(() =>
      expect(result.current.ringing).toMatchObject({
        call,
        caller: { id: 'carol', name: 'Carol Diaz' },
        channelName: 'General',
      }),
    );
    await act(() => result.current.accept());
    expect(result.current.ringing).toBeUndefined();
    await waitFor(() => expect(provider.joins).toHaveLength(1));
  });
});
