import { SignJWT } from 'jose';
import { LOCAL_TOKEN_AUDIENCE, secretKey } from '../auth';
import type { LocalConfig } from '../types';
import { DEFAULT_TOKEN_TTL_SECONDS, type ServerProvider } from './types';

export { LOCAL_TOKEN_AUDIENCE };

/** Claims of a local-provider token (the signaling server admits it). */
export interface LocalTokenClaims {
  room: string;
  user_id: string;
  name?: string;
  image?: string;
  /** Issue time in milliseconds: tells a rejoin after the end from a token of the ended period. */
  iat_ms: number;
}

/** Local WebRTC: the room is the call id; the token is an HS256 JWT the signaling server checks. */
export function localProvider(config: LocalConfig, apiSecret: string): ServerProvider {
  const key = secretKey(config.secret ?? apiSecret);
  const ttl = config.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
  return {
    name: 'local',
    async createRoom(callId) {
      return { local: { room: callId } };
    },
    async token(call, user) {
      const claims: LocalTokenClaims = {
        room: call.local?.room ?? call.id,
        user_id: user.id,
        iat_ms: Date.now(),
      };
      if (user.name) claims.name = user.name;
      if (user.image) claims.image = user.image;
      const token = await new SignJWT({ ...claims })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(user.id)
        .setAudience(LOCAL_TOKEN_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${ttl}s`)
        .sign(await key);
      return { token };
    },
  };
}
