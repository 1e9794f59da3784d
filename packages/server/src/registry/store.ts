/**
 * The call rules that read before they write, once for both databases. Every change is one
 * transaction that locks the call's row first (PostgreSQL `FOR UPDATE`; SQLite has one writer),
 * then reads, then writes and bumps the version in the same transaction, and returns whether it
 * changed anything: only the operation that changed the call tells the channel, after its commit.
 * A single `UPDATE … WHERE NOT EXISTS (participants)` is not enough (it ended a call while a
 * participant had just committed); the row lock is.
 */
import type { Call, CallEndReason, CallLiveState, CallParticipant } from '../contract';
import type { Db, Query } from './sql';
import {
  type CallRegistry,
  type CallSummary,
  type Change,
  MAX_ATTENDEES,
  type Person,
  type StoredCall,
  type TakeOut,
  toLiveState,
} from './types';

interface CallRow {
  cid: string;
  call_json: string;
  created_by_json: string;
  created_at: number | string;
  session: number;
  version: number | string;
  started_at: number | string;
  ended_at: number | string | null;
  ended_reason: CallEndReason | null;
  participants_json: string;
  attendees_json: string;
}

interface LockRow {
  /** The database clock when the lock was taken: one time for all of a change's rows. */
  now: number | string;
  session: number;
  ended_at: number | string | null;
  had_participants: number;
}

type PersonTuple = [string, string | null, string | null, number];

const iso = (ms: number | string) => new Date(Number(ms)).toISOString();

function people(json: string): CallParticipant[] {
  return (JSON.parse(json) as PersonTuple[]).map(([user_id, name, image, joined]) => {
    const p: CallParticipant = { user_id, joined_at: iso(joined) };
    if (name !== null) p.name = name;
    if (image !== null) p.image = image;
    return p;
  });
}

/** How many calls' channels and rooms `getCall` keeps in memory. */
const REMEMBERED_CALLS = 1024;
/** Candidates one sweep looks at (the next sweep takes the rest). */
const SWEEP_BATCH = 200;

export function sqlCallRegistry(db: Db): CallRegistry {
  const NOW = db.now;
  const readSql = `SELECT c.cid, c.call_json, c.created_by_json, c.created_at, c.session, c.version,
    c.started_at, c.ended_at, c.ended_reason,
    ${db.people('participants', 'c')} AS participants_json,
    ${db.people('attendees', 'c')} AS attendees_json
    FROM calls c WHERE c.id = $1`;

  const read = async (q: Query, id: string): Promise<StoredCall | undefined> => {
    const [row] = await q.all<CallRow>(readSql, [id]);
    if (!row) return undefined;
    return {
      call: JSON.parse(row.call_json) as Call,
      cid: row.cid,
      createdBy: JSON.parse(row.created_by_json) as Person,
      createdAt: iso(row.created_at),
      session: row.session,
      version: Number(row.version),
      startedAt: iso(row.started_at),
      endedAt: row.ended_at === null ? null : iso(row.ended_at),
      endedReason: row.ended_reason,
      participants: people(row.participants_json),
      attendees: people(row.attendees_json),
    };
  };

  const lock = async (q: Query, id: string, skipLocked = false) => {
    const [row] = await q.all<LockRow>(
      `SELECT ${NOW} AS now, session, ended_at, had_participants FROM calls WHERE id = $1 ${
        skipLocked ? db.forUpdateSkipLocked : db.forUpdate
      }`,
      [id],
    );
    return row;
  };

  /** Ends the locked, ongoing session: clears its participants and keeps its record. */
  const endLocked = async (q: Query, id: string, reason: CallEndReason): Promise<StoredCall> => {
    await q.run(
      `UPDATE calls SET ended_at = ${NOW}, ended_reason = $2, empty_since = NULL,
       version = version + 1 WHERE id = $1`,
      [id, reason],
    );
    await q.run('DELETE FROM participants WHERE call_id = $1', [id]);
    const ended = (await read(q, id))!;
    // Ended in the memo at once (a rollback after this only costs a database read).
    changedHere(ended);
    await q.run(
      `INSERT INTO call_sessions (call_id, session, state_json) VALUES ($1, $2, $3)
       ON CONFLICT (call_id, session) DO UPDATE SET state_json = excluded.state_json`,
      [id, ended.session, JSON.stringify(toLiveState(ended))],
    );
    return ended;
  };

  /**
   * Takes a participant out of the locked call (only if silent for `silentMs`, when given);
   * the last one out ends the call (grace 0) or marks it empty since now.
   */
  const takeOutLocked = async (
    q: Query,
    id: string,
    userId: string,
    graceMs: number,
    silentMs?: number,
  ): Promise<TakeOut> => {
    const removed = await q.run(
      silentMs === undefined
        ? 'DELETE FROM participants WHERE call_id = $1 AND user_id = $2'
        : `DELETE FROM participants WHERE call_id = $1 AND user_id = $2 AND last_seen <= ${NOW} - $3`,
      silentMs === undefined ? [id, userId] : [id, userId, silentMs],
    );
    if (removed === 0)
      return { changed: false, ended: false, userId, stored: (await read(q, id))! };
    // The version bump and, when nobody is left, the start of the empty-call grace, in one
    // statement; with no grace the end that follows is the bump (one change, one version).
    const nobody = 'NOT EXISTS (SELECT 1 FROM participants p WHERE p.call_id = $1)';
    const [after] = await q.all<{ empty: number | boolean }>(
      `UPDATE calls SET version = version + CASE WHEN $2 = 1 AND ${nobody} THEN 0 ELSE 1 END,
       empty_since = CASE WHEN ${nobody} THEN ${NOW} ELSE NULL END
       WHERE id = $1 RETURNING empty_since IS NOT NULL AS empty`,
      [id, graceMs <= 0 ? 1 : 0],
    );
    if (after!.empty && graceMs <= 0) {
      return { changed: true, ended: true, userId, stored: await endLocked(q, id, 'empty') };
    }
    return { changed: true, ended: false, userId, stored: (await read(q, id))! };
  };

  /** GetCallToken's memo: the most recently used last, so the first key is the one to forget. */
  const remembered = new Map<string, CallSummary & { at: number }>();
  const remember = (id: string, s: CallSummary) => {
    remembered.delete(id);
    if (remembered.size >= REMEMBERED_CALLS) remembered.delete(remembered.keys().next().value!);
    const entry = { ...s, at: Date.now() };
    remembered.set(id, entry);
    return entry;
  };
  const summary = ({ call, cid, session, ended }: CallSummary): CallSummary => ({
    call,
    cid,
    session,
    ended,
  });
  /** This registry's own changes keep the memo exact for calls it remembers. */
  const changedHere = (stored: StoredCall) => {
    const hit = remembered.get(stored.call.id);
    if (hit) {
      hit.session = stored.session;
      hit.ended = stored.endedAt !== null;
      hit.at = Date.now();
    }
  };

  return {
    ready: () => db.ready(),
    close: () => db.close(),

    async create({ call, cid, createdBy }) {
      // No transaction: the read after the insert answers whichever row exists.
      const inserted = await db.run(
        `INSERT INTO calls (id, cid, call_json, created_by_json, created_at, session, version,
         started_at, had_participants) VALUES ($1, $2, $3, $4, ${NOW}, 1, 1, ${NOW}, 0)
         ON CONFLICT (id) DO NOTHING`,
        [call.id, cid, JSON.stringify(call), JSON.stringify(createdBy)],
      );
      return { created: inserted > 0, stored: (await read(db, call.id))! };
    },

    get: (id) => read(db, id),

    async getCall(id) {
      // GetCallToken, once per join, stays off the database while the call is known to be
      // ongoing: its channel and room never change once written (a session changes only its
      // type, which tokens do not depend on), and this registry sees its own changes. Another
      // instance's end is seen within `statusCacheMs` (its joins are refused at once); an ended
      // call is always read again, so a session started elsewhere is found at once.
      const hit = remembered.get(id);
      if (hit && !hit.ended && Date.now() - hit.at < db.statusCacheMs) {
        remembered.delete(id);
        remembered.set(id, hit);
        return summary(hit);
      }
      const [row] = await db.all<{
        cid: string;
        call_json: string;
        session: number;
        ended: number | boolean;
      }>('SELECT cid, call_json, session, ended_at IS NOT NULL AS ended FROM calls WHERE id = $1', [
        id,
      ]);
      if (!row) return undefined;
      const call = hit?.call ?? (JSON.parse(row.call_json) as Call);
      return summary(
        remember(id, { cid: row.cid, call, session: row.session, ended: Boolean(row.ended) }),
      );
    },

    async pastSession(id, session) {
      const [row] = await db.all<{ state_json: string }>(
        'SELECT state_json FROM call_sessions WHERE call_id = $1 AND session = $2',
        [id, session],
      );
      return row ? (JSON.parse(row.state_json) as CallLiveState) : undefined;
    },

    newSession(id, { type, createdBy }) {
      return db
        .tx(async (q) => {
          const row = await lock(q, id);
          if (!row) return undefined;
          const stored = (await read(q, id))!;
          if (row.ended_at === null) return { changed: false, stored };
          await q.run(
            `UPDATE calls SET session = session + 1, version = version + 1, call_json = $2,
           created_by_json = $3, started_at = ${NOW}, ended_at = NULL, ended_reason = NULL,
           had_participants = 0, empty_since = NULL WHERE id = $1`,
            [id, JSON.stringify({ ...stored.call, type }), JSON.stringify(createdBy)],
          );
          await q.run('DELETE FROM attendees WHERE call_id = $1', [id]);
          await q.run('DELETE FROM participants WHERE call_id = $1', [id]);
          return { changed: true, stored: (await read(q, id))! };
        })
        .then((out) => {
          if (out?.changed) changedHere(out.stored);
          return out;
        });
    },

    join(id, person, session) {
      return db.tx(async (q) => {
        const row = await lock(q, id);
        if (!row) return undefined;
        if (session !== undefined && session !== row.session) {
          return { refused: 'other-session' as const, stored: (await read(q, id))! };
        }
        if (row.ended_at !== null)
          return { refused: 'ended' as const, stored: (await read(q, id))! };
        const values = [id, person.id, person.name ?? null, person.image ?? null, Number(row.now)];
        const added = await q.run(
          `INSERT INTO participants (call_id, user_id, name, image, joined_at, last_seen,
           checked_at) VALUES ($1, $2, $3, $4, $5, $5, $5) ON CONFLICT (call_id, user_id) DO NOTHING`,
          values,
        );
        if (added === 0) {
          // Already in: the join refreshes its liveness (and its membership was just checked).
          await q.run(
            `UPDATE participants SET last_seen = $3, checked_at = $3
             WHERE call_id = $1 AND user_id = $2`,
            [id, person.id, Number(row.now)],
          );
          return { changed: false, stored: (await read(q, id))! };
        }
        await q.run(
          `INSERT INTO attendees (call_id, user_id, name, image, joined_at)
           SELECT $1, $2, $3, $4, $5
           WHERE (SELECT count(*) FROM attendees WHERE call_id = $1) < ${MAX_ATTENDEES}
           ON CONFLICT (call_id, user_id) DO NOTHING`,
          values,
        );
        await q.run(
          `UPDATE calls SET had_participants = 1, empty_since = NULL, version = version + 1
           WHERE id = $1`,
          [id],
        );
        return { changed: true, stored: (await read(q, id))! };
      });
    },

    async alive(id, userId, session) {
      const [row] = await db.all<{ since: number | string }>(
        `UPDATE participants SET last_seen = ${NOW} WHERE call_id = $1 AND user_id = $2
         AND EXISTS (SELECT 1 FROM calls c WHERE c.id = $1 AND c.ended_at IS NULL
         AND ($3 = 0 OR c.session = $3))
         RETURNING last_seen - checked_at AS since`,
        [id, userId, session ?? 0],
      );
      return row ? { sinceCheckMs: Number(row.since) } : undefined;
    },

    async memberChecked(id, userId) {
      await db.run(
        `UPDATE participants SET checked_at = ${NOW} WHERE call_id = $1 AND user_id = $2`,
        [id, userId],
      );
    },

    leave(id, userId, graceMs, session) {
      return db.tx(async (q) => {
        const row = await lock(q, id);
        if (!row) return undefined;
        if (row.ended_at !== null || (session !== undefined && session !== row.session)) {
          return { changed: false, ended: false, userId, stored: (await read(q, id))! };
        }
        return takeOutLocked(q, id, userId, graceMs);
      });
    },

    end(id, reason, session) {
      return db.tx(async (q): Promise<Change | undefined> => {
        const row = await lock(q, id);
        if (!row) return undefined;
        if ((session !== undefined && session !== row.session) || row.ended_at !== null) {
          return { changed: false, stored: (await read(q, id))! };
        }
        return { changed: true, stored: await endLocked(q, id, reason) };
      });
    },

    async sweepSilent(ttlMs, graceMs) {
      const candidates = await db.all<{ call_id: string; user_id: string }>(
        `SELECT p.call_id, p.user_id FROM participants p JOIN calls c ON c.id = p.call_id
         WHERE c.ended_at IS NULL AND p.last_seen <= ${NOW} - $1 LIMIT ${SWEEP_BATCH}`,
        [ttlMs],
      );
      const out: TakeOut[] = [];
      for (const { call_id, user_id } of candidates) {
        const taken = await db.tx(async (q) => {
          // Another instance (or a request) holding the call is left alone: a later sweep sees
          // whether the participant is still silent then.
          const row = await lock(q, call_id, true);
          if (!row || row.ended_at !== null) return undefined;
          return takeOutLocked(q, call_id, user_id, graceMs, ttlMs);
        });
        if (taken?.changed) out.push(taken);
      }
      return out;
    },

    async sweepEmpty(graceMs) {
      const candidates = await db.all<{ id: string }>(
        `SELECT id FROM calls WHERE ended_at IS NULL AND empty_since IS NOT NULL
         AND empty_since <= ${NOW} - $1 LIMIT ${SWEEP_BATCH}`,
        [graceMs],
      );
      const out: StoredCall[] = [];
      for (const { id } of candidates) {
        const ended = await db.tx(async (q) => {
          const row = await lock(q, id, true);
          if (!row || row.ended_at !== null) return undefined;
          // Read again under the lock: a join since the candidates were listed keeps it going.
          const [still] = await q.all<{ id: string }>(
            `SELECT id FROM calls WHERE id = $1 AND empty_since <= ${NOW} - $2
             AND NOT EXISTS (SELECT 1 FROM participants p WHERE p.call_id = $1)`,
            [id, graceMs],
          );
          return still ? endLocked(q, id, 'empty') : undefined;
        });
        if (ended) out.push(ended);
      }
      return out;
    },

    async claimRoom(id, ms) {
      const n = await db.run(
        `INSERT INTO room_claims (id, claimed_until) VALUES ($1, ${NOW} + $2)
         ON CONFLICT (id) DO UPDATE SET claimed_until = excluded.claimed_until
         WHERE room_claims.claimed_until < ${NOW}`,
        [id, ms],
      );
      return n > 0;
    },

    async releaseRoom(id) {
      await db.run('DELETE FROM room_claims WHERE id = $1', [id]);
    },
  };
}
