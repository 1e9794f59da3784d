/**
 * The call id rule (what a chat page needs to read calls; ids.ts re-exports it beside the code
 * that makes new ids, which only Start needs).
 */
const CALL_ID = /^[a-z0-9_-]{1,64}$/;

/** Call ids are case-insensitive: they are stored and compared in lower case. */
export function normalizeCallId(id: string): string {
  return id.trim().toLowerCase();
}

/** `[a-z0-9_-]`, 1–64 characters, after normalising (also a valid Agora channel name). */
export function isValidCallId(id: unknown): id is string {
  return typeof id === 'string' && CALL_ID.test(normalizeCallId(id));
}
