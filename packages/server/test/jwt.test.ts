import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { describe, expect, it, test } from 'vitest';
import { hs256, JwtError, MAX_CACHED_TOKEN_LENGTH } from '../src/jwt';

// jose is the reference implementation: tokens are made with it, and every verdict of `hs256`
// is compared with what `jwtVerify(token, secret, { algorithms: ['HS256'] })` says.
const SECRET = 'jwt-test-secret-0123456789abcdef';
const raw = new TextEncoder().encode(SECRET);
const key = hs256(SECRET);
const now = () => Math.floor(Date.now() / 1000);
const b64 = (v: unknown) =>
  Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

async function joseSign(claims: Record<string, unknown>, header: Record<string, unknown> = {}) {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', ...header }).sign(raw);
}

/** A token with an arbitrary header and payload, signed with HMAC-SHA256 over them. */
function handMade(header: unknown, payload: string) {
  const input = `${b64(header)}.${payload}`;
  return `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`;
}

type Verdict = 'ok' | 'expired' | 'invalid';

async function joseVerdict(token: string, audience?: string): Promise<Verdict> {
  try {
    await jwtVerify(token, raw, { algorithms: ['HS256'], ...(audience ? { audience } : {}) });
    return 'ok';
  } catch (e) {
    return e instanceof joseErrors.JWTExpired ? 'expired' : 'invalid';
  }
}

// The same key with a verified-token cache: every verdict below must be the same with it, the
// second time (a cached valid token) as the first.
const cachedKey = hs256(SECRET, { verifiedCacheSize: 64 });

function verdictOf(k: typeof key, token: string, audience?: string): Verdict {
  try {
    k.verify(token, audience ? { audience } : {});
    return 'ok';
  } catch (e) {
    expect(e).toBeInstanceOf(JwtError);
    return (e as JwtError).reason;
  }
}

function ourVerdict(token: string, audience?: string): Verdict {
  const verdict = verdictOf(key, token, audience);
  expect(verdictOf(cachedKey, token, audience)).toBe(verdict);
  expect(verdictOf(cachedKey, token, audience)).toBe(verdict);
  return verdict;
}

describe('hs256 verify agrees with jose', () => {
  test.each<[string, () => Promise<string> | string, Verdict]>([
    ['a valid token', () => joseSign({ user_id: 'alice' }), 'ok'],
    [
      'a token with typ JWT and iat',
      () => joseSign({ user_id: 'a', iat: now() }, { typ: 'JWT' }),
      'ok',
    ],
    ['a token valid for a minute', () => joseSign({ user_id: 'a', exp: now() + 60 }), 'ok'],
    ['an expired token', () => joseSign({ user_id: 'a', exp: now() - 60 }), 'expired'],
    ['a token expiring this very second', () => joseSign({ user_id: 'a', exp: now() }), 'expired'],
    ['a token not valid yet (nbf)', () => joseSign({ user_id: 'a', nbf: now() + 60 }), 'invalid'],
    ['a token valid from now (nbf)', () => joseSign({ user_id: 'a', nbf: now() }), 'ok'],
    ['a non-numeric exp', () => joseSign({ user_id: 'a', exp: 'never' }), 'invalid'],
    ['a non-numeric iat', () => joseSign({ user_id: 'a', iat: '1' }), 'invalid'],
    ['a non-numeric nbf', () => joseSign({ user_id: 'a', nbf: null }), 'invalid'],
    [
      'another secret',
      () =>
        new SignJWT({ user_id: 'a' }).setProtectedHeader({ alg: 'HS256' }).sign(new Uint8Array(32)),
      'invalid',
    ],
    [
      'HS512',
      () => new SignJWT({ user_id: 'a' }).setProtectedHeader({ alg: 'HS512' }).sign(raw),
      'invalid',
    ],
    [
      'alg none, no signature',
      () => `${b64({ alg: 'none' })}.${b64({ user_id: 'a' })}.`,
      'invalid',
    ],
    ['alg RS256 over an HMAC', () => handMade({ alg: 'RS256' }, b64({ user_id: 'a' })), 'invalid'],
    ['alg hs256 (case)', () => handMade({ alg: 'hs256' }, b64({ user_id: 'a' })), 'invalid'],
    ['no alg', () => handMade({ typ: 'JWT' }, b64({ user_id: 'a' })), 'invalid'],
    ['a header that is an array', () => handMade(['HS256'], b64({ user_id: 'a' })), 'invalid'],
    ['a header that is not JSON', () => handMade('alg:HS256', b64({ user_id: 'a' })), 'invalid'],
    ['claims that are an array', () => handMade({ alg: 'HS256' }, b64([1])), 'invalid'],
    ['claims that are null', () => handMade({ alg: 'HS256' }, b64('null')), 'invalid'],
    ['claims that are not JSON', () => handMade({ alg: 'HS256' }, b64('{user_id')), 'invalid'],
    [
      'claims that are not UTF-8',
      () => handMade({ alg: 'HS256' }, Buffer.from([0x7b, 0xff, 0x7d]).toString('base64url')),
      'invalid',
    ],
    ['crit b64 true', () => handMade({ alg: 'HS256', crit: ['b64'], b64: true }, b64({})), 'ok'],
    [
      'crit b64 false',
      () => handMade({ alg: 'HS256', crit: ['b64'], b64: false }, b64({})),
      'invalid',
    ],
    [
      'an unknown crit',
      () => handMade({ alg: 'HS256', crit: ['exp'], exp: 1 }, b64({})),
      'invalid',
    ],
    ['an empty crit', () => handMade({ alg: 'HS256', crit: [] }, b64({})), 'invalid'],
    ['garbage', () => 'not.a.jwt', 'invalid'],
    ['two parts', () => 'eyJhbGciOiJIUzI1NiJ9.e30', 'invalid'],
    ['an empty string', () => '', 'invalid'],
  ])('%s', async (_name, make, expected) => {
    const token = await make();
    expect(await joseVerdict(token)).toBe(expected);
    expect(ourVerdict(token)).toBe(expected);
  });

  it('refuses a token whose signature, payload or header was tampered with', async () => {
    const token = await joseSign({ user_id: 'alice', exp: now() + 600 });
    const [h, p, s] = token.split('.');
    const flip = (part: string, i: number) =>
      part.slice(0, i) + (part[i] === 'A' ? 'B' : 'A') + part.slice(i + 1);
    const tampered = [
      `${h}.${p}.${flip(s, 3)}`,
      `${h}.${p}.${s.slice(0, -2)}`,
      `${h}.${p}.${s}AAAA`,
      `${h}.${b64({ user_id: 'mallory', exp: now() + 600 })}.${s}`,
      `${flip(h, 5)}.${p}.${s}`,
      `${h}.${p}.`,
      `${h}.${p}.${s}.${s}`,
    ];
    for (const t of tampered) {
      expect(await joseVerdict(t)).toBe('invalid');
      expect(ourVerdict(t)).toBe('invalid');
    }
  });

  test.each([
    ['the audience itself', 'aud-x', 'ok'],
    ['an array with the audience', ['other', 'aud-x'], 'ok'],
    ['another audience', 'other', 'invalid'],
    ['no audience', undefined, 'invalid'],
  ] as const)(
    'with an audience required, accepts %s only when it matches',
    async (_n, aud, verdict) => {
      const token = await joseSign(aud === undefined ? { user_id: 'a' } : { user_id: 'a', aud });
      expect(await joseVerdict(token, 'aud-x')).toBe(verdict);
      expect(ourVerdict(token, 'aud-x')).toBe(verdict);
    },
  );

  it('gives the same verdict as jose for random edits of a valid token', async () => {
    const token = await joseSign({ user_id: 'alice', exp: now() + 600 });
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            at: fc.nat({ max: token.length }),
            cut: fc.nat({ max: 3 }),
            insert: fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 3 }),
          }),
          { minLength: 1, maxLength: 3 },
        ),
        async (edits) => {
          let t = token;
          for (const e of edits) t = t.slice(0, e.at) + e.insert + t.slice(e.at + e.cut);
          expect(ourVerdict(t)).toBe(await joseVerdict(t));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is stricter than jose only on padding and whitespace, which compact JWTs never carry', async () => {
    const token = await joseSign({ user_id: 'alice' });
    const [h, p, s] = token.split('.');
    expect(ourVerdict(`${h}.${p}.${s}=`)).toBe('invalid');
    expect(ourVerdict(`${h}.${p}. ${s}`)).toBe('invalid');
  });
});

describe('hs256 sign', () => {
  it('makes tokens jose verifies, with the claims given', async () => {
    const claims = { user_id: 'alice', name: 'Ålice ✓', iat: now(), exp: now() + 60, aud: 'x' };
    const token = key.sign(claims);
    const { payload, protectedHeader } = await jwtVerify(token, raw, {
      algorithms: ['HS256'],
      audience: 'x',
    });
    expect(protectedHeader).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload).toEqual(claims);
    expect(key.verify(token, { audience: 'x' })).toEqual(claims);
  });

  it('matches jose byte for byte for the same header and claims', async () => {
    const claims = { room: 'r', user_id: 'u', iat_ms: 1, sub: 'u', aud: 'a', iat: 1, exp: 2 };
    const fromJose = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .sign(raw);
    expect(key.sign(claims)).toBe(fromJose);
  });

  it('does not verify with another secret', () => {
    expect(() => hs256('another-secret').verify(key.sign({ user_id: 'a' }))).toThrow(JwtError);
  });
});

describe('hs256 verified-token cache', () => {
  const NOW = 1_900_000_000;

  it('still refuses a cached token once it has expired', () => {
    const k = hs256(SECRET, { verifiedCacheSize: 8 });
    const token = key.sign({ user_id: 'alice', iat: NOW, exp: NOW + 60 });
    expect(k.verify(token, { now: NOW })).toMatchObject({ user_id: 'alice' });
    expect(k.cachedTokens).toBe(1);
    expect(k.verify(token, { now: NOW + 59 })).toMatchObject({ user_id: 'alice' });
    expect(() => k.verify(token, { now: NOW + 60 })).toThrow(
      expect.objectContaining({ reason: 'expired' }),
    );
    expect(() => k.verify(token, { now: NOW + 3600 })).toThrow(
      expect.objectContaining({ reason: 'expired' }),
    );
  });

  it('still checks nbf and the audience of a cached token on every call', () => {
    const k = hs256(SECRET, { verifiedCacheSize: 8 });
    const token = key.sign({ user_id: 'alice', nbf: NOW + 10, aud: 'a' });
    expect(() => k.verify(token, { now: NOW })).toThrow(/not valid yet/);
    expect(k.verify(token, { now: NOW + 10, audience: 'a' })).toMatchObject({ user_id: 'alice' });
    expect(() => k.verify(token, { now: NOW + 10, audience: 'b' })).toThrow(/audience/);
    expect(() => k.verify(token, { now: NOW })).toThrow(/not valid yet/);
  });

  it('refuses an altered copy of a cached token, and never caches a token that failed its signature', () => {
    const k = hs256(SECRET, { verifiedCacheSize: 8 });
    const token = key.sign({ user_id: 'alice', iat: NOW });
    k.verify(token, { now: NOW });
    const [h, p, sig] = token.split('.') as [string, string, string];
    const altered = [
      `${h}.${p}.${sig.startsWith('A') ? 'B' : 'A'}${sig.slice(1)}`,
      `${h}.${b64({ user_id: 'mallory', iat: NOW })}.${sig}`,
      `${h}.${p}.${sig}A`,
      `${token} `,
      hs256('another-secret').sign({ user_id: 'alice', iat: NOW }),
    ];
    for (const t of altered) {
      expect(() => k.verify(t, { now: NOW })).toThrow(JwtError);
      expect(() => k.verify(t, { now: NOW })).toThrow(JwtError);
    }
    expect(k.cachedTokens).toBe(1);
    expect(k.verify(token, { now: NOW })).toMatchObject({ user_id: 'alice' });
  });

  it('holds at most its size, dropping the least recently used token first', () => {
    const k = hs256(SECRET, { verifiedCacheSize: 3 });
    const tokens = Array.from({ length: 10 }, (_, i) => key.sign({ user_id: `u${i}`, iat: NOW }));
    for (const t of tokens) k.verify(t, { now: NOW });
    expect(k.cachedTokens).toBe(3);
    // Every token still verifies (the evicted ones the slow way), and the cache stays bounded.
    for (const t of tokens) expect(k.verify(t, { now: NOW })).toMatchObject({ iat: NOW });
    expect(k.cachedTokens).toBe(3);

    // A cached token gives back the same (frozen) claims; a re-verified one a new object.
    const [a, b, c, d] = tokens as [string, string, string, string];
    const lru = hs256(SECRET, { verifiedCacheSize: 3 });
    const first = { a: lru.verify(a), b: lru.verify(b), c: lru.verify(c) };
    expect(lru.verify(a)).toBe(first.a); // a is now the most recently used
    lru.verify(d); // evicts b, the least recently used
    expect(lru.verify(a)).toBe(first.a);
    expect(lru.verify(c)).toBe(first.c);
    expect(lru.verify(b)).not.toBe(first.b);
    expect(lru.cachedTokens).toBe(3);
  });

  it('does not cache tokens longer than MAX_CACHED_TOKEN_LENGTH, nor without a size', () => {
    const k = hs256(SECRET, { verifiedCacheSize: 8 });
    const long = key.sign({ user_id: 'alice', pad: 'x'.repeat(MAX_CACHED_TOKEN_LENGTH) });
    expect(k.verify(long).user_id).toBe('alice');
    expect(k.cachedTokens).toBe(0);
    key.verify(key.sign({ user_id: 'alice' }));
    expect(key.cachedTokens).toBe(0);
  });

  it('hands out frozen claims, so no caller can change what the next request sees', () => {
    const k = hs256(SECRET, { verifiedCacheSize: 8 });
    const token = key.sign({ user_id: 'alice', aud: ['a', 'b'] });
    const claims = k.verify(token);
    expect(Object.isFrozen(claims)).toBe(true);
    expect(Object.isFrozen(claims.aud)).toBe(true);
    expect(k.verify(token)).toBe(claims);
  });
});
