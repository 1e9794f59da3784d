/** Turns store records into the response shapes stream-chat expects (see STREAM-PROTOCOL.md). */
import type { ChannelRecord, ChatStore, MemberRecord, MessageRecord, UserRecord } from './store';

/** Who is connected and watching what (answered by the WebSocket hub). */
export interface Presence {
  isOnline(userId: string): boolean;
  watcherCount(cid: string): number;
  /** The users watching the channel now (stream-chat-react's DM header says "Online" from them). */
  watcherIds(cid: string): string[];
}

/** What the UI may offer: nothing we do not serve (no uploads, polls, threads, commands…). */
export function channelConfig(type: string, createdAt: string) {
  return {
    name: type,
    typing_events: true,
    read_events: true,
    connect_events: true,
    custom_events: true,
    reactions: true,
    replies: false,
    quotes: false,
    search: false,
    mutes: false,
    uploads: false,
    url_enrichment: false,
    push_notifications: false,
    polls: false,
    reminders: false,
    user_message_reminders: false,
    shared_locations: false,
    delivery_events: false,
    mark_messages_pending: false,
    count_messages: false,
    message_retention: 'infinite',
    max_message_length: MAX_TEXT_LENGTH,
    automod: 'disabled',
    automod_behavior: 'flag',
    commands: [],
    created_at: createdAt,
    updated_at: createdAt,
  };
}

export const MAX_TEXT_LENGTH = 5000;

export const MEMBER_CAPABILITIES = [
  'send-message',
  'read-events',
  'send-reaction',
  'update-own-message',
  'delete-own-message',
  'send-custom-events',
  'update-channel',
];

export function ownCapabilities(channel: ChannelRecord, userId: string | undefined): string[] {
  return userId && channel.members.has(userId) ? [...MEMBER_CAPABILITIES] : [];
}

export function userResponse(user: UserRecord, presence: Presence) {
  const online = presence.isOnline(user.id);
  return {
    id: user.id,
    name: user.name,
    role: user.role,
    ...(user.image ? { image: user.image } : {}),
    created_at: user.created_at,
    updated_at: user.updated_at,
    last_active: online ? new Date().toISOString() : (user.last_active ?? user.updated_at),
    online,
    banned: false,
  };
}

export class Serializer {
  constructor(
    private readonly store: ChatStore,
    private readonly presence: Presence,
  ) {}

  user(userId: string) {
    const user = this.store.users.get(userId);
    if (user) return userResponse(user, this.presence);
    // Someone the store does not know (e.g. named by the call service): just the id.
    const t = new Date(0).toISOString();
    const unknown = { id: userId, name: userId, role: 'user' as const, seeded: false };
    return userResponse({ ...unknown, created_at: t, updated_at: t }, this.presence);
  }

  /** A message; `viewerId` fills `own_reactions` (events carry none, as Stream's do). */
  message(m: MessageRecord, viewerId?: string): Record<string, unknown> {
    const counts: Record<string, number> = {};
    const scores: Record<string, number> = {};
    const groups: Record<string, Record<string, unknown>> = {};
    for (const r of m.reactions) {
      counts[r.type] = (counts[r.type] ?? 0) + 1;
      scores[r.type] = (scores[r.type] ?? 0) + r.score;
      const g = groups[r.type];
      groups[r.type] = {
        count: counts[r.type],
        sum_scores: scores[r.type],
        first_reaction_at: g?.first_reaction_at ?? r.created_at,
        last_reaction_at: r.created_at,
      };
    }
    const reaction = (r: MessageRecord['reactions'][number]) => ({
      ...r,
      user: this.user(r.user_id),
    });
    const quoted = m.quoted_message_id ? this.store.messages.get(m.quoted_message_id) : undefined;
    return {
      id: m.id,
      text: m.text,
      html: '',
      type: m.type,
      cid: m.cid,
      user: this.user(m.user_id),
      attachments: m.attachments,
      mentioned_users: m.mentioned_user_ids.map((id) => this.user(id)),
      latest_reactions: m.reactions.slice(-10).reverse().map(reaction),
      own_reactions: viewerId
        ? m.reactions.filter((r) => r.user_id === viewerId).map(reaction)
        : [],
      reaction_counts: counts,
      reaction_scores: scores,
      reaction_groups: groups,
      reply_count: m.reply_count,
      ...(m.parent_id ? { parent_id: m.parent_id, show_in_channel: !!m.show_in_channel } : {}),
      ...(quoted ? { quoted_message_id: quoted.id, quoted_message: this.message(quoted) } : {}),
      silent: m.silent,
      shadowed: false,
      pinned: m.pinned,
      pinned_at: m.pinned_at,
      pinned_by: m.pinned_by_id ? this.user(m.pinned_by_id) : null,
      pin_expires: null,
      created_at: m.created_at,
      updated_at: m.updated_at,
      ...(m.deleted_at ? { deleted_at: m.deleted_at } : {}),
    };
  }

  member(m: MemberRecord) {
    return {
      user_id: m.user_id,
      user: this.user(m.user_id),
      role: m.role,
      channel_role: m.role === 'member' ? 'channel_member' : `channel_${m.role}`,
      created_at: m.created_at,
      updated_at: m.updated_at,
      banned: false,
      shadow_banned: false,
      notifications_muted: false,
    };
  }

  /** The FULL channel data (`channel.updated` replaces the client's `channel.data` with it). */
  channel(c: ChannelRecord, viewerId?: string) {
    return {
      ...c.data,
      id: c.id,
      type: c.type,
      cid: c.cid,
      created_at: c.created_at,
      updated_at: c.updated_at,
      created_by: this.user(c.created_by_id),
      ...(c.last_message_at ? { last_message_at: c.last_message_at } : {}),
      frozen: false,
      disabled: false,
      hidden: false,
      member_count: c.members.size,
      config: channelConfig(c.type, c.created_at),
      own_capabilities: ownCapabilities(c, viewerId),
    };
  }

  /** One page of top-level messages, oldest first. */
  messagesPage(c: ChannelRecord, opts: { limit: number; id_lt?: string; id_gt?: string }) {
    if (opts.limit <= 0) return [];
    let list = c.messages.filter((m) => !m.parent_id || m.show_in_channel);
    if (opts.id_lt) {
      const i = list.findIndex((m) => m.id === opts.id_lt);
      list = i < 0 ? [] : list.slice(0, i);
      return list.slice(-opts.limit);
    }
    if (opts.id_gt) {
      const i = list.findIndex((m) => m.id === opts.id_gt);
      list = i < 0 ? [] : list.slice(i + 1);
      return list.slice(0, opts.limit);
    }
    return list.slice(-opts.limit);
  }

  channelState(
    c: ChannelRecord,
    viewerId: string,
    page: { limit: number; id_lt?: string; id_gt?: string } = { limit: 25 },
  ) {
    const members = [...c.members.values()].map((m) => this.member(m));
    const membership = c.members.get(viewerId);
    return {
      channel: this.channel(c, viewerId),
      messages: this.messagesPage(c, page).map((m) => this.message(m, viewerId)),
      pinned_messages: c.messages
        .filter((m) => m.pinned && m.type !== 'deleted')
        .map((m) => this.message(m, viewerId)),
      members,
      ...(membership ? { membership: this.member(membership) } : {}),
      read: [...c.reads.entries()]
        .filter(([userId]) => c.members.has(userId))
        .map(([userId, r]) => ({
          user: this.user(userId),
          last_read: r.last_read,
          unread_messages: r.unread_messages,
          ...(r.last_read_message_id ? { last_read_message_id: r.last_read_message_id } : {}),
        })),
      watcher_count: this.presence.watcherCount(c.cid),
      watchers: this.presence.watcherIds(c.cid).map((id) => this.user(id)),
      threads: [],
    };
  }
}
