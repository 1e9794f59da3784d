import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { CallHttp, CallRequest, Reply } from './app';
import { parseJsonBody, readNodeBody } from './body';
import { CallError, errorBody, toHttpError } from './errors';
import { escapeLog } from './log';
import { compilePath } from './routes';

/** Route parameters the fast path takes; anything else (`%`, `.`, …) goes the Hono way. */
const PARAM = '[\\w!@-]+';

/**
 * The Node fast path of `nodeHandler`: a POST or GET to one of the service's routes goes from
 * `IncomingMessage` straight to the shared `CallHttp` route and back to `ServerResponse`,
 * without WHATWG Request/Response objects or body streams. It returns false for everything
 * else (preflights, HEAD, encoded or unusual paths, unknown routes), which the caller hands to
 * the Hono app, so behaviour never depends on which adapter served a request.
 */
export function nodeFastPath(
  http: CallHttp,
  basePath: string,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const compiled = http.routes.map((route) => ({
    route,
    ...compilePath(basePath, route.path, PARAM),
  }));

  return (req, res) => {
    const method = req.method;
    if (method !== 'POST' && method !== 'GET') return false;
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    for (const { route, names, regex } of compiled) {
      if (route.method !== method) continue;
      const m = regex.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      for (let i = 0; i < names.length; i++) params[names[i]!] = m[i + 1]!;
      const request = new NodeRequest(req, method, path, q < 0 ? '' : url.slice(q + 1));
      void respond(http.serve(route, params, request), res);
      return true;
    }
    return false;
  };
}

/** A `CallRequest` over an `IncomingMessage` (a class: no closures per request). */
class NodeRequest implements CallRequest {
  private search: URLSearchParams | undefined;
  constructor(
    private readonly req: IncomingMessage,
    readonly method: string,
    readonly path: string,
    private readonly queryString: string,
  ) {}

  header(name: string): string | undefined {
    return header(this.req, name);
  }

  query(name: string): string | undefined {
    if (this.queryString === '') return undefined;
    this.search ??= new URLSearchParams(this.queryString);
    return this.search.get(name) ?? undefined;
  }

  async json(limit: number): Promise<Record<string, unknown>> {
    return parseJsonBody(await readNodeBody(this.req, limit));
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  if (name === 'authorization') {
    // Node keeps only the first of repeated Authorization headers; WHATWG Headers (the fetch
    // path) joins them with ", ", which no token survives. Join here too.
    const raw = req.rawHeaders;
    const values: string[] = [];
    for (let i = 0; i < raw.length; i += 2) {
      if (raw[i]!.length === 13 && raw[i]!.toLowerCase() === 'authorization') {
        values.push(raw[i + 1]!);
      }
    }
    return values.length === 0 ? undefined : values.join(', ');
  }
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

async function respond(pending: Promise<Reply>, res: ServerResponse): Promise<void> {
  let reply: Reply;
  try {
    reply = await pending;
  } catch {
    if (!res.headersSent) res.writeHead(500);
    res.end();
    return;
  }
  if (ready.push(res, reply) === 2) setImmediate(flushReplies);
}

/**
 * Replies finished during this turn of the event loop, written together once its I/O callbacks
 * are done (`setImmediate`), as `[res, reply, res, reply, …]`.
 *
 * Why: a socket write to a peer that is asleep wakes it, and the writer pays for that wake-up
 * inside the write (on loopback the kernel delivers the segment and wakes the reader in the
 * writer's system call; in a VM, waking a task whose CPU is halted means an inter-processor
 * interrupt and a VM exit, tens of microseconds). Writing each reply the moment it is ready wakes
 * the client once per reply when the service is busier than its client; writing the turn's
 * replies back to back wakes it once per turn. A reply waits at most for the rest of the turn
 * it was finished in, and a turn handles only what had arrived when it started.
 */
const ready: Array<ServerResponse | Reply> = [];

function flushReplies(): void {
  const batch = ready.splice(0);
  for (let i = 0; i < batch.length; i += 2) {
    const res = batch[i] as ServerResponse;
    try {
      write(res, batch[i + 1] as Reply);
    } catch {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  }
}

function write(res: ServerResponse, reply: Reply): void {
  if (reply.body !== null) reply.headers['content-length'] = String(Buffer.byteLength(reply.body));
  res.writeHead(reply.status, reply.headers);
  res.end(reply.body ?? undefined);
}

/** What Node's HTTP parser refused, as the service's own error. */
function parserError(code: string | undefined): CallError {
  if (code === 'HPE_HEADER_OVERFLOW') {
    return new CallError('headers-too-large', 'The request headers are too large.');
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT' || code === 'ERR_HTTP_HEADERS_TIMEOUT') {
    return new CallError('request-timeout', 'The request took too long to arrive.');
  }
  if (code === 'HPE_INVALID_METHOD') {
    return new CallError('invalid-request', 'The request method is not valid.');
  }
  return new CallError('invalid-request', 'The request is malformed.');
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
};

/**
 * A `clientError` listener for a `node:http` server: what Node's parser refuses before any
 * request handler runs — oversized headers (431), malformed requests and unknown methods (400),
 * requests too slow to arrive (408) — is answered with a Stream-shaped JSON error instead of
 * Node's empty reply, and the connection closed. The CLI and the dev server use it; mount it
 * on your own server next to `nodeHandler`:
 *
 * ```ts
 * const server = createServer((req, res) => calls.nodeHandler(req, res, next));
 * server.on('clientError', clientErrorHandler({ log: console.warn }));
 * ```
 */
export function clientErrorHandler(
  options: { log?: (line: string) => void } = {},
): (error: Error & { code?: string }, socket: Duplex) => void {
  return (error, socket) => {
    // A reset connection, or one already answered, cannot take a reply.
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const e = toHttpError(parserError(error.code));
    options.log?.(
      `refused a malformed request: ${e.status} (${escapeLog(error.code ?? error.message, 80)})`,
    );
    const body = JSON.stringify(errorBody(e, performance.now()));
    socket.end(
      `HTTP/1.1 ${e.status} ${STATUS_TEXT[e.status] ?? 'Bad Request'}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  };
}
