import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { ChannelRef } from './types';

/**
 * The channel-scoped id for "one call per channel": the same for every member, so two members
 * pressing "call" at once get the same call instead of two. A readable slug of the channel's cid
 * plus the first 80 bits of SHA-256 of the exact cid (the slug alone is lossy: channel ids are
 * case-sensitive and may hold `!`, and `a-b:c` and `a:b-c` slug alike).
 *
 * The call service computes the same id (node:crypto) and accepts a `ch-` id only in the
 * channel it is derived from, so nobody outside a channel can take its call id first.
 *
 * @example
 * channelCallId({ type: 'messaging', id: 'general' }); // 'ch-messaging-general-<20 hex digits>'
 */
export function channelCallId(channel: ChannelRef): string {
  const cid = channel.cid ?? `${channel.type}:${channel.id ?? ''}`;
  const slug = cid
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .slice(0, 40);
  return `ch-${slug}-${bytesToHex(sha256(utf8ToBytes(cid))).slice(0, 20)}`;
}
