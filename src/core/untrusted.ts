/** An untrusted value's own fields to read, or an empty record when it is no object. */
export function obj(x: unknown): Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x)
    ? (x as Record<string, unknown>)
    : {};
}
