/** The chat WebSocket (`/connect`): authenticates, sends `health.check` with `me`, keeps alive. */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { CallError } from 'stream-chat-calls-server';
import { type WebSocket, WebSocketServer } from 'ws';
import { isValidUserId, verifyUserToken } from './auth';
import { errorFields, forbidden, isLoopbackHost, isLoopbackOrigin, unauthorized } from './http';
import type { Presence } from './serialize';
import type { ChatStore } from './store';

export interface Connection {
  id: string;
  userId: string;
  socket: WebSocket;
  /** cids this connection watches (queried with `watch: true`). */
  watching: Set<string>;
  alive: boolean;
}

export interface HubOptions {
  store: ChatStore;
  apiKey: string;
  apiSecret: string;
  /** The `me` object of the first frame (the server's user response plus unread counts). */
  me: (userId: string) => Record<string, unknown>;
  /** Called when a user's first connection opens or their last one closes. */
  onPresence?: (userId: string, online: boolean) => void;
  /** Called when a user starts watching a channel (first connection) or stops (last one). */
  onWatching?: (userId: string, cid: string, watching: boolean) => void;
  /** Keep-alive ping interval (ms). */
  pingIntervalMs?: number;
}

const MAX_FRAME_BYTES = 64 * 1024;

function readDetails(json: string | null): { user_id?: unknown; user_details?: unknown } {
  if (!json || json.length > 8192) return {};
  try {
    const parsed = JSON.parse(json);
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    return {};
  }
}

/** The client's ping: `[{"type":"health.check","client_id":…}]` (or a bare object). */
function isHealthCheck(text: string): boolean {
  try {
    const frame = JSON.parse(text);
    const first = Array.isArray(frame) ? frame[0] : frame;
    return first !== null && typeof first === 'object' && first.type === 'health.check';
  } catch {
    return false;
  }
}

/** The connected clients: who is online, who watches which channel, and event delivery. */
export class Hub implements Presence {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  private readonly connections = new Map<string, Connection>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly options: HubOptions) {
    this.timer = setInterval(() => this.sweep(), options.pingIntervalMs ?? 30_000);
    this.timer.unref();
  }

  all(): Iterable<Connection> {
    return this.connections.values();
  }

  get(connectionId: string | undefined): Connection | undefined {
    return connectionId ? this.connections.get(connectionId) : undefined;
  }

  isOnline(userId: string): boolean {
    for (const c of this.connections.values()) if (c.userId === userId) return true;
    return false;
  }

  watcherCount(cid: string): number {
    return this.watcherIds(cid).length;
  }

  watcherIds(cid: string): string[] {
    const users = new Set<string>();
    for (const c of this.connections.values()) if (c.watching.has(cid)) users.add(c.userId);
    return [...users];
  }

  private isWatching(userId: string, cid: string): boolean {
    for (const c of this.connections.values()) {
      if (c.userId === userId && c.watching.has(cid)) return true;
    }
    return false;
  }

  /** Marks the channel watched by the request's connection, if it is that user's. */
  watch(connectionId: string | undefined, userId: string, cid: string): void {
    const conn = this.get(connectionId);
    if (!conn || conn.userId !== userId || conn.watching.has(cid)) return;
    const was = this.isWatching(userId, cid);
    conn.watching.add(cid);
    if (!was) this.options.onWatching?.(userId, cid, true);
  }

  stopWatching(connectionId: string | undefined, userId: string, cid: string): void {
    const conn = this.get(connectionId);
    if (!conn || conn.userId !== userId || !conn.watching.delete(cid)) return;
    if (!this.isWatching(userId, cid)) this.options.onWatching?.(userId, cid, false);
  }

  send(conn: Connection, event: Record<string, unknown>): void {
    if (conn.socket.readyState === conn.socket.OPEN) conn.socket.send(JSON.stringify(event));
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      void this.accept(req, ws);
    });
  }

  private async accept(req: IncomingMessage, ws: WebSocket): Promise<void> {
    ws.on('error', () => ws.terminate());
    let userId: string;
    try {
      userId = await this.authenticate(req);
    } catch (e) {
      const error = errorFields(
        e instanceof CallError ? e : unauthorized('Authentication failed.'),
      );
      ws.send(JSON.stringify({ error }));
      ws.close(1000, 'unauthorized');
      return;
    }
    // The client may have given up while the token was being checked.
    if (ws.readyState !== ws.OPEN) return;
    const wasOnline = this.isOnline(userId);
    const conn: Connection = {
      id: randomUUID(),
      userId,
      socket: ws,
      watching: new Set(),
      alive: true,
    };
    this.connections.set(conn.id, conn);
    ws.on('pong', () => {
      conn.alive = true;
    });
    ws.on('message', (data, isBinary) => {
      conn.alive = true;
      if (isBinary) return;
      if (isHealthCheck(data.toString())) this.send(conn, this.healthCheck(conn));
    });
    ws.on('close', () => {
      this.connections.delete(conn.id);
      const user = this.options.store.users.get(userId);
      if (user) user.last_active = new Date().toISOString();
      for (const cid of conn.watching) {
        if (!this.isWatching(userId, cid)) this.options.onWatching?.(userId, cid, false);
      }
      if (!this.isOnline(userId)) this.options.onPresence?.(userId, false);
    });
    this.send(conn, { ...this.healthCheck(conn), me: this.options.me(userId) });
    if (!wasOnline) this.options.onPresence?.(userId, true);
  }

  private healthCheck(conn: Connection) {
    return {
      type: 'health.check',
      connection_id: conn.id,
      cid: '*',
      created_at: new Date().toISOString(),
    };
  }

  private async authenticate(req: IncomingMessage): Promise<string> {
    if (!isLoopbackHost(req.headers.host)) {
      throw forbidden('The dev server answers loopback host names only.');
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !isLoopbackOrigin(origin)) {
      throw forbidden('Only loopback origins may connect.');
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.searchParams.get('api_key') !== this.options.apiKey) {
      throw unauthorized('The api_key is missing or wrong.', 'bad-api-key');
    }
    const authType = url.searchParams.get('stream-auth-type');
    if (authType !== null && authType !== 'jwt') {
      throw unauthorized('Only stream-auth-type "jwt" is supported.');
    }
    const userId = await verifyUserToken(
      url.searchParams.get('authorization') ?? undefined,
      this.options.apiSecret,
    );
    const { user_id, user_details } = readDetails(url.searchParams.get('json'));
    if (user_id !== undefined && user_id !== userId) {
      throw unauthorized('The token belongs to another user.');
    }
    if (!isValidUserId(userId)) throw unauthorized('Invalid user id.');
    this.upsertFromDetails(userId, user_details);
    return userId;
  }

  /** connectUser upserts the user, as Stream does: name and image only, bounded; never the role. */
  private upsertFromDetails(userId: string, details: unknown): void {
    const d = details && typeof details === 'object' ? (details as Record<string, unknown>) : {};
    const update: { id: string; name?: string; image?: string } = { id: userId };
    if (typeof d.name === 'string' && d.name.trim().length > 0 && d.name.length <= 100) {
      update.name = d.name.trim();
    }
    if (typeof d.image === 'string' && d.image.length <= 2048 && /^https?:\/\//.test(d.image)) {
      update.image = d.image;
    }
    this.options.store.upsertUser(update);
  }

  private sweep(): void {
    for (const conn of this.connections.values()) {
      if (!conn.alive) {
        conn.socket.terminate();
        continue;
      }
      conn.alive = false;
      conn.socket.ping();
    }
  }

  /** Drops every chat connection with a close code that makes clients reconnect (tests). */
  dropConnections(code = 1011): void {
    for (const conn of this.connections.values()) conn.socket.close(code, 'dropped by the server');
  }

  /** Closes every socket (1001 going away) and stops the keep-alive timer. */
  close(): void {
    clearInterval(this.timer);
    for (const conn of this.connections.values()) conn.socket.close(1001, 'server shutting down');
    this.connections.clear();
    this.wss.close();
  }
}
