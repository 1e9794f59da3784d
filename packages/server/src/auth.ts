import { unauthorized } from './errors';
import { hs256, JwtError } from './jwt';

/**
 * The `aud` of local-provider tokens. With the default secret (the API secret) a local token is
 * signed like a Stream user token; the audience keeps them apart: the call service refuses it
 * as a user token, and signaling admits nothing else.
 */
export const LOCAL_TOKEN_AUDIENCE = 'stream-chat-calls:local';

/** Stream user ids: letters, digits, `@`, `_`, `-`, at most 255 characters. */
const USER_ID = /^[\w@-]{1,255}$/;
/** A JWT is three base64url parts; anything longer than this is not a user token. */
const MAX_TOKEN_LENGTH = 4096;
/**
 * User tokens whose signature verified, remembered by their full text (see `hs256`): a client
 * sends the same token on every request, and its HMAC verdict cannot change. Expiry, `nbf`, the
 * audience and the checks below still run on every request.
 */
export const USER_TOKEN_CACHE_SIZE = 4096;

export interface AuthInput {
  authorization: string | undefined;
  authType: string | undefined;
  apiKey: string | undefined;
}

/** Checks a request's Stream credentials (`createAuthenticator`). */
export interface Authenticator {
  /**
   * The verified user id, or a CallError (401). Never includes the token in a message.
   * Synchronous: HS256 through node:crypto, on the call service's hot path.
   */
  authenticateSync(input: AuthInput): string;
}

/** Verifies Stream user tokens the way Stream does: HS256 with the app's API secret. */
export function createAuthenticator(apiKey: string, apiSecret: string): Authenticator {
  const key = hs256(apiSecret, { verifiedCacheSize: USER_TOKEN_CACHE_SIZE });
  const authenticateSync = ({ authorization, authType, apiKey: givenKey }: AuthInput): string => {
    if (givenKey === undefined || givenKey === '') {
      throw unauthorized('The api_key query parameter is missing.', 'bad-api-key');
    }
    if (givenKey !== apiKey) throw unauthorized('Unknown api_key.', 'bad-api-key');
    if (authType !== undefined && authType.toLowerCase() !== 'jwt') {
      throw unauthorized('Only stream-auth-type "jwt" is supported.');
    }
    let token = authorization?.trim() ?? '';
    if (/^bearer\s+/i.test(token)) token = token.replace(/^bearer\s+/i, '');
    if (token === '') throw unauthorized('The Authorization header is missing.');
    if (token.length > MAX_TOKEN_LENGTH) throw unauthorized('The user token is not valid.');
    let payload: Record<string, unknown>;
    try {
      payload = key.verify(token);
    } catch (e) {
      if (e instanceof JwtError && e.reason === 'expired') {
        throw unauthorized('The user token has expired.', 'token-expired');
      }
      // Stream's code 43: signed, but not with this app's secret (or tampered with).
      if (e instanceof JwtError && e.badSignature) {
        throw unauthorized('The user token signature is not valid.', 'bad-signature');
      }
      throw unauthorized('The user token is not valid.');
    }
    const aud = payload.aud;
    if (
      aud === LOCAL_TOKEN_AUDIENCE ||
      (Array.isArray(aud) && aud.includes(LOCAL_TOKEN_AUDIENCE))
    ) {
      throw unauthorized('A call token is not a user token.');
    }
    const userId = payload.user_id;
    if (typeof userId !== 'string' || !USER_ID.test(userId)) {
      throw unauthorized('The user token has no valid user_id claim.');
    }
    return userId;
  };
  return { authenticateSync };
}
