import { createHash } from 'node:crypto';
// agora-token is CommonJS: Node's ESM loader (tsx, node) exposes only its default export.
import agoraToken from 'agora-token';
import type { AgoraConfig } from '../types';
import { DEFAULT_TOKEN_TTL_SECONDS, type ServerProvider } from './types';

const { RtcRole, RtcTokenBuilder } = agoraToken;

const HEX32 = /^[0-9a-fA-F]{32}$/;

/**
 * A stable Agora uid for a user id: the first 4 bytes of SHA-256(user id), big-endian, in
 * 1…2^32−1 (0 means "let Agora pick" and is mapped to 1).
 */
export function agoraUid(userId: string): number {
  const n = createHash('sha256').update(userId, 'utf8').digest().readUInt32BE(0);
  return n === 0 ? 1 : n;
}

/** Agora: the channel is the call id; tokens are AccessToken2 RTC tokens, publisher role. */
export function agoraProvider(config: AgoraConfig): ServerProvider {
  if (!HEX32.test(config.appId) || !HEX32.test(config.appCertificate)) {
    throw new Error('Agora appId and appCertificate must be 32 hexadecimal characters.');
  }
  const ttl = config.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
  return {
    name: 'agora',
    async createRoom(callId) {
      return { agora: { channel: callId } };
    },
    async token(call, user) {
      const channel = call.agora?.channel ?? call.id;
      const uid = agoraUid(user.id);
      const token = RtcTokenBuilder.buildTokenWithUid(
        config.appId,
        config.appCertificate,
        channel,
        uid,
        RtcRole.PUBLISHER,
        ttl,
        ttl,
      );
      if (!token) throw new Error('agora-token refused to build a token.');
      return { token, agora_uid: uid, agora_app_id: config.appId };
    },
  };
}
