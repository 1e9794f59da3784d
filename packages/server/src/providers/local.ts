import { LOCAL_TOKEN_AUDIENCE } from '../auth';
import { hs256 } from '../jwt';
import type { LocalConfig } from '../types';
import { DEFAULT_TOKEN_TTL_SECONDS, type ServerProvider } from './types';

export { LOCAL_TOKEN_AUDIENCE };

/** Claims of a local-provider token (the signaling server admits it). */
export interface LocalTokenClaims {
  /** The local room the token admits to (the call's `local.room`, else its id). */
  room: string;
  /** The chat user id the token was minted for. */
  user_id: string;
  /** Their display name, shown to the others. */
  name?: string;
  /** Their avatar URL, shown to the others. */
  image?: string;
  /** Issue time in milliseconds: tells a rejoin after the end from a token of the ended period. */
  iat_ms: number;
}

/** Local WebRTC: the room is the call id; the token is an HS256 JWT the signaling server checks. */
export function localProvider(config: LocalConfig, apiSecret: string): ServerProvider {
  const key = hs256(config.secret ?? apiSecret);
  const ttl = config.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
  return {
    name: 'local',
    async createRoom(callId) {
      return { local: { room: callId } };
    },
    async token(call, user) {
      const nowMs = Date.now();
      const iat = Math.floor(nowMs / 1000);
      // LocalTokenClaims, then the registered claims, in the order jose's SignJWT wrote them.
      const claims: LocalTokenClaims & Record<string, unknown> = {
        room: call.local?.room ?? call.id,
        user_id: user.id,
        iat_ms: nowMs,
      };
      if (user.name) claims.name = user.name;
      if (user.image) claims.image = user.image;
      claims.sub = user.id;
      claims.aud = LOCAL_TOKEN_AUDIENCE;
      claims.iat = iat;
      claims.exp = iat + Math.round(ttl);
      const token = key.sign(claims);
      return { token };
    },
  };
}
