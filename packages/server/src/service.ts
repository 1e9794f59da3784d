import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { getRequestListener } from '@hono/node-server';
import { CallHttp, createApp, routeMatcher } from './app';
import { createAuthenticator } from './auth';
import { DEFAULT_MAX_BODY_BYTES } from './body';
import { CallManager } from './calls';
import { PROVIDER_NAMES, type ProviderName } from './contract';
import { nodeFastPath } from './node';
import { buildProviders } from './providers';
import { RateLimiter } from './rate-limit';
import { postgresCallRegistry, sqliteCallRegistry } from './registry';
import { SignalingServer } from './signaling';
import type { CallService, CallServiceOptions } from './types';

/** How far apart the database's and an instance's clocks may be (signaling's token check). */
const CLOCK_SKEW_MS = 250;
/** How long a call with nobody left waits before it ends itself (`emptyCallGraceMs`), in ms. */
export const DEFAULT_EMPTY_CALL_GRACE_MS = 2000;
/** Three missed join reports (clients repeat theirs every 30 s). */
export const DEFAULT_PARTICIPANT_TTL_MS = 90_000;
/** Requests per minute per user before 429 (`rateLimitPerMinute`). */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;
/** Ten `alive`s: a member removed from the channel drops out of its call within 5 minutes. */
export const DEFAULT_MEMBERSHIP_RECHECK_MS = 300_000;

function normaliseBase(basePath: string | undefined): string {
  const trimmed = (basePath ?? '').replace(/\/+$/, '');
  if (trimmed === '') return '';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/**
 * The call service: CreateCall / GetCallToken and the live-state extension over HTTP, plus the
 * local provider's signaling WebSocket. Mount `nodeHandler` and `handleUpgrade` on a Node
 * server, or use `fetch` anywhere WHATWG fetch handlers run (signaling then needs Node).
 */
export function createCallService(options: CallServiceOptions): CallService {
  if (!options.apiKey || !options.apiSecret) {
    throw new Error('createCallService needs apiKey and apiSecret.');
  }
  const log = options.log ?? (() => {});
  const providers = buildProviders(options);
  if (providers.size === 0) throw new Error('createCallService needs at least one provider.');
  const defaultProvider: ProviderName =
    options.defaultProvider ??
    PROVIDER_NAMES.find((p) => providers.has(p)) ??
    providers.keys().next().value!;
  if (!providers.has(defaultProvider)) {
    throw new Error(`The default provider "${defaultProvider}" is not configured.`);
  }
  const basePath = normaliseBase(options.basePath);
  const ownsRegistry = !options.registry;
  const registry =
    options.registry ??
    (options.databaseUrl
      ? postgresCallRegistry({
          url: options.databaseUrl,
          ...(options.databasePoolSize ? { poolSize: options.databasePoolSize } : {}),
          log,
        })
      : sqliteCallRegistry(options.databasePath ?? ':memory:'));

  const signaling = providers.has('local')
    ? new SignalingServer({
        path: `${basePath}/local/signal`,
        secret: options.providers.local?.secret ?? options.apiSecret,
        // A token issued before the call's end belongs to the session that ended, and so does
        // one issued before the current session started (give or take the clocks' skew: the
        // session's start is the database's time, the token's this process's).
        isCallEnded: async (room, issuedAtMs) => {
          const stored = await registry.get(room);
          if (!stored) return false;
          if (stored.endedAt !== null) return issuedAtMs <= Date.parse(stored.endedAt);
          return stored.session > 1 && issuedAtMs < Date.parse(stored.startedAt) - CLOCK_SKEW_MS;
        },
        log,
        ...options.signaling,
      })
    : undefined;

  const calls = new CallManager({
    registry,
    providers,
    defaultProvider,
    membership: options.membership,
    events: options.events,
    emptyCallGraceMs: options.emptyCallGraceMs ?? DEFAULT_EMPTY_CALL_GRACE_MS,
    participantTtlMs: options.participantTtlMs ?? DEFAULT_PARTICIPANT_TTL_MS,
    membershipRecheckMs: options.membershipRecheckMs ?? DEFAULT_MEMBERSHIP_RECHECK_MS,
    log,
    onEnded: (call) => {
      const room = call.local?.room;
      if (room) signaling?.endRoom(room);
    },
  });

  const http = new CallHttp({
    basePath,
    auth: createAuthenticator(options.apiKey, options.apiSecret),
    calls,
    limiter: new RateLimiter(options.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE),
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    corsOrigins: options.corsOrigins,
    log: options.log,
  });
  const app = createApp(http, basePath);
  const fastPath = nodeFastPath(http, basePath);
  const fetchHandler = (request: Request) => Promise.resolve(app.fetch(request));
  const listener = getRequestListener(fetchHandler, { overrideGlobalObjects: false });
  const cors = options.corsOrigins;
  const matches = routeMatcher(basePath, cors === '*' || (Array.isArray(cors) && cors.length > 0));
  let closed = false;

  return {
    fetch: fetchHandler,
    nodeHandler(req: IncomingMessage, res: ServerResponse, next?: () => void) {
      // The routes themselves, straight on node:http; the rest through Hono like `fetch`.
      if (fastPath(req, res)) return;
      if (next) {
        const path = new URL(req.url ?? '/', 'http://x').pathname;
        if (!matches(req.method ?? 'GET', path)) {
          next();
          return;
        }
      }
      listener(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    },
    ready: () => registry.ready(),
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
      return signaling?.handleUpgrade(req, socket, head) ?? false;
    },
    async close() {
      if (closed) return;
      closed = true;
      await calls.close();
      await signaling?.close();
      if (ownsRegistry) await registry.close();
    },
  };
}
