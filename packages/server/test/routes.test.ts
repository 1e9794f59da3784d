/** The one route table: every adapter serves exactly its routes. */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createCallService } from '../src';
import { ROUTES, routeMatcher } from '../src/routes';
import { API_KEY, API_SECRET, defaultMembership } from './helpers';

/** A concrete path of a route (`:param` → `p1`, `p2`, …). */
const concrete = (path: string) => {
  let n = 0;
  return path.replace(/:\w+/g, () => `p${++n}`);
};

describe('routeMatcher', () => {
  it.each(ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))('claims %s', (_n, route) => {
    for (const base of ['', '/v1']) {
      const matches = routeMatcher(base, false);
      const path = `${base}${concrete(route.path)}`;
      expect(matches(route.method, path)).toBe(true);
      if (route.method === 'GET') expect(matches('HEAD', path)).toBe(true);
      expect(matches(route.method, `${path}/`)).toBe(false);
      expect(matches(route.method, `${path}/more`)).toBe(false);
      expect(matches('DELETE', path)).toBe(false);
      expect(matches('OPTIONS', path)).toBe(false);
      expect(routeMatcher(base, true)('OPTIONS', path)).toBe(true);
    }
  });

  it('leaves every other path to the host server', () => {
    const matches = routeMatcher('/v1', true);
    for (const [method, path] of [
      ['POST', '/calls/x'],
      ['GET', '/v1/calls'],
      ['POST', '/v1/channels/messaging/general/query'],
      ['GET', '/v1/channels/messaging/general/call'],
      ['OPTIONS', '/v1/users'],
    ] as const) {
      expect(matches(method, path)).toBe(false);
    }
  });
});

describe('every route of the table', () => {
  it('is served by nodeHandler (never handed to next) and by fetch', async () => {
    const service = createCallService({
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      membership: defaultMembership(),
      providers: { local: {} },
      basePath: '/v1',
    });
    const nexts: string[] = [];
    const server = createServer((req: IncomingMessage, res) =>
      service.nodeHandler(req, res, () => {
        nexts.push(`${req.method} ${req.url}`);
        res.writeHead(418).end();
      }),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const route of ROUTES) {
        const path = `/v1${concrete(route.path)}?api_key=${API_KEY}`;
        // Unauthenticated: every route answers 401 itself, on both entries.
        const node = await fetch(`${base}${path}`, { method: route.method });
        const web = await service.fetch(
          new Request(`http://svc.test${path}`, { method: route.method }),
        );
        expect([route.path, node.status, web.status]).toEqual([route.path, 401, 401]);
      }
      expect(nexts).toEqual([]);
    } finally {
      await service.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
