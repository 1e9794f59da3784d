import Database from 'better-sqlite3';
import type { Call, CallEndReason, CallLiveState, CallParticipant, CallType } from './contract';

/** Everyone who joined during a session is kept as an attendee, up to this many. */
export const MAX_ATTENDEES = 100;

export interface StoredCall {
  /** The call; its `type` is the current session's. */
  call: Call;
  /** The channel the call belongs to (`type:id`). */
  cid: string;
  /** Who started the current session. */
  createdBy: { id: string; name?: string; image?: string };
  createdAt: string;
  /** The current session (1 for the call's first). */
  session: number;
  /** Grows with every change of the call, across its sessions. */
  version: number;
  /** Start of the current session. */
  startedAt: string;
  endedAt: string | null;
  endedReason: CallEndReason | null;
  /** Whether anyone joined during the current session (a call ends itself only after that). */
  hadParticipants: boolean;
  participants: CallParticipant[];
  attendees: CallParticipant[];
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
   * Just the call, its channel and whether its session has ended, for requests that need nothing
   * else (GetCallToken, once per join). Optional: without it the service uses `get`.
   */
  getCall?(id: string): (Pick<StoredCall, 'call' | 'cid'> & { ended: boolean }) | undefined;
  /** The record of a past session as it ended (undefined when there is no such session). */
  pastSession(id: string, session: number): CallLiveState | undefined;
  /**
   * Starts the next session of an ended call (session + 1, no participants, no attendees, the
   * given type and starter); false if the call is not ended.
   */
  newSession(
    id: string,
    input: { type: CallType; createdBy: StoredCall['createdBy']; now: string },
  ): boolean;
  /** Adds a participant (and attendee) to the ongoing session; false if already there. */
  addParticipant(id: string, participant: CallParticipant): boolean;
  /** Removes a participant; true when it was there. */
  removeParticipant(id: string, userId: string): boolean;
  /**
   * Marks the current session ended for `reason`, clears its participants and keeps its record;
   * false if it was already ended.
   */
  end(id: string, now: string, reason: CallEndReason): boolean;
  /** Ids of ongoing calls that had participants and have none left (to end after a restart). */
  emptyOngoing(): string[];
  close(): void;
}

/** Live state as the wire has it. */
export function toLiveState(s: StoredCall): CallLiveState {
  const out: CallLiveState = {
    call: s.call,
    session: s.session,
    version: s.version,
    state: s.endedAt === null ? 'ongoing' : 'ended',
    participants: s.participants,
    attendees: s.attendees,
    started_at: s.startedAt,
    ended_at: s.endedAt,
    created_by: s.createdBy,
  };
  if (s.endedReason !== null) out.ended_reason = s.endedReason;
  return out;
}

interface CallRow {
  id: string;
  cid: string;
  call_json: string;
  created_by_json: string;
  created_at: string;
  session: number;
  version: number;
  started_at: string;
  ended_at: string | null;
  ended_reason: CallEndReason | null;
  had_participants: number;
}

interface PersonRow {
  user_id: string;
  name: string | null;
  image: string | null;
  joined_at: string;
}

/** Schema versions, applied in order; `PRAGMA user_version` says how many a file has. */
const MIGRATIONS = [
  `CREATE TABLE IF NOT EXISTS calls (
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
  );`,
  // Sessions, versions, end reasons, attendees, and the records of past sessions.
  `ALTER TABLE calls ADD COLUMN session INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE calls ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE calls ADD COLUMN ended_reason TEXT;
  UPDATE calls SET ended_reason = 'ended' WHERE ended_at IS NOT NULL;
  CREATE TABLE attendees (
    call_id TEXT NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL,
    name TEXT,
    image TEXT,
    joined_at TEXT NOT NULL,
    PRIMARY KEY (call_id, user_id)
  );
  INSERT INTO attendees SELECT * FROM participants;
  CREATE TABLE call_sessions (
    call_id TEXT NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
    session INTEGER NOT NULL,
    state_json TEXT NOT NULL,
    PRIMARY KEY (call_id, session)
  );`,
];

/** How many calls' ids, channels and provider details `getCall` keeps in memory. */
const REMEMBERED_CALLS = 1024;

const person = (p: PersonRow): CallParticipant => {
  const out: CallParticipant = { user_id: p.user_id, joined_at: p.joined_at };
  if (p.name !== null) out.name = p.name;
  if (p.image !== null) out.image = p.image;
  return out;
};

/** A better-sqlite3 registry: WAL, prepared statements, synchronous (one process owns the file). */
export function sqliteCallRegistry(path = ':memory:'): CallRegistry {
  const db = new Database(path);
  if (path !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.transaction(() => {
    const at = db.pragma('user_version', { simple: true }) as number;
    for (let v = at; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v]!);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  })();

  /** Provider and room of a call: they never change once written (sessions change its type). */
  const remembered = new Map<string, Pick<StoredCall, 'call' | 'cid'>>();
  const q = {
    insert: db.prepare(
      `INSERT OR IGNORE INTO calls (id, cid, call_json, created_by_json, created_at, started_at)
       VALUES (@id, @cid, @call_json, @created_by_json, @now, @now)`,
    ),
    get: db.prepare<[string], CallRow>('SELECT * FROM calls WHERE id = ?'),
    // Raw rows: no per-row object, the hot path of GetCallToken.
    getCall: db
      .prepare<[string], [string, string]>('SELECT cid, call_json FROM calls WHERE id = ?')
      .raw(),
    ended: db
      .prepare<[string], [number]>('SELECT ended_at IS NOT NULL FROM calls WHERE id = ?')
      .raw(),
    participants: db.prepare<[string], PersonRow>(
      'SELECT user_id, name, image, joined_at FROM participants WHERE call_id = ? ORDER BY joined_at, user_id',
    ),
    attendees: db.prepare<[string], PersonRow>(
      'SELECT user_id, name, image, joined_at FROM attendees WHERE call_id = ? ORDER BY joined_at, user_id',
    ),
    pastSession: db
      .prepare<[string, number], [string]>(
        'SELECT state_json FROM call_sessions WHERE call_id = ? AND session = ?',
      )
      .raw(),
    newSession: db.prepare(
      `UPDATE calls SET session = session + 1, version = version + 1, call_json = @call_json,
       created_by_json = @created_by_json, started_at = @now, ended_at = NULL, ended_reason = NULL,
       had_participants = 0 WHERE id = @id AND ended_at IS NOT NULL`,
    ),
    clearAttendees: db.prepare('DELETE FROM attendees WHERE call_id = ?'),
    addParticipant: db.prepare(
      `INSERT OR IGNORE INTO participants (call_id, user_id, name, image, joined_at)
       VALUES (@call_id, @user_id, @name, @image, @joined_at)`,
    ),
    addAttendee: db.prepare(
      `INSERT OR IGNORE INTO attendees (call_id, user_id, name, image, joined_at)
       SELECT @call_id, @user_id, @name, @image, @joined_at
       WHERE (SELECT count(*) FROM attendees WHERE call_id = @call_id) < ${MAX_ATTENDEES}`,
    ),
    joined: db.prepare(
      'UPDATE calls SET had_participants = 1, version = version + 1 WHERE id = ? AND ended_at IS NULL',
    ),
    removeParticipant: db.prepare('DELETE FROM participants WHERE call_id = ? AND user_id = ?'),
    bump: db.prepare('UPDATE calls SET version = version + 1 WHERE id = ?'),
    clearParticipants: db.prepare('DELETE FROM participants WHERE call_id = ?'),
    end: db.prepare(
      `UPDATE calls SET ended_at = ?, ended_reason = ?, version = version + 1
       WHERE id = ? AND ended_at IS NULL`,
    ),
    keepSession: db.prepare(
      'INSERT OR REPLACE INTO call_sessions (call_id, session, state_json) VALUES (?, ?, ?)',
    ),
    emptyOngoing: db.prepare<[], { id: string }>(
      `SELECT id FROM calls WHERE ended_at IS NULL AND had_participants = 1
       AND NOT EXISTS (SELECT 1 FROM participants p WHERE p.call_id = calls.id)`,
    ),
  };

  const read = (id: string): StoredCall | undefined => {
    const row = q.get.get(id);
    if (!row) return undefined;
    return {
      call: JSON.parse(row.call_json) as Call,
      cid: row.cid,
      createdBy: JSON.parse(row.created_by_json) as StoredCall['createdBy'],
      createdAt: row.created_at,
      session: row.session,
      version: row.version,
      startedAt: row.started_at,
      endedAt: row.ended_at,
      endedReason: row.ended_reason,
      hadParticipants: row.had_participants === 1,
      participants: q.participants.all(id).map(person),
      attendees: q.attendees.all(id).map(person),
    };
  };

  const newSession = db.transaction(
    (id: string, input: Parameters<CallRegistry['newSession']>[1]) => {
      const row = q.get.get(id);
      if (!row || row.ended_at === null) return false;
      const call = { ...(JSON.parse(row.call_json) as Call), type: input.type };
      q.newSession.run({
        id,
        call_json: JSON.stringify(call),
        created_by_json: JSON.stringify(input.createdBy),
        now: input.now,
      });
      q.clearAttendees.run(id);
      return true;
    },
  );
  const addParticipant = db.transaction((id: string, p: CallParticipant) => {
    const row = {
      call_id: id,
      user_id: p.user_id,
      name: p.name ?? null,
      image: p.image ?? null,
      joined_at: p.joined_at,
    };
    if (q.ended.get(id)?.[0] !== 0) return false;
    if (q.addParticipant.run(row).changes === 0) return false;
    q.addAttendee.run(row);
    q.joined.run(id);
    return true;
  });
  const removeParticipant = db.transaction((id: string, userId: string) => {
    if (q.removeParticipant.run(id, userId).changes === 0) return false;
    q.bump.run(id);
    return true;
  });
  const end = db.transaction((id: string, now: string, reason: CallEndReason) => {
    if (q.end.run(now, reason, id).changes === 0) return false;
    q.clearParticipants.run(id);
    const ended = read(id)!;
    q.keepSession.run(id, ended.session, JSON.stringify(toLiveState(ended)));
    return true;
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
      // A call's channel, provider and room never change once written, so GetCallToken, once
      // per join, reads them from memory after the first time (its `type` may be an earlier
      // session's: tokens do not depend on it). Only calls that exist are remembered.
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
      return { ...found, ended: q.ended.get(id)?.[0] === 1 };
    },
    pastSession(id, session) {
      const row = q.pastSession.get(id, session);
      return row ? (JSON.parse(row[0]) as CallLiveState) : undefined;
    },
    newSession: (id, input) => newSession(id, input),
    addParticipant: (id, p) => addParticipant(id, p),
    removeParticipant: (id, userId) => removeParticipant(id, userId),
    end: (id, now, reason) => end(id, now, reason),
    emptyOngoing: () => q.emptyOngoing.all().map((r) => r.id),
    close: () => {
      if (db.open) db.close();
    },
  };
}
