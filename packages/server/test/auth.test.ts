import { createHmac } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it, test, vi } from 'vitest';
import { createAuthenticator, LOCAL_TOKEN_AUDIENCE } from '../src/auth';
import { API_SECRET, type Harness, startService, userToken } from './helpers';

let h: Harness;
beforeEach(async () => {
  h = await startService();
});
afterEach(async () => {
  await h.close();
});

const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

async function badTokens(): Promise<Array<[string, string, number]>> {
  const noneAlg = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ user_id: 'alice' })}.`;
  const hs512 = await new SignJWT({ user_id: 'alice' })
    .setProtectedHeader({ alg: 'HS512' })
    .sign(new TextEncoder().encode(API_SECRET));
  const good = await userToken('alice', { expiresIn: 600 });
  const [h, p, s] = good.split('.');
  const rs256Header = b64url({ alg: 'RS256', typ: 'JWT' });
  const rs256Input = `${rs256Header}.${b64url({ user_id: 'alice' })}`;
  const rs256 = `${rs256Input}.${createHmac('sha256', API_SECRET).update(rs256Input).digest('base64url')}`;
  return [
    [
      'a token with a tampered signature',
      `${h}.${p}.${s.startsWith('A') ? 'B' : 'A'}${s.slice(1)}`,
      43,
    ],
    ['a token with a swapped payload', `${h}.${b64url({ user_id: 'mallory' })}.${s}`, 43],
    ['a token labelled RS256 (HMAC-signed with the secret)', rs256, 5],
    [
      'a token not valid yet',
      await userToken('alice', { claims: { nbf: Math.floor(Date.now() / 1000) + 600 } }),
      5,
    ],
    ['an oversized token', await userToken('alice', { claims: { padding: 'x'.repeat(5000) } }), 5],
    [
      'a token signed with another secret',
      await userToken('alice', { secret: 'not-the-secret-at-all' }),
      43,
    ],
    ['an expired token', await userToken('alice', { expiresIn: -120 }), 40],
    ['an unsigned (alg none) token', noneAlg, 5],
    ['a token with another algorithm (HS512)', hs512, 5],
    [
      'a token without user_id',
      await new SignJWT({ sub: 'alice' })
        .setProtectedHeader({ alg: 'HS256' })
        .sign(new TextEncoder().encode(API_SECRET)),
      5,
    ],
    ['a token with a non-string user_id', await userToken('alice', { claims: { user_id: 7 } }), 5],
    ['garbage', 'not.a.jwt', 5],
  ];
}

describe('authentication', () => {
  it('refuses a request without Authorization with 401', async () => {
    const res = await h.request('POST', '/calls/x', { body: {} });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 5, StatusCode: 401 });
  });

  it('refuses a wrong api_key with 401', async () => {
    const res = await h.request('POST', '/calls/x', {
      user: 'alice',
      body: {},
      apiKey: 'other-key',
    });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 2 });
  });

  it('refuses a missing api_key with 401', async () => {
    const res = await h.request('POST', '/calls/x', { user: 'alice', body: {}, apiKey: null });
    expect(res.status).toBe(401);
  });

  it('refuses a local call token used as a user token with 401', async () => {
    const created = await h.request('POST', '/channels/messaging/general/call', {
      user: 'alice',
      body: { id: 'confusion', type: 'video' },
    });
    const res = await h.request('POST', '/calls/confusion', {
      token: created.body.token as string,
      body: {},
    });
    expect(res.status).toBe(401);
  });

  it('refuses a stream-auth-type other than jwt with 401', async () => {
    const res = await h.request('POST', '/calls/x', {
      user: 'alice',
      body: {},
      headers: { 'stream-auth-type': 'anonymous' },
    });
    expect(res.status).toBe(401);
  });

  it('refuses forged, expired and malformed tokens with 401', async () => {
    for (const [name, token, code] of await badTokens()) {
      const res = await h.request('POST', '/channels/messaging/general/call', {
        token,
        body: { id: 'x', type: 'video' },
      });
      expect({ name, status: res.status, code: res.body.code }).toEqual({
        name,
        status: 401,
        code,
      });
    }
  });

  test.each([
    ['a raw token', (t: string) => t],
    ['a Bearer token', (t: string) => `Bearer ${t}`],
  ])('accepts %s in Authorization', async (_name, format) => {
    const token = format(await userToken('alice', { expiresIn: 600 }));
    const res = await h.request('POST', '/channels/messaging/general/call', {
      token,
      body: { id: 'x', type: 'video' },
    });
    expect(res.status).toBe(201);
  });

  it('never writes a token or the secret to the log, even when authentication fails', async () => {
    const tokens = (await badTokens()).map(([, t]) => t);
    const good = await userToken('alice');
    for (const token of [...tokens, good]) {
      await h.request('POST', '/channels/messaging/general/call', {
        token,
        body: { id: 'logged', type: 'video' },
      });
    }
    await h.request('POST', '/calls/logged', { user: 'bob', body: {} });
    expect(h.logs.length).toBeGreaterThanOrEqual(tokens.length + 2);
    const log = h.logs.join('\n');
    expect(log).toContain('401');
    expect(log).not.toContain(API_SECRET);
    for (const token of [...tokens, good]) {
      // Any of the token's parts (header, payload, signature) would be a leak.
      for (const part of token.split('.').filter((p) => p.length > 8)) {
        expect(log).not.toContain(part);
      }
    }
    expect(log).toMatch(/expired/);
    expect(log).not.toMatch(/authorization:/i);
  });
});

describe('the verified user-token cache', () => {
  const auth = () => createAuthenticator('key', API_SECRET);
  const input = (authorization: string) => ({ authorization, authType: 'jwt', apiKey: 'key' });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('refuses a token that expired after it was cached', async () => {
    const a = auth();
    const token = await userToken('alice', { expiresIn: 60 });
    expect(a.authenticateSync(input(token))).toBe('alice');
    expect(a.authenticateSync(input(token))).toBe('alice');
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 61_000);
    expect(() => a.authenticateSync(input(token))).toThrow(
      expect.objectContaining({ kind: 'token-expired' }),
    );
  });

  it('refuses altered copies of a cached token', async () => {
    const a = auth();
    const token = await userToken('alice', { expiresIn: 600 });
    expect(a.authenticateSync(input(token))).toBe('alice');
    const [head, payload, sig] = token.split('.') as [string, string, string];
    for (const [t, kind] of [
      [`${head}.${payload}.${sig.startsWith('A') ? 'B' : 'A'}${sig.slice(1)}`, 'bad-signature'],
      [`${head}.${b64url({ user_id: 'mallory' })}.${sig}`, 'bad-signature'],
      [`${head}.${payload}`, 'unauthenticated'],
    ]) {
      expect(() => a.authenticateSync(input(t!))).toThrow(expect.objectContaining({ kind }));
    }
    expect(a.authenticateSync(input(token))).toBe('alice');
  });

  it('still refuses a cached call token as a user token', async () => {
    const a = auth();
    const local = await userToken('alice', { claims: { aud: LOCAL_TOKEN_AUDIENCE } });
    for (let i = 0; i < 2; i++) {
      expect(() => a.authenticateSync(input(local))).toThrow(/call token/);
    }
  });
});
