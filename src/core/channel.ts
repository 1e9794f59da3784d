/**
 * What the call lifecycle needs of the chat: a channel to announce, ring and decline in, and the
 * client's channel events. Core speaks to these small interfaces; `streamChatClient` adapts
 * stream-chat's own objects (type-only imports: core loads nothing of stream-chat).
 */
import type { Channel, StreamChat, Event as StreamEvent } from 'stream-chat';
import type { Call } from './types';

/** A member of a channel, as the chat knows them. */
export interface CallMember {
  id: string;
  name?: string;
  image?: string;
}

/** The custom channel events of the call contract (see CONTRACT "Channel events"). */
export type CallChannelEvent =
  | { type: 'call.ring'; call: Call; session: number; members: string[]; timeout_ms: number }
  | { type: 'call.created'; call: Call; session: number }
  | { type: 'call.declined'; call_id: string; session: number; reason: 'declined' | 'busy' };

/** The call message: the kit's summary text and the call's attachment. */
export interface CallMessage {
  text: string;
  attachments: Record<string, unknown>[];
}

export interface CallChannel {
  readonly type: string;
  readonly id: string | undefined;
  readonly cid: string;
  /** The channel's own name, when it has one. */
  readonly name: string | undefined;
  /** Its members as the client has them loaded (Stream loads up to 100 with the channel). */
  members(): CallMember[];
  isMember(userId: string): boolean;
  sendEvent(event: CallChannelEvent): Promise<unknown>;
  sendMessage(message: CallMessage): Promise<unknown>;
  /** Stores the call on the channel (`channel.data.call`, the `notify="channel"` way). */
  setCall(call: Call): Promise<unknown>;
}

/** A channel event as the client delivers it: untrusted, read through the parsers. */
export interface CallChatEvent {
  type: string;
  cid?: string;
  user?: unknown;
  [key: string]: unknown;
}

export interface CallChatClient {
  readonly userId: string | undefined;
  /** Channel events of one type from every channel the client watches; returns unsubscribe. */
  on(type: string, handler: (event: CallChatEvent) => void): () => void;
  /** A channel the client watches. */
  channel(cid: string): CallChannel | undefined;
}

const MAX_MEMBERS = 100;

function member(id: string, user: unknown): CallMember {
  const u = (user ?? {}) as { name?: unknown; image?: unknown };
  const m: CallMember = { id };
  if (typeof u.name === 'string' && u.name) m.name = u.name.slice(0, 256);
  if (typeof u.image === 'string' && u.image) m.image = u.image.slice(0, 2048);
  return m;
}

const adapted = new WeakMap<Channel, CallChannel>();

/** stream-chat's Channel as a CallChannel (one adapter per channel object). */
export function streamChannel(channel: Channel): CallChannel {
  let out = adapted.get(channel);
  if (out) return out;
  out = {
    type: channel.type,
    get id() {
      return channel.id;
    },
    get cid() {
      return channel.cid;
    },
    get name() {
      const name = (channel.data as { name?: unknown } | undefined)?.name;
      return typeof name === 'string' && name ? name : undefined;
    },
    members() {
      return Object.entries(channel.state?.members ?? {})
        .slice(0, MAX_MEMBERS)
        .map(([id, m]) => member(m.user?.id ?? m.user_id ?? id, m.user));
    },
    isMember(userId) {
      if (channel.state?.membership?.user?.id === userId) return true;
      return Boolean(channel.state?.members?.[userId]);
    },
    // stream-chat types custom events through module augmentation; the kit imposes none.
    sendEvent: (event) => channel.sendEvent(event as unknown as StreamEvent),
    sendMessage: (message) => channel.sendMessage(message as Parameters<Channel['sendMessage']>[0]),
    setCall: (call) => channel.updatePartial({ set: { call } as Record<string, unknown> }),
  };
  adapted.set(channel, out);
  return out;
}

/** stream-chat's client as a CallChatClient. */
export function streamChatClient(client: StreamChat): CallChatClient {
  return {
    get userId() {
      return client.userID;
    },
    on(type, handler) {
      const sub = client.on(type, handler as (event: StreamEvent) => void);
      return () => sub.unsubscribe();
    },
    channel(cid) {
      const channel = client.activeChannels[cid];
      return channel ? streamChannel(channel) : undefined;
    },
  };
}
