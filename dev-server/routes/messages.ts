/** Message endpoints: get, update (full and partial), delete, replies, reactions. */
import { badRequest, forbidden } from '../http';
import { type MessageRecord, now, type ReactionRecord } from '../store';
import {
  checkParam,
  MESSAGE_ID,
  PartialUpdateMessageBody,
  parse,
  REACTION_TYPE,
  ReactionBody,
  UpdateMessageBody,
} from '../validate';
import { type Ctx, messageOr404, type Route, requireMember } from './context';

type Editable = {
  text?: string;
  attachments?: unknown[];
  mentioned_users?: Array<string | { id: string }>;
  pinned?: boolean;
};

function load(ctx: Ctx) {
  const id = checkParam(ctx.params[0], MESSAGE_ID, 'message id');
  const found = messageOr404(ctx.app, id);
  requireMember(found.channel, ctx.auth.userId);
  return found;
}

function canModerate(ctx: Ctx, message: MessageRecord): boolean {
  const channel = ctx.app.store.channels.get(message.cid);
  const role = channel?.members.get(ctx.auth.userId)?.role;
  return role === 'owner' || role === 'moderator';
}

/** Applies an edit: content only by its author; pinning by any member (as on Stream). */
function applyEdit(ctx: Ctx, message: MessageRecord, edit: Editable, unset: string[] = []): void {
  const userId = ctx.auth.userId;
  const changed = (key: 'text' | 'attachments', current: unknown) =>
    unset.includes(key) ||
    (edit[key] !== undefined && JSON.stringify(edit[key]) !== JSON.stringify(current));
  // Content is the author's; mentions from anyone else are ignored.
  const content = changed('text', message.text) || changed('attachments', message.attachments);
  if (content && message.user_id !== userId) throw forbidden('Only the author can edit a message.');
  if (message.type === 'deleted') throw badRequest('A deleted message cannot be edited.');
  if (edit.text !== undefined) message.text = edit.text;
  if (unset.includes('text')) message.text = '';
  if (edit.attachments !== undefined) message.attachments = edit.attachments;
  if (unset.includes('attachments')) message.attachments = [];
  if (edit.mentioned_users !== undefined && message.user_id === userId) {
    message.mentioned_user_ids = edit.mentioned_users
      .map((m) => (typeof m === 'string' ? m : m.id))
      .filter((m) => ctx.app.store.users.has(m));
  }
  const pinned = unset.includes('pinned') ? false : (edit.pinned ?? message.pinned);
  if (pinned !== message.pinned) {
    message.pinned = pinned;
    message.pinned_at = pinned ? now() : null;
    message.pinned_by_id = pinned ? userId : null;
  }
  if (message.text.trim() === '' && message.attachments.length === 0) {
    throw badRequest('A message needs text or attachments.');
  }
  message.updated_at = now();
}

function getMessage(ctx: Ctx) {
  const { message } = load(ctx);
  return { body: { message: ctx.app.serialize.message(message, ctx.auth.userId) } };
}

async function updateMessage(ctx: Ctx) {
  const { message, channel } = load(ctx);
  const body = parse(UpdateMessageBody, await ctx.body());
  const before = structuredClone(message);
  try {
    applyEdit(ctx, message, body.message);
  } catch (e) {
    Object.assign(message, before);
    throw e;
  }
  ctx.app.events.messageUpdated(channel, message, ctx.auth.userId);
  return { body: { message: ctx.app.serialize.message(message, ctx.auth.userId) } };
}

async function partialUpdateMessage(ctx: Ctx) {
  const { message, channel } = load(ctx);
  const body = parse(PartialUpdateMessageBody, await ctx.body());
  const before = structuredClone(message);
  try {
    applyEdit(ctx, message, body.set ?? {}, body.unset ?? []);
  } catch (e) {
    Object.assign(message, before);
    throw e;
  }
  ctx.app.events.messageUpdated(channel, message, ctx.auth.userId);
  return { body: { message: ctx.app.serialize.message(message, ctx.auth.userId) } };
}

function deleteMessage(ctx: Ctx) {
  const { message, channel } = load(ctx);
  if (message.user_id !== ctx.auth.userId && !canModerate(ctx, message)) {
    throw forbidden('Only the author or a channel moderator can delete a message.');
  }
  if (ctx.url.searchParams.has('delete_for_me')) {
    throw badRequest('Deleting a message for yourself only is not supported by the dev server.');
  }
  const hard = ctx.url.searchParams.get('hard') === 'true';
  message.type = 'deleted';
  message.text = '';
  message.attachments = [];
  message.reactions = [];
  message.deleted_at = now();
  message.updated_at = message.deleted_at;
  if (hard) {
    channel.messages = channel.messages.filter((m) => m.id !== message.id);
    ctx.app.store.messages.delete(message.id);
  }
  ctx.app.events.messageDeleted(channel, message, ctx.auth.userId, hard);
  return { body: { message: ctx.app.serialize.message(message, ctx.auth.userId) } };
}

function replies(ctx: Ctx) {
  const { message, channel } = load(ctx);
  const limitParam = ctx.url.searchParams.get('limit');
  const limit = limitParam === null ? 25 : Number(limitParam);
  if (!Number.isInteger(limit) || limit < 1 || limit > 300) throw badRequest('Invalid limit.');
  const idLt = ctx.url.searchParams.get('id_lt');
  let list = channel.messages.filter((m) => m.parent_id === message.id);
  if (idLt !== null) {
    const i = list.findIndex((m) => m.id === idLt);
    list = i < 0 ? [] : list.slice(0, i);
  }
  const page = list.slice(-limit).map((m) => ctx.app.serialize.message(m, ctx.auth.userId));
  return { body: { messages: page } };
}

function reactionResponse(ctx: Ctx, r: ReactionRecord) {
  return { ...r, user: ctx.app.serialize.user(r.user_id) };
}

async function sendReaction(ctx: Ctx) {
  const { message, channel } = load(ctx);
  if (message.type === 'deleted') throw badRequest('A deleted message cannot get reactions.');
  const body = parse(ReactionBody, await ctx.body());
  const userId = ctx.auth.userId;
  const t = now();
  const reaction: ReactionRecord = {
    type: body.reaction.type,
    user_id: userId,
    message_id: message.id,
    score: body.reaction.score ?? 1,
    created_at: t,
    updated_at: t,
  };
  message.reactions = message.reactions.filter(
    (r) => r.user_id !== userId || (!body.enforce_unique && r.type !== reaction.type),
  );
  if (message.reactions.length >= 1000) throw badRequest('This message has too many reactions.');
  message.reactions.push(reaction);
  const response = reactionResponse(ctx, reaction);
  ctx.app.events.reaction(channel, 'reaction.new', message, response, userId);
  return {
    status: 201,
    body: { message: ctx.app.serialize.message(message, userId), reaction: response },
  };
}

function deleteReaction(ctx: Ctx) {
  const { message, channel } = load(ctx);
  const type = checkParam(ctx.params[1], REACTION_TYPE, 'reaction type');
  const userId = ctx.auth.userId;
  const own = message.reactions.find((r) => r.user_id === userId && r.type === type);
  if (!own) throw badRequest('You have no reaction of this type on the message.');
  message.reactions = message.reactions.filter((r) => r !== own);
  const response = reactionResponse(ctx, own);
  ctx.app.events.reaction(channel, 'reaction.deleted', message, response, userId);
  return { body: { message: ctx.app.serialize.message(message, userId), reaction: response } };
}

const msg = (suffix: string) => new RegExp(`^/messages/([^/]+)${suffix}$`);

export const messageRoutes: Route[] = [
  { method: 'GET', pattern: msg(''), handler: getMessage },
  { method: 'POST', pattern: msg(''), handler: updateMessage },
  { method: 'PUT', pattern: msg(''), handler: partialUpdateMessage },
  { method: 'DELETE', pattern: msg(''), handler: deleteMessage },
  { method: 'GET', pattern: msg('/replies'), handler: replies },
  { method: 'POST', pattern: msg('/reaction'), handler: sendReaction },
  { method: 'DELETE', pattern: msg('/reaction/([^/]+)'), handler: deleteReaction },
];
