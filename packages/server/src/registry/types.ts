import type {
  Call,
  CallEndReason,
  CallLiveState,
  CallParticipant,
  CallType,
  ClientEndReason,
} from '../contract';

/** Everyone who joined during a session is kept as an attendee, up to this many. */
export const MAX_ATTENDEES = 100;

/** A user as the registry keeps them (a call's starter, a participant). */
export interface Person {
  /** Their chat user id. */
  id: string;
  /** Their display name, when known. */
  name?: string;
  /** Their avatar URL, when known. */
  image?: string;
}

/** A call as the registry stores it: its current session and who is and was in it. */
export interface StoredCall {
  /** The call; its `type` is the current session's. */
  call: Call;
  /** The channel the call belongs to (`type:id`). */
  cid: string;
  /** Who started the current session. */
  createdBy: Person;
  /** When the call was first created (ISO 8601). */
  createdAt: string;
  /** The current session (1 for the call's first). */
  session: number;
  /** Grows with every change of the call, across its sessions. */
  version: number;
  /** Start of the current session. */
  startedAt: string;
  /** When the current session ended (ISO 8601); null while it is ongoing. */
  endedAt: string | null;
  /** Why the current session ended; null while it is ongoing. */
  endedReason: CallEndReason | null;
  /** In the current session now (empty once ended). */
  participants: CallParticipant[];
  /** Everyone who joined during the current session, first join time kept (at most 100). */
  attendees: CallParticipant[];
}

/** What GetCallToken needs: the call's channel and room, and whether its session has ended. */
export interface CallSummary {
  /** The call (its provider part names the room). */
  call: Call;
  /** The channel it belongs to (`type:id`). */
  cid: string;
  /** Its current session. */
  session: number;
  /** The current session has ended (GetCallToken refuses with 410). */
  ended: boolean;
}

/** The outcome of one change: whether this operation changed the call, and the call after it. */
export interface Change {
  /** This operation changed the call (only then is the channel told). */
  changed: boolean;
  /** The call after the operation. */
  stored: StoredCall;
}

/** A join: refused for an ended session or another session than the current one. */
export type JoinResult = Change | { refused: 'ended' | 'other-session'; stored: StoredCall };

/** A participant taken out (a leave, or silence): and whether that ended the call (empty). */
export interface TakeOut extends Change {
  /** Who was taken out. */
  userId: string;
  /** The change also ended the call (`'empty'`, no grace): one change, one version. */
  ended: boolean;
}

/**
 * Where calls live, and the call rules that read before they write: each operation is one
 * transaction that locks the call's row first, and says whether it changed the call, so only
 * the operation that changed something tells the channel (after its commit). Times come from
 * the database's clock. Implementations: `sqliteCallRegistry` (embedded, one process per file)
 * and `postgresCallRegistry` (any number of instances on one database).
 */
export interface CallRegistry {
  /** Inserts the call (session 1) unless its id exists; the stored call either way. */
  create(input: { call: Call; cid: string; createdBy: Person }): Promise<{
    created: boolean;
    stored: StoredCall;
  }>;
  /** The stored call, or undefined when there is no call of this id. */
  get(id: string): Promise<StoredCall | undefined>;
  /** The call's channel and room and whether it has ended (GetCallToken, once per join). */
  getCall(id: string): Promise<CallSummary | undefined>;
  /** The record of a past session as it ended (undefined when there is no such session). */
  pastSession(id: string, session: number): Promise<CallLiveState | undefined>;
  /**
   * Starts the next session of an ended call (session + 1, no participants or attendees, this
   * type and starter); unchanged when the call is not ended.
   */
  newSession(id: string, input: { type: CallType; createdBy: Person }): Promise<Change | undefined>;
  /** Adds a participant (and attendee) to the ongoing session, or refreshes its liveness. */
  join(id: string, person: Person, session?: number): Promise<JoinResult | undefined>;
  /**
   * One UPDATE: refreshes a participant of the ongoing session (of `session`, when given), and
   * says how long ago its channel membership was last checked; undefined when the user is not
   * in it or it has ended (nothing changes then).
   */
  alive(
    id: string,
    userId: string,
    session?: number,
  ): Promise<{ sinceCheckMs: number } | undefined>;
  /** Notes that a participant's channel membership was just checked (a join does it too). */
  memberChecked(id: string, userId: string): Promise<void>;
  /**
   * Takes a participant out of the current session (of `session`, when given: another one is
   * left alone). The last one out ends the call at once when `graceMs` is 0, or leaves it empty
   * since now (`sweepEmpty` ends it once the grace has passed).
   */
  leave(
    id: string,
    userId: string,
    graceMs: number,
    session?: number,
  ): Promise<TakeOut | undefined>;
  /** Ends the current session (of `session`, when given; another one is left alone). */
  end(id: string, reason: CallEndReason, session?: number): Promise<Change | undefined>;
  /**
   * Takes out every participant of an ongoing call not heard from for `ttlMs`, each exactly
   * once across all instances (rows locked by another instance are left to a later sweep).
   */
  sweepSilent(ttlMs: number, graceMs: number): Promise<TakeOut[]>;
  /** Ends every call left empty for longer than `graceMs` (reason `'empty'`), each once. */
  sweepEmpty(graceMs: number): Promise<StoredCall[]>;
  /**
   * Claims the right to create the provider room of a call id for `ms` (true for one claimer at
   * a time; an expired claim can be taken over).
   */
  claimRoom(id: string, ms: number): Promise<boolean>;
  /** Gives up a `claimRoom` claim (once the room is made, or making it failed). */
  releaseRoom(id: string): Promise<void>;
  /** Resolves once the schema is ready (rejects when the database cannot be used). */
  ready(): Promise<void>;
  /** Closes the database (connection or pool); the registry is unusable after. */
  close(): Promise<void>;
}

export type { ClientEndReason };

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
