/** The dev server answers what it refuses as Stream does, in the call service's vocabulary. */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevServer } from '../../dev-server/server';
import { startTestServer } from './helpers';

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
    const socket = connect(server.port, '127.0.0.1', () => socket.write(text));
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
