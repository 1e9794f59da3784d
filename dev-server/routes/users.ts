/** `GET /users` (query users) and the dev-only `GET /dev/token`. */
import { createUserToken, isValidUserId } from '../auth';
import { matchUser } from '../filters';
import {
  badRequest,
  forbidden,
  isLoopbackAddress,
  isLoopbackHost,
  isLoopbackOrigin,
  notFound,
} from '../http';
import { userResponse } from '../serialize';
import { type Ctx, type Route, readPayload } from './context';

function queryUsers(ctx: Ctx) {
  const payload = readPayload(ctx);
  const filter = payload.filter_conditions ?? {};
  if (!filter || typeof filter !== 'object' || Array.isArray(filter)) {
    throw badRequest('filter_conditions must be an object.');
  }
  const limit = payload.limit ?? 30;
  const offset = payload.offset ?? 0;
  if (!Number.isInteger(limit) || (limit as number) < 1 || (limit as number) > 100)
    throw badRequest('Invalid limit.');
  if (!Number.isInteger(offset) || (offset as number) < 0 || (offset as number) > 10_000)
    throw badRequest('Invalid offset.');
  const users = [...ctx.app.store.users.values()]
    .filter((u) => matchUser(filter as Record<string, unknown>, u))
    .sort((a, b) => a.id.localeCompare(b.id))
    .slice(offset as number, (offset as number) + (limit as number))
    .map((u) => userResponse(u, ctx.app.hub));
  return { body: { users } };
}

/**
 * Signs a token for a seeded user, so the demo can sign in without a backend. Loopback only:
 * the peer address, the Host header (no DNS rebinding) and the Origin (if any) must all be local.
 */
async function devToken(ctx: Ctx) {
  const { req } = ctx;
  const origin = req.headers.origin;
  if (
    !isLoopbackAddress(req.socket.remoteAddress) ||
    !isLoopbackHost(req.headers.host) ||
    (origin !== undefined && !isLoopbackOrigin(origin))
  ) {
    throw forbidden('Development tokens are for loopback clients only.');
  }
  const userId = ctx.url.searchParams.get('user_id');
  if (!isValidUserId(userId)) throw badRequest('user_id is missing or invalid.');
  const user = ctx.app.store.users.get(userId);
  if (!user?.seeded) throw notFound(`${userId} is not a seeded user of the dev server.`);
  const token = await createUserToken(userId, ctx.app.apiSecret);
  return { body: { token, user: userResponse(user, ctx.app.hub) } };
}

export const userRoutes: Route[] = [
  { method: 'GET', pattern: /^\/users$/, handler: queryUsers, server: true },
  { method: 'GET', pattern: /^\/dev\/token$/, handler: devToken, public: true },
];
