import { randomUUID } from 'node:crypto';
import { upstreamFailed } from '../errors';
import { type Hs256Key, hs256 } from '../jwt';
import type { HmsConfig } from '../types';
import { DEFAULT_TOKEN_TTL_SECONDS, type ServerProvider } from './types';

/** 100ms's REST API, where rooms are created (`HmsConfig.apiBase` overrides it). */
export const HMS_DEFAULT_API_BASE = 'https://api.100ms.live/v2';
const MANAGEMENT_TTL_SECONDS = 24 * 3600;
const ROOM_ID = /^[A-Za-z0-9_-]{1,64}$/;

function signHms(key: Hs256Key, claims: Record<string, unknown>, ttl: number): string {
  const now = Math.floor(Date.now() / 1000);
  return key.sign({
    ...claims,
    version: 2,
    jti: randomUUID(),
    iat: now,
    nbf: now,
    exp: now + ttl,
  });
}

/**
 * 100ms: a room per call, created through the REST API with a management token; members get
 * app tokens (HS256, the app secret) for that room.
 */
export function hmsProvider(
  config: HmsConfig,
  fetchImpl: typeof fetch = globalThis.fetch,
): ServerProvider {
  const key = hs256(config.secret);
  const ttl = config.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
  const apiBase = (config.apiBase ?? HMS_DEFAULT_API_BASE).replace(/\/+$/, '');
  const role = config.role ?? 'host';

  return {
    name: 'hms',
    createsRooms: true,
    async createRoom(callId) {
      const management = signHms(
        key,
        { access_key: config.accessKey, type: 'management' },
        MANAGEMENT_TTL_SECONDS,
      );
      let res: Response;
      try {
        res = await fetchImpl(`${apiBase}/rooms`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${management}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ name: callId, template_id: config.templateId }),
          signal: AbortSignal.timeout(10_000),
        });
      } catch {
        throw upstreamFailed('Could not reach the 100ms API to create the room.');
      }
      const body = (await res.json().catch(() => undefined)) as
        | { id?: unknown; name?: unknown }
        | undefined;
      if (!res.ok || typeof body?.id !== 'string' || !ROOM_ID.test(body.id)) {
        throw upstreamFailed(`The 100ms API did not create the room (HTTP ${res.status}).`);
      }
      const roomName = typeof body.name === 'string' ? body.name : callId;
      return { hms: { room_id: body.id, room_name: roomName } };
    },
    async token(call, user) {
      const roomId = call.hms?.room_id;
      if (!roomId) throw new Error('A 100ms call without a room id.');
      const token = signHms(
        key,
        { access_key: config.accessKey, room_id: roomId, user_id: user.id, role, type: 'app' },
        ttl,
      );
      return { token };
    },
  };
}
