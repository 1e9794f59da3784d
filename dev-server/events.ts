/** Channel events, delivered to every watcher and member connection (the sender's included). */
import type { Serializer } from './serialize';
import type { ChannelRecord, ChatStore, MessageRecord } from './store';
import type { Hub } from './ws';

type Event = Record<string, unknown>;

export class ChannelEvents {
  constructor(
    private readonly store: ChatStore,
    private readonly hub: Hub,
    private readonly serialize: Serializer,
  ) {}

  /** The fields every channel event carries. */
  base(channel: ChannelRecord, type: string, userId?: string): Event {
    return {
      type,
      cid: channel.cid,
      channel_id: channel.id,
      channel_type: channel.type,
      ...(userId ? { user: this.serialize.user(userId) } : {}),
      created_at: new Date().toISOString(),
    };
  }

  /**
   * Sends `event(userId)` to connections watching the channel and to members' other connections;
   * `notMember` (when given) replaces it for member connections that do not watch the channel.
   */
  deliver(
    channel: ChannelRecord,
    event: (recipientId: string) => Event,
    notWatching?: (recipientId: string) => Event,
  ): void {
    for (const conn of this.hub.all()) {
      const watching = conn.watching.has(channel.cid);
      const member = channel.members.has(conn.userId);
      if (watching) this.hub.send(conn, event(conn.userId));
      else if (member) this.hub.send(conn, (notWatching ?? event)(conn.userId));
    }
  }

  messageNew(channel: ChannelRecord, message: MessageRecord): void {
    const base = {
      ...this.base(channel, 'message.new', message.user_id),
      message: this.serialize.message(message),
      watcher_count: this.hub.watcherCount(channel.cid),
    };
    const counts = (userId: string) =>
      channel.members.has(userId) ? this.store.unreadCounts(userId) : {};
    this.deliver(
      channel,
      (userId) => ({ ...base, ...counts(userId) }),
      (userId) => ({
        ...base,
        type: 'notification.message_new',
        channel: this.serialize.channel(channel, userId),
        ...counts(userId),
      }),
    );
  }

  messageUpdated(channel: ChannelRecord, message: MessageRecord, userId: string): void {
    const event = {
      ...this.base(channel, 'message.updated', userId),
      message: this.serialize.message(message),
    };
    this.deliver(channel, () => event);
  }

  messageDeleted(channel: ChannelRecord, message: MessageRecord, userId: string, hard: boolean) {
    const event = {
      ...this.base(channel, 'message.deleted', userId),
      message: this.serialize.message(message),
      hard_delete: hard,
    };
    this.deliver(channel, () => event);
  }

  messageRead(channel: ChannelRecord, userId: string, lastReadMessageId?: string): void {
    const event = {
      ...this.base(channel, 'message.read', userId),
      ...(lastReadMessageId ? { last_read_message_id: lastReadMessageId } : {}),
    };
    this.deliver(channel, (recipient) =>
      recipient === userId ? { ...event, ...this.store.unreadCounts(userId) } : event,
    );
  }

  channelUpdated(channel: ChannelRecord, userId: string): void {
    const base = this.base(channel, 'channel.updated', userId);
    this.deliver(channel, (recipient) => ({
      ...base,
      channel: this.serialize.channel(channel, recipient),
    }));
  }

  reaction(
    channel: ChannelRecord,
    type: 'reaction.new' | 'reaction.deleted',
    message: MessageRecord,
    reaction: Event,
    userId: string,
  ): void {
    const event = {
      ...this.base(channel, type, userId),
      message: this.serialize.message(message),
      reaction,
    };
    this.deliver(channel, () => event);
  }

  /** Tells a new channel's members (their every connection) they were added to it. */
  addedToChannel(channel: ChannelRecord, creatorId: string): void {
    const base = this.base(channel, 'notification.added_to_channel', creatorId);
    for (const conn of this.hub.all()) {
      const member = channel.members.get(conn.userId);
      if (!member || conn.userId === creatorId) continue;
      this.hub.send(conn, {
        ...base,
        channel: this.serialize.channel(channel, conn.userId),
        member: this.serialize.member(member),
      });
    }
  }

  /** `user.presence.changed` to the connections of everyone who shares a channel with the user. */
  presenceChanged(userId: string): void {
    const peers = new Set<string>();
    for (const c of this.store.channels.values()) {
      if (c.members.has(userId)) for (const id of c.members.keys()) peers.add(id);
    }
    const event = {
      type: 'user.presence.changed',
      user: this.serialize.user(userId),
      created_at: new Date().toISOString(),
    };
    for (const conn of this.hub.all()) {
      if (conn.userId !== userId && peers.has(conn.userId)) this.hub.send(conn, event);
    }
  }

  /** `user.watching.start` / `stop` to the channel's watchers (a DM header's "Online"). */
  watchingChanged(userId: string, cid: string, watching: boolean): void {
    const channel = this.store.channels.get(cid);
    if (!channel) return;
    const event = {
      ...this.base(channel, watching ? 'user.watching.start' : 'user.watching.stop', userId),
      watcher_count: this.hub.watcherCount(cid),
    };
    for (const conn of this.hub.all()) {
      if (conn.userId !== userId && conn.watching.has(cid)) this.hub.send(conn, event);
    }
  }

  /** Typing and custom events: the sender's fields, then the server's (which win). */
  custom(channel: ChannelRecord, payload: Event, userId: string): Event {
    const event = { ...payload, ...this.base(channel, String(payload.type), userId) };
    this.deliver(channel, () => event);
    return event;
  }
}
