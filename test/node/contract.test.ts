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
    expectTypeOf<kit.CallType>().toEqualTypeOf<server.CallType>();
    expectTypeOf<kit.ProviderName>().toEqualTypeOf<server.ProviderName>();
    expect(server.CALL_TYPES).toEqual(kit.CALL_TYPES);
    expect(server.PROVIDER_NAMES).toEqual(kit.PROVIDER_NAMES);
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
