/**
 * The little the call rules need from a SQL database, so one implementation of the rules
 * (store.ts) runs on SQLite and on PostgreSQL. Statements use `$1…$n` placeholders; the SQLite
 * driver rewrites them.
 */
export interface Query {
  all<R>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Rows changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
}

export interface Db extends Query {
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * How long a call known to be ongoing is trusted without reading the database: unlimited
   * where this process owns the database (SQLite), short where other instances change it.
   */
  readonly statusCacheMs: number;
  /** An expression for the database clock in milliseconds since the epoch (a bigint). */
  readonly now: string;
  /** Locks the selected row until the transaction ends (`FOR UPDATE`; '' on SQLite). */
  readonly forUpdate: string;
  /** Locks the row, or skips it when another transaction holds it (`FOR UPDATE SKIP LOCKED`). */
  readonly forUpdateSkipLocked: string;
  /**
   * An expression for the JSON array text of the people (participants or attendees) of call
   * `alias.id`, in join order: `[[user_id, name, image, joined_at], …]`.
   */
  people(table: 'participants' | 'attendees', alias: string): string;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  tx<T>(fn: (q: Query) => Promise<T>): Promise<T>;
  /** Resolves once the schema is migrated. */
  ready(): Promise<void>;
  close(): Promise<void>;
}
