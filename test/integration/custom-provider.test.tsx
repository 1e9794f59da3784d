// @vitest-environment jsdom
/**
 * An app's own provider, end to end: the call service (stream-chat-calls-server, over real HTTP
 * on loopback) is given a made-up `sfu` ServerProvider, the kit a `CallProvider` of the same name.
 * Alice's Start creates an `sfu` call (its room from the service's provider, her token minted by
 * it); Bob's card reads the call through the provider's `parseRoom` and joins through it with the
 * token the service minted for him. Only the SFU itself (the room a join returns) is a double.
 */
import '../setup-dom';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { StreamChat } from 'stream-chat';
import { type CallService, createCallService, type ServerProvider } from 'stream-chat-calls-server';
import { Channel, Chat, MessageList, Window, WithComponents } from 'stream-chat-react';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createUserToken } from '../../dev-server/auth';
import { callServiceApi } from '../../src/core/api';
import type { CallProvider } from '../../src/core/provider';
import type { Call } from '../../src/core/types';
import { CallAttachment, CallsProvider, StartCallButton } from '../../src/react';
import { createFakeProvider } from '../../stories/support/fakes';
import { createOfflineChat, USERS } from '../../stories/support/offlineChat';
import { i18n } from '../unit/react/support';

vi.setConfig({ testTimeout: 30_000 });
Element.prototype.scrollBy ??= () => {};
Element.prototype.scrollTo ??= () => {};

const SECRET = 'dev-secret';
const SFU_SECRET = 'the-sfu-signing-key';
const sign = (room: string, userId: string) =>
  createHmac('sha256', SFU_SECRET).update(`${room}:${userId}`).digest('hex');

/** The service's side of the made-up SFU: a room per call, a signed admission per member. */
const sfuServer: ServerProvider = {
  name: 'sfu',
  async createRoom(callId) {
    return { sfu: { room: `sfu-${callId}`, region: 'eu' } };
  },
  async token(call, user) {
    const { room } = call.sfu as { room: string };
    return { token: `${user.id}.${sign(room, user.id)}` };
  },
};

/** The kit's side: reads `sfu: { room, region }`, and joins (the SFU's room is the double). */
function sfuKit(): CallProvider & { joins: { call: Call; token: { token: string } }[] } {
  return Object.assign(createFakeProvider('join', 'sfu'), {
    parseRoom(data: unknown) {
      if (data === null || typeof data !== 'object') return undefined;
      const { room, region } = data as { room?: unknown; region?: unknown };
      if (typeof room !== 'string' || !/^sfu-[a-z0-9_-]{1,64}$/.test(room)) return undefined;
      return region === 'eu' || region === 'us' ? { room, region } : undefined;
    },
  });
}

let service: CallService;
let http: Server;
let baseURL: string;

beforeAll(async () => {
  service = createCallService({
    apiKey: 'dev',
    apiSecret: SECRET,
    membership: {
      async getMembership(cid, userId) {
        return { member: cid === 'messaging:general' && (userId === 'alice' || userId === 'bob') };
      },
    },
    providers: {},
    customProviders: [sfuServer],
    databasePath: ':memory:',
  });
  http = createServer((req, res) => service.nodeHandler(req, res));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => http.close(resolve));
  await service.close();
});

/** A signed-in user's offline chat whose call API is the real service. */
async function signedIn(user: keyof typeof USERS, messages = createOfflineChat().channel.state) {
  const chat = createOfflineChat({ user: USERS[user], messages: [...messages.messages] as never });
  await chat.client.tokenManager.setTokenOrProvider(
    createUserToken(user, SECRET),
    USERS[user] as never,
  );
  return chat;
}

function renderApp(client: StreamChat, channel: ReturnType<typeof createOfflineChat>['channel']) {
  const provider = sfuKit();
  const view = render(
    <Chat client={client} i18nInstance={i18n()}>
      <CallsProvider
        providers={[provider]}
        api={callServiceApi({ baseURL, client })}
        ringing={false}
      >
        <WithComponents overrides={{ Attachment: CallAttachment }}>
          <Channel channel={channel}>
            <Window>
              <StartCallButton type="video" options={{ provider: 'sfu' }} />
              <MessageList />
            </Window>
          </Channel>
        </WithComponents>
      </CallsProvider>
    </Chat>,
  );
  return { provider, view };
}

it('the service mints an sfu token for each member, and the card joins through the sfu provider', async () => {
  // Alice starts an sfu call: the service's provider makes the room and her token.
  const alice = await signedIn('alice');
  const a = renderApp(alice.client, alice.channel);
  await userEvent.click(screen.getByRole('button', { name: 'Start video call' }));
  await waitFor(() => expect(a.provider.joins).toHaveLength(1));
  const call = a.provider.joins[0].call;
  expect(call).toEqual({
    id: expect.any(String),
    provider: 'sfu',
    type: 'video',
    sfu: { room: `sfu-${call.id}`, region: 'eu' },
  });
  expect(a.provider.joins[0].token.token).toBe(`alice.${sign(`sfu-${call.id}`, 'alice')}`);
  const announced = alice.channel.state.messages.at(-1);
  expect(announced?.attachments).toEqual([{ type: 'call', call, session: 1 }]);
  a.view.unmount();

  // Bob's chat has the message: his card reads the call through parseRoom and joins with his
  // own token, minted by the service's provider.
  const bob = await signedIn('bob', alice.channel.state);
  const b = renderApp(bob.client, bob.channel);
  const card = await screen.findByRole('group', { name: 'Video call' });
  await userEvent.click(within(card).getByRole('button', { name: 'Join' }));
  await waitFor(() => expect(b.provider.joins).toHaveLength(1));
  expect(b.provider.joins[0].call).toEqual(call);
  expect(b.provider.joins[0].token.token).toBe(`bob.${sign(`sfu-${call.id}`, 'bob')}`);
  expect(await within(card).findByText('You are in this call')).toBeInTheDocument();
  b.view.unmount();
});

it('shows a call of a provider this app does not have as one that cannot be joined', async () => {
  const unknown = { type: 'call', call: { id: 'x1', provider: 'zoom', type: 'video', zoom: {} } };
  const bob = createOfflineChat({
    user: USERS.bob,
    messages: [
      {
        id: 'm-zoom',
        type: 'regular',
        text: '',
        user: USERS.alice,
        attachments: [unknown],
        created_at: '2026-11-25T09:00:00.000Z',
        updated_at: '2026-11-25T09:00:00.000Z',
      } as never,
    ],
  });
  renderApp(bob.client, bob.channel);
  expect(await screen.findByText("This call can't be joined")).toBeInTheDocument();
});
