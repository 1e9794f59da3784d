import type { Pool, PoolClient } from 'pg';
import type { Db, Query } from './sql';
import { sqlCallRegistry } from './store';
import type { CallRegistry } from './types';

/** `postgresCallRegistry`'s options (the service builds them from `databaseUrl`). */
export interface PostgresRegistryOptions {
  /** `postgres://user:password@host:port/database` (`CALLS_DATABASE_URL`). */
  url: string;
  /**
   * Connections this instance keeps open at most (default 10). N instances × this must stay
   * under the server's `max_connections` (100 by default), with room for other clients.
   */
  poolSize?: number;
  /** Where pool errors (a connection lost while idle) are reported. Never gets the URL. */
  log?: (line: string) => void;
  /**
   * How long GetCallToken trusts that a call it has seen ongoing still is, without asking the
   * database (default 1000 ms): another instance's end is seen that late by GetCallToken (the
   * join that follows is refused at once). Its own changes are seen at once.
   */
  statusCacheMs?: number;
}

/** PostgreSQL connections an instance keeps open at most, unless told otherwise. */
export const DEFAULT_POOL_SIZE = 10;

/** The database clock in ms: `clock_timestamp()`, the time of the statement itself. */
const NOW = '(extract(epoch from clock_timestamp()) * 1000)::bigint';

/**
 * Schema versions (numbered like SQLite's: PostgreSQL starts at 3), each applied once, all in
 * one transaction holding an advisory lock: instances starting at once wait for each other
 * instead of racing on `CREATE TABLE IF NOT EXISTS` (which fails with a unique violation in
 * `pg_type`). Call JSON is `text`: `jsonb` would reorder its keys.
 */
const MIGRATIONS: Record<number, string> = {
  3: `CREATE TABLE calls (
    id text PRIMARY KEY, cid text NOT NULL, call_json text NOT NULL,
    created_by_json text NOT NULL, created_at bigint NOT NULL, session integer NOT NULL,
    version bigint NOT NULL, started_at bigint NOT NULL, ended_at bigint, ended_reason text,
    had_participants integer NOT NULL DEFAULT 0, empty_since bigint);
  CREATE INDEX calls_empty_since ON calls (empty_since) WHERE empty_since IS NOT NULL;
  CREATE TABLE participants (
    call_id text NOT NULL REFERENCES calls(id) ON DELETE CASCADE, user_id text NOT NULL,
    name text, image text, joined_at bigint NOT NULL, last_seen bigint NOT NULL,
    checked_at bigint NOT NULL, PRIMARY KEY (call_id, user_id));
  CREATE INDEX participants_last_seen ON participants (last_seen);
  CREATE TABLE attendees (
    call_id text NOT NULL REFERENCES calls(id) ON DELETE CASCADE, user_id text NOT NULL,
    name text, image text, joined_at bigint NOT NULL, PRIMARY KEY (call_id, user_id));
  CREATE TABLE call_sessions (
    call_id text NOT NULL REFERENCES calls(id) ON DELETE CASCADE, session integer NOT NULL,
    state_json text NOT NULL, PRIMARY KEY (call_id, session));
  CREATE TABLE room_claims (id text PRIMARY KEY, claimed_until bigint NOT NULL);`,
};
/** Any fixed number: the key of the advisory lock that serialises migrations. */
const MIGRATION_LOCK = 0x5ca115;

/** Serialization failures and deadlocks: the transaction is tried again. */
const RETRYABLE = new Set(['40001', '40P01']);

async function migrate(client: PoolClient): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS calls_schema (version integer NOT NULL)');
    const { rows } = await client.query<{ version: number }>('SELECT version FROM calls_schema');
    const at = rows[0]?.version ?? 0;
    const pending = Object.keys(MIGRATIONS)
      .map(Number)
      .filter((v) => v > at)
      .sort((a, b) => a - b);
    for (const v of pending) await client.query(MIGRATIONS[v]!);
    if (pending.length > 0) {
      await client.query('DELETE FROM calls_schema');
      await client.query('INSERT INTO calls_schema (version) VALUES ($1)', [pending.at(-1)]);
    }
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  }
}

function postgresDb({
  url,
  poolSize = DEFAULT_POOL_SIZE,
  log,
  statusCacheMs = 1000,
}: PostgresRegistryOptions): Db {
  let pool: Pool | undefined;
  let closed = false;
  const opened = (async () => {
    // Loaded only when a PostgreSQL registry is used: SQLite deployments never load pg.
    const pg = (await import('pg')).default;
    const p = new pg.Pool({
      connectionString: url,
      max: poolSize,
      // bigint (ms times, versions, counts) as numbers: all stay far below 2^53.
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === 20
            ? Number
            : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    // An idle connection that breaks (a database restart) must not crash the process.
    p.on('error', (e) => log?.(`database connection error: ${e.message}`));
    const client = await p.connect();
    try {
      await migrate(client);
    } finally {
      client.release();
    }
    pool = p;
    return p;
  })();
  // Reported to every caller; unhandled here would crash the process before one asks.
  opened.catch(() => {});

  const ready = async () => {
    if (closed) throw new Error('The call registry is closed.');
    return pool ?? opened;
  };
  const on = (c: Pool | PoolClient): Query => ({
    all: async <R>(sql: string, params: readonly unknown[] = []) =>
      (await c.query(sql, params as unknown[])).rows as R[],
    run: async (sql, params = []) => (await c.query(sql, params as unknown[])).rowCount ?? 0,
  });

  return {
    dialect: 'postgres',
    statusCacheMs,
    now: NOW,
    forUpdate: 'FOR UPDATE',
    forUpdateSkipLocked: 'FOR UPDATE SKIP LOCKED',
    people: (table, alias) =>
      `(SELECT coalesce(json_agg(json_build_array(x.user_id, x.name, x.image, x.joined_at)
        ORDER BY x.joined_at, x.user_id), '[]')::text FROM ${table} x WHERE x.call_id = ${alias}.id)`,
    all: async (sql, params) => on(await ready()).all(sql, params),
    run: async (sql, params) => on(await ready()).run(sql, params),
    async tx(fn) {
      const p = await ready();
      for (let attempt = 1; ; attempt++) {
        const client = await p.connect();
        try {
          await client.query('BEGIN');
          const result = await fn(on(client));
          await client.query('COMMIT');
          return result;
        } catch (e) {
          await client.query('ROLLBACK').catch(() => {});
          const code = (e as { code?: string }).code;
          if (attempt >= 3 || !code || !RETRYABLE.has(code)) throw e;
        } finally {
          client.release();
        }
      }
    },
    ready: async () => {
      await ready();
    },
    close: async () => {
      if (closed) return;
      closed = true;
      const p = await opened.catch(() => undefined);
      await p?.end();
    },
  };
}

/**
 * The registry on PostgreSQL (node-postgres, loaded on first use): any number of service
 * instances on one database. Migrations run when it opens; `ready()` says when that is done.
 */
export function postgresCallRegistry(options: PostgresRegistryOptions): CallRegistry {
  return sqlCallRegistry(postgresDb(options));
}
