import {
  createServer,
  type IncomingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { StreamChat } from 'stream-chat';

/** A request as the server saw it. */
export interface Recorded {
  method: string;
  /** Path without the query string, still URL-encoded. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
  rawBody: string;
}

/** What the server answers: JSON, a raw text body, or nothing at all. */
export type Answer =
  | { status: number; json: unknown }
  | { status: number; text: string; contentType?: string }
  | { hang: true }
  | { headersThenHang: true };

/**
 * A real HTTP server on 127.0.0.1 (port 0) that records every request and answers from a script.
 * Unscripted requests get 500 `{ code: -1 }` so a test can never pass on a missing answer.
 */
export class HttpDouble {
  readonly requests: Recorded[] = [];
  private readonly answers: Answer[] = [];
  /** Requests left hanging on purpose: their sockets are destroyed on reset and close. */
  private readonly hanging = new Set<ServerResponse>();
  private readonly server: Server;

  constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const rawBody = Buffer.concat(chunks).toString('utf8');
        let body: unknown;
        try {
          body = rawBody ? JSON.parse(rawBody) : undefined;
        } catch {
          body = rawBody;
        }
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const path = (req.url ?? '/').split('?')[0] ?? '/';
        this.requests.push({
          method: req.method ?? '',
          path,
          query: url.searchParams,
          headers: req.headers,
          body,
          rawBody,
        });
        const answer = this.answers.shift() ?? {
          status: 500,
          json: { code: -1, message: 'unscripted' },
        };
        if ('hang' in answer) {
          this.hanging.add(res);
          return;
        }
        if ('headersThenHang' in answer) {
          this.hanging.add(res);
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.write('{"token":');
          return;
        }
        if ('json' in answer) {
          res.writeHead(answer.status, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(answer.json));
        } else {
          res.writeHead(answer.status, { 'Content-Type': answer.contentType ?? 'text/html' });
          res.end(answer.text);
        }
      });
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  answer(...answers: Answer[]): void {
    this.answers.push(...answers);
  }

  reset(): void {
    this.requests.length = 0;
    this.answers.length = 0;
    for (const res of this.hanging) res.socket?.destroy();
    this.hanging.clear();
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A base URL on which nothing listens (a port that was just closed). */
export async function closedPortURL(): Promise<string> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

export const API_KEY = 'key';
export const SECRET = new TextEncoder().encode('dev-secret');

/** A Stream user JWT (HS256, claim `user_id`), as the dev server and Stream issue them. */
export function userJWT(userId: string, extra: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT({ user_id: userId, ...extra })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(SECRET);
}

/**
 * A real stream-chat client with a user set but no WebSocket: what the API clients need from a
 * connected client (`tokenManager`, `baseURL`, `key`, authenticated `get`/`post`).
 */
export async function streamClient(
  baseURL: string,
  tokenOrProvider: string | (() => Promise<string>),
  userId = 'alice',
): Promise<StreamChat> {
  const client = new StreamChat(API_KEY, { baseURL, timeout: 10_000 });
  const user = { id: userId };
  client.userID = userId;
  client.user = user;
  await client.tokenManager.setTokenOrProvider(tokenOrProvider, user);
  return client;
}
