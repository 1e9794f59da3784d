import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { DevServer } from '../../dev-server/server';
import { createCallId, streamCallApi } from '../../src/core';
import { connect, signedToken, startTestServer } from './helpers';

let server: DevServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

type Frame = Record<string, unknown>;

/** Opens a raw socket and resolves with it and its first frame. */
function open(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ ws: WebSocket; first: Frame }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}${path}`, { headers });
    ws.once('message', (data) => resolve({ ws, first: JSON.parse(data.toString()) }));
    ws.once('error', reject);
  });
}

function nextFrame(ws: WebSocket): Promise<Frame> {
  return new Promise((resolve) =>
    ws.once('message', (data) => resolve(JSON.parse(data.toString()))),
  );
}

async function connectPath(userId: string, token?: string, apiKey = 'dev'): Promise<string> {
  const params = new URLSearchParams({
    json: JSON.stringify({ user_id: userId, user_details: { id: userId }, client_request_id: 'x' }),
    api_key: apiKey,
    authorization: token ?? (await signedToken(userId)),
    'stream-auth-type': 'jwt',
  });
  return `/connect?${params}`;
}

describe('the chat WebSocket, frame by frame', () => {
  it('opens with health.check carrying a connection id and a complete me', async () => {
    const { ws, first } = await open(await connectPath('carol'));
    expect(first).toMatchObject({
      type: 'health.check',
      cid: '*',
      connection_id: expect.any(String),
    });
    expect(first.me).toMatchObject({
      id: 'carol',
      name: 'Carol Clark',
      role: 'user',
      online: true,
      channel_mutes: [],
      mutes: [],
      blocked_user_ids: [],
      devices: [],
      total_unread_count: 0,
      unread_channels: 0,
    });
    ws.close();
  });

  it('answers the client’s health.check ping on the same connection', async () => {
    const { ws, first } = await open(await connectPath('carol'));
    const reply = nextFrame(ws);
    ws.send(JSON.stringify([{ type: 'health.check', client_id: 'abc' }]));
    expect(await reply).toMatchObject({ type: 'health.check', connection_id: first.connection_id });
    ws.close();
  });

  it.each([
    ['a wrong api key', async () => connectPath('carol', undefined, 'other'), 2],
    ['a forged token', async () => connectPath('carol', 'a.b.c'), 5],
    ['another user’s token', async () => connectPath('carol', await signedToken('dave')), 5],
  ])('refuses %s with an error frame', async (_name, path, code) => {
    const { ws, first } = await open(await path());
    expect(first).toEqual({ error: { code, message: expect.any(String), StatusCode: 401 } });
    await new Promise((resolve) => ws.once('close', resolve));
  });

  it('refuses pages from non-loopback origins', async () => {
    const { ws, first } = await open(await connectPath('carol'), {
      Origin: 'https://evil.example',
    });
    expect(first).toMatchObject({ error: { StatusCode: 403 } });
    ws.close();
  });

  it('serves the local provider’s signaling with the token GetCallToken returns', async () => {
    const alice = await connect(server, 'alice');
    const { call, token } = await streamCallApi(alice).createCall(
      { type: 'messaging', id: 'general' },
      { id: createCallId(), type: 'video' },
    );
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/local/signal`);
    await new Promise((resolve) => ws.once('open', resolve));
    const welcome = nextFrame(ws);
    ws.send(JSON.stringify({ type: 'join', token }));
    expect(await welcome).toMatchObject({
      type: 'welcome',
      peer_id: expect.any(String),
      peers: [],
    });
    expect(call.local?.room).toEqual(expect.any(String));
    ws.close();
    await alice.disconnectUser();
  });

  it('does not upgrade unknown paths', async () => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/nowhere`);
    const error = await new Promise<Error>((resolve) => ws.once('error', resolve));
    expect(error.message).toMatch(/404/);
  });
});
