import { StreamChat } from 'stream-chat';
import { CallError } from '../errors';
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
  /**
   * How long a request to Stream may take before the check fails as "unavailable" (default
   * stream-chat's, 3000 ms). Not used with `client`.
   */
  timeoutMs?: number;
}

type UserInfo = { id: string; name?: string; image?: string };

function serverClient(o: StreamServerOptions): StreamChat {
  if (o.client) return o.client;
  // A fresh instance (not getInstance): one process may serve several apps or tests.
  return new StreamChat(o.apiKey, o.apiSecret, {
    ...(o.baseURL ? { baseURL: o.baseURL } : {}),
    ...(o.timeoutMs ? { timeout: o.timeoutMs } : {}),
  });
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

interface RequestConfig {
  method?: string;
  url?: string;
}
/** What stream-chat throws: its own error for an answer, axios's for no answer. */
interface StreamFailure {
  code?: unknown;
  message?: string;
  config?: RequestConfig;
  response?: { status?: number; data?: unknown; config?: RequestConfig };
}

/** Stream's own error body: `{ code, message, StatusCode, … }`. */
function streamError(data: unknown): { code: number } | undefined {
  if (data === null || typeof data !== 'object') return undefined;
  const { code, message, StatusCode } = data as Record<string, unknown>;
  return typeof code === 'number' && typeof message === 'string' && typeof StatusCode === 'number'
    ? { code }
    : undefined;
}

/** Stream said the channel does not exist: a Stream-shaped 404 with code 16. */
function isChannelMissing(e: unknown): boolean {
  const res = (e as StreamFailure).response;
  return res?.status === 404 && streamError(res.data)?.code === 16;
}

/**
 * A failed look-up that is not "no such channel": Stream unreachable, slow, overloaded or
 * failing (503), or an answer that is not Stream's (a wrong `STREAM_BASE_URL`) or refuses the
 * service itself (a wrong secret): 502. Never "not a member". The cause goes to the log.
 */
export function membershipFailure(e: unknown): CallError {
  const status = (e as StreamFailure).response?.status;
  const cause = new Error(describeFailure(e));
  if (status === undefined || status >= 500 || status === 429) {
    return new CallError(
      'membership-unavailable',
      'Stream did not answer the channel membership check; try again.',
      { cause },
    );
  }
  return new CallError(
    'upstream-failed',
    'Stream refused the channel membership check (the call service may be misconfigured).',
    { cause },
  );
}

/** For the log: which request, what came back (or why nothing did); no query, no headers. */
function describeFailure(e: unknown): string {
  const f = (e ?? {}) as StreamFailure;
  const config = f.config ?? f.response?.config;
  const where = config?.url
    ? `${(config.method ?? '').toUpperCase()} ${config.url.split('?')[0]}`
    : 'Stream';
  const status = f.response?.status;
  const what =
    status === undefined
      ? `no answer (${typeof f.code === 'string' ? f.code : 'error'})`
      : `HTTP ${status}${streamError(f.response?.data) ? '' : ', not a Stream error body'}`;
  const message = typeof f.message === 'string' ? f.message : String(e);
  return `${where}: ${what}: ${message}`;
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
      if (isChannelMissing(e)) return { member: false };
      throw membershipFailure(e);
    }
    const m = members.find((x) => (x.user_id ?? x.user?.id) === userId);
    if (m?.user?.role === 'admin') return { member: true, role: 'admin' };
    if (m) return { member: true, role: channelRole(m) };
    let role: string | undefined;
    try {
      ({ role } = await lookupUser(userId));
    } catch (e) {
      throw membershipFailure(e);
    }
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
