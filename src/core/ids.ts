import type { ChannelRef } from './types';

export { isValidCallId, normalizeCallId } from './callId';

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
 * pressing "call" at once get the same call instead of two. Derived from the channel's cid: a
 * readable slug plus a 64-bit hash of the exact cid, because the slug alone is lossy (channel ids
 * are case-sensitive and may hold `!`, and `a-b:c` and `a:b-c` slug alike).
 */
export function channelCallId(channel: ChannelRef): string {
  const cid = channel.cid ?? `${channel.type}:${channel.id ?? ''}`;
  const slug = cid
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .slice(0, 40);
  return `ch-${slug}-${hash64(cid)}`;
}

/** Two 32-bit multiplicative lanes (cyrb-style): stable, not cryptographic; 14 base-36 chars. */
function hash64(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const part = (h: number) => (h >>> 0).toString(36).padStart(7, '0');
  return part(h2) + part(h1);
}
