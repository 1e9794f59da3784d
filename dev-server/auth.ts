/** User JWTs as Stream issues them: HS256 signed with the API secret, claim `user_id`. */
import type { IncomingMessage } from 'node:http';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { LOCAL_TOKEN_AUDIENCE } from '../src/server/auth';
import { ApiError, Codes } from './http';

/** Stream's user id rule (letters, digits, `@`, `_`, `-`), at most 64 characters here. */
export const USER_ID = /^[\w@-]{1,64}$/;

export function isValidUserId(id: unknown): id is string {
  return typeof id === 'string' && USER_ID.test(id);
}

export function secretKey(apiSecret: string): Uint8Array {
  return new TextEncoder().encode(apiSecret);
}

/** Signs a user token (no expiry, like a Stream development token signed by a backend). */
export async function createUserToken(userId: string, apiSecret: string): Promise<string> {
  return new SignJWT({ user_id: userId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt()
    .sign(secretKey(apiSecret));
}

/**
 * Verifies a user JWT and returns its `user_id`. Unsigned development tokens
 * (`client.devToken()`) fail the signature check and are refused.
 */
export async function verifyUserToken(
  token: string | undefined,
  apiSecret: string,
): Promise<string> {
  if (!token) throw new ApiError(401, Codes.auth, 'The Authorization header is missing.');
  if (token.length > 4096 || token.split('.').length !== 3) {
    throw new ApiError(401, Codes.auth, 'The token is not a JWT.');
  }
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, secretKey(apiSecret), { algorithms: ['HS256'] }));
  } catch (e) {
    if (e instanceof joseErrors.JWTExpired) {
      throw new ApiError(401, Codes.tokenExpired, 'The token has expired.');
    }
    if (e instanceof joseErrors.JWSSignatureVerificationFailed) {
      throw new ApiError(401, Codes.tokenSignature, 'The token signature is invalid.');
    }
    throw new ApiError(401, Codes.auth, 'The token could not be verified.');
  }
  const aud = payload.aud;
  if (aud === LOCAL_TOKEN_AUDIENCE || (Array.isArray(aud) && aud.includes(LOCAL_TOKEN_AUDIENCE))) {
    // A local-provider call token is signed with the same secret: it is not a user token.
    throw new ApiError(401, Codes.auth, 'A call token is not a user token.');
  }
  if (!isValidUserId(payload.user_id)) {
    throw new ApiError(401, Codes.auth, 'The token has no valid user_id claim.');
  }
  return payload.user_id;
}

/** The raw token from `Authorization` (Stream sends it without "Bearer"; both are accepted). */
export function tokenFromHeader(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string' || header.length === 0) return undefined;
  return header.startsWith('Bearer ') ? header.slice(7) : header;
}

export interface RequestAuth {
  userId: string;
  connectionId?: string;
}

/** Authenticates a REST request: API key, auth type, token, and the `user_id` query if given. */
export async function authenticate(
  req: IncomingMessage,
  url: URL,
  apiKey: string,
  apiSecret: string,
): Promise<RequestAuth> {
  if (url.searchParams.get('api_key') !== apiKey) {
    throw new ApiError(401, Codes.auth, 'The api_key query parameter is missing or wrong.');
  }
  const authType = req.headers['stream-auth-type'];
  if (authType !== undefined && authType !== 'jwt') {
    throw new ApiError(401, Codes.auth, 'Only stream-auth-type "jwt" is supported.');
  }
  const userId = await verifyUserToken(tokenFromHeader(req), apiSecret);
  const claimed = url.searchParams.get('user_id');
  if (claimed !== null && claimed !== userId) {
    throw new ApiError(401, Codes.auth, 'The user_id query does not match the token.');
  }
  const connectionId = url.searchParams.get('connection_id') ?? undefined;
  return connectionId ? { userId, connectionId } : { userId };
}
