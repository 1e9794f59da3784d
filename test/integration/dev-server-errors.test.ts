/** The dev server answers what it refuses as Stream does, in the call service's vocabulary. */
import { connect as connectSocket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserToken } from '../../dev-server/auth';
import { type DevServer, startDevServer } from '../../dev-server/server';
import { createCallId, streamCallApi } from '../../src/core';
import { API_SECRET, connect, startTestServer } from './helpers';

let server: DevServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

/** Sends raw bytes and reads the answer's status and JSON body. */
function raw(text: string): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const socket = connectSocket(server.port, '127.0.0.1', () => socket.write(text));
    let data = '';
    socket.on('data', (d) => {
      data += d;
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1]);
      const body = data.slice(data.indexOf('\r\n\r\n') + 4);
      resolve({ status, json: body ? JSON.parse(body) : undefined });
    });
  });
}

describe('requests Node’s parser refuses', () => {
  it('answers oversized headers with a Stream-shaped 431', async () => {
    const res = await raw(
      `GET /channels HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expect(res).toEqual({
      status: 431,
      json: expect.objectContaining({ code: 4, StatusCode: 431 }),
    });
  });

  it('answers an unknown method and a malformed request with a Stream-shaped 400', async () => {
    expect(await raw('BREW /channels HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')).toEqual({
      status: 400,
      json: expect.objectContaining({ code: 4, StatusCode: 400 }),
    });
    expect(await raw('GET /channels HTTP/1.1\r\nHo st: 127.0.0.1\r\n\r\n')).toEqual({
      status: 400,
      json: expect.objectContaining({ code: 4, StatusCode: 400 }),
    });
  });
});

describe('one vocabulary with the call service', () => {
  it('answers an internal error with code 0, as the service does (not -1)', async () => {
    // A poisoned store read: the route fails unexpectedly inside the dev server.
    const original = server.store.users.get.bind(server.store.users);
    server.store.users.get = () => {
      throw new Error('store broke');
    };
    try {
      const res = await fetch(`${server.url}/dev/token?user_id=alice`);
      expect(res.status).toBe(500);
      expect(await res.json()).toMatchObject({ code: 0, StatusCode: 500 });
    } finally {
      server.store.users.get = original;
    }
  });

  it.each([
    ['a wrong api_key', { api_key: 'nope' }, undefined, { StatusCode: 401, code: 2 }],
    ['a token signed with another secret', {}, 'other-secret', { StatusCode: 401, code: 43 }],
  ])('answers %s with the service’s code', async (_what, query, secret, expected) => {
    const token = createUserToken('alice', secret ?? API_SECRET);
    const params = new URLSearchParams({ api_key: server.apiKey, ...query });
    const res = await fetch(`${server.url}/channels?${params}`, {
      method: 'POST',
      headers: { Authorization: token, 'stream-auth-type': 'jwt' },
      body: '{}',
    });
    expect(await res.json()).toMatchObject(expected);
  });
});

describe('the dev server’s calls', () => {
  it('live as long as its chat state: a restarted dev server knows no call of the last one', async () => {
    const first = await startDevServer({ port: 0, env: {} });
    const alice = await connect(first, 'alice');
    const id = createCallId();
    await streamCallApi(alice).createCall(
      { type: 'messaging', id: 'general' },
      { id, type: 'audio' },
    );
    await alice.disconnectUser();
    await first.close();

    const second = await startDevServer({ port: 0, env: {} });
    const again = await connect(second, 'alice');
    try {
      const error = await streamCallApi(again)
        .getCallState(id)
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'call-not-found' });
    } finally {
      await again.disconnectUser();
      await second.close();
    }
  });
});
