import * as v from 'valibot';
import { CallKitError } from './errors';
import { normalizeCallId } from './ids';
import type { Call } from './types';

export const CALL_ATTACHMENT_TYPE = 'call';

export interface CallAttachment {
  type: typeof CALL_ATTACHMENT_TYPE;
  call: Call;
}

/** Why an untrusted value is not a call that can be joined. */
export type CallParseReason =
  | 'not-an-object' // not a plain object (null, array, string, …)
  | 'not-a-call-attachment' // an attachment whose type is not 'call'
  | 'invalid-id'
  | 'invalid-provider'
  | 'invalid-type'
  | 'missing-room' // the provider's room object is absent
  | 'invalid-room' // the provider's room object is malformed
  | 'unreadable'; // reading the value threw (a hostile getter or proxy)

export type CallParseResult = { ok: true; call: Call } | { ok: false; reason: CallParseReason };

// Untrusted strings are bounded before anything else looks at them.
const bounded = (max: number) => v.pipe(v.string(), v.maxLength(max));
const CallIdSchema = v.pipe(
  bounded(64),
  v.transform(normalizeCallId),
  v.regex(/^[a-z0-9_-]{1,64}$/),
);
const ProviderSchema = v.picklist(['agora', 'hms', 'local']);
const TypeSchema = v.picklist(['audio', 'video']);
/** Agora channel names: the call id rule, case kept (Agora allows more; we admit no markup). */
const AgoraSchema = v.object({ channel: v.pipe(bounded(64), v.regex(/^[A-Za-z0-9_-]+$/)) });
/** 100ms room ids are 24 hex characters; names are letters, digits and `.:_-`. */
const HmsSchema = v.object({
  room_id: v.pipe(bounded(64), v.regex(/^[A-Za-z0-9_-]+$/)),
  room_name: v.pipe(bounded(128), v.regex(/^[A-Za-z0-9._:-]+$/)),
});
const LocalSchema = v.object({ room: CallIdSchema });

const ROOM_SCHEMAS = { agora: AgoraSchema, hms: HmsSchema, local: LocalSchema } as const;
const ROOM_KEYS = { agora: ['channel'], hms: ['room_id', 'room_name'], local: ['room'] } as const;

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

function own(o: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

function parseCallUnsafe(input: unknown): CallParseResult {
  if (!isPlainObject(input)) return { ok: false, reason: 'not-an-object' };
  const id = v.safeParse(CallIdSchema, own(input, 'id'));
  if (!id.success) return { ok: false, reason: 'invalid-id' };
  const provider = v.safeParse(ProviderSchema, own(input, 'provider'));
  if (!provider.success) return { ok: false, reason: 'invalid-provider' };
  const type = v.safeParse(TypeSchema, own(input, 'type'));
  if (!type.success) return { ok: false, reason: 'invalid-type' };

  const name = provider.output;
  const rawRoom = own(input, name);
  if (rawRoom === undefined || rawRoom === null) return { ok: false, reason: 'missing-room' };
  if (!isPlainObject(rawRoom)) return { ok: false, reason: 'invalid-room' };
  // Own keys only: valibot reads `key in input`, which would see a polluted Object.prototype.
  const ownRoom: Record<string, unknown> = Object.create(null);
  for (const key of ROOM_KEYS[name]) ownRoom[key] = own(rawRoom, key);
  const room = v.safeParse(ROOM_SCHEMAS[name], ownRoom);
  if (!room.success) return { ok: false, reason: 'invalid-room' };

  // A fresh object with known keys only: no token, uid, app id or foreign rooms survive.
  const call: Call = { id: id.output, provider: name, type: type.output };
  if (name === 'agora') call.agora = { channel: (room.output as { channel: string }).channel };
  if (name === 'hms') {
    const { room_id, room_name } = room.output as { room_id: string; room_name: string };
    call.hms = { room_id, room_name };
  }
  if (name === 'local') call.local = { room: (room.output as { room: string }).room };
  return { ok: true, call };
}

/**
 * Parses an untrusted call — `channel.data.call`, a custom event's `call`, an API response — into
 * a `Call` with known keys only, or a reason it is not one. Never throws.
 */
export function parseCall(input: unknown): CallParseResult {
  try {
    return parseCallUnsafe(input);
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
}

/** Parses an untrusted message attachment `{ type: 'call', call }`. Never throws. */
export function parseCallAttachment(input: unknown): CallParseResult {
  try {
    if (!isPlainObject(input)) return { ok: false, reason: 'not-an-object' };
    if (own(input, 'type') !== CALL_ATTACHMENT_TYPE) {
      return { ok: false, reason: 'not-a-call-attachment' };
    }
    return parseCallUnsafe(own(input, 'call'));
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
}

/** Whether an attachment claims to be a call (parse it before trusting anything in it). */
export function isCallAttachment(input: unknown): boolean {
  try {
    return isPlainObject(input) && own(input, 'type') === CALL_ATTACHMENT_TYPE;
  } catch {
    return false;
  }
}

/** The attachment that announces a call in a message: the call's public fields and nothing else. */
export function buildCallAttachment(call: Call): CallAttachment {
  const parsed = parseCall(call);
  if (!parsed.ok) {
    throw new CallKitError('invalid-call', `Cannot build a call attachment: ${parsed.reason}.`);
  }
  return { type: CALL_ATTACHMENT_TYPE, call: parsed.call };
}
