import Database from 'better-sqlite3';
import type { Db, Query } from './sql';
import { sqlCallRegistry } from './store';
import type { CallRegistry } from './types';

/** The database clock in ms (SQLite's `'now'` has millisecond precision, one value per statement). */
const NOW = "CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)";
const ms = (column: string) =>
  `CAST(round((julianday(${column}) - 2440587.5) * 86400000) AS INTEGER)`;

/**
 * Schema versions, applied in order in one transaction; `PRAGMA user_version` says how many a
 * file has. 1: the first schema; 2: sessions (ISO text times); 3: times in ms from the database
 * clock, liveness and the empty-call sweep in the database, room claims (PostgreSQL starts here).
 */
const MIGRATIONS = [
  `CREATE TABLE IF NOT EXISTS calls (
    id TEXT PRIMARY KEY, cid TEXT NOT NULL, call_json TEXT NOT NULL,
    created_by_json TEXT NOT NULL, created_at TEXT NOT NULL, started_at TEXT NOT NULL,
    ended_at TEXT, had_participants INTEGER NOT NULL DEFAULT 0);
  CREATE TABLE IF NOT EXISTS participants (
    call_id TEXT NOT NULL REFERENCES calls(id) ON DELETE CASCADE, user_id TEXT NOT NULL,
    name TEXT, image TEXT, joined_at TEXT NOT NULL, PRIMARY KEY (call_id, user_id));`,
  `ALTER TABLE calls ADD COLUMN session INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE calls ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE calls ADD COLUMN ended_reason TEXT;
  UPDATE calls SET ended_reason = 'ended' WHERE ended_at IS NOT NULL;
  CREATE TABLE attendees (
    call_id TEXT NOT NULL REFERENCES calls(id) ON DELETE CASCADE, user_id TEXT NOT NULL,
    name TEXT, image TEXT, joined_at TEXT NOT NULL, PRIMARY KEY (call_id, user_id));
  INSERT INTO attendees SELECT * FROM participants;
  CREATE TABLE call_sessions (
    call_id TEXT NOT NULL REFERENCES calls(id) ON DELETE CASCADE, session INTEGER NOT NULL,
    state_json TEXT NOT NULL, PRIMARY KEY (call_id, session));`,
  `CREATE TABLE calls_3 (
    id TEXT PRIMARY KEY, cid TEXT NOT NULL, call_json TEXT NOT NULL,
    created_by_json TEXT NOT NULL, created_at INTEGER NOT NULL, session INTEGER NOT NULL,
    version INTEGER NOT NULL, started_at INTEGER NOT NULL, ended_at INTEGER, ended_reason TEXT,
    had_participants INTEGER NOT NULL DEFAULT 0, empty_since INTEGER);
  INSERT INTO calls_3 SELECT id, cid, call_json, created_by_json, ${ms('created_at')}, session,
    version, ${ms('started_at')}, ${ms('ended_at')}, ended_reason, had_participants,
    CASE WHEN ended_at IS NULL AND had_participants = 1 AND NOT EXISTS
      (SELECT 1 FROM participants p WHERE p.call_id = calls.id) THEN ${NOW} END
    FROM calls;
  CREATE TABLE participants_3 (
    call_id TEXT NOT NULL REFERENCES calls(id) ON DELETE CASCADE, user_id TEXT NOT NULL,
    name TEXT, image TEXT, joined_at INTEGER NOT NULL, last_seen INTEGER NOT NULL,
    checked_at INTEGER NOT NULL, PRIMARY KEY (call_id, user_id));
  INSERT INTO participants_3 SELECT call_id, user_id, name, image, ${ms('joined_at')}, ${NOW},
    ${NOW} FROM participants;
  CREATE TABLE attendees_3 (
    call_id TEXT NOT NULL REFERENCES calls(id) ON DELETE CASCADE, user_id TEXT NOT NULL,
    name TEXT, image TEXT, joined_at INTEGER NOT NULL, PRIMARY KEY (call_id, user_id));
  INSERT INTO attendees_3 SELECT call_id, user_id, name, image, ${ms('joined_at')} FROM attendees;
  DROP TABLE participants;
  DROP TABLE attendees;
  DROP TABLE calls;
  ALTER TABLE calls_3 RENAME TO calls;
  ALTER TABLE participants_3 RENAME TO participants;
  ALTER TABLE attendees_3 RENAME TO attendees;
  CREATE INDEX participants_last_seen ON participants (last_seen);
  CREATE INDEX calls_empty_since ON calls (empty_since) WHERE empty_since IS NOT NULL;
  CREATE TABLE room_claims (id TEXT PRIMARY KEY, claimed_until INTEGER NOT NULL);`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** `$1…$n` placeholders as better-sqlite3 takes them: `?`, with the values in order. */
function positional(sql: string): { text: string; order: number[] } {
  const order: number[] = [];
  const text = sql.replace(/\$(\d+)/g, (_m, n: string) => {
    order.push(Number(n) - 1);
    return '?';
  });
  return { text, order };
}

/**
 * SQLite through better-sqlite3: synchronous, so a transaction cannot interleave with another
 * statement unless it awaits; transactions (and statements that arrive while one is open) run
 * one after another.
 */
function sqliteDb(path: string): Db {
  const db = new Database(path);
  if (path !== ':memory:') db.pragma('journal_mode = WAL');
  // Off while migrating: rebuilding a table must not cascade into the rows that refer to it.
  db.pragma('foreign_keys = OFF');
  db.transaction(() => {
    const at = db.pragma('user_version', { simple: true }) as number;
    for (let v = at; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v]!);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  })();
  db.pragma('foreign_keys = ON');

  const statements = new Map<string, { stmt: Database.Statement; order: number[] }>();
  const prepare = (sql: string) => {
    let s = statements.get(sql);
    if (!s) {
      const { text, order } = positional(sql);
      s = { stmt: db.prepare(text), order };
      statements.set(sql, s);
    }
    return s;
  };
  const bind = (order: number[], params: readonly unknown[]) =>
    order.map((i) => {
      const v = params[i];
      return typeof v === 'boolean' ? Number(v) : v;
    });
  const direct = {
    all<R>(sql: string, params: readonly unknown[] = []): R[] {
      const { stmt, order } = prepare(sql);
      return stmt.all(...bind(order, params)) as R[];
    },
    run(sql: string, params: readonly unknown[] = []): number {
      const { stmt, order } = prepare(sql);
      return stmt.run(...bind(order, params)).changes;
    },
  };
  const inTx: Query = {
    all: async (sql, params) => direct.all(sql, params),
    run: async (sql, params) => direct.run(sql, params),
  };

  let chain: Promise<unknown> = Promise.resolve();
  let queued = 0;
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    queued++;
    const p = chain.then(work);
    chain = p.then(
      () => queued--,
      () => queued--,
    );
    return p;
  };
  /** A statement outside a transaction: now, unless a transaction is open or waiting. */
  const single = <T>(work: () => T): Promise<T> => {
    if (queued === 0) {
      try {
        return Promise.resolve(work());
      } catch (e) {
        return Promise.reject(e);
      }
    }
    return exclusive(async () => work());
  };

  return {
    dialect: 'sqlite',
    statusCacheMs: Number.POSITIVE_INFINITY,
    now: NOW,
    forUpdate: '',
    forUpdateSkipLocked: '',
    people: (table, alias) =>
      `(SELECT json_group_array(json_array(user_id, name, image, joined_at)) FROM
        (SELECT user_id, name, image, joined_at FROM ${table} WHERE call_id = ${alias}.id
         ORDER BY joined_at, user_id))`,
    all: (sql, params) => single(() => direct.all(sql, params)),
    run: (sql, params) => single(() => direct.run(sql, params)),
    tx: (fn) =>
      exclusive(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(inTx);
          db.exec('COMMIT');
          return result;
        } catch (e) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw e;
        }
      }),
    ready: () => Promise.resolve(),
    close: async () => {
      await chain;
      if (db.open) db.close();
    },
  };
}

/**
 * The embedded registry: one SQLite file (WAL) owned by one process (`:memory:` for tests).
 * Migrations run when it opens.
 */
export function sqliteCallRegistry(path = ':memory:'): CallRegistry {
  return sqlCallRegistry(sqliteDb(path));
}
