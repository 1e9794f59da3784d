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
import { escapeLog } from './log';
import type { RateLimiter } from './rate-limit';
import { ROUTES, type RouteName, type RouteSpec, routeMethods } from './routes';

export { routeMatcher } from './routes';

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

/** What a route does: auth, validation and the call rules. Errors are `CallError`s. */
export type RouteRun = (
  req: CallRequest,
  params: Record<string, string>,
  ctx: RequestContext,
) => Promise<object>;

/** A route of the table (`routes.ts`) with its code. */
export interface Route extends RouteSpec {
  run: RouteRun;
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
const Session = v.optional(
  v.pipe(
    v.number('session must be a number.'),
    v.safeInteger('session must be a whole number.'),
    v.minValue(1, 'session must be at least 1.'),
  ),
);
const ParticipationBody = v.object({
  action: v.picklist(['join', 'alive', 'leave'], 'action must be "join", "alive" or "leave".'),
  session: Session,
});
const EndBody = v.object({
  reason: v.optional(
    v.picklist(
      ['ended', 'no-answer', 'declined', 'busy', 'cancelled'],
      'reason must be "ended", "no-answer", "declined", "busy" or "cancelled".',
    ),
  ),
  session: Session,
});

/** `?session=N`: a whole number from 1, or absent. */
function sessionQuery(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^[1-9]\d{0,14}$/.test(raw)) throw badRequest('session must be a whole number from 1.');
  return Number(raw);
}

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
  private readonly methodsAt: (path: string) => string[];

  constructor(private readonly deps: AppDeps) {
    const o = deps.corsOrigins;
    this.allowed = o && (o === '*' || o.length > 0) ? o : undefined;
    const body = (req: CallRequest) => req.json(deps.maxBodyBytes);
    this.routes = withCode({
      createCall: {
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
      getCallToken: {
        run: async (req, params, ctx) => {
          const userId = this.user(req, ctx);
          const id = callIdParam(params.id);
          await body(req);
          return deps.calls.getToken(userId, id);
        },
      },
      getCallState: {
        run: async (req, params, ctx) => {
          const userId = this.user(req, ctx);
          const id = callIdParam(params.id);
          return deps.calls.state(userId, id, sessionQuery(req.query('session')));
        },
      },
      participate: {
        run: async (req, params, ctx) => {
          const userId = this.user(req, ctx);
          const id = callIdParam(params.id);
          const input = parse(ParticipationBody, await body(req));
          return deps.calls.participate(userId, id, input.action, input.session);
        },
      },
      endCall: {
        run: async (req, params, ctx) => {
          const userId = this.user(req, ctx);
          const id = callIdParam(params.id);
          const input = parse(EndBody, await body(req));
          return deps.calls.end(userId, id, {
            ...(input.reason ? { reason: input.reason } : {}),
            ...(input.session === undefined ? {} : { session: input.session }),
          });
        },
      },
    });
    this.methodsAt = routeMethods(deps.basePath);
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
    // A route's path with another method is 405 (with the methods it takes), else 404.
    const methods = this.methodsAt(req.path);
    const e = toHttpError(
      methods.length > 0
        ? new CallError('method-not-allowed', `${escapeLog(req.method, 20)} is not allowed here.`)
        : notFound(`No route for ${escapeLog(req.method, 20)} ${escapeLog(req.path)}.`),
    );
    const headers: Record<string, string> = { 'content-type': JSON_TYPE };
    if (methods.length > 0) headers.allow = methods.join(', ');
    return this.finish(
      { status: e.status, body: JSON.stringify(errorBody(e, ctx.started)), headers },
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
    let cause: unknown;
    if (err instanceof CallError) {
      cause = err.details.cause;
      err = toHttpError(err);
    }
    if (err instanceof HttpError) {
      // Messages are ours and never contain a token or secret. A cause (e.g. Stream's failure
      // behind a 503) goes to the log only.
      ctx.failure =
        cause instanceof Error ? `${err.message} Cause: ${describeInternal(cause)}` : err.message;
      return {
        status: err.status,
        body: JSON.stringify(errorBody(err, ctx.started)),
        headers: { 'content-type': JSON_TYPE, ...lowerCase(err.headers) },
      };
    }
    const internal = err instanceof Error ? err : new Error(String(err));
    this.deps.log?.(
      `internal error on ${escapeLog(req.method, 20)} ${escapeLog(req.path)}: ${escapeLog(describeInternal(internal), 400)}`,
    );
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

  /** The request's log line; what the client chose (method, path) is escaped (`escapeLog`). */
  private log(reply: Reply, req: CallRequest, ctx: RequestContext): Reply {
    if (!this.deps.log) return reply;
    const user = ctx.userId ? ` user=${escapeLog(ctx.userId, 80)}` : '';
    const failure = ctx.failure ? ` (${escapeLog(ctx.failure, 500)})` : '';
    this.deps.log(
      `${escapeLog(req.method, 20)} ${escapeLog(req.path)} ${reply.status} ${formatDuration(ctx.started)}${user}${failure}`,
    );
    return reply;
  }

  private allowOrigin(origin: string | undefined): string | undefined {
    if (this.allowed === '*') return '*';
    return origin && this.allowed?.includes(origin) ? origin : undefined;
  }
}

/** The route table with each route's code (every route in `ROUTES` must have its code). */
function withCode(code: Record<RouteName, { run: RouteRun }>): Route[] {
  return ROUTES.map((spec) => ({ ...spec, run: code[spec.name].run }));
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
