import type { ChannelRef } from './types';

const CALL_ID = /^[a-z0-9_-]{1,64}$/;

/** Call ids are case-insensitive: they are stored and compared in lower case. */
export function normalizeCallId(id: string): string {
  return id.trim().toLowerCase();
}

/** `[a-z0-9_-]`, 1–64 characters, after normalising (also a valid Agora channel name). */
export function isValidCallId(id: unknown): id is string {
  return typeof id === 'string' && CALL_ID.test(normalizeCallId(id));
}

/** A new unique call id: 26 lower-case base-36 characters (~134 bits of randomness, unbiased). */
export function createCallId(): string {
  let out = '';
  const bytes = new Uint8Array(32);
  while (out.length < 26) {
    globalThis.crypto.getRandomValues(bytes);
    // 252 = 7 × 36: dropping bytes ≥ 252 keeps every character equally likely.
    for (const b of bytes) if (b < 252 && out.length < 26) out += (b % 36).toString(36);
  }
  return out;
}

/**
 * The channel-scoped id for "one call per channel": the same for every member, so two members
 * pressing "call" at once get the same call instead of two. Derived from the channel's cid.
 */
export function channelCallId(channel: ChannelRef): string {
  const cid = channel.cid ?? `${channel.type}:${channel.id ?? ''}`;
  const slug = normalizeCallId(cid).replace(/[^a-z0-9_-]+/g, '-');
  const id = `ch-${slug}`;
  if (id.length <= 64) return id;
  // Long cids: keep a readable prefix and a stable hash of the whole cid.
  return `${id.slice(0, 55)}-${fnv1a(cid)}`;
}

function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(7, '0').slice(0, 8);
}
