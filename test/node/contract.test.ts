/**
 * The wire contract is declared twice: by the kit (the client's side, src/core) and by the call
 * service's package (packages/server/src/contract.ts), which are published apart. These tests
 * hold the two equal.
 */
import fc from 'fast-check';
import * as server from 'stream-chat-calls-server';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as kit from '../../src/core';

describe('the wire contract, as the kit and the call service declare it', () => {
  it('has the same types on both sides', () => {
    expectTypeOf<kit.Call>().toEqualTypeOf<server.Call>();
    expectTypeOf<kit.CallToken>().toEqualTypeOf<server.CallToken>();
    expectTypeOf<kit.CallParticipant>().toEqualTypeOf<server.CallParticipant>();
    expectTypeOf<kit.CallLiveState>().toEqualTypeOf<server.CallLiveState>();
    expectTypeOf<kit.CallEndReason>().toEqualTypeOf<server.CallEndReason>();
    expectTypeOf<kit.ClientEndReason>().toEqualTypeOf<server.ClientEndReason>();
    expectTypeOf<kit.CallType>().toEqualTypeOf<server.CallType>();
    expectTypeOf<kit.ProviderName>().toEqualTypeOf<server.ProviderName>();
    expect(server.CALL_TYPES).toEqual(kit.CALL_TYPES);
    expect(server.PROVIDER_NAMES).toEqual(kit.PROVIDER_NAMES);
    expect(server.CALL_END_REASONS).toEqual(kit.CALL_END_REASONS);
  });

  it.each([
    'messaging:general',
    'messaging:General',
    'team:a!b',
    'a-b:c',
    'a:b-c',
    'messaging:été-🎉',
    `messaging:${'x'.repeat(1000)}`,
    'messaging:\ud800lone-surrogate',
  ])('derives the same channel call id for %j', (cid) => {
    expect(kit.channelCallId({ type: cid.split(':')[0]!, cid })).toBe(server.channelCallId(cid));
  });

  it('derives the same channel call id for arbitrary cids, and the service accepts it', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 20 }),
        fc.string({ unit: 'binary', maxLength: 200 }),
        (type, id) => {
          const cid = `${type}:${id}`;
          const fromKit = kit.channelCallId({ type, id });
          expect(fromKit).toBe(server.channelCallId(cid));
          expect(server.isValidCallId(fromKit)).toBe(true);
          expect(server.normalizeCallId(fromKit)).toBe(fromKit);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it.each([
    'abc',
    'ABC',
    ' abc ',
    'a'.repeat(64),
    'a'.repeat(65),
    '',
    'a b',
    'ch-messaging-general-0abc',
    'é',
    '../x',
  ])('reads the call id %j the same way', (id) => {
    expect(server.isValidCallId(id)).toBe(kit.isValidCallId(id));
    expect(server.normalizeCallId(id)).toBe(kit.normalizeCallId(id));
  });

  it('agrees on every call id rule for arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (id) => {
        expect(server.isValidCallId(id)).toBe(kit.isValidCallId(id));
        expect(server.normalizeCallId(id)).toBe(kit.normalizeCallId(id));
      }),
    );
  });
});
