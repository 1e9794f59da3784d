/** Channel endpoints: query channels, query/create one, messages, reads, events, partial update. */
import { randomUUID } from 'node:crypto';
import { isValidUserId } from '../auth';
import { matchChannel } from '../filters';
import { badRequest } from '../http';
import { type ChannelRecord, distinctChannelId, type MessageRecord, now } from '../store';
import {
  CHANNEL_ID,
  CHANNEL_TYPE,
  checkChannelData,
  checkParam,
  EventBody,
  MAX_EVENT_BYTES,
  memberIds,
  PartialUpdateChannelBody,
  parse,
  QueryChannelBody,
  QueryChannelsBody,
  RESERVED_CHANNEL_KEYS,
  ReadBody,
  SendMessageBody,
} from '../validate';
import { type App, type Ctx, channelOr404, type Route, requireMember } from './context';

/** Channel types the dev server serves (both with the same config). */
const CHANNEL_TYPES = new Set(['messaging', 'team']);
const SORT_FIELDS = new Set(['last_message_at', 'last_updated', 'created_at', 'updated_at']);
/** Event types only the server sends. */
const RESERVED_EVENT =
  /^(message|notification|channel|member|reaction|user|health|connection|typing)\./;

function channelParams(ctx: Ctx): { type: string; id: string } {
  const [type, id] = ctx.params;
  return {
    type: checkParam(type, CHANNEL_TYPE, 'channel type'),
    id: checkParam(id, CHANNEL_ID, 'channel id'),
  };
}

function sortKey(c: ChannelRecord, field: string): string {
  if (field === 'created_at') return c.created_at;
  if (field === 'updated_at') return c.updated_at;
  return c.last_message_at ?? c.created_at;
}

async function queryChannels(ctx: Ctx) {
  const { store, hub, serialize } = ctx.app;
  const body = parse(QueryChannelsBody, await ctx.body());
  const userId = ctx.auth.userId;
  const sort = Array.isArray(body.sort)
    ? body.sort.map((s) => ({ field: s.field, direction: s.direction ?? -1 }))
    : Object.entries(body.sort ?? {}).map(([field, direction]) => ({ field, direction }));
  if (sort.length === 0) sort.push({ field: 'last_message_at', direction: -1 });
  for (const s of sort) {
    if (!SORT_FIELDS.has(s.field))
      throw badRequest(`Sorting by ${s.field.slice(0, 40)} is not supported.`);
  }
  const filter = body.filter_conditions ?? {};
  const matching = [...store.channels.values()].filter(
    (c) => matchChannel(filter, c) && c.members.has(userId),
  );
  matching.sort((a, b) => {
    for (const { field, direction } of sort) {
      const cmp = sortKey(a, field).localeCompare(sortKey(b, field));
      if (cmp !== 0) return cmp * direction;
    }
    return a.cid.localeCompare(b.cid);
  });
  const offset = body.offset ?? 0;
  const page = matching.slice(offset, offset + (body.limit ?? 10));
  if (body.watch) for (const c of page) hub.watch(ctx.auth.connectionId, userId, c.cid);
  const limit = body.message_limit ?? 25;
  return { body: { channels: page.map((c) => serialize.channelState(c, userId, { limit })) } };
}

function createChannel(
  app: App,
  type: string,
  id: string | undefined,
  creator: string,
  data: Record<string, unknown>,
  members: string[],
) {
  const { store, events } = app;
  const all = [...new Set([creator, ...members])];
  const unknown = all.filter((m) => !store.users.has(m));
  if (unknown.length > 0)
    throw badRequest(`Unknown users in channel members: ${unknown.slice(0, 5).join(', ')}.`);
  checkChannelData(data);
  const channel = store.createChannel({
    type,
    id: id ?? distinctChannelId(all),
    createdBy: creator,
    members: all.map((user_id) => ({ user_id })),
    data,
    distinct: id === undefined,
  });
  events.addedToChannel(channel, creator);
  return channel;
}

/** `POST /channels/{type}/{id}/query` and `POST /channels/{type}/query` (distinct, by members). */
async function queryChannel(ctx: Ctx) {
  const { store, hub, serialize } = ctx.app;
  const type = checkParam(ctx.params[0], CHANNEL_TYPE, 'channel type');
  const id =
    ctx.params[1] === undefined ? undefined : checkParam(ctx.params[1], CHANNEL_ID, 'channel id');
  if (!CHANNEL_TYPES.has(type)) throw badRequest(`Channel type ${type} does not exist.`);
  const body = parse(QueryChannelBody, await ctx.body());
  const userId = ctx.auth.userId;
  const { members: rawMembers, ...custom } = body.data ?? {};
  const members = rawMembers ? memberIds(rawMembers) : [];
  if (!id && members.length === 0) throw badRequest('A channel needs an id or members.');
  let channel = id
    ? store.channels.get(`${type}:${id}`)
    : store.findDistinct(type, [...new Set([userId, ...members])]);
  channel ??= createChannel(ctx.app, type, id, userId, custom, members);
  requireMember(channel, userId);
  if (body.watch) hub.watch(ctx.auth.connectionId, userId, channel.cid);
  const page = {
    limit: body.messages?.limit ?? 25,
    id_lt: body.messages?.id_lt,
    id_gt: body.messages?.id_gt,
  };
  return { body: serialize.channelState(channel, userId, page) };
}

async function sendMessage(ctx: Ctx) {
  const { store, events, serialize } = ctx.app;
  const { type, id } = channelParams(ctx);
  const channel = channelOr404(ctx.app, type, id);
  const userId = ctx.auth.userId;
  requireMember(channel, userId);
  const { message: input } = parse(SendMessageBody, await ctx.body());
  const messageId = input.id ?? `${userId}-${randomUUID()}`;
  if (store.messages.has(messageId))
    throw badRequest(`A message with id ${messageId} already exists.`);
  const text = input.text ?? '';
  const attachments = input.attachments ?? [];
  if (text.trim() === '' && attachments.length === 0)
    throw badRequest('A message needs text or attachments.');
  const parent = input.parent_id ? store.messages.get(input.parent_id) : undefined;
  if (input.parent_id && (!parent || parent.cid !== channel.cid || parent.parent_id)) {
    throw badRequest('parent_id is not a message of this channel.');
  }
  const quoted = input.quoted_message_id ? store.messages.get(input.quoted_message_id) : undefined;
  if (input.quoted_message_id && quoted?.cid !== channel.cid) {
    throw badRequest('quoted_message_id is not a message of this channel.');
  }
  const t = now();
  const message: MessageRecord = {
    id: messageId,
    cid: channel.cid,
    user_id: userId,
    text,
    type: parent ? 'reply' : 'regular',
    attachments,
    mentioned_user_ids: memberIdsOf(input.mentioned_users ?? []).filter((m) => store.users.has(m)),
    silent: input.silent ?? false,
    reply_count: 0,
    reactions: [],
    pinned: false,
    pinned_at: null,
    pinned_by_id: null,
    created_at: t,
    updated_at: t,
  };
  if (parent) {
    message.parent_id = parent.id;
    message.show_in_channel = input.show_in_channel ?? false;
  }
  if (quoted) message.quoted_message_id = quoted.id;
  store.addMessage(channel, message);
  events.messageNew(channel, message);
  if (parent) {
    parent.reply_count += 1;
    events.messageUpdated(channel, parent, userId);
  }
  return { status: 201, body: { message: serialize.message(message, userId) } };
}

function memberIdsOf(list: Array<string | { id: string }>): string[] {
  return [...new Set(list.map((m) => (typeof m === 'string' ? m : m.id)))];
}

async function markRead(ctx: Ctx) {
  const { type, id } = channelParams(ctx);
  const channel = channelOr404(ctx.app, type, id);
  const userId = ctx.auth.userId;
  requireMember(channel, userId);
  const body = parse(ReadBody, await ctx.body());
  if (body.message_id && ctx.app.store.messages.get(body.message_id)?.cid !== channel.cid) {
    throw badRequest('message_id is not a message of this channel.');
  }
  const read = ctx.app.store.markRead(channel, userId, body.message_id);
  ctx.app.events.messageRead(channel, userId, read.last_read_message_id);
  const event = {
    ...ctx.app.events.base(channel, 'message.read', userId),
    last_read_message_id: read.last_read_message_id,
  };
  return { status: 201, body: { event } };
}

/**
 * The user an event is sent as: the token's user, or — for a server-side client — the event's
 * `user_id` (or `user.id`), which Stream requires of server-sent events.
 */
function eventSender(ctx: Ctx, event: Record<string, unknown>): string {
  if (!ctx.auth.server) return ctx.auth.userId;
  const user = event.user as { id?: unknown } | undefined;
  const id = event.user_id ?? user?.id;
  if (!isValidUserId(id)) {
    throw badRequest('A server-side event needs a valid user_id (or user.id) to send it as.');
  }
  return id;
}

async function sendEvent(ctx: Ctx) {
  const { type, id } = channelParams(ctx);
  const channel = channelOr404(ctx.app, type, id);
  const raw = await ctx.body();
  const { event } = parse(EventBody, raw);
  const userId = eventSender(ctx, event);
  // A server may send as any user; a user only into their own channels.
  if (!ctx.auth.server) requireMember(channel, userId);
  const typing = event.type === 'typing.start' || event.type === 'typing.stop';
  if (!typing && RESERVED_EVENT.test(event.type))
    throw badRequest(`Event type ${event.type} is reserved.`);
  if (Buffer.byteLength(JSON.stringify(raw.event)) > MAX_EVENT_BYTES)
    throw badRequest('The event is larger than 64 KiB.');
  // The sender is the server's to say (`user`, from the token or the server's user_id).
  const { user_id: _userId, user: _user, ...custom } = event;
  const payload = typing
    ? { type: event.type, ...(event.parent_id ? { parent_id: event.parent_id } : {}) }
    : custom;
  return { status: 201, body: { event: ctx.app.events.custom(channel, payload, userId) } };
}

async function updatePartial(ctx: Ctx) {
  const { type, id } = channelParams(ctx);
  const channel = channelOr404(ctx.app, type, id);
  const userId = ctx.auth.userId;
  requireMember(channel, userId);
  const body = parse(PartialUpdateChannelBody, await ctx.body());
  const set = body.set ?? {};
  const unset = body.unset ?? [];
  for (const key of unset)
    if (RESERVED_CHANNEL_KEYS.has(key)) throw badRequest(`Channel field "${key}" is reserved.`);
  const next = { ...channel.data, ...set };
  for (const key of unset) delete next[key];
  checkChannelData(next);
  channel.data = next;
  channel.updated_at = now();
  ctx.app.events.channelUpdated(channel, userId);
  const { serialize } = ctx.app;
  return {
    body: {
      channel: serialize.channel(channel, userId),
      members: [...channel.members.values()].map((m) => serialize.member(m)),
    },
  };
}

function stopWatching(ctx: Ctx) {
  const { type, id } = channelParams(ctx);
  ctx.app.hub.stopWatching(ctx.auth.connectionId, ctx.auth.userId, `${type}:${id}`);
  return { body: {} };
}

const SEG = '([^/]+)';
const ch = (suffix: string) => new RegExp(`^/channels/${SEG}/${SEG}${suffix}$`);

export const channelRoutes: Route[] = [
  { method: 'POST', pattern: /^\/channels$/, handler: queryChannels },
  { method: 'POST', pattern: new RegExp(`^/channels/${SEG}/query$`), handler: queryChannel },
  { method: 'POST', pattern: ch('/query'), handler: queryChannel },
  { method: 'POST', pattern: ch('/message'), handler: sendMessage },
  { method: 'POST', pattern: ch('/read'), handler: markRead },
  { method: 'POST', pattern: ch('/event'), handler: sendEvent, server: true },
  { method: 'POST', pattern: ch('/stop-watching'), handler: stopWatching },
  { method: 'PATCH', pattern: ch(''), handler: updatePartial },
];
