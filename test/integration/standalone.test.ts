/**
 * The standalone call service (the CLI, in its own process) against the dev server (in another)
 * as its Stream: membership, user look-ups and channel events go through `stream-chat`'s server
 * client over HTTP, exactly as they would to Stream.
 */
import { StreamChat } from 'stream-chat';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallKitError, type CallLiveState, callServiceApi, createCallId } from '../../src/core';
import { collect, nextEvent } from './helpers';
import { STANDALONE_API_KEY, type Standalone, startStandalone } from './standalone';

let stack: Standalone;
let serviceURL: string;
const clients: StreamChat[] = [];

async function connect(userId: string): Promise<StreamChat> {
  const base = stack.devServer.url;
  const res = await fetch(`${base}/dev/token?user_id=${userId}`);
  const { token } = (await res.json()) as { token: string };
  const client = new StreamChat(STANDALONE_API_KEY, {
    baseURL: base,
    allowServerSideConnect: true,
  });
  await client.connectUser({ id: userId }, token);
  clients.push(client);
  return client;
}

async function failure(p: Promise<unknown>): Promise<CallKitError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(CallKitError);
  return e as CallKitError;
}

beforeAll(async () => {
  stack = await startStandalone();
  serviceURL = stack.services[0]!.url;
}, 60_000);
afterAll(async () => {
  await Promise.all(clients.map((c) => c.disconnectUser()));
  await stack?.close();
});

describe('the standalone call service with the dev server as its Stream', () => {
  it('creates a call for a member and tells the channel through Stream events', async () => {
    const [alice, bob] = await Promise.all([connect('alice'), connect('bob')]);
    await bob.channel('messaging', 'general').watch();
    const api = callServiceApi({ baseURL: serviceURL, client: alice });
    const id = createCallId();

    const created = await api.createCall(
      { type: 'messaging', id: 'general' },
      { id, type: 'video' },
    );
    expect(created.call).toMatchObject({ id, provider: 'local', type: 'video' });
    expect(created.token).toEqual(expect.any(String));

    // The join's call.updated reaches Bob through the dev server's WebSocket, sent by the
    // service as Alice, with her name looked up through GET /users.
    const updated = nextEvent(
      bob,
      'call.updated',
      (e) => (e as { call_state?: CallLiveState }).call_state?.participants.length === 1,
    );
    await api.updateParticipation(id, 'join');
    const event = (await updated) as unknown as { call_state: CallLiveState; user: { id: string } };
    expect(event.user.id).toBe('alice');
    expect(event.call_state.participants).toEqual([
      expect.objectContaining({ user_id: 'alice', name: 'Alice Andersen' }),
    ]);

    const ended = nextEvent(bob, 'call.ended');
    await api.endCall(id);
    expect(((await ended) as unknown as { call_state: CallLiveState }).call_state.state).toBe(
      'ended',
    );
  });

  it("refuses a user outside the channel, as Stream's member list says", async () => {
    const dave = await connect('dave');
    const seen = collect(dave, 'call.updated');
    const error = await failure(
      callServiceApi({ baseURL: serviceURL, client: dave }).createCall(
        { type: 'messaging', id: 'design' },
        { id: createCallId(), type: 'audio' },
      ),
    );
    expect(error.code).toBe('forbidden');
    seen.stop();
    expect(seen.events).toEqual([]);
  });

  it('treats a channel Stream says does not exist as no membership', async () => {
    const carol = await connect('carol');
    const error = await failure(
      callServiceApi({ baseURL: serviceURL, client: carol }).createCall(
        { type: 'messaging', id: 'no-such-channel' },
        { id: createCallId(), type: 'audio' },
      ),
    );
    expect(error.code).toBe('forbidden');
  });

  it('lets a channel moderator end a call, reading the role from the member list', async () => {
    const [alice, carol] = await Promise.all([connect('alice'), connect('carol')]);
    const id = createCallId();
    await callServiceApi({ baseURL: serviceURL, client: alice }).createCall(
      { type: 'messaging', id: 'general' },
      { id, type: 'audio' },
    );
    const state = await callServiceApi({ baseURL: serviceURL, client: carol }).endCall(id);
    expect(state.state).toBe('ended');
  });
});
