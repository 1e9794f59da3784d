import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallHttp, CallRequest, Reply } from './app';
import { parseJsonBody, readNodeBody } from './body';

/** Route parameters the fast path takes; anything else (`%`, `.`, …) goes the Hono way. */
const PARAM = '([\\w!@-]+)';

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
  const base = basePath.replace(/\/+$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const compiled = http.routes.map((route) => {
    const names: string[] = [];
    const pattern = route.path.replace(/:(\w+)/g, (_m, name: string) => {
      names.push(name);
      return PARAM;
    });
    return { route, names, regex: new RegExp(`^${base}${pattern}$`) };
  });

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
      let search: URLSearchParams | undefined;
      const request: CallRequest = {
        method,
        path,
        header: (name) => header(req, name),
        query: (name) => {
          if (q < 0) return undefined;
          search ??= new URLSearchParams(url.slice(q + 1));
          return search.get(name) ?? undefined;
        },
        json: async (limit) => parseJsonBody(await readNodeBody(req, limit)),
      };
      http.serve(route, params, request).then(
        (reply) => write(res, reply),
        () => {
          if (!res.headersSent) res.writeHead(500);
          res.end();
        },
      );
      return true;
    }
    return false;
  };
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

function write(res: ServerResponse, reply: Reply): void {
  if (reply.body !== null) reply.headers['content-length'] = String(Buffer.byteLength(reply.body));
  res.writeHead(reply.status, reply.headers);
  res.end(reply.body ?? undefined);
}
