/** The caller's views (issue 12, behaviours 1–3 and 5): calling, no answer, declined, busy, switching. */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CallRoom } from '../../../src/react/room';
import { StartCallButton } from '../../../src/react/StartCallButton';
import { createFakeCallApi, createFakeProvider } from '../../../stories/support/fakes';
import { createOfflineChat, USERS } from '../../../stories/support/offlineChat';
import { expectNoAxeViolations } from '../../helpers/axe';
import { installAudio } from './audio';
import { renderInChat } from './support';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** Alice in a direct channel with Bob (a 1:1 call), or in a group. */
function setup({ group = false, language = 'en' as 'en' | 'es', muteRingtone = true } = {}) {
  const members = group ? [USERS.alice, USERS.bob, USERS.carol] : [USERS.alice, USERS.bob];
  const { client, channel } = createOfflineChat({ members, channelName: group ? 'General' : '' });
  if (!group) channel.data = { ...channel.data, name: undefined } as typeof channel.data;
  const api = createFakeCallApi();
  const provider = createFakeProvider();
  const view = renderInChat(
    <>
      <StartCallButton type="video" />
      <CallRoom />
    </>,
    { client, channel, api, providers: [provider], muteRingtone, language },
  );
  const declines = (reason: 'declined' | 'busy', callId: string) =>
    act(() =>
      client.dispatchEvent({
        type: 'call.declined',
        cid: channel.cid,
        user: USERS.bob,
        call_id: callId,
        session: 1,
        reason,
      } as never),
    );
  const start = async () => {
    await userEvent.click(await screen.findByRole('button', { name: 'Start video call' }));
    return screen.findByRole('group', { name: 'Calling Bob Chen…' }, { timeout: 5_000 });
  };
  const callId = () => {
    const created = api.requests.find((r) => r.method === 'createCall');
    if (!created) throw new Error('no call yet');
    return (created.args[1] as { id: string }).id;
  };
  return { client, channel, api, provider, view, declines, start, callId };
}

describe('OutgoingCall', () => {
  it('shows whom the user calls, with their picture and Cancel focused', async () => {
    const { start, view } = setup();
    const calling = await start();
    expect(calling).toHaveAttribute('data-state', 'ringing');
    expect(calling).toHaveTextContent('Video call');
    expect(calling.querySelector('.str-chat__avatar')).toBeInTheDocument();
    await waitFor(() =>
      expect(within(calling).getByRole('button', { name: 'Cancel' })).toHaveFocus(),
    );
    expect(screen.getByRole('region', { name: 'Call' })).toHaveAttribute('data-view', 'outgoing');
    await expectNoAxeViolations(view.container);
  });

  it('plays the ring-back tone while ringing (same mute rule as the ring), and stops it', async () => {
    const audio = installAudio();
    const { start, declines, callId } = setup({ muteRingtone: false });
    await start();
    await waitFor(() => expect(audio).toHaveLength(1));
    // The ring-back is the 440 + 480 Hz pair.
    expect(audio[0].frequencies).toEqual([440, 480]);
    declines('declined', callId());
    await screen.findByRole('group', { name: 'Bob Chen declined' });
    expect(audio[0].closed).toBe(true);
  });

  it('is silent with muteRingtone and tolerates an autoplay refusal', async () => {
    const audio = installAudio({ refuseAutoplay: true });
    const { start } = setup({ muteRingtone: true });
    await start();
    expect(audio).toHaveLength(0);
  });

  it('Cancel ends the call for everyone as cancelled and closes the view', async () => {
    const { start, api } = setup();
    const calling = await start();
    await waitFor(() => expect(api.count('createCall')).toBe(1));
    await userEvent.click(within(calling).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(api.count('endCall')).toBe(1));
    expect(api.requests.find((r) => r.method === 'endCall')?.args).toEqual([
      expect.any(String),
      { reason: 'cancelled', session: 1 },
    ]);
    await waitFor(() => expect(screen.queryByRole('group', { name: /Calling/ })).toBeNull());
  });

  it.each([
    ['declined', 'Bob Chen declined'],
    ['busy', 'Bob Chen is in another call'],
  ] as const)(
    'says why when the callee answers %s, with Call again and Close',
    async (reason, text) => {
      const { start, declines, callId } = setup();
      await start();
      await waitFor(() => callId());
      declines(reason, callId());
      const outcome = await screen.findByRole('group', { name: text });
      expect(outcome).toHaveAttribute('data-state', reason);
      await waitFor(() =>
        expect(within(outcome).getByRole('button', { name: 'Call again' })).toHaveFocus(),
      );
      await userEvent.click(within(outcome).getByRole('button', { name: 'Close' }));
      expect(screen.queryByRole('group', { name: text })).toBeNull();
    },
  );

  it('says No answer after the ring timeout, and Call again rings again', async () => {
    const { start, api } = setup();
    vi.useFakeTimers({ shouldAdvanceTime: true });
    await start();
    await waitFor(() => expect(api.count('createCall')).toBe(1));
    await act(() => vi.advanceTimersByTimeAsync(30_000));
    const outcome = await screen.findByRole('group', { name: 'No answer' });
    expect(api.requests.find((r) => r.method === 'endCall')?.args[1]).toEqual({
      reason: 'no-answer',
      session: 1,
    });
    await userEvent.click(within(outcome).getByRole('button', { name: 'Call again' }));
    await screen.findByRole('group', { name: 'Calling Bob Chen…' });
    expect(api.count('createCall')).toBe(2);
  });

  it('Escape cancels the ringing call', async () => {
    const { start, api } = setup();
    const calling = await start();
    await waitFor(() => expect(api.count('createCall')).toBe(1));
    await waitFor(() =>
      expect(within(calling).getByRole('button', { name: 'Cancel' })).toHaveFocus(),
    );
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(api.count('endCall')).toBe(1));
  });

  it('is translated', async () => {
    const { client, channel } = createOfflineChat({ members: [USERS.alice, USERS.bob] });
    channel.data = { ...channel.data, name: undefined } as typeof channel.data;
    renderInChat(
      <>
        <StartCallButton type="video" />
        <CallRoom />
      </>,
      {
        client,
        channel,
        api: createFakeCallApi(),
        providers: [createFakeProvider()],
        muteRingtone: true,
        language: 'es',
      },
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Iniciar videollamada' }));
    const calling = await screen.findByRole('group', { name: 'Llamando a Bob Chen…' });
    expect(within(calling).getByRole('button', { name: 'Cancelar' })).toBeInTheDocument();
  });

  it('puts a group caller in the room at once (no calling view)', async () => {
    const { api } = setup({ group: true });
    await userEvent.click(await screen.findByRole('button', { name: 'Start video call' }));
    await waitFor(() => expect(api.count('createCall')).toBe(1));
    await waitFor(() =>
      expect(screen.getByRole('region', { name: 'Call' })).toHaveAttribute('data-state', 'joined'),
    );
    expect(screen.queryByRole('group', { name: /Calling/ })).toBeNull();
  });

  it('shows a group caller who is still rung and who declined, among the participants', async () => {
    const { api, declines, callId } = setup({ group: true });
    await userEvent.click(await screen.findByRole('button', { name: 'Start video call' }));
    await waitFor(() => expect(api.count('createCall')).toBe(1));
    const room = await screen.findByRole('region', { name: 'Call' });
    await userEvent.click(await within(room).findByRole('button', { name: /Participants/ }));
    const invited = await within(room).findByRole('list', { name: 'Invited' });
    expect(within(invited).getByText('Bob Chen').closest('li')).toHaveTextContent('Ringing…');
    expect(within(invited).getByText('Carol Diaz').closest('li')).toHaveTextContent('Ringing…');
    declines('declined', callId());
    await waitFor(() =>
      expect(within(invited).getByText('Bob Chen').closest('li')).toHaveTextContent('Declined'),
    );
    expect(within(invited).getByText('Carol Diaz').closest('li')).toHaveTextContent('Ringing…');
    // The call goes on for the others.
    expect(api.count('endCall')).toBe(0);
  });
});
