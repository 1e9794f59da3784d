/**
 * The dev server answers a server-side stream-chat client (`new StreamChat(key, secret)`) on the
 * calls a backend such as the call service makes: members, users, events sent as a user.
 */
import { StreamChat } from 'stream-chat';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { DevServer } from '../../dev-server/server';
import { API_SECRET, connect, nextEvent, startTestServer } from './helpers';

let server: DevServer;
let backend: StreamChat;
let bob: StreamChat;

beforeAll(async () => {
  server = await startTestServer();
  backend = new StreamChat(server.apiKey, API_SECRET, { baseURL: server.url });
  bob = await connect(server, 'bob');
});
afterAll(async () => {
  await bob?.disconnectUser();
  await server.close();
});

async function streamError(p: Promise<unknown>): Promise<{ status: number; code: number }> {
  const e = (await p.then(
    () => undefined,
    (err: unknown) => err,
  )) as { status?: number; code?: number } | undefined;
  expect(e).toBeDefined();
  return { status: e!.status!, code: e!.code! };
}

describe('a server-side client of the dev server', () => {
  it('queries a channel member with their channel role', async () => {
    const general = backend.channel('messaging', 'general');
    const { members } = await general.queryMembers({ user_id: 'carol' }, [], { limit: 1 });
    expect(members).toEqual([
      expect.objectContaining({
        user_id: 'carol',
        channel_role: 'channel_moderator',
        user: expect.objectContaining({ id: 'carol', name: 'Carol Clark' }),
      }),
    ]);
    expect(
      (await backend.channel('messaging', 'design').queryMembers({ user_id: 'dave' })).members,
    ).toEqual([]);
    const all = await general.queryMembers({});
    expect(all.members.map((m) => m.user_id).sort()).toEqual(['alice', 'bob', 'carol', 'dave']);
  });

  it('gets Stream’s 404 (code 16) for a channel that does not exist', async () => {
    expect(
      await streamError(backend.channel('messaging', 'nope').queryMembers({ user_id: 'bob' })),
    ).toEqual({ status: 404, code: 16 });
  });

  it('looks users up', async () => {
    const { users } = await backend.queryUsers({ id: { $eq: 'alice' } }, {}, { limit: 1 });
    expect(users).toEqual([expect.objectContaining({ id: 'alice', name: 'Alice Andersen' })]);
  });

  it('sends a channel event as a user, delivered to members with that user', async () => {
    await bob.channel('messaging', 'general').watch();
    const seen = nextEvent(bob, 'call.updated');
    await backend.channel('messaging', 'general').sendEvent({
      type: 'call.updated',
      user_id: 'alice',
      call_state: { state: 'ongoing' },
    } as never);
    const event = (await seen) as unknown as Record<string, unknown>;
    expect(event).toMatchObject({
      type: 'call.updated',
      cid: 'messaging:general',
      user: { id: 'alice' },
      call_state: { state: 'ongoing' },
    });
    expect(event.user_id).toBeUndefined();
  });

  it('needs a user to send an event as', async () => {
    expect(
      await streamError(
        backend.channel('messaging', 'general').sendEvent({ type: 'call.updated' } as never),
      ),
    ).toEqual({ status: 400, code: 4 });
  });

  it('is refused on the routes the dev server serves to users only', async () => {
    expect(await streamError(backend.queryChannels({ members: { $in: ['alice'] } }))).toMatchObject(
      { status: 403, code: 17 },
    );
  });

  it('cannot connect a WebSocket with a server token', async () => {
    const token = (backend as unknown as { _getToken(): string })._getToken();
    const json = encodeURIComponent(JSON.stringify({ user_id: 'alice', user_details: {} }));
    const ws = new WebSocket(
      `${server.url.replace('http', 'ws')}/connect?json=${json}&api_key=${server.apiKey}&authorization=${token}&stream-auth-type=jwt`,
    );
    const first = await new Promise<string>((resolve, reject) => {
      ws.once('message', (d) => resolve(String(d)));
      ws.once('error', reject);
    });
    ws.close();
    expect(JSON.parse(first).error).toMatchObject({ StatusCode: 401, code: 5 });
  });
});

describe('a user client of the dev server', () => {
  it('queries the members of its own channels only', async () => {
    const own = await bob.channel('messaging', 'general').queryMembers({ user_id: 'alice' });
    expect(own.members.map((m) => m.user_id)).toEqual(['alice']);
    const dave = await connect(server, 'dave');
    expect(
      await streamError(dave.channel('messaging', 'design').queryMembers({ user_id: 'alice' })),
    ).toEqual({ status: 403, code: 17 });
    await dave.disconnectUser();
  });
});
