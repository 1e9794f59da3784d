import { isAscii } from 'node:buffer';
import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * HS256 JSON Web Tokens through `node:crypto` (synchronous HMAC-SHA256, a few microseconds),
 * instead of jose over WebCrypto (an async thread-pool job per sign or verify).
 *
 * `verify` makes the checks `jwtVerify(token, key, { algorithms: ['HS256'], audience? })` makes,
 * in the same order: three base64url parts; a protected header that is UTF-8 JSON of an object
 * with `alg` exactly `HS256` (`crit` only as jose understands it: `["b64"]` with `b64: true`);
 * the signature (constant-time); then claims that are UTF-8 JSON of an object, with `iat`, `nbf`,
 * `exp` numbers when present, `nbf` not in the future and `exp` not reached (no clock tolerance,
 * whole seconds as jose counts them), and the audience when one is asked for. It is stricter
 * than jose in one way: parts must be unpadded base64url without whitespace (RFC 7515 compact
 * form), where jose's `atob` fallback also tolerates `=` padding and spaces.
 */

/** Why a token was refused: `expired` (a valid token past its `exp`) or anything else. */
export class JwtError extends Error {
  override readonly name = 'JwtError';
  constructor(
    readonly reason: 'invalid' | 'expired',
    message: string,
    /** Set when a well-formed token failed only its signature (another secret, tampering). */
    readonly badSignature = false,
  ) {
    super(message);
  }
}

export interface VerifyOptions {
  /** Required audience: the `aud` claim must be it, or an array containing it. */
  audience?: string;
  /** Seconds since the epoch (default: now). */
  now?: number;
}

/** An HS256 key: signs and verifies compact JWTs (`hs256(secret)`). */
export interface Hs256Key {
  /** A compact HS256 JWT of `claims` (header `{"alg":"HS256","typ":"JWT"}`). */
  sign(claims: Record<string, unknown>): string;
  /**
   * The verified claims, or a `JwtError`. Never echoes the token. Claims that went into the
   * verified-token cache are frozen (shared between calls); otherwise they are a fresh object.
   */
  verify(token: string, options?: VerifyOptions): Record<string, unknown>;
  /** How many tokens the verified-token cache holds (0 without a cache). */
  readonly cachedTokens: number;
}

export interface Hs256Options {
  /**
   * Remember up to this many tokens whose signature verified (least recently used out first),
   * so a client that sends the same token again skips the HMAC and the decoding. Only what
   * depends on the token's text alone is remembered: the claims of a token whose header and
   * signature held. The audience and the time rules (`iat`, `nbf`, `exp` against the clock)
   * are checked on every call, cached or not. Default 0: no cache.
   */
  verifiedCacheSize?: number;
}

/** Tokens longer than this are verified every time, never cached (bounds the cache's memory). */
export const MAX_CACHED_TOKEN_LENGTH = 1024;

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
const SIGNATURE_BYTES = 32;
// Fatal like jose's: invalid UTF-8 in the header or claims is a malformed token.
const utf8 = new TextDecoder('utf-8', { fatal: true });

const invalid = (message: string) => new JwtError('invalid', message);

function decodePart(part: string): Buffer {
  // base64url of n bytes is never 1 mod 4 characters long; Buffer would silently drop it.
  if (!BASE64URL.test(part) || part.length % 4 === 1) throw invalid('Malformed base64url.');
  return Buffer.from(part, 'base64url');
}

function parseObject(part: string, what: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    const bytes = decodePart(part);
    parsed = JSON.parse(isAscii(bytes) ? bytes.toString('latin1') : utf8.decode(bytes));
  } catch {
    throw invalid(`The ${what} is not JSON.`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw invalid(`The ${what} is not a JSON object.`);
  }
  return parsed as Record<string, unknown>;
}

function numericClaim(claims: Record<string, unknown>, name: string): number | undefined {
  const value = claims[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number') throw invalid(`The "${name}" claim is not a number.`);
  return value;
}

function checkHeader(header: Record<string, unknown>): void {
  if (header.crit !== undefined) {
    const crit = header.crit;
    // jose recognises only the b64 extension, and a JWT must keep b64 at true.
    if (!Array.isArray(crit) || crit.length === 0 || crit.some((c) => c !== 'b64')) {
      throw invalid('Unsupported critical header.');
    }
    if (header.b64 !== true) throw invalid('Unencoded payloads are not JWTs.');
  }
  if (header.alg !== 'HS256') throw invalid('Only HS256 is accepted.');
}

/**
 * An HS256 key for `secret` (a string is taken as UTF-8): Stream user tokens, local-provider
 * tokens. Verifying accepts only `alg: HS256` and checks the signature in constant time.
 */
export function hs256(secret: string | Uint8Array, options: Hs256Options = {}): Hs256Key {
  // A private copy of the key bytes. `createHmac` with a Buffer key costs ~3 µs; with a
  // KeyObject it costs ~6 µs (Node 20): a KeyObject saves nothing for an HMAC key.
  const key = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);
  const mac = (input: string) => createHmac('sha256', key).update(input, 'latin1').digest();
  // Encoded headers that passed the checks below. The verdict on a header depends on its text
  // alone (no key, no time), and clients send the same one every time.
  const goodHeaders = new Set<string>();
  const cacheSize = Math.max(0, Math.floor(options.verifiedCacheSize ?? 0));
  const cache = cacheSize > 0 ? new Map<string, Record<string, unknown>>() : undefined;

  return {
    sign(claims) {
      const input = `${HEADER}.${Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url')}`;
      return `${input}.${mac(input).toString('base64url')}`;
    },

    verify(token, options = {}) {
      if (typeof token !== 'string') throw invalid('Not a compact JWT.');
      let claims = cache?.get(token);
      if (claims === undefined) {
        claims = signedClaims(token);
        if (cache && token.length <= MAX_CACHED_TOKEN_LENGTH) {
          if (cache.size >= cacheSize) cache.delete(cache.keys().next().value!);
          cache.set(token, deepFreeze(claims));
        }
      } else {
        // Most recently used last: the first key is the one to evict.
        cache!.delete(token);
        cache!.set(token, claims);
      }
      return checkClaims(claims, options);
    },

    get cachedTokens() {
      return cache?.size ?? 0;
    },
  };

  /** The claims of a token whose header and signature hold: a pure function of its text. */
  function signedClaims(token: string): Record<string, unknown> {
    const first = token.indexOf('.');
    const second = token.indexOf('.', first + 1);
    if (first < 0 || second < 0 || token.indexOf('.', second + 1) >= 0) {
      throw invalid('Not a compact JWT.');
    }
    const encodedHeader = token.slice(0, first);
    const encodedPayload = token.slice(first + 1, second);
    if (!goodHeaders.has(encodedHeader)) {
      checkHeader(parseObject(encodedHeader, 'header'));
      if (goodHeaders.size < 32) goodHeaders.add(encodedHeader);
    }
    // The payload is decoded only once the signature holds (as jose does), but the signing
    // input must be base64url (ASCII) before it is hashed.
    if (!BASE64URL.test(encodedPayload)) throw invalid('Malformed base64url.');
    const signature = decodePart(token.slice(second + 1));
    const expected = mac(token.slice(0, second));
    if (signature.length !== SIGNATURE_BYTES || !timingSafeEqual(signature, expected)) {
      throw new JwtError('invalid', 'The signature does not match.', true);
    }
    return parseObject(encodedPayload, 'claims set');
  }
}

/** The rules that depend on more than the token's text: audience, claim types, the clock. */
function checkClaims(
  claims: Record<string, unknown>,
  options: VerifyOptions,
): Record<string, unknown> {
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (options.audience !== undefined) {
    const aud = claims.aud;
    const ok =
      typeof aud === 'string'
        ? aud === options.audience
        : Array.isArray(aud) && aud.includes(options.audience);
    if (!ok) throw invalid('Unexpected audience.');
  }
  numericClaim(claims, 'iat');
  const nbf = numericClaim(claims, 'nbf');
  if (nbf !== undefined && nbf > now) throw invalid('The token is not valid yet.');
  const exp = numericClaim(claims, 'exp');
  if (exp !== undefined && exp <= now) throw new JwtError('expired', 'The token has expired.');
  return claims;
}

/** Freezes a claims set and everything in it (cached claims are shared between requests). */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
