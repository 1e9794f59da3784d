import Database from 'better-sqlite3';
import type { Call, CallParticipant } from './contract';

export interface StoredCall {
  call: Call;
  /** The channel the call belongs to (`type:id`). */
  cid: string;
  createdBy: { id: string; name?: string; image?: string };
  createdAt: string;
  /** Start of the current period (a reopened call starts a new one). */
  startedAt: string;
  endedAt: string | null;
  /** Whether anyone joined during the current period (a call ends itself only after that). */
  hadParticipants: boolean;
  participants: CallParticipant[];
}

export type CreateResult =
  | { created: true; stored: StoredCall }
  | { created: false; stored: StoredCall };

/** Where calls live. The SQLite implementation below survives restarts. */
export interface CallRegistry {
  /** Inserts the call unless its id exists; returns the stored call either way. */
  createOrGet(input: {
    call: Call;
    cid: string;
    createdBy: StoredCall['createdBy'];
    now: string;
  }): CreateResult;
  get(id: string): StoredCall | undefined;
  /**
   * Just the call and its channel, for requests that need nothing else (GetCallToken, once per
   * join). Optional: without it the service uses `get`.
   */
  getCall?(id: string): Pick<StoredCall, 'call' | 'cid'> | undefined;
  /** Adds (or refreshes the display data of) a participant. Idempotent. */
  addParticipant(id: string, participant: CallParticipant): void;
  /** Removes a participant; true when it was there. */
  removeParticipant(id: string, userId: string): boolean;
  /** Marks the call ended and clears its participants; false if it was already ended. */
  end(id: string, now: string): boolean;
  /** Starts a new ongoing period for an ended call; false if it was not ended. */
  reopen(id: string, now: string): boolean;
  /** Ids of ongoing calls that had participants and have none left (to end after a restart). */
  emptyOngoing(): string[];
  close(): void;
}

interface CallRow {
  id: string;
  cid: string;
  call_json: string;
  created_by_json: string;
  created_at: string;
  started_at: string;
  ended_at: string | null;
  had_participants: number;
}

interface ParticipantRow {
  user_id: string;
  name: string | null;
  image: string | null;
  joined_at: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS calls (
  id TEXT PRIMARY KEY,
  cid TEXT NOT NULL,
  call_json TEXT NOT NULL,
  created_by_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  started_at TEXT NOT NULL,
  ended_at TEXT,
  had_participants INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS participants (
  call_id TEXT NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL,
  name TEXT,
  image TEXT,
  joined_at TEXT NOT NULL,
  PRIMARY KEY (call_id, user_id)
);`;

/** A better-sqlite3 registry: WAL, prepared statements, synchronous (one process owns the file). */
/** How many calls' ids, channels and provider details `getCall` keeps in memory. */
const REMEMBERED_CALLS = 1024;

export function sqliteCallRegistry(path = ':memory:'): CallRegistry {
  const db = new Database(path);
  if (path !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.exec(SCHEMA);

  const remembered = new Map<string, Pick<StoredCall, 'call' | 'cid'>>();
  const q = {
    insert: db.prepare(
      `INSERT OR IGNORE INTO calls (id, cid, call_json, created_by_json, created_at, started_at)
       VALUES (@id, @cid, @call_json, @created_by_json, @now, @now)`,
    ),
    get: db.prepare<[string], CallRow>('SELECT * FROM calls WHERE id = ?'),
    // Raw rows ([cid, call_json]): no per-row object, the hot path of GetCallToken.
    getCall: db
      .prepare<[string], [string, string]>('SELECT cid, call_json FROM calls WHERE id = ?')
      .raw(),
    participants: db.prepare<[string], ParticipantRow>(
      'SELECT user_id, name, image, joined_at FROM participants WHERE call_id = ? ORDER BY joined_at, user_id',
    ),
    addParticipant: db.prepare(
      `INSERT INTO participants (call_id, user_id, name, image, joined_at)
       VALUES (@call_id, @user_id, @name, @image, @joined_at)
       ON CONFLICT (call_id, user_id) DO UPDATE SET name = excluded.name, image = excluded.image`,
    ),
    markHad: db.prepare('UPDATE calls SET had_participants = 1 WHERE id = ?'),
    removeParticipant: db.prepare('DELETE FROM participants WHERE call_id = ? AND user_id = ?'),
    clearParticipants: db.prepare('DELETE FROM participants WHERE call_id = ?'),
    end: db.prepare('UPDATE calls SET ended_at = ? WHERE id = ? AND ended_at IS NULL'),
    emptyOngoing: db.prepare<[], { id: string }>(
      `SELECT id FROM calls WHERE ended_at IS NULL AND had_participants = 1
       AND NOT EXISTS (SELECT 1 FROM participants p WHERE p.call_id = calls.id)`,
    ),
    reopen: db.prepare(
      'UPDATE calls SET ended_at = NULL, started_at = ?, had_participants = 0 WHERE id = ? AND ended_at IS NOT NULL',
    ),
  };

  const read = (id: string): StoredCall | undefined => {
    const row = q.get.get(id);
    if (!row) return undefined;
    const participants = q.participants.all(id).map((p) => {
      const out: CallParticipant = { user_id: p.user_id, joined_at: p.joined_at };
      if (p.name !== null) out.name = p.name;
      if (p.image !== null) out.image = p.image;
      return out;
    });
    return {
      call: JSON.parse(row.call_json) as Call,
      cid: row.cid,
      createdBy: JSON.parse(row.created_by_json) as StoredCall['createdBy'],
      createdAt: row.created_at,
      startedAt: row.started_at,
      endedAt: row.ended_at,
      hadParticipants: row.had_participants === 1,
      participants,
    };
  };

  const addParticipant = db.transaction((id: string, p: CallParticipant) => {
    q.addParticipant.run({
      call_id: id,
      user_id: p.user_id,
      name: p.name ?? null,
      image: p.image ?? null,
      joined_at: p.joined_at,
    });
    q.markHad.run(id);
  });
  const end = db.transaction((id: string, now: string) => {
    const changed = q.end.run(now, id).changes > 0;
    if (changed) q.clearParticipants.run(id);
    return changed;
  });

  return {
    createOrGet({ call, cid, createdBy, now }) {
      const info = q.insert.run({
        id: call.id,
        cid,
        call_json: JSON.stringify(call),
        created_by_json: JSON.stringify(createdBy),
        now,
      });
      const stored = read(call.id)!;
      return { created: info.changes > 0, stored };
    },
    get: read,
    getCall(id) {
      // A call's channel and provider details never change once written (INSERT OR IGNORE; later
      // writes touch only its state), so GetCallToken, once per join, reads them from memory
      // after the first time. Only calls that exist are remembered: a new call is always found.
      let found = remembered.get(id);
      if (found) {
        remembered.delete(id);
      } else {
        const row = q.getCall.get(id);
        if (!row) return undefined;
        found = { cid: row[0], call: JSON.parse(row[1]) as Call };
        if (remembered.size >= REMEMBERED_CALLS) remembered.delete(remembered.keys().next().value!);
      }
      // Most recently used last: the first key is the one to forget.
      remembered.set(id, found);
      return found;
    },
    addParticipant: (id, p) => addParticipant(id, p),
    removeParticipant: (id, userId) => q.removeParticipant.run(id, userId).changes > 0,
    end: (id, now) => end(id, now),
    reopen: (id, now) => q.reopen.run(now, id).changes > 0,
    emptyOngoing: () => q.emptyOngoing.all().map((r) => r.id),
    close: () => {
      if (db.open) db.close();
    },
  };
}
