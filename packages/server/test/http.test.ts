import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createCallService } from '../src';
import {
  API_KEY,
  API_SECRET,
  defaultMembership,
  type Harness,
  startService,
  userToken,
} from './helpers';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('request limits', () => {
  it('refuses malformed JSON with 400 and keeps serving', async () => {
    h = await startService();
    const res = await h.request('POST', '/channels/messaging/general/call', {
      user: 'alice',
      raw: '{"id": "x", "type": ',
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 4, StatusCode: 400 });
    const ok = await h.request('POST', '/channels/messaging/general/call', {
      user: 'alice',
      body: { id: 'after', type: 'audio' },
    });
    expect(ok.status).toBe(201);
  });

  it.each([
    ['deep nesting', `{"id":"x","type":"video","options":${'['.repeat(5000)}${']'.repeat(5000)}}`],
    [
      'a huge array',
      `{"id":"x","type":"video","options":{"a":[${Array(4000).fill('0').join(',')}]}}`,
    ],
    [
      'deep objects',
      `{"id":"x","type":"video","options":${'{"a":'.repeat(100)}1${'}'.repeat(100)}}`,
    ],
  ])('refuses a JSON bomb (%s) with 400', async (_name, raw) => {
    h = await startService();
    const res = await h.request('POST', '/channels/messaging/general/call', { user: 'alice', raw });
    expect(res.status).toBe(400);
  });

  it('refuses a body over 16 KiB with 413', async () => {
    h = await startService();
    const raw = JSON.stringify({
      id: 'big',
      type: 'video',
      options: { pad: 'x'.repeat(17 * 1024) },
    });
    const res = await h.request('POST', '/channels/messaging/general/call', { user: 'alice', raw });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ StatusCode: 413 });
  });

  it('refuses an oversized chunked body (no content-length) with 413', async () => {
    h = await startService();
    const token = await userToken('alice');
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 40; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(1024)));
        controller.close();
      },
    });
    const res = await fetch(`${h.base}/calls/whatever?api_key=${API_KEY}`, {
      method: 'POST',
      headers: { Authorization: token, 'stream-auth-type': 'jwt' },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('answers 429 once a user exceeds the per-minute limit, without affecting others', async () => {
    h = await startService({ rateLimitPerMinute: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await h.request('GET', '/calls/unknown', { user: 'bob' })).status);
    }
    expect(statuses).toEqual([404, 404, 404, 429, 429]);
    const limited = await h.request('GET', '/calls/unknown', { user: 'bob' });
    expect(limited.body).toMatchObject({ code: 9, StatusCode: 429 });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await h.request('GET', '/calls/unknown', { user: 'carol' })).status).toBe(404);
  });

  it('answers 404 JSON for an unknown route', async () => {
    h = await startService();
    const res = await h.request('GET', '/nothing/here', { user: 'alice' });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 16, StatusCode: 404 });
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
  });

  it('serves its routes under basePath only', async () => {
    h = await startService({ basePath: '/v1' });
    const res = await h.request('POST', '/channels/messaging/general/call', {
      user: 'alice',
      body: { id: 'based', type: 'video' },
    });
    expect(res.status).toBe(201);
    const outside = await fetch(`${h.base.replace('/v1', '')}/calls/based?api_key=${API_KEY}`);
    expect(outside.status).toBe(404);
  });
});

describe('internal errors', () => {
  it('answers 500 in Stream shape when membership fails, logging no token', async () => {
    h = await startService();
    h.membership.getMembership = async () => {
      throw new Error(`upstream said no to eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjoiYm9iIn0.abc`);
    };
    const res = await h.request('POST', '/channels/messaging/general/call', {
      user: 'alice',
      body: { id: 'x', type: 'video' },
    });
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ code: 0, StatusCode: 500 });
    expect(res.body.message).not.toMatch(/upstream/);
    const log = h.logs.join('\n');
    expect(log).toMatch(/upstream said no to \[token\]/);
    expect(log).not.toContain('eyJ1c2VyX2lkIjoiYm9iIn0');
  });
});

describe('CORS', () => {
  it('answers a preflight from an allowed origin with the Stream client headers', async () => {
    h = await startService({ corsOrigins: ['http://app.test'] });
    const res = await fetch(`${h.base}/calls/x`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://app.test',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type,stream-auth-type',
      },
    });
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://app.test');
    const allowed = res.headers.get('access-control-allow-headers') ?? '';
    for (const header of [
      'authorization',
      'content-type',
      'stream-auth-type',
      'x-client-request-id',
      'x-stream-client',
    ]) {
      expect(allowed.toLowerCase()).toContain(header);
    }
  });

  it('gives no CORS grant to another origin', async () => {
    h = await startService({ corsOrigins: ['http://app.test'] });
    const res = await fetch(`${h.base}/calls/x`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://evil.test', 'Access-Control-Request-Method': 'POST' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('nodeHandler', () => {
  it('passes paths it does not serve to next() and serves its own', async () => {
    const service = createCallService({
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      membership: defaultMembership(),
      providers: { local: {} },
    });
    const server = createServer((req, res) =>
      service.nodeHandler(req, res, () => {
        res.writeHead(418).end('chat server');
      }),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const chat = await fetch(`${base}/channels/messaging/general/query?api_key=${API_KEY}`, {
        method: 'POST',
      });
      expect(chat.status).toBe(418);
      const ours = await fetch(`${base}/calls/abc?api_key=${API_KEY}`, { method: 'POST' });
      expect(ours.status).toBe(401);
    } finally {
      await service.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});

describe('fetch handler', () => {
  it('serves the same routes as a WHATWG fetch handler', async () => {
    const service = createCallService({
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      membership: defaultMembership(),
      providers: { local: {} },
      basePath: '/calls-api/',
    });
    try {
      const token = await userToken('alice');
      const res = await service.fetch(
        new Request(
          `http://svc.test/calls-api/channels/messaging/general/call?api_key=${API_KEY}`,
          {
            method: 'POST',
            headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ id: 'via-fetch', type: 'audio' }),
          },
        ),
      );
      expect(res.status).toBe(201);
      expect(((await res.json()) as { call: { id: string } }).call.id).toBe('via-fetch');
      const anonymous = await service.fetch(
        new Request('http://svc.test/calls-api/calls/via-fetch'),
      );
      expect(anonymous.status).toBe(401);
    } finally {
      await service.close();
    }
  });
});
