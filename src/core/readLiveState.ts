/** Reading untrusted live-state answers and events (the call API's request code and the stores). */
import { parseCall } from './attachment';
import {
  CALL_END_REASONS,
  type CallEndReason,
  type CallLiveState,
  type CallParticipant,
} from './types';
import { obj } from './untrusted';

function readParticipants(raw: unknown): CallParticipant[] {
  if (!Array.isArray(raw)) return [];
  const out: CallParticipant[] = [];
  for (const p of raw.slice(0, 1000)) {
    const o = obj(p);
    if (typeof o.user_id !== 'string') continue;
    const item: CallParticipant = {
      user_id: o.user_id,
      joined_at: typeof o.joined_at === 'string' ? o.joined_at : '',
    };
    if (typeof o.name === 'string') item.name = o.name;
    if (typeof o.image === 'string') item.image = o.image;
    out.push(item);
  }
  return out;
}

const isCount = (n: unknown, min: number): n is number =>
  typeof n === 'number' && Number.isSafeInteger(n) && n >= min;

/** A session number as the contract has it (a whole number from 1), or undefined. */
export function readSession(raw: unknown): number | undefined {
  return isCount(raw, 1) ? raw : undefined;
}

/**
 * Reads an untrusted live-state answer (HTTP body or `call.updated` event payload). Answers of
 * older servers (and Stream's) lack the session fields: `session` reads as 1, `version` as 0,
 * `attendees` as the participants.
 */
export function readCallLiveState(raw: unknown): CallLiveState | undefined {
  const r = obj(raw);
  const call = parseCall(r.call);
  if (!call.ok || (r.state !== 'ongoing' && r.state !== 'ended')) return undefined;
  const participants = readParticipants(r.participants);
  const state: CallLiveState = {
    call: call.call,
    session: readSession(r.session) ?? 1,
    version: isCount(r.version, 0) ? r.version : 0,
    state: r.state,
    participants,
    attendees: Array.isArray(r.attendees) ? readParticipants(r.attendees) : [...participants],
    started_at: typeof r.started_at === 'string' ? r.started_at : '',
    ended_at: typeof r.ended_at === 'string' ? r.ended_at : null,
  };
  if (CALL_END_REASONS.includes(r.ended_reason as CallEndReason)) {
    state.ended_reason = r.ended_reason as CallEndReason;
  }
  const by = obj(r.created_by);
  if (typeof by.id === 'string') {
    state.created_by = { id: by.id };
    if (typeof by.name === 'string') state.created_by.name = by.name;
    if (typeof by.image === 'string') state.created_by.image = by.image;
  }
  return state;
}
