import { CallKitError } from './CallKitError';
import { isValidCallId, normalizeCallId } from './callId';
import type { CallProvider } from './provider';
import type { Call, CallType } from './types';

/** The `type` of the attachment that announces a call in a message. */
export const CALL_ATTACHMENT_TYPE = 'call';

/** The attachment that announces a call: `{ type: 'call', call }` (exported as `CallAttachmentData`). */
export interface CallAttachment {
  /** Always `'call'` (`CALL_ATTACHMENT_TYPE`). */
  type: typeof CALL_ATTACHMENT_TYPE;
  /** The call's public fields only: never a token. */
  call: Call;
  /**
   * The call's session the message announced (absent in older messages: the first). A call id
   * reused after its end (`callId="channel"`) starts a new session, announced by a new message.
   */
  session?: number;
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

/** A call that can be joined, or why the value is not one. */
export type CallParseResult =
  | {
      ok: true;
      call: Call;
      /** The session an attachment announced, when it names one (read it as 1 otherwise). */
      session?: number;
    }
  | { ok: false; reason: CallParseReason };

// The rules as plain functions (a schema library would weigh more than the rules, and this parser
// runs in every chat page). Each returns the value to keep, or undefined when the value breaks the
// rule. Untrusted strings are bounded before a regex looks at them.
type Rule = (x: unknown) => string | undefined;
const text =
  (max: number, pattern: RegExp): Rule =>
  (x) =>
    typeof x === 'string' && x.length <= max && pattern.test(x) ? x : undefined;
/** The call id rule, after normalising (trim, lower case); keeps the normalised id. */
const callId: Rule = (x) =>
  typeof x === 'string' && x.length <= 64 && isValidCallId(x) ? normalizeCallId(x) : undefined;
const SAFE = /^[A-Za-z0-9_-]+$/;
const TYPES: readonly unknown[] = ['audio', 'video'];

type RoomParser = (data: unknown) => Readonly<Record<string, unknown>> | undefined;

/** A parser that keeps exactly these keys of a plain object, each passing its rule. */
function roomRules(rules: Record<string, Rule>): RoomParser {
  const entries = Object.entries(rules);
  return (data) => {
    if (!isPlainObject(data)) return undefined;
    // Own keys only (never a polluted Object.prototype), every known key read once before any
    // is checked, and only those keys kept: no token, uid, app id or foreign rooms survive.
    const values = entries.map(([key]) => own(data, key));
    const room: Record<string, string> = {};
    for (const [i, [key, rule]] of entries.entries()) {
      const value = rule(values[i]);
      if (value === undefined) return undefined;
      room[key] = value;
    }
    return room;
  };
}

/**
 * The built-in providers' rooms. Agora channel names: the call id rule, case kept (Agora allows
 * more; we admit no markup). 100ms room ids are 24 hex characters; names are letters, digits and
 * `.:_-`. Local rooms are call ids.
 */
const BUILT_IN_ROOMS = new Map<string, RoomParser>([
  ['agora', roomRules({ channel: text(64, SAFE) })],
  ['hms', roomRules({ room_id: text(64, SAFE), room_name: text(128, /^[A-Za-z0-9._:-]+$/) })],
  ['local', roomRules({ room: callId })],
]);

/** Custom providers' rooms, by name, as the app registered them (the latest of a name wins). */
const registeredRooms = new Map<string, RoomParser>();

const PROVIDER_NAME = /^[a-z][a-z0-9_-]{0,31}$/;
/** Names that would overwrite the call's own fields. */
const RESERVED_NAMES = new Set(['id', 'provider', 'type', 'session']);

/** Whether a custom provider may be called this (see `ProviderName`). */
export function isValidProviderName(name: unknown): name is string {
  return typeof name === 'string' && PROVIDER_NAME.test(name) && !RESERVED_NAMES.has(name);
}

/**
 * Makes calls of these providers readable: a provider's `parseRoom` reads its part of every
 * untrusted call from then on (the built-in providers are always readable). The call controller
 * registers the providers it is given. Throws for a name that is not valid, and for a custom
 * provider without `parseRoom` (its calls could never be read).
 */
export function registerCallProviders(
  providers: Iterable<Pick<CallProvider, 'name' | 'parseRoom'>>,
): void {
  for (const provider of providers) {
    const { name } = provider;
    if (!isValidProviderName(name)) {
      throw new CallKitError(
        'invalid-request',
        `"${String(name).slice(0, 40)}" is not a valid provider name: use lower-case letters, digits, _ and -, starting with a letter (not id, provider, type or session).`,
      );
    }
    if (provider.parseRoom) registeredRooms.set(name, (data) => provider.parseRoom?.(data));
    else if (!BUILT_IN_ROOMS.has(name)) {
      throw new CallKitError(
        'invalid-request',
        `The provider "${name}" has no parseRoom: the kit could never read its calls.`,
      );
    }
  }
}

function roomParser(name: unknown): RoomParser | undefined {
  if (typeof name !== 'string') return undefined;
  return registeredRooms.get(name) ?? BUILT_IN_ROOMS.get(name);
}

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
  const id = callId(own(input, 'id'));
  if (id === undefined) return { ok: false, reason: 'invalid-id' };
  const name = own(input, 'provider');
  const parseRoom = roomParser(name);
  if (!parseRoom) return { ok: false, reason: 'invalid-provider' };
  const provider = name as string;
  const rawType = own(input, 'type');
  if (!TYPES.includes(rawType)) return { ok: false, reason: 'invalid-type' };
  const type = rawType as CallType;

  const rawRoom = own(input, provider);
  if (rawRoom === undefined || rawRoom === null) return { ok: false, reason: 'missing-room' };
  const room = parseRoom(rawRoom);
  if (!isPlainObject(room)) return { ok: false, reason: 'invalid-room' };
  return { ok: true, call: { id, provider, type, [provider]: room } };
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
    const parsed = parseCallUnsafe(own(input, 'call'));
    const session = own(input, 'session');
    // A session that is not a whole number from 1 is ignored: the card shows the first session.
    if (parsed.ok && Number.isSafeInteger(session) && (session as number) >= 1) {
      return { ...parsed, session: session as number };
    }
    return parsed;
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

/**
 * The attachment that announces a call in a message: the call's public fields and the session it
 * announces, nothing else.
 */
export function buildCallAttachment(call: Call, session?: number): CallAttachment {
  const parsed = parseCall(call);
  if (!parsed.ok) {
    throw new CallKitError('invalid-call', `Cannot build a call attachment: ${parsed.reason}.`);
  }
  const attachment: CallAttachment = { type: CALL_ATTACHMENT_TYPE, call: parsed.call };
  if (session !== undefined && Number.isSafeInteger(session) && session >= 1) {
    attachment.session = session;
  }
  return attachment;
}
