export { isValidCallId, normalizeCallId } from './callId';
// Its own module: only code that derives a channel's id (Start, loaded lazily) loads SHA-256.
export { channelCallId } from './channelCallId';

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
