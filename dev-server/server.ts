/**
 * The offline dev server: a Stream-compatible chat server (the subset stream-chat and
 * stream-chat-react use) with the project's call service and local signaling, on loopback only.
 * Never for production.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { clientErrorHandler, escapeLog } from 'stream-chat-calls-server';
import { authenticate } from './auth';
import { mountCallService } from './calls';
import { ChannelEvents } from './events';
import {
  applyCors,
  badRequest,
  CallError,
  duration,
  forbidden,
  isLoopbackHost,
  isLoopbackOrigin,
  notFound,
  readJsonBody,
  sendError,
  sendJson,
} from './http';
import { channelRoutes } from './routes/channels';
import type { App, Ctx, Route } from './routes/context';
import { memberRoutes } from './routes/members';
import { messageRoutes } from './routes/messages';
import { userRoutes } from './routes/users';
import { seed } from './seed';
import { Serializer } from './serialize';
import { ChatStore } from './store';
import { Hub } from './ws';

export interface DevServerOptions {
  /** Default: $PORT, else 4100. 0 picks a free port (tests). */
  port?: number;
  /** Loopback only: 127.0.0.1 (default), localhost or ::1. */
  host?: string;
  /** Default: $STREAM_API_KEY, else 'dev'. */
  apiKey?: string;
  /** Default: $STREAM_API_SECRET, else 'dev-secret'. */
  apiSecret?: string;
  /**
   * Call registry (SQLite). Default: $CALLS_DB, else in memory — reset on restart, like the
   * chat state, so no call outlives its channel.
   */
  databasePath?: string;
  /** Where provider credentials and defaults are read (default `process.env`). */
  env?: Record<string, string | undefined>;
  log?: (line: string) => void;
}

export interface DevServer {
  url: string;
  port: number;
  apiKey: string;
  store: ChatStore;
  /**
   * Drops every chat WebSocket with `code` (default 1011), as a network failure would: the
   * clients reconnect and recover their channels. For reconnection tests.
   */
  dropConnections(code?: number): void;
  close(): Promise<void>;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);
const ROUTES: Route[] = [...channelRoutes, ...memberRoutes, ...messageRoutes, ...userRoutes];

function match(method: string, path: string): { route: Route; params: string[] } | undefined {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const m = route.pattern.exec(path);
    if (!m) continue;
    try {
      return { route, params: m.slice(1).map((p) => decodeURIComponent(p)) };
    } catch {
      throw badRequest('The path is not valid.');
    }
  }
  return undefined;
}

export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const env = options.env ?? process.env;
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK_HOSTS.has(host)) {
    throw new Error(
      `The dev server binds to loopback only (127.0.0.1, localhost, ::1), not ${host}.`,
    );
  }
  const port = options.port ?? (env.PORT ? Number(env.PORT) : 4100);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port ${port}.`);
  const apiKey = options.apiKey ?? env.STREAM_API_KEY ?? 'dev';
  const apiSecret = options.apiSecret ?? env.STREAM_API_SECRET ?? 'dev-secret';
  const log = options.log ?? (() => {});

  const store = new ChatStore();
  seed(store);
  let serialize: Serializer | undefined;
  let events: ChannelEvents | undefined;
  const hub = new Hub({
    store,
    apiKey,
    apiSecret,
    me: (userId) => ({
      ...serialize!.user(userId),
      channel_mutes: [],
      mutes: [],
      blocked_user_ids: [],
      devices: [],
      invisible: false,
      unread_count: store.unreadCounts(userId).total_unread_count,
      unread_threads: 0,
      ...store.unreadCounts(userId),
    }),
    onPresence: (userId) => events?.presenceChanged(userId),
    onWatching: (userId, cid, watching) => events?.watchingChanged(userId, cid, watching),
  });
  serialize = new Serializer(store, hub);
  events = new ChannelEvents(store, hub, serialize);
  const app: App = { store, hub, events, serialize, apiKey, apiSecret };
  const calls = mountCallService({
    store,
    events,
    apiKey,
    apiSecret,
    databasePath: options.databasePath,
    env,
    log,
  });

  const delegated = new WeakSet<IncomingMessage>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = process.hrtime.bigint();
    try {
      if (!isLoopbackHost(req.headers.host)) {
        throw forbidden('The dev server answers loopback host names only.');
      }
      if (applyCors(req, res)) return;
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const found = match(req.method ?? 'GET', url.pathname);
      if (!found) {
        delegated.add(req);
        calls.nodeHandler(req, res, () =>
          sendError(res, notFound(`No route for ${req.method} ${url.pathname}.`), started),
        );
        return;
      }
      const auth = found.route.public
        ? { userId: '' }
        : await authenticate(req, url, apiKey, apiSecret);
      if (auth.server && !found.route.server) {
        throw forbidden(
          'The dev server serves server-side clients on GET /members, GET /users and POST /channels/{type}/{id}/event only.',
        );
      }
      let body: Promise<Record<string, unknown>> | undefined;
      const ctx: Ctx = {
        app,
        req,
        url,
        params: found.params,
        auth,
        body: () => (body ??= readJsonBody(req)),
      };
      const reply = await found.route.handler(ctx);
      sendJson(res, reply.status ?? 200, { ...reply.body, duration: duration(started) });
    } catch (e) {
      if (!(e instanceof CallError)) {
        const path = (req.url ?? '/').split('?')[0]!;
        log(
          `internal error on ${escapeLog(req.method ?? '', 20)} ${escapeLog(path)}: ${escapeLog(String(e), 400)}`,
        );
      }
      sendError(res, e, started);
    }
  }

  const server = createServer((req, res) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      if (delegated.has(req)) return; // the call service logs its own requests
      const path = (req.url ?? '/').split('?')[0]!;
      log(
        `${escapeLog(req.method ?? '', 20)} ${escapeLog(path)} ${res.statusCode} ${duration(started)}`,
      );
    });
    void handle(req, res);
  });
  server.on('clientError', clientErrorHandler({ log }));
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/connect') return hub.handleUpgrade(req, socket, head);
    const origin = req.headers.origin;
    const local =
      isLoopbackHost(req.headers.host) && (origin === undefined || isLoopbackOrigin(origin));
    if (local && calls.handleUpgrade(req, socket, head)) return;
    socket.end(local ? 'HTTP/1.1 404 Not Found\r\n\r\n' : 'HTTP/1.1 403 Forbidden\r\n\r\n');
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    hub.close();
    await calls.close();
    throw e;
  }
  const actualPort = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    port: actualPort,
    apiKey,
    store,
    dropConnections: (code) => hub.dropConnections(code),
    close: () =>
      (closing ??= (async () => {
        hub.close();
        await calls.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })()),
  };
}
