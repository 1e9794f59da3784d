import { Hono } from 'hono';
import * as v from 'valibot';
import type { Authenticator } from './auth';
import { readJson } from './body';
import type { CallManager } from './calls';
import { isValidCallId, normalizeCallId } from './contract';
import {
  badRequest,
  CallError,
  describeInternal,
  ErrorCode,
  errorBody,
  formatDuration,
  HttpError,
  notFound,
  rateLimited,
  toHttpError,
} from './errors';
import type { RateLimiter } from './rate-limit';

export interface AppDeps {
  basePath: string;
  auth: Authenticator;
  calls: CallManager;
  limiter: RateLimiter;
  maxBodyBytes: number;
  corsOrigins: string[] | '*' | undefined;
  /** One line per request; without it no line is even formatted. */
  log: ((line: string) => void) | undefined;
}

/**
 * What a route sees of a request, whichever adapter received it: `createApp` (Hono, for the
 * WHATWG `fetch` entry) or the Node fast path in `node.ts`.
 */
export interface CallRequest {
  readonly method: string;
  /** The request path (with the base path), for the log and 404 messages. */
  readonly path: string;
  /** A header by lower-case name. */
  header(name: string): string | undefined;
  /** The first value of a query parameter. */
  query(name: string): string | undefined;
  /** The body as a JSON object within `limit` bytes (`{}` when empty; 400/413 otherwise). */
  json(limit: number): Promise<Record<string, unknown>>;
}

/** An answer, ready for either adapter to write. */
export interface Reply {
  status: number;
  /** JSON text, or null for a body-less answer (preflight). */
  body: string | null;
  headers: Record<string, string>;
}

export interface Route {
  method: 'GET' | 'POST';
  /** The path below the base path, Hono-style (`/calls/:id`). */
  path: string;
  status: 200 | 201;
  /** The route itself: auth, validation and the call rules. Errors are `CallError`s. */
  run(req: CallRequest, params: Record<string, string>, ctx: RequestContext): Promise<object>;
}

export interface RequestContext {
  started: number;
  userId?: string;
  failure?: string;
}

const CHANNEL_TYPE = /^[\w-]{1,64}$/;
const CHANNEL_ID = /^[\w!@-]{1,128}$/;

const CreateCallBody = v.object({
  id: v.pipe(v.string('id must be a string.'), v.maxLength(256, 'id is too long.')),
  type: v.picklist(['audio', 'video'], 'type must be "audio" or "video".'),
  options: v.optional(
    v.object({
      // Any name: the service answers 400 for one it does not have (built-in or the app's own).
      provider: v.optional(
        v.pipe(
          v.string('options.provider must be a provider name.'),
          v.regex(/^[a-z][a-z0-9_-]{0,31}$/, 'options.provider must be a provider name.'),
        ),
      ),
    }),
  ),
});
const ParticipationBody = v.object({
  action: v.picklist(['join', 'alive', 'leave'], 'action must be "join", "alive" or "leave".'),
});

function parse<T extends v.GenericSchema>(schema: T, input: unknown): v.InferOutput<T> {
  const r = v.safeParse(schema, input);
  if (!r.success) throw badRequest(r.issues[0]?.message ?? 'The request body is not valid.');
  return r.output;
}

function callIdParam(raw: string | undefined): string {
  const id = normalizeCallId(raw ?? '');
  if (!isValidCallId(id)) throw badRequest('Call ids are 1–64 characters: a–z, 0–9, _ and -.');
  return id;
}

const JSON_TYPE = 'application/json';
const ALLOW_METHODS = 'GET,POST,OPTIONS';
const ALLOW_HEADERS =
  'authorization,content-type,stream-auth-type,x-client-request-id,x-stream-client';

/**
 * The HTTP layer without a framework: Stream-style auth and rate limit, body limits, CORS,
 * Stream-shaped errors, the log line, and the five routes. Both adapters (Hono for `fetch`,
 * the Node fast path for `nodeHandler`) route to these same functions.
 */
export class CallHttp {
  readonly routes: Route[];
  private readonly allowed: string[] | '*' | undefined;

  constructor(private readonly deps: AppDeps) {
    const o = deps.corsOrigins;
    this.allowed = o && (o === '*' || o.length > 0) ? o : undefined;
    const body = (req: CallRequest) => req.json(deps.maxBodyBytes);
    this.routes = [
      {
        method: 'POST',
        path: '/channels/:type/:id/call',
        status: 201,
        run: async (req, params, ctx) => {
          const userId = this.user(req, ctx);
          const type = params.type ?? '';
          const channelId = params.id ?? '';
          if (!CHANNEL_TYPE.test(type) || !CHANNEL_ID.test(channelId)) {
            throw badRequest('The channel type or id is not valid.');
          }
          const input = parse(CreateCallBody, await body(req));
          const id = normalizeCallId(input.id);
          if (!isValidCallId(id)) {
            throw badRequest('Call ids are 1–64 characters: a–z, 0–9, _ and -.');
          }
          return deps.calls.createCall(userId, `${type}:${channelId}`, {
            id,
            type: input.type,
            ...(input.options?.provider ? { provider: input.options.provider } : {}),
          });
        },
      },
      {
        method: 'POST',
        path: '/calls/:id',
        status: 201,
        run: async (req, params, ctx) => {
          const userId = this.user(req, ctx);
          const id = callIdParam(params.id);
          await body(req);
          return deps.calls.getToken(userId, id);
        },
      },
      {
        method: 'GET',
        path: '/calls/:id',
        status: 200,
        run: async (req, params, ctx) => {
          const userId = this.user(req, ctx);
          return deps.calls.state(userId, callIdParam(params.id));
        },
      },
      {
        method: 'POST',
        path: '/calls/:id/participants',
        status: 200,
        run: async (req, params, ctx) => {
          const userId = this.user(req, ctx);
          const id = callIdParam(params.id);
          const input = parse(ParticipationBody, await body(req));
          return deps.calls.participate(userId, id, input.action);
        },
      },
      {
        method: 'POST',
        path: '/calls/:id/end',
        status: 200,
        run: async (req, params, ctx) => {
          const userId = this.user(req, ctx);
          const id = callIdParam(params.id);
          await body(req);
          return deps.calls.end(userId, id);
        },
      },
    ];
  }

  /** Runs a matched route and answers: JSON with `duration`, or a Stream-shaped error. */
  async serve(route: Route, params: Record<string, string>, req: CallRequest): Promise<Reply> {
    const ctx: RequestContext = { started: performance.now() };
    let reply: Reply;
    try {
      const json = JSON.stringify(await route.run(req, params, ctx));
      // `{ ...result, duration }` without copying the result (no route answers a `duration`).
      const duration = `"duration":"${formatDuration(ctx.started)}"}`;
      reply = {
        status: route.status,
        body: json === '{}' ? `{${duration}` : `${json.slice(0, -1)},${duration}`,
        headers: { 'content-type': JSON_TYPE },
      };
    } catch (err) {
      reply = this.failure(err, req, ctx);
    }
    return this.finish(reply, req, ctx);
  }

  /** 404 for a path no route serves; with CORS, a preflight (OPTIONS) to any path. */
  unrouted(req: CallRequest): Reply {
    const ctx: RequestContext = { started: performance.now() };
    if (req.method === 'OPTIONS' && this.allowed) {
      const headers: Record<string, string> = {
        vary: 'Origin, Access-Control-Request-Headers',
        'access-control-max-age': '600',
        'access-control-allow-methods': ALLOW_METHODS,
        'access-control-allow-headers': ALLOW_HEADERS,
      };
      const origin = this.allowOrigin(req.header('origin'));
      if (origin) headers['access-control-allow-origin'] = origin;
      return this.log({ status: 204, body: null, headers }, req, ctx);
    }
    const e = toHttpError(notFound(`No route for ${req.method} ${req.path}.`));
    return this.finish(
      {
        status: 404,
        body: JSON.stringify(errorBody(e, ctx.started)),
        headers: { 'content-type': JSON_TYPE },
      },
      req,
      ctx,
    );
  }

  /** The authenticated user (Stream user JWT), counted against the rate limit. */
  private user(req: CallRequest, ctx: RequestContext): string {
    const userId = this.deps.auth.authenticateSync({
      authorization: req.header('authorization'),
      authType: req.header('stream-auth-type'),
      apiKey: req.query('api_key'),
    });
    ctx.userId = userId;
    if (!this.deps.limiter.take(userId)) {
      throw rateLimited(this.deps.limiter.retryAfterSeconds(userId));
    }
    return userId;
  }

  private failure(err: unknown, req: CallRequest, ctx: RequestContext): Reply {
    if (err instanceof CallError) err = toHttpError(err);
    if (err instanceof HttpError) {
      // Messages are ours and never contain a token or secret.
      ctx.failure = err.message;
      return {
        status: err.status,
        body: JSON.stringify(errorBody(err, ctx.started)),
        headers: { 'content-type': JSON_TYPE, ...lowerCase(err.headers) },
      };
    }
    const internal = err instanceof Error ? err : new Error(String(err));
    this.deps.log?.(`internal error on ${req.method} ${req.path}: ${describeInternal(internal)}`);
    const e = new HttpError(500, ErrorCode.Internal, 'The call service had an internal error.');
    return {
      status: 500,
      body: JSON.stringify(errorBody(e, ctx.started)),
      headers: { 'content-type': JSON_TYPE },
    };
  }

  /** CORS headers of an actual (non-preflight) request, then the log line. */
  private finish(reply: Reply, req: CallRequest, ctx: RequestContext): Reply {
    if (this.allowed) {
      const origin = this.allowOrigin(req.header('origin'));
      if (origin) reply.headers['access-control-allow-origin'] = origin;
      reply.headers.vary = 'Origin';
    }
    return this.log(reply, req, ctx);
  }

  private log(reply: Reply, req: CallRequest, ctx: RequestContext): Reply {
    if (!this.deps.log) return reply;
    this.deps.log(
      `${req.method} ${req.path} ${reply.status} ${formatDuration(ctx.started)}${ctx.userId ? ` user=${ctx.userId}` : ''}${ctx.failure ? ` (${ctx.failure})` : ''}`,
    );
    return reply;
  }

  private allowOrigin(origin: string | undefined): string | undefined {
    if (this.allowed === '*') return '*';
    return origin && this.allowed?.includes(origin) ? origin : undefined;
  }
}

function lowerCase(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, value] of Object.entries(headers ?? {})) out[k.toLowerCase()] = value;
  return out;
}

/** The `fetch` entry: Hono routes each request to the shared `CallHttp` routes. */
export function createApp(http: CallHttp, basePath: string): Hono {
  const app = new Hono().basePath(basePath || '/');
  const toResponse = (r: Reply) => new Response(r.body, { status: r.status, headers: r.headers });
  const adapt = (raw: Request, path: string, query: (n: string) => string | undefined) => {
    const req: CallRequest = {
      method: raw.method,
      path,
      header: (name) => raw.headers.get(name) ?? undefined,
      query,
      json: (limit) => readJson(raw, limit),
    };
    return req;
  };
  for (const route of http.routes) {
    app.on(route.method, route.path, async (c) =>
      toResponse(
        await http.serve(
          route,
          c.req.param() as Record<string, string>,
          adapt(c.req.raw, c.req.path, (n) => c.req.query(n)),
        ),
      ),
    );
  }
  app.notFound((c) =>
    toResponse(http.unrouted(adapt(c.req.raw, c.req.path, (n) => c.req.query(n)))),
  );
  app.onError((_err, c) => {
    // Routes answer their own errors (CallHttp.serve); this is the adapter's last resort.
    const e = new HttpError(500, ErrorCode.Internal, 'The call service had an internal error.');
    return c.json(errorBody(e, performance.now()), 500);
  });
  return app;
}

/** Whether a request path is one the service serves (for `nodeHandler`'s `next`). */
export function routeMatcher(
  basePath: string,
  handlesPreflight: boolean,
): (method: string, path: string) => boolean {
  const base = basePath.replace(/\/+$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const post = new RegExp(
    `^${base}/(channels/[^/]+/[^/]+/call|calls/[^/]+(/participants|/end)?)/?$`,
  );
  const get = new RegExp(`^${base}/calls/[^/]+/?$`);
  return (method, path) => {
    if (method === 'POST') return post.test(path);
    // Without CORS origins of its own, preflights go to the host server (`next`).
    if (method === 'OPTIONS') return handlesPreflight && post.test(path);
    if (method === 'GET' || method === 'HEAD') return get.test(path);
    return false;
  };
}
