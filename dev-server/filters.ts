/** The query filters the dev server understands; anything else is refused with a 400. */
import { badRequest } from './http';
import type { ChannelRecord, UserRecord } from './store';

type Filter = Record<string, unknown>;

function isObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

function strings(x: unknown, what: string): string[] {
  if (!Array.isArray(x) || x.length > 1000 || !x.every((s) => typeof s === 'string')) {
    throw badRequest(`Filter ${what}: $in takes an array of strings.`);
  }
  return x as string[];
}

/** A string field compared with a string, `{ $eq }`, `{ $in }` (and `{ $autocomplete }` if allowed). */
function matchString(value: string, cond: unknown, what: string, autocomplete = false): boolean {
  if (typeof cond === 'string') return value === cond;
  if (!isObject(cond)) throw badRequest(`Filter ${what}: unsupported condition.`);
  return all(Object.entries(cond), ([op, arg]) => {
    if (op === '$eq' && typeof arg === 'string') return value === arg;
    if (op === '$in') return strings(arg, what).includes(value);
    if (op === '$autocomplete' && autocomplete && typeof arg === 'string') {
      return value.toLowerCase().includes(arg.toLowerCase().slice(0, 100));
    }
    throw badRequest(`Filter ${what}: operator ${op.slice(0, 20)} is not supported.`);
  });
}

/** Like `every`, without short-circuit: an unsupported condition is refused on every item. */
function all<T>(items: T[], test: (item: T) => boolean): boolean {
  return !items.map(test).includes(false);
}

function combine<T>(
  filter: Filter,
  item: T,
  field: (key: string, cond: unknown, item: T) => boolean,
  depth = 0,
): boolean {
  if (depth > 4) throw badRequest('Filter nesting is too deep.');
  return all(Object.entries(filter), ([key, cond]) => {
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(cond) || cond.length > 20 || !cond.every(isObject)) {
        throw badRequest(`Filter ${key} takes an array of filters.`);
      }
      const parts = cond as Filter[];
      const test = (f: Filter) => combine(f, item, field, depth + 1);
      const results = parts.map(test);
      return key === '$and' ? !results.includes(false) : results.includes(true);
    }
    return field(key, cond, item);
  });
}

/** Channel filters: `members`, `cid`, `type`, `id`, combined with `$and` / `$or`. */
export function matchChannel(filter: Filter, channel: ChannelRecord): boolean {
  return combine(filter, channel, (key, cond, c) => {
    switch (key) {
      case 'cid':
        return matchString(c.cid, cond, key);
      case 'type':
        return matchString(c.type, cond, key);
      case 'id':
        return matchString(c.id, cond, key);
      case 'members': {
        if (typeof cond === 'string') return c.members.has(cond);
        if (!isObject(cond)) throw badRequest('Filter members: unsupported condition.');
        return all(Object.entries(cond), ([op, arg]) => {
          if (op === '$in') return strings(arg, key).some((id) => c.members.has(id));
          if (op === '$eq' && typeof arg === 'string') return c.members.has(arg);
          throw badRequest(`Filter members: operator ${op.slice(0, 20)} is not supported.`);
        });
      }
      default:
        throw badRequest(`Filter field ${key.slice(0, 40)} is not supported by the dev server.`);
    }
  });
}

/** User filters: `id`, `name` (with `$autocomplete`), `role`, combined with `$and` / `$or`. */
export function matchUser(filter: Filter, user: UserRecord): boolean {
  return combine(filter, user, (key, cond, u) => {
    switch (key) {
      case 'id':
        return matchString(u.id, cond, key, true);
      case 'name':
        return matchString(u.name, cond, key, true);
      case 'role':
        return matchString(u.role, cond, key);
      default:
        throw badRequest(`Filter field ${key.slice(0, 40)} is not supported by the dev server.`);
    }
  });
}

/** Member filters: `user_id` (or `id`), `name` (with `$autocomplete`), combined with `$and` / `$or`. */
export function matchMember(filter: Filter, member: { user_id: string; name: string }): boolean {
  return combine(filter, member, (key, cond, m) => {
    switch (key) {
      case 'user_id':
      case 'id':
        return matchString(m.user_id, cond, key);
      case 'name':
        return matchString(m.name, cond, key, true);
      default:
        throw badRequest(`Filter field ${key.slice(0, 40)} is not supported by the dev server.`);
    }
  });
}
