import { expect } from 'vitest';
import type { CallParseReason, CallParseResult } from '../../../src/core/attachment';
import type { Call } from '../../../src/core/types';

/** One row of a hostile-input table: the input is built lazily (proxies, 1 MB strings). */
export type Row = [name: string, input: () => unknown, expected: CallParseReason | Call];

export const agoraCall = (): Call => ({
  id: 'abc',
  provider: 'agora',
  type: 'video',
  agora: { channel: 'abc' },
});
export const hmsCall = (): Call => ({
  id: 'abc',
  provider: 'hms',
  type: 'audio',
  hms: { room_id: '65f0c1d2e3a4b5c6d7e8f901', room_name: 'team.standup:1' },
});
export const localCall = (): Call => ({
  id: 'abc',
  provider: 'local',
  type: 'video',
  local: { room: 'abc' },
});

export const MB = 'a'.repeat(1024 * 1024);
export const XSS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "javascript:alert('x')",
  '<svg/onload=alert(1)>',
] as const;

/** A value nested `depth` levels deep, built without recursion. */
export function deep(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = { channel: value, id: [value] };
  return value;
}

/** A Proxy whose every trap throws. */
export function hostileProxy(): object {
  const boom = () => {
    throw new Error('trap');
  };
  return new Proxy(
    {},
    {
      get: boom,
      has: boom,
      ownKeys: boom,
      getOwnPropertyDescriptor: boom,
      getPrototypeOf: boom,
      defineProperty: boom,
      set: boom,
      deleteProperty: boom,
      isExtensible: boom,
      preventExtensions: boom,
      setPrototypeOf: boom,
    },
  );
}

/** An object whose `key` getter throws. */
export function throwingGetter<T extends object>(base: T, key: string): T {
  return Object.defineProperty({ ...base }, key, {
    enumerable: true,
    get() {
      throw new Error(`getter ${key}`);
    },
  });
}

export class CallLike {
  id = 'abc';
  provider = 'agora';
  type = 'video';
  agora = { channel: 'abc' };
}

/** Calls `parse`, asserting it does not throw and gives exactly the expected result. */
export function expectParse(
  parse: (input: unknown) => CallParseResult,
  input: unknown,
  expected: CallParseReason | Call,
): void {
  let result: CallParseResult | undefined;
  expect(() => {
    result = parse(input);
  }).not.toThrow();
  if (typeof expected === 'string') expect(result).toStrictEqual({ ok: false, reason: expected });
  else expect(result).toStrictEqual({ ok: true, call: expected });
}
