/**
 * The service's routes, once: the Hono app (the `fetch` entry), the Node fast path and
 * `nodeHandler`'s matcher for `next` are all derived from `ROUTES`.
 */

export type RouteName = 'createCall' | 'getCallToken' | 'getCallState' | 'participate' | 'endCall';

export interface RouteSpec {
  readonly name: RouteName;
  readonly method: 'GET' | 'POST';
  /** The path below the base path, Hono-style (`/calls/:id`). */
  readonly path: string;
  /** The status of a successful answer. */
  readonly status: 200 | 201;
}

export const ROUTES: readonly RouteSpec[] = [
  { name: 'createCall', method: 'POST', path: '/channels/:type/:id/call', status: 201 },
  { name: 'getCallToken', method: 'POST', path: '/calls/:id', status: 201 },
  { name: 'getCallState', method: 'GET', path: '/calls/:id', status: 200 },
  { name: 'participate', method: 'POST', path: '/calls/:id/participants', status: 200 },
  { name: 'endCall', method: 'POST', path: '/calls/:id/end', status: 200 },
];

/** A route path as a regular expression under `basePath`, each `:param` a capture of `param`. */
export function compilePath(
  basePath: string,
  path: string,
  param: string,
): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  const pattern = escapeRegExp(path).replace(/:(\w+)/g, (_m, name: string) => {
    names.push(name);
    return `(${param})`;
  });
  return { regex: new RegExp(`^${escapeRegExp(normaliseBase(basePath))}${pattern}$`), names };
}

/** `/base` from `base`, `/base/` or ``; `` for the root. */
export function normaliseBase(basePath: string | undefined): string {
  const trimmed = (basePath ?? '').replace(/\/+$/, '');
  if (trimmed === '') return '';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/** Any path segment, for matching whole paths (the route code validates the parameters). */
const SEGMENT = '[^/]+';

/**
 * The methods `ROUTES` serve at a request path (with its base path), with HEAD where GET is
 * served; empty when no route has that path.
 */
export function routeMethods(basePath: string): (path: string) => string[] {
  const compiled = ROUTES.map((r) => ({
    method: r.method,
    ...compilePath(basePath, r.path, SEGMENT),
  }));
  return (path) => {
    const methods = new Set<string>();
    for (const { method, regex } of compiled) {
      if (!regex.test(path)) continue;
      methods.add(method);
      if (method === 'GET') methods.add('HEAD');
    }
    return [...methods];
  };
}

/**
 * Whether `nodeHandler` serves a request itself rather than handing it to `next`: a route's
 * method (HEAD for GET) on a route's path, and — when the service answers CORS itself —
 * preflights to those paths. A trailing slash is not the route's path.
 */
export function routeMatcher(
  basePath: string,
  handlesPreflight: boolean,
): (method: string, path: string) => boolean {
  const methodsAt = routeMethods(basePath);
  return (method, path) => {
    const methods = methodsAt(path);
    if (methods.length === 0) return false;
    // Without CORS origins of its own, preflights go to the host server (`next`).
    if (method === 'OPTIONS') return handlesPreflight;
    return methods.includes(method);
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
