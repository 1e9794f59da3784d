import { jwtVerify } from 'jose';
import type { StreamChat } from 'stream-chat';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevServer } from '../../dev-server/server';
import {
  buildCallAttachment,
  createCallId,
  parseCallAttachment,
  readCallLiveState,
  streamCallApi,
} from '../../src/core';
import { API_SECRET, connect, nextEvent, startTestServer } from './helpers';

let server: DevServer;
let alice: StreamChat;
let bob: StreamChat;

beforeAll(async () => {
  server = await startTestServer();
  [alice, bob] = await Promise.all([connect(server, 'alice'), connect(server, 'bob')]);
});
afterAll(async () => {
  await Promise.all([alice?.disconnectUser(), bob?.disconnectUser()]);
  await server.close();
});

/** Counts the requests a client makes to the call API (the interceptor sees every axios call). */
function countCallRequests(client: StreamChat): { urls: string[] } {
  const seen = { urls: [] as string[] };
  client.axiosInstance.interceptors.request.use((config) => {
    if (config.url?.includes('/calls/')) seen.urls.push(`${config.method} ${config.url}`);
    return config;
  });
  return seen;
}

describe('a call from start to end through the real stream-chat client', () => {
  it('creates, announces, joins with its own token, updates live state and ends', async () => {
    const aliceGeneral = alice.channel('messaging', 'general');
    const bobGeneral = bob.channel('messaging', 'general');
    await Promise.all([aliceGeneral.watch(), bobGeneral.watch()]);

    // Alice starts a call: CreateCall at the client's own base URL.
    const created = await streamCallApi(alice).createCall(aliceGeneral, {
      id: createCallId(),
      type: 'video',
    });
    expect(created.call).toMatchObject({ provider: 'local', type: 'video' });
    expect(created.call.local?.room).toEqual(expect.any(String));

    // …and posts it. Bob, watching, receives it and parses it as untrusted input.
    const arrived = nextEvent(bob, 'message.new', (e) => e.message?.user?.id === 'alice');
    await aliceGeneral.sendMessage({ text: '', attachments: [buildCallAttachment(created.call)] });
    const event = await arrived;
    expect(JSON.stringify(event)).not.toContain(created.token);
    const parsed = parseCallAttachment(event.message?.attachments?.[0]);
    expect(parsed).toEqual({ ok: true, call: created.call });
    if (!parsed.ok) return;

    // Bob fetches HIS token: exactly one request.
    const requests = countCallRequests(bob);
    const bobToken = await streamCallApi(bob).getCallToken(parsed.call.id);
    expect(requests.urls).toEqual([`post ${server.url}/calls/${parsed.call.id}`]);
    expect(bobToken.token).not.toBe(created.token);
    const { payload } = await jwtVerify(bobToken.token, new TextEncoder().encode(API_SECRET));
    expect(payload).toMatchObject({ room: created.call.local?.room, user_id: 'bob' });

    // Bob reports joining; Alice's channel hears call.updated with Bob in it.
    const updated = new Promise<unknown>((resolve) => {
      const sub = aliceGeneral.on('call.updated' as never, (e) => {
        const state = readCallLiveState((e as unknown as { call_state: unknown }).call_state);
        if (state?.participants.some((p) => p.user_id === 'bob')) {
          sub.unsubscribe();
          resolve(e);
        }
      });
    });
    const joined = await streamCallApi(bob).updateParticipation(parsed.call.id, 'join');
    expect(joined.participants.map((p) => p.user_id)).toContain('bob');
    expect(await updated).toMatchObject({
      type: 'call.updated',
      cid: 'messaging:general',
      channel_id: 'general',
      user: { id: 'bob' },
    });

    // Alice ends it for everyone.
    const endedAtAlice = nextEvent(alice, 'call.ended');
    const endedAtBob = nextEvent(bob, 'call.ended');
    const ended = await streamCallApi(alice).endCall(parsed.call.id);
    expect(ended.state).toBe('ended');
    for (const e of await Promise.all([endedAtAlice, endedAtBob])) {
      expect(readCallLiveState((e as unknown as { call_state: unknown }).call_state)).toMatchObject(
        {
          state: 'ended',
          call: created.call,
        },
      );
    }
    expect((await streamCallApi(bob).getCallState(parsed.call.id)).state).toBe('ended');
  });

  it('lets the channel moderator end a call, but not another member', async () => {
    const [carol, dave] = await Promise.all([connect(server, 'carol'), connect(server, 'dave')]);
    const { call } = await streamCallApi(alice).createCall(
      { type: 'messaging', id: 'general' },
      { id: createCallId(), type: 'audio' },
    );
    await expect(streamCallApi(dave).endCall(call.id)).rejects.toMatchObject({ code: 'forbidden' });
    expect((await streamCallApi(carol).endCall(call.id)).state).toBe('ended');
    await Promise.all([carol.disconnectUser(), dave.disconnectUser()]);
  });

  it('returns the same call when two members create the same id in the same channel', async () => {
    const id = createCallId();
    const channel = { type: 'messaging', id: 'design' };
    const [a, b] = await Promise.all([
      streamCallApi(alice).createCall(channel, { id, type: 'audio' }),
      streamCallApi(bob).createCall(channel, { id: id.toUpperCase(), type: 'audio' }),
    ]);
    expect(a.call).toEqual(b.call);
    expect(a.token).not.toBe(b.token);
  });
});
