/** What every route handler gets: the app's parts, the request and its authenticated user. */
import type { IncomingMessage } from 'node:http';
import type { RequestAuth } from '../auth';
import type { ChannelEvents } from '../events';
import { badRequest, forbidden, notFound } from '../http';
import type { Serializer } from '../serialize';
import type { ChannelRecord, ChatStore, MessageRecord } from '../store';
import type { Hub } from '../ws';

export interface App {
  store: ChatStore;
  hub: Hub;
  events: ChannelEvents;
  serialize: Serializer;
  apiKey: string;
  apiSecret: string;
}

export interface Ctx {
  app: App;
  req: IncomingMessage;
  url: URL;
  /** Decoded path parameters, in pattern order. */
  params: string[];
  /** Undefined only on public routes. */
  auth: RequestAuth;
  body(): Promise<Record<string, unknown>>;
}

export interface Reply {
  status?: number;
  body: Record<string, unknown>;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  pattern: RegExp;
  handler: (ctx: Ctx) => Promise<Reply> | Reply;
  /** Served without a user token (the dev token endpoint). */
  public?: boolean;
  /**
   * Also served to a server-side client (a server token, acting for no user): what the call
   * service calls through `stream-chat` when it runs standalone against the dev server.
   */
  server?: boolean;
}

export function channelOr404(app: App, type: string, id: string): ChannelRecord {
  const channel = app.store.channels.get(`${type}:${id}`);
  if (!channel) throw notFound(`Channel ${type}:${id} does not exist.`);
  return channel;
}

/** A path's `payload` query (GET requests of stream-chat carry their options in it). */
export function readPayload(ctx: Ctx): Record<string, unknown> {
  const raw = ctx.url.searchParams.get('payload');
  if (raw === null) return {};
  if (raw.length > 16_384) throw badRequest('payload is too long.');
  try {
    const parsed = JSON.parse(raw);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed;
  } catch {
    // fall through
  }
  throw badRequest('payload must be a JSON object.');
}

export function requireMember(channel: ChannelRecord, userId: string): void {
  if (!channel.members.has(userId)) {
    throw forbidden(`User ${userId} is not a member of channel ${channel.cid}.`);
  }
}

export function messageOr404(
  app: App,
  id: string,
): { message: MessageRecord; channel: ChannelRecord } {
  const message = app.store.messages.get(id);
  const channel = message ? app.store.channels.get(message.cid) : undefined;
  if (!message || !channel) throw notFound(`Message ${id} does not exist.`);
  return { message, channel };
}
