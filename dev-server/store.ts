/** The dev server's in-memory chat data: users, channels, members, messages, reads. */
import { createHash } from 'node:crypto';

export type UserRole = 'user' | 'admin';
export type MemberRole = 'owner' | 'moderator' | 'member';

export interface UserRecord {
  id: string;
  name: string;
  role: UserRole;
  image?: string;
  created_at: string;
  updated_at: string;
  last_active?: string;
  /** Seeded users are the only ones `/dev/token` signs tokens for. */
  seeded: boolean;
}

export interface MemberRecord {
  user_id: string;
  role: MemberRole;
  created_at: string;
  updated_at: string;
}

export interface ReactionRecord {
  type: string;
  user_id: string;
  message_id: string;
  score: number;
  created_at: string;
  updated_at: string;
}

export interface MessageRecord {
  id: string;
  cid: string;
  user_id: string;
  text: string;
  type: 'regular' | 'reply' | 'deleted';
  /** Stored exactly as the client sent them: the UI parses them as untrusted. */
  attachments: unknown[];
  mentioned_user_ids: string[];
  parent_id?: string;
  show_in_channel?: boolean;
  quoted_message_id?: string;
  silent: boolean;
  reply_count: number;
  reactions: ReactionRecord[];
  pinned: boolean;
  pinned_at: string | null;
  pinned_by_id: string | null;
  created_at: string;
  updated_at: string;
  deleted_at?: string;
}

export interface ReadRecord {
  last_read: string;
  last_read_message_id?: string;
  unread_messages: number;
}

export interface ChannelRecord {
  type: string;
  id: string;
  cid: string;
  /** Custom data (name, image, call, …): what `channel.data` carries besides the built-ins. */
  data: Record<string, unknown>;
  created_by_id: string;
  created_at: string;
  updated_at: string;
  last_message_at?: string;
  members: Map<string, MemberRecord>;
  /** Every message of the channel, replies included, oldest first. */
  messages: MessageRecord[];
  reads: Map<string, ReadRecord>;
  /** Sorted member ids for channels created by members (distinct channels). */
  distinctKey?: string;
}

export const now = () => new Date().toISOString();

/** The id Stream gives a channel created from its members: stable for the same member set. */
export function distinctChannelId(memberIds: string[]): string {
  const key = [...new Set(memberIds)].sort().join(',');
  return `!members-${createHash('sha256').update(key).digest('base64url').slice(0, 32)}`;
}

export class ChatStore {
  readonly users = new Map<string, UserRecord>();
  readonly channels = new Map<string, ChannelRecord>();
  readonly messages = new Map<string, MessageRecord>();

  upsertUser(input: Partial<UserRecord> & { id: string }): UserRecord {
    const existing = this.users.get(input.id);
    const t = now();
    const user: UserRecord = {
      id: input.id,
      name: input.name ?? existing?.name ?? input.id,
      role: existing?.role ?? input.role ?? 'user',
      created_at: existing?.created_at ?? t,
      updated_at: t,
      seeded: existing?.seeded ?? input.seeded ?? false,
    };
    const image = input.image ?? existing?.image;
    if (image !== undefined) user.image = image;
    if (existing?.last_active) user.last_active = existing.last_active;
    this.users.set(user.id, user);
    return user;
  }

  createChannel(input: {
    type: string;
    id: string;
    createdBy: string;
    members: Array<{ user_id: string; role?: MemberRole }>;
    data?: Record<string, unknown>;
    distinct?: boolean;
  }): ChannelRecord {
    const t = now();
    const cid = `${input.type}:${input.id}`;
    const channel: ChannelRecord = {
      type: input.type,
      id: input.id,
      cid,
      data: { ...(input.data ?? {}) },
      created_by_id: input.createdBy,
      created_at: t,
      updated_at: t,
      members: new Map(),
      messages: [],
      reads: new Map(),
    };
    for (const m of input.members) {
      channel.members.set(m.user_id, {
        user_id: m.user_id,
        role: m.role ?? (m.user_id === input.createdBy ? 'owner' : 'member'),
        created_at: t,
        updated_at: t,
      });
      channel.reads.set(m.user_id, { last_read: t, unread_messages: 0 });
    }
    if (input.distinct) channel.distinctKey = [...channel.members.keys()].sort().join(',');
    this.channels.set(cid, channel);
    return channel;
  }

  findDistinct(type: string, memberIds: string[]): ChannelRecord | undefined {
    const key = [...new Set(memberIds)].sort().join(',');
    for (const c of this.channels.values()) {
      if (c.type === type && c.distinctKey === key) return c;
    }
    return undefined;
  }

  /** Appends a message; counts it unread for every other member; the sender has read it. */
  addMessage(channel: ChannelRecord, message: MessageRecord): void {
    channel.messages.push(message);
    this.messages.set(message.id, message);
    if (message.parent_id && !message.show_in_channel) return;
    channel.last_message_at = message.created_at;
    channel.updated_at = message.created_at;
    for (const [userId, read] of channel.reads) {
      if (userId === message.user_id) {
        read.last_read = message.created_at;
        read.last_read_message_id = message.id;
        read.unread_messages = 0;
      } else if (!message.silent) {
        read.unread_messages += 1;
      }
    }
  }

  markRead(channel: ChannelRecord, userId: string, messageId?: string): ReadRecord {
    const lastTop = [...channel.messages].reverse().find((m) => !m.parent_id || m.show_in_channel);
    const read: ReadRecord = { last_read: now(), unread_messages: 0 };
    const id = messageId ?? lastTop?.id;
    if (id) read.last_read_message_id = id;
    channel.reads.set(userId, read);
    return read;
  }

  /** `total_unread_count` and `unread_channels` for a user, over the channels they belong to. */
  unreadCounts(userId: string): { total_unread_count: number; unread_channels: number } {
    let total = 0;
    let channels = 0;
    for (const c of this.channels.values()) {
      const n = c.members.has(userId) ? (c.reads.get(userId)?.unread_messages ?? 0) : 0;
      total += n;
      if (n > 0) channels += 1;
    }
    return { total_unread_count: total, unread_channels: channels };
  }

  channelOfMessage(message: MessageRecord): ChannelRecord | undefined {
    return this.channels.get(message.cid);
  }
}
