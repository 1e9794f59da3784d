import { request } from 'node:http';
import { SignJWT } from 'jose';
import type { StreamChat } from 'stream-chat';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevServer } from '../../dev-server/server';
import { CallKitError, createCallId, streamCallApi } from '../../src/core';
import { connect, devToken, newClient, signedToken, startTestServer } from './helpers';

let server: DevServer;
let alice: StreamChat;
let dave: StreamChat;

beforeAll(async () => {
  server = await startTestServer();
  [alice, dave] = await Promise.all([connect(server, 'alice'), connect(server, 'dave')]);
});
afterAll(async () => {
  await Promise.all([alice?.disconnectUser(), dave?.disconnectUser()]);
  await server.close();
});

async function callKitError(promise: Promise<unknown>): Promise<CallKitError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CallKitError);
  return error as CallKitError;
}

/** A raw request with a chosen Host header (fetch may not set one). */
function get(
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { headers }, (res) => {
      let body = '';
      res.on('data', (c) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('what the dev server refuses, through the real client', () => {
  it('answers a user who is not a member of the call channel as if the call did not exist', async () => {
    const channel = alice.channel('messaging', 'alice-bob-only', {
      members: ['alice', 'bob'],
    } as never);
    await channel.create();
    const { call } = await streamCallApi(alice).createCall(channel, {
      id: createCallId(),
      type: 'video',
    });
    const error = await callKitError(streamCallApi(dave).getCallToken(call.id));
    expect(error).toMatchObject({ code: 'call-not-found', status: 404 });
    const create = await callKitError(
      streamCallApi(dave).createCall(channel, { id: createCallId(), type: 'video' }),
    );
    expect(create.code).toBe('forbidden');
    // …nor can they read the channel itself.
    await expect(dave.channel('messaging', 'alice-bob-only').watch()).rejects.toThrow(
      /403|not a member/,
    );
  });

  it('answers call-not-found for an unknown call', async () => {
    const error = await callKitError(streamCallApi(alice).getCallToken('no-such-call'));
    expect(error).toMatchObject({ code: 'call-not-found', status: 404 });
  });

  it('refuses malformed call ids and channel ids', async () => {
    expect((await callKitError(streamCallApi(alice).getCallToken('bad id!'))).code).toBe(
      'invalid-request',
    );
    const raw = await alice.post(`${server.url}/calls/${encodeURIComponent('BAD ID!')}`, {}).then(
      () => undefined,
      (e: { status?: number }) => e.status,
    );
    expect(raw).toBe(400);
    await expect(
      alice.post(`${server.url}/channels/messaging/${encodeURIComponent('bad id')}/message`, {
        message: { text: 'hi' },
      }),
    ).rejects.toMatchObject({ status: 400 });
  });

  it('answers errors in Stream’s shape', async () => {
    const res = await fetch(`${server.url}/channels/messaging/general/message?api_key=dev`, {
      method: 'POST',
      headers: { Authorization: await signedToken('alice'), 'stream-auth-type': 'jwt' },
      body: '{not json',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      code: 4,
      message: expect.any(String),
      StatusCode: 400,
      duration: expect.stringMatching(/ms$/),
    });
  });

  it('refuses bodies over 1 MiB and texts over the limit', async () => {
    const headers = {
      Authorization: await signedToken('alice'),
      'Content-Type': 'application/json',
    };
    const url = `${server.url}/channels/messaging/general/message?api_key=dev`;
    const big = JSON.stringify({
      message: { text: 'x', attachments: [{ blob: 'y'.repeat(1_100_000) }] },
    });
    expect((await fetch(url, { method: 'POST', headers, body: big })).status).toBe(413);
    // Streamed without a length: cut off at 1 MiB all the same.
    const chunked = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 20; i++)
          controller.enqueue(new TextEncoder().encode('x'.repeat(100_000)));
        controller.close();
      },
    });
    const streamed = await fetch(url, {
      method: 'POST',
      headers,
      body: chunked,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    const long = JSON.stringify({ message: { text: 'x'.repeat(5001) } });
    expect((await fetch(url, { method: 'POST', headers, body: long })).status).toBe(400);
  });

  it('refuses a forged JWT and an unsigned development token on the WebSocket', async () => {
    const forged = await new SignJWT({ user_id: 'alice' })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('not-the-secret'));
    const mallory = newClient(server);
    await expect(mallory.connectUser({ id: 'alice' }, forged)).rejects.toThrow(/signature|43/);
    await mallory.disconnectUser();
    const lazy = newClient(server);
    await expect(lazy.connectUser({ id: 'alice' }, lazy.devToken('alice'))).rejects.toThrow();
    await lazy.disconnectUser();
    const rest = await fetch(`${server.url}/users?api_key=dev`, {
      headers: { Authorization: forged },
    });
    expect(rest.status).toBe(401);
  });

  it('refuses a local call token presented as a user token', async () => {
    const channel = alice.channel('messaging', 'general');
    const { token } = await streamCallApi(alice).createCall(channel, {
      id: createCallId(),
      type: 'audio',
    });
    // Signed with the same secret and carrying user_id, but its audience is the signaling server.
    const res = await fetch(`${server.url}/users?api_key=dev&user_id=alice`, {
      headers: { Authorization: token, 'stream-auth-type': 'jwt' },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ message: 'A call token is not a user token.' });
  });

  it('refuses a token for one user presented as another', async () => {
    const client = newClient(server);
    const token = await signedToken('bob');
    // stream-chat itself checks the user id in the token before connecting.
    await expect(client.connectUser({ id: 'alice' }, token)).rejects.toThrow();
    await client.disconnectUser();
    const res = await fetch(`${server.url}/users?api_key=dev&user_id=alice`, {
      headers: { Authorization: token },
    });
    expect(res.status).toBe(401);
  });

  it('signs development tokens for seeded users on loopback only', async () => {
    expect(await devToken(server, 'carol')).toEqual(expect.any(String));
    const unknown = await fetch(`${server.url}/dev/token?user_id=erin`);
    expect(unknown.status).toBe(404);
    expect(
      (await fetch(`${server.url}/dev/token?user_id=${encodeURIComponent('a b')}`)).status,
    ).toBe(400);
    // A page on another origin, or a rebound DNS name, gets nothing.
    expect((await get('/dev/token?user_id=alice', { Host: 'evil.example' })).status).toBe(403);
    expect((await get('/dev/token?user_id=alice', { Origin: 'https://evil.example' })).status).toBe(
      403,
    );
    // A signed-in user the server does not seed can chat, but cannot mint dev tokens.
    const erin = newClient(server);
    await erin.connectUser({ id: 'erin', name: 'Erin' }, await signedToken('erin'));
    expect(erin.user?.name).toBe('Erin');
    await erin.disconnectUser();
    expect((await fetch(`${server.url}/dev/token?user_id=erin`)).status).toBe(404);
  });

  it('answers CORS preflights for loopback origins only', async () => {
    const preflight = (origin: string) =>
      fetch(`${server.url}/channels`, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization, content-type, stream-auth-type',
        },
      });
    const ok = await preflight('http://localhost:5173');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(ok.headers.get('access-control-allow-headers')).toContain('stream-auth-type');
    const call = await fetch(`${server.url}/calls/x`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://127.0.0.1:5173' },
    });
    expect(call.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
    // The call service's answers carry the same header.
    const answer = await fetch(`${server.url}/calls/no-such-call?api_key=dev`, {
      method: 'POST',
      headers: { Origin: 'http://localhost:5173', Authorization: await signedToken('alice') },
      body: '{}',
    });
    expect(answer.status).toBe(404);
    expect(answer.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const evil = await preflight('https://evil.example');
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('will not bind to a non-loopback address', async () => {
    const { startDevServer } = await import('../../dev-server/server');
    await expect(
      startDevServer({ host: '0.0.0.0', port: 0, databasePath: ':memory:' }),
    ).rejects.toThrow(/loopback/);
  });
});
