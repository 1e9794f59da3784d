import { readFileSync } from 'node:fs';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MessageList, Window } from 'stream-chat-react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IncomingCall } from '../../../src/react/IncomingCall';
import {
  createFakeCallApi,
  createFakeProvider,
  fakeCall,
  fakeLiveState,
} from '../../../stories/support/fakes';
import { callMessage, createOfflineChat, USERS } from '../../../stories/support/offlineChat';
import { expectNoAxeViolations } from '../../helpers/axe';
import { installAudio } from './audio';
import { ControllerProbe, dispatchCallEnded, probedController, renderInChat } from './support';

const call = fakeCall('ring-1', 'video');

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function setup(
  options: {
    members?: (typeof USERS)[string][];
    muteRingtone?: boolean;
    ringing?: boolean;
    theme?: string;
    ringTimeoutMs?: number;
  } = {},
) {
  const { client, channel } = createOfflineChat({ members: options.members });
  const api = createFakeCallApi({ states: { [call.id]: fakeLiveState(call) } });
  const provider = createFakeProvider();
  const sendEvent = vi.spyOn(channel, 'sendEvent');
  const view = renderInChat(<p>ready</p>, {
    client,
    channel,
    api,
    providers: [provider],
    outside: (
      <>
        <IncomingCall />
        <ControllerProbe />
      </>
    ),
    muteRingtone: options.muteRingtone,
    ringing: options.ringing,
    theme: options.theme,
    ringTimeoutMs: options.ringTimeoutMs,
  });
  const ring = (patch: Record<string, unknown> = {}) =>
    act(() =>
      client.dispatchEvent({
        type: 'call.ring',
        cid: channel.cid,
        channel_id: channel.id,
        channel_type: channel.type,
        user: USERS.bob,
        call,
        ...patch,
      } as never),
    );
  /** Bob rings, then ends the call before an answer: the missed-call notice shows. */
  const missed = async () => {
    await screen.findByText('ready');
    ring();
    await screen.findByRole('alertdialog');
    dispatchCallEnded(client, fakeLiveState(call, { state: 'ended' }));
    return screen.findByText(/Missed call from Bob Chen/);
  };
  return { client, channel, api, provider, sendEvent, view, ring, missed };
}

/**
 * Waits until the ring logic (loaded with the first ring) has handled the rings so far, so that
 * "nothing rings" is checked after the rings were looked at, not before.
 */
const ringsHandled = () => act(() => vi.dynamicImportSettled());

/**
 * Waits past the preloads once the page settles (1 s after mount) until the code they load is
 * there (a busy machine may take longer than the wait), so the lazy parts render at once.
 */
const settled = () =>
  act(async () => {
    await new Promise<void>((resolve) => setTimeout(resolve, 1_100));
    await vi.dynamicImportSettled();
  });

describe('IncomingCall', () => {
  it('rings the callee with a dialog naming the caller and the channel, Accept focused', async () => {
    const audio = installAudio();
    const { ring } = setup();
    await screen.findByText('ready');
    ring();
    // The dialog's code loads with the first ring: allow for a cold module transform.
    const dialog = await screen.findByRole(
      'alertdialog',
      { name: 'Bob Chen is calling' },
      { timeout: 5_000 },
    );
    expect(dialog).toHaveAccessibleDescription('Incoming video call in General');
    // Focus and the ring tone follow the dialog's first render (effects; the tone's code loads
    // with the dialog).
    await waitFor(() =>
      expect(within(dialog).getByRole('button', { name: 'Accept' })).toHaveFocus(),
    );
    await waitFor(() => expect(audio).toHaveLength(1));
    expect(audio[0].oscillators).toBeGreaterThan(0);
    await expectNoAxeViolations(document.body);
  });

  it('is never shown to the caller', async () => {
    const { ring } = setup();
    await screen.findByText('ready');
    ring({ user: USERS.alice });
    await ringsHandled();
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('ignores rings from channels the user is not a member of', async () => {
    const { ring } = setup({ members: [USERS.bob, USERS.carol] });
    await screen.findByText('ready');
    ring();
    await ringsHandled();
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it.each([
    ['no call', { call: undefined }],
    ['a hostile call', { call: { ...call, provider: 'evil' } }],
    ['no ringing user', { user: undefined }],
  ])('ignores a ring with %s', async (_, patch) => {
    const { ring } = setup();
    await screen.findByText('ready');
    ring(patch);
    await ringsHandled();
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('declines on Escape: tells the channel, stops the tone, and ignores a second ring', async () => {
    const audio = installAudio();
    const { ring, sendEvent } = setup();
    await screen.findByText('ready');
    ring();
    const dialog = await screen.findByRole('alertdialog');
    // Focus moves into the dialog once it is on screen; Escape from there declines.
    await waitFor(() =>
      expect(within(dialog).getByRole('button', { name: 'Accept' })).toHaveFocus(),
    );
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(sendEvent).toHaveBeenCalledWith({
      type: 'call.declined',
      call_id: 'ring-1',
      session: 1,
      reason: 'declined',
    });
    expect(audio[0].closed).toBe(true);
    ring();
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('declines with the Decline button', async () => {
    const { ring, sendEvent, provider } = setup({ muteRingtone: true });
    await screen.findByText('ready');
    ring();
    await userEvent.click(await screen.findByRole('button', { name: 'Decline' }));
    expect(sendEvent).toHaveBeenCalledWith({
      type: 'call.declined',
      call_id: 'ring-1',
      session: 1,
      reason: 'declined',
    });
    expect(provider.joins).toHaveLength(0);
  });

  it('joins through the controller on Accept, with one token request', async () => {
    const { ring, api, provider } = setup({ muteRingtone: true });
    await screen.findByText('ready');
    ring();
    await userEvent.click(await screen.findByRole('button', { name: 'Accept' }));
    await waitFor(() => expect(provider.joins).toHaveLength(1));
    expect(provider.joins[0].call).toEqual(call);
    expect(api.count('getCallToken')).toBe(1);
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('does not ring someone already in that call', async () => {
    const { client, channel } = createOfflineChat({
      messages: [callMessage({ type: 'call', call })],
    });
    const provider = createFakeProvider();
    renderInChat(
      <Window>
        <MessageList />
      </Window>,
      {
        client,
        channel,
        api: createFakeCallApi(),
        providers: [provider],
        outside: <IncomingCall />,
      },
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Join' }));
    await screen.findByText('You are in this call');
    act(() =>
      client.dispatchEvent({ type: 'call.ring', cid: channel.cid, user: USERS.bob, call } as never),
    );
    await ringsHandled();
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('stays silent with muteRingtone and tolerates an autoplay refusal', async () => {
    const audio = installAudio({ refuseAutoplay: true });
    const muted = setup({ muteRingtone: true });
    await screen.findByText('ready');
    muted.ring();
    await screen.findByRole('alertdialog');
    expect(audio).toHaveLength(0);
    muted.view.unmount();

    const loud = setup();
    await screen.findByText('ready');
    loud.ring();
    await screen.findByRole('alertdialog');
    expect(audio).toHaveLength(1);
  });

  it('becomes a dismissable missed call after the ring timeout', async () => {
    const audio = installAudio();
    const { ring } = setup();
    await screen.findByText('ready');
    await settled(); // the dialog's and notice's code is preloaded once the page settles
    vi.useFakeTimers();
    ring();
    expect(screen.getByRole('alertdialog')).toBeInTheDocument();
    act(() => vi.advanceTimersByTime(29_999));
    expect(screen.getByRole('alertdialog')).toBeInTheDocument();
    act(() => vi.advanceTimersByTime(1));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(audio[0].closed).toBe(true);
    const notice = screen.getByText(/Missed call from Bob Chen/);
    expect(notice.closest('[role="status"]')).toHaveAttribute('data-state', 'missed');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText(/Missed call from Bob Chen/)).toBeNull();
  });

  it('honours ringTimeoutMs', async () => {
    const { ring } = setup({ muteRingtone: true, ringTimeoutMs: 5000 });
    await screen.findByText('ready');
    await settled();
    vi.useFakeTimers();
    ring();
    act(() => vi.advanceTimersByTime(5000));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByText(/Missed call from Bob Chen/)).toBeInTheDocument();
  });

  it('stops ringing when the caller ends the call', async () => {
    const { ring, client } = setup({ muteRingtone: true });
    await screen.findByText('ready');
    ring();
    await screen.findByRole('alertdialog');
    dispatchCallEnded(client, fakeLiveState(call, { state: 'ended' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByText(/Missed call from Bob Chen/)).toBeInTheDocument();
  });

  it('keeps event order when the call ends before the ring code has loaded: a missed call, no dialog', async () => {
    const { ring, client } = setup({ muteRingtone: true });
    await screen.findByText('ready');
    // Both events arrive before the ring logic (loaded with the first ring) is there.
    ring();
    dispatchCallEnded(client, fakeLiveState(call, { state: 'ended' }));
    expect(await screen.findByText(/Missed call from Bob Chen/)).toBeInTheDocument();
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('shows nothing when ringing is off', async () => {
    const { ring } = setup({ ringing: false });
    await screen.findByText('ready');
    ring();
    await ringsHandled();
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('renders in a portal that re-applies the chat and theme classes', async () => {
    const { ring, view } = setup({ muteRingtone: true, theme: 'str-chat__theme-dark' });
    await screen.findByText('ready');
    ring();
    const dialog = await screen.findByRole('alertdialog');
    expect(view.container.contains(dialog)).toBe(false);
    const layer = dialog.closest('.str-call__incoming-layer');
    expect(layer).toHaveClass('str-chat', 'str-chat__theme-dark');
  });

  it('is translated', async () => {
    const { client, channel } = createOfflineChat();
    renderInChat(<p>ready</p>, {
      client,
      channel,
      api: createFakeCallApi(),
      language: 'es',
      muteRingtone: true,
      autoRejectWhenBusy: false,
      notifyInBackground: false,
      outside: <IncomingCall />,
    });
    await screen.findByText('ready');
    act(() =>
      client.dispatchEvent({ type: 'call.ring', cid: channel.cid, user: USERS.bob, call } as never),
    );
    const dialog = await screen.findByRole('alertdialog', { name: 'Bob Chen te está llamando' });
    expect(within(dialog).getByRole('button', { name: 'Aceptar' })).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Rechazar' })).toBeInTheDocument();
  });

  it('rings as call waiting while the user is in a call: quieter, distinct, End and accept', async () => {
    const audio = installAudio();
    const { ring, client, sendEvent, provider } = setup();
    await screen.findByText('ready');
    const other = fakeCall('other-1', 'audio');
    // In a call already (joined from elsewhere in the app).
    const { controller } = await inCall(client, other);
    ring();
    const dialog = await screen.findByRole('alertdialog', { name: 'Bob Chen is calling' });
    expect(dialog).toHaveAttribute('data-state', 'waiting');
    expect(dialog).toHaveAccessibleDescription(/Accepting ends your current call/);
    await waitFor(() => expect(audio).toHaveLength(1));
    // The call-waiting tone: one 440 Hz tone, far quieter than the ring's.
    expect(audio[0].frequencies).toEqual([440]);
    expect(audio[0].peak).toBeLessThan(0.05);
    expect(within(dialog).queryByRole('button', { name: 'Accept' })).toBeNull();
    await userEvent.click(within(dialog).getByRole('button', { name: 'End and accept' }));
    await waitFor(() => expect(controller.session?.state.call?.id).toBe('ring-1'));
    expect(provider.leaves).toBe(1);
    expect(sendEvent).not.toHaveBeenCalledWith(expect.objectContaining({ type: 'call.declined' }));
  });

  it('declines call waiting as busy', async () => {
    const { ring, client, sendEvent } = setup({ muteRingtone: true });
    await screen.findByText('ready');
    await inCall(client, fakeCall('other-2', 'audio'));
    ring();
    const dialog = await screen.findByRole('alertdialog', { name: 'Bob Chen is calling' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Decline' }));
    expect(sendEvent).toHaveBeenCalledWith({
      type: 'call.declined',
      call_id: 'ring-1',
      session: 1,
      reason: 'busy',
    });
  });

  it('lets the missed-call notice go by itself, unless the pointer rests on it', async () => {
    const { ring, client } = setup({ muteRingtone: true });
    await screen.findByText('ready');
    await settled();
    vi.useFakeTimers();
    ring();
    dispatchCallEnded(client, fakeLiveState(call, { state: 'ended' }));
    const notice = screen.getByText(/Missed call from Bob Chen/).closest('[role="status"]')!;
    fireEvent.pointerEnter(notice);
    act(() => vi.advanceTimersByTime(20_000));
    expect(screen.getByText(/Missed call from Bob Chen/)).toBeInTheDocument();
    fireEvent.pointerLeave(notice);
    act(() => vi.advanceTimersByTime(7_999));
    expect(screen.getByText(/Missed call from Bob Chen/)).toBeInTheDocument();
    act(() => vi.advanceTimersByTime(1));
    expect(screen.queryByText(/Missed call from Bob Chen/)).toBeNull();
  });

  it.each([
    ['Escape', () => userEvent.keyboard('{Escape}')],
    ['a click on it', () => userEvent.click(screen.getByText(/Missed call from Bob Chen/))],
  ])('dismisses the missed-call notice on %s', async (_, dismiss) => {
    await setup({ muteRingtone: true }).missed();
    await dismiss();
    expect(screen.queryByText(/Missed call from Bob Chen/)).toBeNull();
  });

  it("leaves Escape typed in the app's fields to them (the notice stays)", async () => {
    await setup({ muteRingtone: true }).missed();
    const composer = document.body.appendChild(document.createElement('textarea'));
    try {
      composer.focus();
      await userEvent.keyboard('{Escape}');
      expect(screen.getByText(/Missed call from Bob Chen/)).toBeInTheDocument();
    } finally {
      composer.remove();
    }
  });

  it('lets clicks through its layer to the app, but for its own dialog and notices', async () => {
    const { ring } = setup({ muteRingtone: true });
    await screen.findByText('ready');
    ring();
    const dialog = await screen.findByRole('alertdialog');
    const layer = dialog.closest('.str-call__incoming-layer') as HTMLElement;
    // jsdom has no layout: the rule is what the stylesheet says (checked in the e2e run too).
    const css = readFileSync('src/react/styles/lifecycle.css', 'utf8');
    expect(css).toMatch(/\.str-call__incoming-layer\s*{\s*pointer-events:\s*none;/);
    expect(layer).toHaveClass('str-call__incoming-layer');
  });
});

describe('a ring in a background tab', () => {
  function installNotifications(permission: NotificationPermission) {
    const shown: {
      title: string;
      options?: NotificationOptions;
      closed: boolean;
      onclick?: () => void;
    }[] = [];
    class FakeNotification {
      static permission = permission;
      static requestPermission = vi.fn(async () => permission);
      closed = false;
      onclick: (() => void) | null = null;
      constructor(title: string, options?: NotificationOptions) {
        shown.push(this as never);
        Object.assign(this, { title, options });
      }
      close() {
        this.closed = true;
      }
    }
    vi.stubGlobal('Notification', FakeNotification);
    return { shown, Notification: FakeNotification };
  }
  const hide = (hidden: boolean) => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
    document.dispatchEvent(new Event('visibilitychange'));
  };
  afterEach(() => {
    hide(false);
    document.title = '';
  });

  it('shows a system notification and marks the title; clicking it brings the tab forward', async () => {
    const { shown } = installNotifications('granted');
    const focus = vi.spyOn(window, 'focus').mockImplementation(() => {});
    document.title = 'Chat';
    const { ring, client } = setup({ muteRingtone: true });
    await screen.findByText('ready');
    hide(true);
    ring();
    await screen.findByRole('alertdialog');
    await waitFor(() => expect(shown).toHaveLength(1));
    expect(shown[0]).toMatchObject({ title: 'Bob Chen is calling' });
    expect(document.title).toBe('📞 Bob Chen is calling · Chat');
    act(() => (shown[0] as unknown as { onclick: () => void }).onclick());
    expect(focus).toHaveBeenCalled();
    expect(shown[0].closed).toBe(true);
    // The ring ends: the title is the app's again.
    dispatchCallEnded(client, fakeLiveState(call, { state: 'ended' }));
    await waitFor(() => expect(document.title).toBe('Chat'));
  });

  it('asks for the permission when the user accepts a call, never on page load', async () => {
    const { Notification } = installNotifications('default');
    const { ring } = setup({ muteRingtone: true });
    await screen.findByText('ready');
    ring();
    const dialog = await screen.findByRole('alertdialog');
    expect(Notification.requestPermission).not.toHaveBeenCalled();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Accept' }));
    expect(Notification.requestPermission).toHaveBeenCalledTimes(1);
  });

  it('still rings and marks the title where notifications are refused', async () => {
    const { shown } = installNotifications('denied');
    document.title = 'Chat';
    const { ring } = setup({ muteRingtone: true });
    await screen.findByText('ready');
    hide(true);
    ring();
    await screen.findByRole('alertdialog');
    await waitFor(() => expect(document.title).toBe('📞 Bob Chen is calling · Chat'));
    expect(shown).toHaveLength(0);
  });
});

/** Joins `other` through the app's controller (as a card's Join would), and waits until in. */
async function inCall(client: { userID?: string }, other: ReturnType<typeof fakeCall>) {
  const controller = probedController();
  await act(async () => {
    await controller.join(other);
  });
  await waitFor(() => expect(controller.session?.state.callingState).toBe('joined'));
  void client;
  return { controller };
}
