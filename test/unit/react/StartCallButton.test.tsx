import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CallKitError } from '../../../src/core/errors';
import { channelCallId } from '../../../src/core/ids';
import { StartCallButton } from '../../../src/react/StartCallButton';
import { createFakeCallApi, createFakeProvider } from '../../../stories/support/fakes';
import { createOfflineChat } from '../../../stories/support/offlineChat';
import { expectNoAxeViolations } from '../../helpers/axe';
import { renderInChat } from './support';

function setup(
  opts: {
    api?: ReturnType<typeof createFakeCallApi>;
    capabilities?: string[];
    ringing?: boolean;
    notify?: 'message' | 'channel' | 'event';
  } = {},
) {
  const { client, channel } = createOfflineChat({ capabilities: opts.capabilities });
  const api = opts.api ?? createFakeCallApi();
  const provider = createFakeProvider();
  const sendMessage = vi.spyOn(channel, 'sendMessage');
  const sendEvent = vi.spyOn(channel, 'sendEvent');
  const updatePartial = vi.spyOn(channel, 'updatePartial');
  const onError = vi.fn();
  const base = {
    client,
    channel,
    api,
    providers: [provider],
    ringing: opts.ringing,
    notify: opts.notify,
    onError,
  };
  return { client, channel, api, provider, sendMessage, sendEvent, updatePartial, onError, base };
}

afterEach(() => vi.restoreAllMocks());

describe('StartCallButton', () => {
  it('is an accessible button labelled by the kind of call, idle at first', async () => {
    const { base } = setup();
    const { container } = renderInChat(<StartCallButton type="audio" />, base);
    const button = await screen.findByRole('button', { name: 'Start audio call' });
    expect(button).toHaveAttribute('data-state', 'idle');
    expect(button).toBeEnabled();
    await expectNoAxeViolations(container);
  });

  it('disables itself (keeping the focus) and is aria-busy while the call is starting', async () => {
    const { base } = setup({ api: createFakeCallApi({ createCall: 'pending' }) });
    renderInChat(<StartCallButton type="video" />, base);
    const button = await screen.findByRole('button', { name: 'Start video call' });
    await userEvent.click(button);
    expect(button).toHaveAttribute('aria-disabled', 'true');
    expect(button).toHaveFocus();
    expect(button).toHaveAttribute('aria-busy', 'true');
    expect(button).toHaveAttribute('data-state', 'starting');
  });

  it('makes one call and posts one message when clicked twice at once', async () => {
    const { base, api, sendMessage } = setup();
    renderInChat(<StartCallButton type="video" />, base);
    const button = await screen.findByRole('button', { name: 'Start video call' });
    act(() => {
      button.click();
      button.click();
    });
    await waitFor(() => expect(sendMessage).toHaveBeenCalledTimes(1));
    expect(api.count('createCall')).toBe(1);
  });

  it('posts the call attachment with the public call fields only (no token)', async () => {
    const { base, sendMessage } = setup();
    renderInChat(<StartCallButton type="video" />, base);
    await userEvent.click(await screen.findByRole('button', { name: 'Start video call' }));
    await waitFor(() => expect(sendMessage).toHaveBeenCalledTimes(1));
    const message = sendMessage.mock.calls[0][0];
    // The text is what channel lists and notifications show; the card stands in for it.
    expect(message.text).toBe('Video call');
    expect(message.attachments).toEqual([
      {
        type: 'call',
        call: {
          id: expect.any(String),
          provider: 'local',
          type: 'video',
          local: { room: expect.any(String) },
        },
        // The session the message announces (a reused id starts the next one).
        session: 1,
      },
    ]);
    expect(JSON.stringify(message)).not.toContain('creator-token');
  });

  it.each([
    ['en', 'audio', 'Start audio call', 'Audio call'],
    ['es', 'video', 'Iniciar videollamada', 'Videollamada'],
  ] as const)(
    'in %s, a %s call message says so in its text',
    async (language, type, button, text) => {
      const { base, sendMessage } = setup();
      renderInChat(<StartCallButton type={type} />, { ...base, language });
      await userEvent.click(await screen.findByRole('button', { name: button }));
      await waitFor(() => expect(sendMessage).toHaveBeenCalledTimes(1));
      expect(sendMessage.mock.calls[0][0].text).toBe(text);
    },
  );

  it('joins with the token CreateCall returned, without asking for another', async () => {
    const { base, api, provider } = setup();
    const onCallStarted = vi.fn();
    renderInChat(<StartCallButton type="video" onCallStarted={onCallStarted} />, base);
    await userEvent.click(await screen.findByRole('button', { name: 'Start video call' }));
    await waitFor(() => expect(provider.joins).toHaveLength(1));
    expect(provider.joins[0].token.token).toBe('creator-token');
    expect(api.count('getCallToken')).toBe(0);
    await waitFor(() => expect(onCallStarted).toHaveBeenCalledTimes(1));
    // In the call now: the button says so, and starts nothing more here.
    const button = screen.getByRole('button', {
      name: 'Start video call: You are in a call in this channel',
    });
    expect(button).toHaveAttribute('data-state', 'in-call');
    expect(button).toHaveAttribute('data-in-call');
    expect(button).toHaveAttribute('aria-disabled', 'true');
  });

  it('does not join when join={false}', async () => {
    const { base, provider, sendMessage } = setup();
    renderInChat(<StartCallButton type="audio" join={false} />, base);
    await userEvent.click(await screen.findByRole('button', { name: 'Start audio call' }));
    await waitFor(() => expect(sendMessage).toHaveBeenCalledTimes(1));
    expect(provider.joins).toHaveLength(0);
  });

  it('uses the channel-scoped id with callId="channel"', async () => {
    const { base, api, channel } = setup();
    renderInChat(<StartCallButton type="audio" callId="channel" />, base);
    await userEvent.click(await screen.findByRole('button', { name: 'Start audio call' }));
    await waitFor(() => expect(api.count('createCall')).toBe(1));
    expect(api.requests[0].args[1]).toMatchObject({ id: channelCallId(channel), type: 'audio' });
  });

  it('passes CreateCall options through', async () => {
    const { base, api } = setup();
    renderInChat(<StartCallButton type="audio" options={{ provider: 'hms' }} />, base);
    await userEvent.click(await screen.findByRole('button', { name: 'Start audio call' }));
    await waitFor(() => expect(api.count('createCall')).toBe(1));
    expect(api.requests[0].args[1]).toMatchObject({ options: { provider: 'hms' } });
  });

  it('sends call.ring to the channel when ringing is on', async () => {
    const { base, sendEvent } = setup();
    renderInChat(<StartCallButton type="video" />, base);
    await userEvent.click(await screen.findByRole('button', { name: 'Start video call' }));
    await waitFor(() =>
      expect(sendEvent).toHaveBeenCalledWith({
        type: 'call.ring',
        call: expect.objectContaining({ provider: 'local' }),
        session: 1,
        // Everyone in the channel but the caller, for the ring timeout.
        members: ['bob', 'carol'],
        timeout_ms: 30_000,
      }),
    );
  });

  it('does not ring when ringing is off', async () => {
    const { base, sendEvent, sendMessage } = setup({ ringing: false });
    renderInChat(<StartCallButton type="video" />, base);
    await userEvent.click(await screen.findByRole('button', { name: 'Start video call' }));
    await waitFor(() => expect(sendMessage).toHaveBeenCalledTimes(1));
    expect(sendEvent).not.toHaveBeenCalled();
  });

  it('stores the call on the channel with notify="channel"', async () => {
    const { base, updatePartial, sendMessage } = setup({ notify: 'channel', ringing: false });
    renderInChat(<StartCallButton type="video" />, base);
    await userEvent.click(await screen.findByRole('button', { name: 'Start video call' }));
    await waitFor(() => expect(updatePartial).toHaveBeenCalledTimes(1));
    expect(updatePartial.mock.calls[0][0]).toEqual({
      set: { call: expect.objectContaining({ type: 'video', provider: 'local' }) },
    });
    expect(sendMessage).not.toHaveBeenCalled();
  });

  it('sends a call.created event with notify="event"', async () => {
    const { base, sendEvent, sendMessage } = setup({ notify: 'event', ringing: false });
    renderInChat(<StartCallButton type="audio" />, base);
    await userEvent.click(await screen.findByRole('button', { name: 'Start audio call' }));
    await waitFor(() =>
      expect(sendEvent).toHaveBeenCalledWith({
        type: 'call.created',
        call: expect.objectContaining({ type: 'audio' }),
        session: 1,
      }),
    );
    expect(sendMessage).not.toHaveBeenCalled();
  });

  it('lets the button prop override the provider notify mode', async () => {
    const { base, sendEvent, sendMessage } = setup({ ringing: false });
    renderInChat(<StartCallButton type="audio" notify="event" />, base);
    await userEvent.click(await screen.findByRole('button', { name: 'Start audio call' }));
    await waitFor(() => expect(sendEvent).toHaveBeenCalledTimes(1));
    expect(sendMessage).not.toHaveBeenCalled();
  });

  it('shows a readable error, calls onError and posts nothing when CreateCall fails', async () => {
    const failure = new CallKitError('forbidden', 'raw server text', { status: 403 });
    const { base, sendMessage, sendEvent, onError, provider } = setup({
      api: createFakeCallApi({ createCall: failure }),
    });
    const onButtonError = vi.fn();
    const { container } = renderInChat(
      <StartCallButton type="video" onError={onButtonError} />,
      base,
    );
    const button = await screen.findByRole('button', { name: 'Start video call' });
    await userEvent.click(button);
    const alert = await screen.findByText('You are not a member of this channel.');
    expect(alert).toHaveAttribute('role', 'alert');
    expect(button).toHaveAttribute('data-state', 'failed');
    expect(button).toHaveAccessibleDescription('You are not a member of this channel.');
    expect(onButtonError).toHaveBeenCalledWith(failure);
    expect(onError).toHaveBeenCalledWith(failure, undefined);
    expect(sendMessage).not.toHaveBeenCalled();
    expect(sendEvent).not.toHaveBeenCalled();
    expect(provider.joins).toHaveLength(0);
    await expectNoAxeViolations(container);
  });

  it('translates the error', async () => {
    const { base } = setup({
      api: createFakeCallApi({ createCall: new CallKitError('network-error', 'x') }),
    });
    renderInChat(<StartCallButton type="video" />, { ...base, language: 'es' });
    await userEvent.click(await screen.findByRole('button', { name: 'Iniciar videollamada' }));
    expect(await screen.findByText(/^No se pudo contactar con el servicio/)).toHaveAttribute(
      'role',
      'alert',
    );
  });

  it('reports a failed announcement and does not sit in an unannounced call', async () => {
    const { base, sendMessage, provider, sendEvent, onError, api } = setup();
    sendMessage.mockRejectedValueOnce(Object.assign(new Error('down'), { status: 0 }));
    renderInChat(<StartCallButton type="video" />, base);
    await userEvent.click(await screen.findByRole('button', { name: 'Start video call' }));
    expect(await screen.findByText('The call service had a problem. Try again.')).toHaveAttribute(
      'role',
      'alert',
    );
    // The ring goes out first (it waits for no message); the unannounced call then ends as
    // cancelled, which stops that ring everywhere.
    expect(sendEvent).toHaveBeenCalledWith(expect.objectContaining({ type: 'call.ring' }));
    await waitFor(() =>
      expect(api.requests.find((r) => r.method === 'endCall')?.args[1]).toEqual({
        reason: 'cancelled',
        session: 1,
      }),
    );
    expect(provider.joins).toHaveLength(0);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0][0]).toMatchObject({ code: 'server-error' });
    expect(onError.mock.calls[0][1]).toMatchObject({ type: 'video', provider: 'local' });
  });

  it("runs the app's onClick first and lets it cancel the start", async () => {
    const { base, api } = setup();
    const onClick = vi.fn((e: { preventDefault(): void }) => e.preventDefault());
    renderInChat(<StartCallButton type="video" onClick={onClick} />, base);
    await userEvent.click(await screen.findByRole('button', { name: 'Start video call' }));
    expect(onClick).toHaveBeenCalledTimes(1);
    await Promise.resolve();
    expect(api.count('createCall')).toBe(0);
  });

  it('is hidden without the send-message capability', async () => {
    const { base } = setup({ capabilities: ['read-events'] });
    renderInChat(
      <>
        <StartCallButton type="video" />
        <p>ready</p>
      </>,
      base,
    );
    await screen.findByText('ready');
    expect(screen.queryByRole('button', { name: /video call/i })).toBeNull();
  });

  it('is disabled with the reason as its label when asked to', async () => {
    const { base, api } = setup({ capabilities: ['read-events'] });
    const { container } = renderInChat(
      <StartCallButton type="video" whenUnavailable="disable" />,
      base,
    );
    const button = await screen.findByRole('button', {
      name: "Start video call: You can't start a call in this channel",
    });
    expect(button).toBeDisabled();
    expect(button).toHaveAttribute('data-state', 'unavailable');
    await userEvent.click(button);
    expect(api.count('createCall')).toBe(0);
    await expectNoAxeViolations(container);
  });

  it('merges onto its child with asChild, running the child handler first', async () => {
    const { base, api } = setup();
    const childClick = vi.fn();
    const childRef = { current: null as HTMLButtonElement | null };
    const kitRef = { current: null as HTMLButtonElement | null };
    renderInChat(
      <StartCallButton type="video" asChild className="from-kit" ref={kitRef}>
        <button type="button" className="mine" onClick={childClick} ref={childRef}>
          Call now
        </button>
      </StartCallButton>,
      base,
    );
    const button = await screen.findByRole('button', { name: 'Call now' });
    expect(button).toHaveClass('mine', 'from-kit', 'str-call__start-button');
    expect(button).toHaveAttribute('data-state', 'idle');
    expect(childRef.current).toBe(button);
    expect(kitRef.current).toBe(button);
    await userEvent.click(button);
    expect(childClick).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(api.count('createCall')).toBe(1));
  });

  it('lets the app cancel the start with preventDefault()', async () => {
    const { base, api } = setup();
    renderInChat(
      <StartCallButton type="video" asChild>
        <button type="button" onClick={(e) => e.preventDefault()}>
          Call now
        </button>
      </StartCallButton>,
      base,
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Call now' }));
    await Promise.resolve();
    expect(api.count('createCall')).toBe(0);
  });

  it('forwards its ref and spreads other props onto the button', async () => {
    const { base } = setup();
    let node: HTMLButtonElement | null = null;
    renderInChat(
      <StartCallButton
        type="video"
        ref={(el) => {
          node = el;
        }}
        data-testid="start"
        className="extra"
      />,
      base,
    );
    const button = await screen.findByTestId('start');
    expect(node).toBe(button);
    expect(button).toHaveClass('extra', 'str-call__start-button');
  });
});
