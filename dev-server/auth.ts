/**
 * User JWTs as Stream issues them: HS256 signed with the API secret, claim `user_id`. Signed and
 * checked by the call service's own HS256 code (exported by stream-chat-calls-server).
 */
import type { IncomingMessage } from 'node:http';
import { type Hs256Key, hs256, JwtError, LOCAL_TOKEN_AUDIENCE } from 'stream-chat-calls-server';
import { unauthorized } from './http';

/** Stream's user id rule (letters, digits, `@`, `_`, `-`), at most 64 characters here. */
export const USER_ID = /^[\w@-]{1,64}$/;

export function isValidUserId(id: unknown): id is string {
  return typeof id === 'string' && USER_ID.test(id);
}

/** One HS256 key per API secret (the dev server has one secret). */
const keys = new Map<string, Hs256Key>();
function keyFor(apiSecret: string): Hs256Key {
  let key = keys.get(apiSecret);
  if (!key) {
    key = hs256(apiSecret);
    keys.set(apiSecret, key);
  }
  return key;
}

/** Signs a user token (no expiry, like a Stream development token signed by a backend). */
export function createUserToken(userId: string, apiSecret: string): string {
  return keyFor(apiSecret).sign({ user_id: userId, iat: Math.floor(Date.now() / 1000) });
}

/**
 * Verifies a JWT signed with the secret: a user token (`user_id`), or — when `allowServer` —
 * a server token (`{ server: true }`, what `new StreamChat(key, secret)` sends). Unsigned
 * development tokens (`client.devToken()`) fail the signature check and are refused.
 */
function verifyToken(
  token: string | undefined,
  apiSecret: string,
  allowServer: boolean,
): { userId: string } | { server: true } {
  if (!token) throw unauthorized('The Authorization header is missing.');
  if (token.length > 4096 || token.split('.').length !== 3) {
    throw unauthorized('The token is not a JWT.');
  }
  let payload: Record<string, unknown>;
  try {
    payload = keyFor(apiSecret).verify(token);
  } catch (e) {
    if (e instanceof JwtError && e.reason === 'expired') {
      throw unauthorized('The token has expired.', 'token-expired');
    }
    if (e instanceof JwtError && e.badSignature) {
      throw unauthorized('The token signature is invalid.', 'bad-signature');
    }
    throw unauthorized('The token could not be verified.');
  }
  const aud = payload.aud;
  if (aud === LOCAL_TOKEN_AUDIENCE || (Array.isArray(aud) && aud.includes(LOCAL_TOKEN_AUDIENCE))) {
    // A local-provider call token is signed with the same secret: it is not a user token.
    throw unauthorized('A call token is not a user token.');
  }
  if (payload.server === true && payload.user_id === undefined) {
    if (allowServer) return { server: true };
    throw unauthorized('A server token cannot connect as a user.');
  }
  if (!isValidUserId(payload.user_id)) {
    throw unauthorized('The token has no valid user_id claim.');
  }
  return { userId: payload.user_id };
}

/** Verifies a user JWT and returns its `user_id` (server tokens are refused). */
export function verifyUserToken(token: string | undefined, apiSecret: string): string {
  return (verifyToken(token, apiSecret, false) as { userId: string }).userId;
}

/** The raw token from `Authorization` (Stream sends it without "Bearer"; both are accepted). */
export function tokenFromHeader(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string' || header.length === 0) return undefined;
  return header.startsWith('Bearer ') ? header.slice(7) : header;
}

export interface RequestAuth {
  /** The user the request acts for; empty for a server-side client. */
  userId: string;
  connectionId?: string;
  /** A server-side client (a server token signed with the secret), acting for no user. */
  server?: true;
}

/**
 * Authenticates a REST request: API key, auth type, token (a user's, or a server's as
 * `new StreamChat(key, secret)` sends it), and the `user_id` query if given.
 */
export async function authenticate(
  req: IncomingMessage,
  url: URL,
  apiKey: string,
  apiSecret: string,
): Promise<RequestAuth> {
  if (url.searchParams.get('api_key') !== apiKey) {
    throw unauthorized('The api_key query parameter is missing or wrong.', 'bad-api-key');
  }
  const authType = req.headers['stream-auth-type'];
  if (authType !== undefined && authType !== 'jwt') {
    throw unauthorized('Only stream-auth-type "jwt" is supported.');
  }
  const verified = verifyToken(tokenFromHeader(req), apiSecret, true);
  if ('server' in verified) return { userId: '', server: true };
  const { userId } = verified;
  const claimed = url.searchParams.get('user_id');
  if (claimed !== null && claimed !== userId) {
    throw unauthorized('The user_id query does not match the token.');
  }
  const connectionId = url.searchParams.get('connection_id') ?? undefined;
  return connectionId ? { userId, connectionId } : { userId };
}
