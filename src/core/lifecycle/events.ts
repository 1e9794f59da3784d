/** Reading the contract's custom channel events (untrusted: any member can send any event). */

import { parseCall } from '../attachment';
import type { CallChatEvent } from '../channel';
import { readCallLiveState, readSession } from '../readLiveState';
import type { Call } from '../types';
import type { IncomingCaller } from './types';

/** A ring's timeout is kept within these bounds, whatever the event says. */
const MIN_RING_MS = 1_000;
const MAX_RING_MS = 5 * 60_000;
/** Rung members read from one event at most. */
const MAX_MEMBERS = 1_000;

export function readUser(user: unknown): IncomingCaller | undefined {
  if (user === null || typeof user !== 'object') return undefined;
  const u = user as Record<string, unknown>;
  if (typeof u.id !== 'string' || !u.id) return undefined;
  const out: IncomingCaller = { id: u.id.slice(0, 256) };
  if (typeof u.name === 'string' && u.name) out.name = u.name.slice(0, 256);
  if (typeof u.image === 'string' && u.image) out.image = u.image.slice(0, 2048);
  return out;
}

export interface RingEvent {
  call: Call;
  session: number;
  caller: IncomingCaller;
  cid: string;
  /** The user ids rung; undefined when the ring names none (every member is rung). */
  members?: ReadonlySet<string>;
  timeoutMs?: number;
}

export function readRing(event: CallChatEvent): RingEvent | undefined {
  const call = parseCall(event.call);
  const caller = readUser(event.user);
  if (!call.ok || !caller || typeof event.cid !== 'string') return undefined;
  const ring: RingEvent = {
    call: call.call,
    session: readSession(event.session) ?? 1,
    caller,
    cid: event.cid,
  };
  if (Array.isArray(event.members)) {
    ring.members = new Set(
      event.members.slice(0, MAX_MEMBERS).filter((m): m is string => typeof m === 'string'),
    );
  }
  const t = event.timeout_ms;
  if (typeof t === 'number' && Number.isFinite(t)) {
    ring.timeoutMs = Math.min(MAX_RING_MS, Math.max(MIN_RING_MS, t));
  }
  return ring;
}

export interface DeclineEvent {
  callId: string;
  session?: number;
  userId: string;
  reason: 'declined' | 'busy';
}

export function readDecline(event: CallChatEvent): DeclineEvent | undefined {
  const user = readUser(event.user);
  if (!user || typeof event.call_id !== 'string') return undefined;
  return {
    callId: event.call_id.toLowerCase(),
    session: readSession(event.session),
    userId: user.id,
    reason: event.reason === 'busy' ? 'busy' : 'declined',
  };
}

/** The call a `call.updated` / `call.ended` event is about, with its live state when it has one. */
export function readLiveEvent(event: CallChatEvent) {
  const live = readCallLiveState(event.call_state ?? event);
  const id = live?.call.id ?? (typeof event.call_id === 'string' ? event.call_id : undefined);
  return id ? { id: id.toLowerCase(), live } : undefined;
}
