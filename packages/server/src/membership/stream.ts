import { StreamChat } from 'stream-chat';
import type { ChannelEventSink, ChannelRole, Membership, MembershipStore } from '../types';

export interface StreamServerOptions {
  apiKey: string;
  apiSecret: string;
  /** Stream's API base URL (default: the client's own, or Stream's edge). */
  baseURL?: string;
  /** An existing server-side client to reuse instead of making one. */
  client?: StreamChat;
  /** How long user display data (name, image) is cached (default 60 s). */
  userCacheMs?: number;
  /**
   * How long a "yes, a member" answer is reused (default 10 s; 0 never): a join asks right
   * after its GetCallToken did. "No" is never reused, so a user just added gets in at once; a
   * member just removed may still get in for this long.
   */
  memberCacheMs?: number;
}

type UserInfo = { id: string; name?: string; image?: string };

function serverClient(o: StreamServerOptions): StreamChat {
  if (o.client) return o.client;
  // A fresh instance (not getInstance): one process may serve several apps or tests.
  return new StreamChat(o.apiKey, o.apiSecret, o.baseURL ? { baseURL: o.baseURL } : {});
}

function splitCid(cid: string): [string, string] {
  const i = cid.indexOf(':');
  if (i <= 0 || i === cid.length - 1) throw new Error(`Not a channel cid: ${cid}`);
  return [cid.slice(0, i), cid.slice(i + 1)];
}

function channelRole(m: {
  channel_role?: string;
  role?: string;
  is_moderator?: boolean;
}): ChannelRole {
  if (m.role === 'owner' || m.channel_role === 'channel_owner') return 'owner';
  if (m.channel_role === 'channel_moderator' || m.role === 'moderator' || m.is_moderator) {
    return 'moderator';
  }
  return 'member';
}

function isNotFound(e: unknown): boolean {
  const err = e as {
    code?: number;
    status?: number;
    response?: { status?: number; data?: { code?: number } };
  };
  return err.response?.status === 404 || err.response?.data?.code === 16 || err.status === 404;
}

/** Membership through Stream's server API (`channel.queryMembers`, `queryUsers` for admins). */
export function streamMembership(options: StreamServerOptions): MembershipStore {
  const client = serverClient(options);
  const ttl = options.userCacheMs ?? 60_000;
  const users = new Map<string, { at: number; user: UserInfo | undefined; role?: string }>();
  const memberTtl = options.memberCacheMs ?? 10_000;
  const members = new Map<string, { at: number; membership: Membership }>();

  const lookupUser = async (userId: string) => {
    const hit = users.get(userId);
    if (hit && Date.now() - hit.at < ttl) return hit;
    const res = await client.queryUsers({ id: { $eq: userId } }, {}, { limit: 1 });
    const u = res.users[0];
    const entry = {
      at: Date.now(),
      user: u ? pickUser(u) : undefined,
      role: typeof u?.role === 'string' ? u.role : undefined,
    };
    if (users.size > 10_000) users.clear();
    users.set(userId, entry);
    return entry;
  };

  const askMembership = async (cid: string, userId: string): Promise<Membership> => {
    const [type, id] = splitCid(cid);
    let members: Awaited<ReturnType<ReturnType<StreamChat['channel']>['queryMembers']>>['members'];
    try {
      ({ members } = await client
        .channel(type, id)
        .queryMembers({ user_id: userId }, [], { limit: 1 }));
    } catch (e) {
      if (isNotFound(e)) return { member: false };
      throw e;
    }
    const m = members.find((x) => (x.user_id ?? x.user?.id) === userId);
    if (m?.user?.role === 'admin') return { member: true, role: 'admin' };
    if (m) return { member: true, role: channelRole(m) };
    const { role } = await lookupUser(userId);
    return role === 'admin' ? { member: false, role: 'admin' } : { member: false };
  };

  return {
    async getMembership(cid, userId): Promise<Membership> {
      // cid and user id as one key: neither holds a newline.
      const key = `${cid}\n${userId}`;
      const hit = members.get(key);
      if (hit && Date.now() - hit.at < memberTtl) return hit.membership;
      const membership = await askMembership(cid, userId);
      if (membership.member && memberTtl > 0) {
        if (members.size > 10_000) members.clear();
        members.set(key, { at: Date.now(), membership });
      } else {
        members.delete(key);
      }
      return membership;
    },
    async getUser(userId) {
      return (await lookupUser(userId)).user ?? { id: userId };
    },
  };
}

function pickUser(u: { id: string; name?: unknown; image?: unknown }): UserInfo {
  const out: UserInfo = { id: u.id };
  if (typeof u.name === 'string') out.name = u.name;
  if (typeof u.image === 'string') out.image = u.image;
  return out;
}

/** Channel events through Stream's server API (`channel.sendEvent({ …, user_id })`). */
export function streamEvents(options: StreamServerOptions): ChannelEventSink {
  const client = serverClient(options);
  return {
    async sendChannelEvent(cid, event, userId) {
      const [type, id] = splitCid(cid);
      const payload = { ...event, user_id: userId } as unknown as Parameters<
        ReturnType<StreamChat['channel']>['sendEvent']
      >[0];
      await client.channel(type, id).sendEvent(payload);
    },
  };
}
