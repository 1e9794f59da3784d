/**
 * What the call lifecycle needs of the chat: a channel to announce, ring and decline in, and the
 * client's channel events. Core speaks to these small interfaces; `streamChatClient` adapts
 * stream-chat's own objects (type-only imports: core loads nothing of stream-chat).
 */
import type { Channel, StreamChat, Event as StreamEvent } from 'stream-chat';
import type { Call } from './types';

/** A member of a channel, as the chat knows them. */
export interface CallMember {
  /** The member's chat user id. */
  id: string;
  /** Their display name, when the chat has one. */
  name?: string;
  /** Their avatar URL, when the chat has one. */
  image?: string;
}

/** The custom channel events of the call contract (see CONTRACT "Channel events"). */
export type CallChannelEvent =
  | { type: 'call.ring'; call: Call; session: number; members: string[]; timeout_ms: number }
  | { type: 'call.created'; call: Call; session: number }
  | { type: 'call.declined'; call_id: string; session: number; reason: 'declined' | 'busy' };

/** The call message: the kit's summary text and the call's attachment. */
export interface CallMessage {
  /** The message's text ("Video call", in the starter's language). */
  text: string;
  /** The call's attachment (`{ type: 'call', call, session }`). */
  attachments: Record<string, unknown>[];
}

/**
 * A chat channel as the call lifecycle uses it; `streamChannel(channel)` adapts stream-chat's
 * `Channel`, and a test or another chat can implement it.
 */
export interface CallChannel {
  /** The channel type (`messaging`, …). */
  readonly type: string;
  /** The channel id (undefined for a channel not created yet). */
  readonly id: string | undefined;
  /** `type:id`. */
  readonly cid: string;
  /** The channel's own name, when it has one. */
  readonly name: string | undefined;
  /** Its members as the client has them loaded (Stream loads up to 100 with the channel). */
  members(): CallMember[];
  /** Whether this user is a member (only members are rung). */
  isMember(userId: string): boolean;
  /** Sends one of the call contract's custom events to the channel. */
  sendEvent(event: CallChannelEvent): Promise<unknown>;
  /** Posts the call message (the `notify="message"` way). */
  sendMessage(message: CallMessage): Promise<unknown>;
  /** Stores the call on the channel (`channel.data.call`, the `notify="channel"` way). */
  setCall(call: Call): Promise<unknown>;
}

/** A channel event as the client delivers it: untrusted, read through the parsers. */
export interface CallChatEvent {
  /** The event type (`call.ring`, …). */
  type: string;
  /** The channel it came from. */
  cid?: string;
  /** Who sent it, unchecked. */
  user?: unknown;
  [key: string]: unknown;
}

/**
 * The chat client as the call lifecycle uses it: its user and its channels' events.
 * `streamChatClient(client)` adapts stream-chat's `StreamChat`.
 */
export interface CallChatClient {
  /** The connected user's id (undefined before `connectUser`). */
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
