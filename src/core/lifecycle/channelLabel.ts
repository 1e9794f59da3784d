import type { CallChannel } from '../channel';

/**
 * What to call a channel in a sentence ("the call in General"): its name, or, for a channel
 * without one (a direct message), the other members' names.
 */
export function channelLabel(channel: CallChannel, selfId: string | undefined): string {
  if (channel.name) return channel.name;
  const others = channel.members().filter((m) => m.id !== selfId);
  return others.map((m) => m.name || m.id).join(', ') || channel.id || channel.cid;
}
