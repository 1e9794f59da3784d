/**
 * Log lines carry text a client chose (paths, methods, user ids, upstream messages). Written
 * raw, a decoded `%0A` forges a whole line, a terminal escape rewrites the operator's screen and
 * a NUL cuts the line short in some collectors. `escapeLog` makes such text one inert line.
 */

/** Longest piece of client text a log line carries (longer text is cut, with a count). */
export const LOG_FIELD_MAX = 200;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\\': '\\\\' };

// C0 controls, backslash, DEL and C1 controls; line/paragraph separators, bidirectional
// overrides and isolates (they reorder what a terminal shows), zero-width and BOM characters.
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: it finds them to escape them.
  /[\u0000-\u001f\\\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200b-\u200f\ufeff]/g;

function escapeChar(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * `text` as one printable log field: `\n`, `\r`, `\t` and `\\` named, other control characters
 * as `\xHH` (ESC is `\x1b`, NUL `\x00`), invisible or reordering Unicode as `\uXXXX`; cut to
 * `max` characters with the number left out.
 */
export function escapeLog(text: string, max = LOG_FIELD_MAX): string {
  let cut = text.length > max ? text.slice(0, max) : text;
  // Not half a surrogate pair at the cut.
  if (cut.length < text.length && /[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  const safe = cut.replace(UNSAFE, escapeChar);
  return cut.length < text.length ? `${safe}…(+${text.length - cut.length} chars)` : safe;
}
