/**
 * A real stream-chat client and channel with no server (ENVIRONMENT.md, "stream-chat-react without
 * a server"): state initialised in memory, and the channel's network methods answered locally the
 * way the server would (a sent message comes back as `message.new`, a partial update as
 * `channel.updated`). Tests spy on those methods to observe what the kit sends.
 */
import {
  type Channel,
  type ChannelAPIResponse,
  type LocalMessage,
  type MessageResponse,
  StreamChat,
  type UserResponse,
} from 'stream-chat';

export interface OfflineChatOptions {
  user?: UserResponse;
  members?: UserResponse[];
  channelId?: string;
  channelName?: string;
  /** Default: everything a member may do, including `send-message`. */
  capabilities?: string[];
  messages?: MessageResponse[];
  /** Extra channel data (e.g. `call` for notify="channel"). */
  data?: Record<string, unknown>;
}

export const USERS: Record<string, UserResponse> = {
  alice: { id: 'alice', name: 'Alice Martin' },
  bob: { id: 'bob', name: 'Bob Chen' },
  carol: { id: 'carol', name: 'Carol Diaz' },
};

let seq = 0;

export function createOfflineChat(options: OfflineChatOptions = {}): {
  client: StreamChat;
  channel: Channel;
} {
  const user = options.user ?? USERS.alice;
  const members = options.members ?? Object.values(USERS);
  const client = new StreamChat('dev', { baseURL: 'http://127.0.0.1:9' });
  client.user = user as StreamChat['user'];
  client.userID = user.id;
  const id = options.channelId ?? 'general';
  const channel = client.channel('messaging', id);
  const data = {
    id,
    type: 'messaging',
    cid: `messaging:${id}`,
    name: options.channelName ?? 'General',
    own_capabilities: options.capabilities ?? [
      'send-message',
      'send-custom-events',
      'update-channel',
    ],
    ...options.data,
  };
  channel._initializeState({
    channel: data,
    members: members.map((u) => ({ user_id: u.id, user: u })),
    messages: options.messages ?? [],
    duration: '0ms',
  } as unknown as ChannelAPIResponse);
  channel.data = data as Channel['data'];
  channel.initialized = true;

  const now = () => new Date().toISOString();
  channel.sendMessage = async (message) => {
    const m = {
      ...message,
      id: message.id ?? `m-${++seq}`,
      type: 'regular',
      user,
      created_at: now(),
      updated_at: now(),
      cid: channel.cid,
    } as MessageResponse;
    client.dispatchEvent({ type: 'message.new', cid: channel.cid, message: m, user });
    return { message: m, duration: '0ms' };
  };
  channel.sendEvent = async (event) => ({
    event: { ...event, cid: channel.cid, user, created_at: now() },
    duration: '0ms',
  });
  channel.updatePartial = async (update) => {
    const next = { ...channel.data, ...update.set } as Record<string, unknown>;
    for (const key of update.unset ?? []) delete next[key];
    client.dispatchEvent({
      type: 'channel.updated',
      cid: channel.cid,
      channel: next as never,
    });
    return { channel: next as never, members: [], duration: '0ms' };
  };
  channel.markRead = async () => null;
  return { client, channel };
}

/** A message whose only content is a call attachment (as StartCallButton posts it). */
export function callMessage(
  attachment: Record<string, unknown>,
  {
    id = `msg-${++seq}`,
    user = USERS.bob,
    createdAt = '2026-11-25T09:00:00.000Z',
    text = '',
  }: { id?: string; user?: UserResponse; createdAt?: string; text?: string } = {},
): MessageResponse {
  return {
    id,
    text,
    type: 'regular',
    user,
    attachments: [attachment],
    created_at: createdAt,
    updated_at: createdAt,
  } as MessageResponse;
}

export type { LocalMessage };
