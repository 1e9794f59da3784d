import type { Channel, Event } from 'stream-chat';
import type { Call } from '../../core/types';

/** Custom channel events the kit sends (`call.ring`, `call.created`, `call.declined`). */
export type CallChannelEvent =
  | { type: 'call.ring'; call: Call }
  | { type: 'call.created'; call: Call }
  | { type: 'call.declined'; call_id: string };

/** stream-chat types custom events through module augmentation; the kit does not impose one. */
export function sendCallEvent(channel: Channel, event: CallChannelEvent) {
  return channel.sendEvent(event as unknown as Event);
}
