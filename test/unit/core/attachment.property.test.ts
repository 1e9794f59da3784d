import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildCallAttachment,
  type CallParseResult,
  parseCall,
  parseCallAttachment,
} from '../../../src/core/attachment';
import type { Call } from '../../../src/core/types';

const REASONS = [
  'not-an-object',
  'not-a-call-attachment',
  'invalid-id',
  'invalid-provider',
  'invalid-type',
  'missing-room',
  'invalid-room',
  'unreadable',
];
const ROOM_KEYS: Record<Call['provider'], string[]> = {
  agora: ['channel'],
  hms: ['room_id', 'room_name'],
  local: ['room'],
};

const chars = (alphabet: string, minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength, maxLength });
const ID = 'abcdefghijklmnopqrstuvwxyz0123456789_-';
const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-';

const idArb = chars(ID, 1, 64);
const typeArb = fc.constantFrom('audio' as const, 'video' as const);
/** fast-check may build records without a prototype; expectations are plain objects. */
const validCallRaw: fc.Arbitrary<Call> = fc.oneof(
  fc.record({
    id: idArb,
    provider: fc.constant('agora' as const),
    type: typeArb,
    agora: fc.record({ channel: chars(ALNUM, 1, 64) }),
  }),
  fc.record({
    id: idArb,
    provider: fc.constant('hms' as const),
    type: typeArb,
    hms: fc.record({ room_id: chars(ALNUM, 1, 64), room_name: chars(`${ALNUM}.:`, 1, 128) }),
  }),
  fc.record({
    id: idArb,
    provider: fc.constant('local' as const),
    type: typeArb,
    local: fc.record({ room: idArb }),
  }),
);
const validCall = validCallRaw.map((call): Call => JSON.parse(JSON.stringify(call)));

const anything = fc.anything({
  withObjectString: true,
  withNullPrototype: true,
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withBigInt: true,
  withDate: true,
  withTypedArray: true,
  withSparseArray: true,
  withUnicodeString: true,
  maxDepth: 4,
});

/** A valid call with one field replaced, removed or given a junk sibling (own `__proto__` too). */
const mutatedCall = fc
  .tuple(
    validCall,
    fc.constantFrom(
      'id',
      'provider',
      'type',
      'agora',
      'hms',
      'local',
      '__proto__',
      'constructor',
      'token',
    ),
    fc.constantFrom('set', 'delete', 'room-field', 'throwing-getter'),
    anything,
  )
  .map(([call, key, op, value]) => {
    const out: Record<string, unknown> = JSON.parse(JSON.stringify(call));
    if (op === 'delete') delete out[key];
    else if (op === 'throwing-getter') {
      Object.defineProperty(out, key, {
        enumerable: true,
        get() {
          throw new Error('hostile getter');
        },
      });
    } else if (op === 'room-field') {
      const room = out[call.provider] as Record<string, unknown>;
      Object.defineProperty(room, ROOM_KEYS[call.provider][0] ?? key, {
        value,
        enumerable: true,
        configurable: true,
        writable: true,
      });
    } else {
      Object.defineProperty(out, key, {
        value,
        enumerable: true,
        configurable: true,
        writable: true,
      });
    }
    return out;
  });

function expectWellFormed(result: CallParseResult): void {
  if (!result.ok) {
    expect(REASONS).toContain(result.reason);
    expect(Object.keys(result)).toEqual(['ok', 'reason']);
    return;
  }
  const { call } = result;
  expect(Object.keys(call).sort()).toEqual(['id', call.provider, 'provider', 'type'].sort());
  expect(call.id).toMatch(/^[a-z0-9_-]{1,64}$/);
  const room = call[call.provider] as Record<string, unknown>;
  expect(Object.getPrototypeOf(room)).toBe(Object.prototype);
  expect(Object.keys(room).sort()).toEqual([...ROOM_KEYS[call.provider]].sort());
  for (const v of Object.values(room)) expect(typeof v).toBe('string');
}

const RUNS = { numRuns: 1000 };

describe('call parser properties', () => {
  it('never throws on anything and answers ok or a known reason', () => {
    fc.assert(
      fc.property(anything, (input) => {
        expectWellFormed(parseCall(input));
        expectWellFormed(parseCallAttachment(input));
        expectWellFormed(parseCallAttachment({ type: 'call', call: input }));
      }),
      RUNS,
    );
  });

  it('never throws on mutated valid calls and outputs only schema keys', () => {
    fc.assert(
      fc.property(mutatedCall, (input) => {
        expectWellFormed(parseCall(input));
        expectWellFormed(parseCallAttachment({ type: 'call', call: input }));
      }),
      RUNS,
    );
  });

  it('round-trips every valid call through build and parse', () => {
    fc.assert(
      fc.property(validCallRaw, (raw) => {
        const call: Call = JSON.parse(JSON.stringify(raw));
        expect(parseCall(raw)).toStrictEqual({ ok: true, call });
        expect(parseCallAttachment(buildCallAttachment(call))).toStrictEqual({ ok: true, call });
        expect(parseCall(call)).toStrictEqual({ ok: true, call });
      }),
      RUNS,
    );
  });

  it('strips any extra keys from a valid call, at the top and in the room', () => {
    const junk = fc.dictionary(
      fc.string().filter((k) => !['id', 'provider', 'type', 'agora', 'hms', 'local'].includes(k)),
      anything,
      { maxKeys: 5 },
    );
    fc.assert(
      fc.property(validCall, junk, junk, (call, top, inRoom) => {
        const room = call[call.provider] as Record<string, unknown>;
        const dirtyRoom = { ...inRoom, ...room };
        const dirty = { ...top, ...call, [call.provider]: dirtyRoom };
        expect(parseCall(dirty)).toStrictEqual({ ok: true, call });
      }),
      RUNS,
    );
  });

  it('normalises the id case and nothing else', () => {
    fc.assert(
      fc.property(validCall, (call) => {
        const result = parseCall({ ...call, id: call.id.toUpperCase() });
        expect(result).toStrictEqual({ ok: true, call });
      }),
      RUNS,
    );
  });
});
