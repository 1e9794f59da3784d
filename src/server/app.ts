import { type Context, Hono } from 'hono';
import { cors } from 'hono/cors';
import * as v from 'valibot';
import { isValidCallId, normalizeCallId } from '../core/ids';
import type { Authenticator } from './auth';
import { readJson } from './body';
import type { CallManager } from './calls';
import {
  badRequest,
  describeInternal,
  ErrorCode,
  errorBody,
  formatDuration,
  HttpError,
  notFound,
  rateLimited,
} from './errors';
import type { RateLimiter } from './rate-limit';

export interface AppDeps {
  basePath: string;
  auth: Authenticator;
  calls: CallManager;
  limiter: RateLimiter;
  maxBodyBytes: number;
  corsOrigins: string[] | '*' | undefined;
  log: (line: string) => void;
}

type Env = { Variables: { started: number; userId?: string; failure?: string } };

const CHANNEL_TYPE = /^[\w-]{1,64}$/;
const CHANNEL_ID = /^[\w!@-]{1,128}$/;

const CreateCallBody = v.object({
  id: v.pipe(v.string('id must be a string.'), v.maxLength(256, 'id is too long.')),
  type: v.picklist(['audio', 'video'], 'type must be "audio" or "video".'),
  options: v.optional(
    v.object({
      provider: v.optional(
        v.picklist(['agora', 'hms', 'local'], 'options.provider must be agora, hms or local.'),
      ),
    }),
  ),
});
const ParticipationBody = v.object({
  action: v.picklist(['join', 'leave'], 'action must be "join" or "leave".'),
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

/** The HTTP layer: Stream-style auth, body limits, CORS, Stream-shaped errors, routes. */
export function createApp(deps: AppDeps): Hono<Env> {
  const app = new Hono<Env>().basePath(deps.basePath || '/');
  const allowed = deps.corsOrigins;

  app.use('*', async (c, next) => {
    c.set('started', performance.now());
    await next();
    const user = c.get('userId');
    const failure = c.get('failure');
    deps.log(
      `${c.req.method} ${c.req.path} ${c.res.status} ${formatDuration(c.get('started'))}${user ? ` user=${user}` : ''}${failure ? ` (${failure})` : ''}`,
    );
  });
  if (allowed && (allowed === '*' || allowed.length > 0)) {
    app.use(
      '*',
      cors({
        origin: (origin) => (allowed === '*' ? '*' : allowed.includes(origin) ? origin : null),
        allowMethods: ['GET', 'POST', 'OPTIONS'],
        allowHeaders: [
          'authorization',
          'content-type',
          'stream-auth-type',
          'x-client-request-id',
          'x-stream-client',
        ],
        maxAge: 600,
      }),
    );
  }

  const ok = (c: Context<Env>, status: 200 | 201, body: object) =>
    c.json({ ...body, duration: formatDuration(c.get('started')) }, status);

  const user = async (c: Context<Env>): Promise<string> => {
    const userId = await deps.auth.authenticate({
      authorization: c.req.header('authorization'),
      authType: c.req.header('stream-auth-type'),
      apiKey: c.req.query('api_key'),
    });
    c.set('userId', userId);
    if (!deps.limiter.take(userId)) throw rateLimited(deps.limiter.retryAfterSeconds(userId));
    return userId;
  };

  app.post('/channels/:type/:id/call', async (c) => {
    const userId = await user(c);
    const type = c.req.param('type');
    const channelId = c.req.param('id');
    if (!CHANNEL_TYPE.test(type) || !CHANNEL_ID.test(channelId)) {
      throw badRequest('The channel type or id is not valid.');
    }
    const body = parse(CreateCallBody, await readJson(c.req.raw, deps.maxBodyBytes));
    const id = normalizeCallId(body.id);
    if (!isValidCallId(id)) throw badRequest('Call ids are 1–64 characters: a–z, 0–9, _ and -.');
    const result = await deps.calls.createCall(userId, `${type}:${channelId}`, {
      id,
      type: body.type,
      ...(body.options?.provider ? { provider: body.options.provider } : {}),
    });
    return ok(c, 201, result);
  });

  app.post('/calls/:id', async (c) => {
    const userId = await user(c);
    const id = callIdParam(c.req.param('id'));
    await readJson(c.req.raw, deps.maxBodyBytes);
    return ok(c, 201, await deps.calls.getToken(userId, id));
  });

  app.get('/calls/:id', async (c) => {
    const userId = await user(c);
    return ok(c, 200, await deps.calls.state(userId, callIdParam(c.req.param('id'))));
  });

  app.post('/calls/:id/participants', async (c) => {
    const userId = await user(c);
    const id = callIdParam(c.req.param('id'));
    const body = parse(ParticipationBody, await readJson(c.req.raw, deps.maxBodyBytes));
    return ok(c, 200, await deps.calls.participate(userId, id, body.action));
  });

  app.post('/calls/:id/end', async (c) => {
    const userId = await user(c);
    const id = callIdParam(c.req.param('id'));
    await readJson(c.req.raw, deps.maxBodyBytes);
    return ok(c, 200, await deps.calls.end(userId, id));
  });

  app.notFound((c) => {
    const e = notFound(`No route for ${c.req.method} ${c.req.path}.`);
    return c.json(errorBody(e, c.get('started') ?? performance.now()), 404);
  });

  app.onError((err, c) => {
    const started = c.get('started') ?? performance.now();
    if (err instanceof HttpError) {
      // Messages are ours and never contain a token or secret.
      c.set('failure', err.message);
      return c.json(errorBody(err, started), err.status as 400, err.headers);
    }
    deps.log(`internal error on ${c.req.method} ${c.req.path}: ${describeInternal(err)}`);
    const e = new HttpError(500, ErrorCode.Internal, 'The call service had an internal error.');
    return c.json(errorBody(e, started), 500);
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
