import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChannelCallBanner } from '../../../src/react/ChannelCallBanner';
import { StartCallButton } from '../../../src/react/StartCallButton';
import {
  createFakeCallApi,
  createFakeProvider,
  fakeCall,
  fakeLiveState,
} from '../../../stories/support/fakes';
import { createOfflineChat } from '../../../stories/support/offlineChat';
import { expectNoAxeViolations } from '../../helpers/axe';
import { dispatchCallEnded, renderInChat } from './support';

const call = fakeCall('room-1', 'audio');

afterEach(() => vi.restoreAllMocks());

function setup(data: Record<string, unknown> = {}, states = {}) {
  const { client, channel } = createOfflineChat({ data });
  const api = createFakeCallApi({ states });
  const provider = createFakeProvider();
  const view = renderInChat(
    <>
      <ChannelCallBanner />
      <p>ready</p>
    </>,
    { client, channel, api, providers: [provider], ringing: false },
  );
  return { client, channel, api, provider, view };
}

function updateChannel(
  client: ReturnType<typeof createOfflineChat>['client'],
  data: Record<string, unknown>,
) {
  act(() =>
    client.dispatchEvent({
      type: 'channel.updated',
      cid: 'messaging:general',
      channel: { id: 'general', type: 'messaging', cid: 'messaging:general', ...data },
    } as never),
  );
}

describe('ChannelCallBanner', () => {
  it('shows nothing when the channel has no call', async () => {
    setup();
    await screen.findByText('ready');
    expect(screen.queryByText(/call in progress/)).toBeNull();
  });

  it('shows an ongoing call stored on the channel, with Join', async () => {
    const live = fakeLiveState(call, {
      participants: [{ user_id: 'bob', joined_at: '2026-11-25T09:00:00.000Z' }],
    });
    const { view, provider, api } = setup({ call }, { [call.id]: live });
    const text = await screen.findByText(/Audio call in progress/);
    const banner = text.closest('[role="status"]') as HTMLElement;
    expect(banner).toHaveClass('str-call__banner');
    await within(banner).findByText(/1 in the call/);
    await expectNoAxeViolations(view.container);
    await userEvent.click(within(banner).getByRole('button', { name: 'Join' }));
    await within(banner).findByText('You are in this call');
    expect(provider.joins).toHaveLength(1);
    expect(api.count('getCallToken')).toBe(1);
  });

  it('appears and disappears with channel.updated', async () => {
    const { client } = setup();
    await screen.findByText('ready');
    updateChannel(client, { call });
    expect(await screen.findByText(/Audio call in progress/)).toBeInTheDocument();
    updateChannel(client, {});
    expect(screen.queryByText(/Audio call in progress/)).toBeNull();
  });

  it('hides when the call has ended', async () => {
    const { client } = setup({ call });
    await screen.findByText(/Audio call in progress/);
    dispatchCallEnded(client, fakeLiveState(call, { state: 'ended' }));
    expect(screen.queryByText(/Audio call in progress/)).toBeNull();
  });

  it.each([
    ['markup', { ...call, id: '"><script>' }],
    [
      'a token-bearing object with no room',
      { id: 'x', provider: 'local', type: 'audio', token: 's' },
    ],
    ['an array', [call]],
  ])('ignores an untrusted channel.data.call with %s', async (_, hostile) => {
    const { api } = setup({ call: hostile });
    await screen.findByText('ready');
    expect(screen.queryByRole('button', { name: 'Join' })).toBeNull();
    expect(api.requests).toEqual([]);
  });

  it('shows the call a StartCallButton stored with notify="channel"', async () => {
    const { client, channel } = createOfflineChat();
    renderInChat(
      <>
        <StartCallButton type="video" join={false} />
        <ChannelCallBanner />
      </>,
      { client, channel, api: createFakeCallApi(), notify: 'channel', ringing: false },
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Start video call' }));
    expect(await screen.findByText(/Video call in progress/)).toBeInTheDocument();
  });
});
