import { afterEach, describe, expect, test } from 'vitest';
import { parseCall, parseCallAttachment } from '../../../src/core/attachment';
import {
  agoraCall,
  CallLike,
  deep,
  expectParse,
  hmsCall,
  hostileProxy,
  localCall,
  MB,
  type Row,
  throwingGetter,
  XSS,
} from './attachment-fixtures';

const withId = (id: unknown) => () => ({ ...agoraCall(), id });
const withProvider = (provider: unknown) => () => ({ ...agoraCall(), provider });
const withType = (type: unknown) => () => ({ ...agoraCall(), type });
const withAgora = (agora: unknown) => () => ({ ...agoraCall(), agora });
const withHms = (hms: unknown) => () => ({ ...hmsCall(), hms });
const withLocal = (local: unknown) => () => ({ ...localCall(), local });
const without = (key: string) => () => {
  const c: Record<string, unknown> = { ...agoraCall() };
  delete c[key];
  return c;
};

const wellFormed: Row[] = [
  ['a valid agora call', agoraCall, agoraCall()],
  ['a valid hms call', hmsCall, hmsCall()],
  ['a valid local call', localCall, localCall()],
  ['an upper-case id (normalised)', withId('CALL-ABC_1'), { ...agoraCall(), id: 'call-abc_1' }],
  ['a 64-char upper-case id', withId('A'.repeat(64)), { ...agoraCall(), id: 'a'.repeat(64) }],
  ['an id with surrounding blanks', withId('  abc '), agoraCall()],
  [
    'an agora channel keeps its case',
    withAgora({ channel: 'MyRoom' }),
    { ...agoraCall(), agora: { channel: 'MyRoom' } },
  ],
  [
    'an upper-case local room (normalised)',
    withLocal({ room: 'ROOM' }),
    { ...localCall(), local: { room: 'room' } },
  ],
  [
    'an Object.create(null) call',
    () => Object.assign(Object.create(null), agoraCall()),
    agoraCall(),
  ],
  [
    'a room made with Object.create(null)',
    withAgora(Object.assign(Object.create(null), { channel: 'abc' })),
    agoraCall(),
  ],
];

const markup: Row[] = XSS.flatMap((s): Row[] => [
  [`markup in id: ${s}`, withId(s), 'invalid-id'],
  [`markup in provider: ${s}`, withProvider(s), 'invalid-provider'],
  [`markup in type: ${s}`, withType(s), 'invalid-type'],
  [`markup in agora.channel: ${s}`, withAgora({ channel: s }), 'invalid-room'],
  [`markup in hms.room_id: ${s}`, withHms({ ...hmsCall().hms, room_id: s }), 'invalid-room'],
  [`markup in hms.room_name: ${s}`, withHms({ ...hmsCall().hms, room_name: s }), 'invalid-room'],
  [`markup in local.room: ${s}`, withLocal({ room: s }), 'invalid-room'],
]);

const wrongTypes: Row[] = [
  ['a number', () => 42, 'not-an-object'],
  ['a boolean', () => true, 'not-an-object'],
  ['a string', () => 'abc', 'not-an-object'],
  ['a JSON string of a valid call', () => JSON.stringify(agoraCall()), 'not-an-object'],
  ['an array', () => [agoraCall()], 'not-an-object'],
  ['null', () => null, 'not-an-object'],
  ['undefined', () => undefined, 'not-an-object'],
  ['a function with call fields', () => Object.assign(() => {}, agoraCall()), 'not-an-object'],
  ['a Symbol', () => Symbol('call'), 'not-an-object'],
  ['a BigInt', () => 10n, 'not-an-object'],
  ['a Date', () => new Date(), 'not-an-object'],
  ['a Map of call fields', () => new Map(Object.entries(agoraCall())), 'not-an-object'],
  ['a class instance with call fields', () => new CallLike(), 'not-an-object'],
  ['an object inheriting call fields', () => Object.create(agoraCall()), 'not-an-object'],
  ['id: number', withId(123), 'invalid-id'],
  ['id: boolean', withId(true), 'invalid-id'],
  ['id: array', withId(['abc']), 'invalid-id'],
  ['id: null', withId(null), 'invalid-id'],
  ['id: function', withId(() => 'abc'), 'invalid-id'],
  ['id: Symbol', withId(Symbol('abc')), 'invalid-id'],
  ['id: BigInt', withId(1n), 'invalid-id'],
  ['id: Date', withId(new Date()), 'invalid-id'],
  ['id: String object', withId(new String('abc')), 'invalid-id'],
  ['id: object with toString', withId({ toString: () => 'abc' }), 'invalid-id'],
  ['provider: number', withProvider(1), 'invalid-provider'],
  ['provider: array', withProvider(['agora']), 'invalid-provider'],
  ['type: boolean', withType(true), 'invalid-type'],
  ['type: Map', withType(new Map()), 'invalid-type'],
  ['agora.channel: number', withAgora({ channel: 7 }), 'invalid-room'],
  ['hms.room_id: null', withHms({ ...hmsCall().hms, room_id: null }), 'invalid-room'],
  ['local.room: BigInt', withLocal({ room: 1n }), 'invalid-room'],
];

const sizesAndIds: Row[] = [
  ['a 1 MB id', withId(MB), 'invalid-id'],
  ['a 1 MB agora channel', withAgora({ channel: MB }), 'invalid-room'],
  ['a 1 MB hms room name', withHms({ ...hmsCall().hms, room_name: MB }), 'invalid-room'],
  ['a 1 MB local room', withLocal({ room: MB }), 'invalid-room'],
  ['a 1 MB provider', withProvider(MB), 'invalid-provider'],
  ['an id of 65 chars', withId('a'.repeat(65)), 'invalid-id'],
  ['an id of 64 chars plus a blank', withId(`${'a'.repeat(64)} `), 'invalid-id'],
  ['an agora channel of 65 chars', withAgora({ channel: 'a'.repeat(65) }), 'invalid-room'],
  ['an empty id', withId(''), 'invalid-id'],
  ['a blank id', withId('   '), 'invalid-id'],
  ['an id with a slash', withId('a/b'), 'invalid-id'],
  ['an id with a colon', withId('a:b'), 'invalid-id'],
  ['an id with a space', withId('a b'), 'invalid-id'],
  ['an id with %', withId('a%2Fb'), 'invalid-id'],
  ['an id with unicode', withId('café'), 'invalid-id'],
  ['an empty agora channel', withAgora({ channel: '' }), 'invalid-room'],
];

const shape: Row[] = [
  ['no id', without('id'), 'invalid-id'],
  ['no provider', without('provider'), 'invalid-provider'],
  ['no type', without('type'), 'invalid-type'],
  ['no room', without('agora'), 'missing-room'],
  ['an empty object', () => ({}), 'invalid-id'],
  ['an unknown provider', withProvider('zoom'), 'invalid-provider'],
  ['a provider in upper case', withProvider('Agora'), 'invalid-provider'],
  ['a provider with a blank', withProvider(' agora'), 'invalid-provider'],
  ['a provider named like a prototype key', withProvider('constructor'), 'invalid-provider'],
  ['a type in upper case', withType('VIDEO'), 'invalid-type'],
  [
    'agora provider with only an hms room',
    () => ({ ...agoraCall(), agora: undefined, hms: hmsCall().hms }),
    'missing-room',
  ],
  [
    'hms provider with only an agora room',
    () => ({ ...hmsCall(), hms: undefined, agora: { channel: 'abc' } }),
    'missing-room',
  ],
  [
    'local provider with only an agora room',
    () => ({ ...localCall(), local: undefined, agora: { channel: 'abc' } }),
    'missing-room',
  ],
  ['room: null', withAgora(null), 'missing-room'],
  ['room: array', withAgora([{ channel: 'abc' }]), 'invalid-room'],
  ['room: string', withAgora('abc'), 'invalid-room'],
  ['room: Map', withAgora(new Map([['channel', 'abc']])), 'invalid-room'],
  [
    'room: class instance',
    withAgora(
      new (class {
        channel = 'abc';
      })(),
    ),
    'invalid-room',
  ],
  ['room: empty object', withAgora({}), 'invalid-room'],
  ['hms room without a name', withHms({ room_id: 'abc' }), 'invalid-room'],
  ['deeply nested junk as the room', withAgora(deep(10_000)), 'invalid-room'],
  ['deeply nested junk as the id', withId(deep(10_000)), 'invalid-id'],
  [
    'deeply nested junk beside a valid call',
    () => ({ ...agoraCall(), junk: deep(10_000) }),
    agoraCall(),
  ],
];

const hostile: Row[] = [
  ['a Proxy that throws on every trap', hostileProxy, 'unreadable'],
  ['a room that is a throwing Proxy', withAgora(hostileProxy()), 'unreadable'],
  ['an id getter that throws', () => throwingGetter(agoraCall(), 'id'), 'unreadable'],
  ['a room getter that throws', () => throwingGetter(agoraCall(), 'agora'), 'unreadable'],
  [
    'a channel getter that throws',
    withAgora(throwingGetter({ channel: 'abc' }, 'channel')),
    'unreadable',
  ],
  [
    'a throwing getter on an unknown key',
    () => throwingGetter({ ...agoraCall(), x: 1 }, 'x'),
    agoraCall(),
  ],
  [
    'an own __proto__ key (JSON)',
    () => JSON.parse(`{"__proto__":{"isAdmin":true},${JSON.stringify(agoraCall()).slice(1)}`),
    agoraCall(),
  ],
  [
    'an own __proto__ key holding the id',
    () =>
      JSON.parse(
        '{"__proto__":{"id":"abc"},"provider":"agora","type":"video","agora":{"channel":"abc"}}',
      ),
    'invalid-id',
  ],
  [
    'a room whose channel hides in __proto__',
    withAgora(JSON.parse('{"__proto__":{"channel":"abc"}}')),
    'invalid-room',
  ],
  [
    'a constructor key',
    () => ({ ...agoraCall(), constructor: { prototype: { polluted: true } } }),
    agoraCall(),
  ],
  ['a prototype key', () => ({ ...agoraCall(), prototype: { polluted: true } }), agoraCall()],
  [
    'a room with __proto__ and constructor keys',
    withAgora(JSON.parse('{"channel":"abc","__proto__":{"x":1},"constructor":{"y":2}}')),
    agoraCall(),
  ],
  ['the id as "__proto__"', withId('__proto__'), { ...agoraCall(), id: '__proto__' }],
];

const secrets: Row[] = [
  [
    'creator token, uid, app id, user and secret beside an agora call',
    () => ({
      ...agoraCall(),
      token: 'eyJ.secret',
      agora_uid: 7,
      agora_app_id: 'app',
      user: { id: 'alice', role: 'admin' },
      secret: 's3cr3t',
      created_by: { id: 'mallory' },
    }),
    agoraCall(),
  ],
  [
    'secrets inside the agora room',
    withAgora({ channel: 'abc', token: 't', uid: 7, app_id: 'app' }),
    agoraCall(),
  ],
  [
    'secrets inside the hms room',
    withHms({ ...hmsCall().hms, token: 't', management_token: 'm', app_secret: 's' }),
    hmsCall(),
  ],
  [
    'secrets inside the local room',
    withLocal({ room: 'abc', token: 't', secret: 's' }),
    localCall(),
  ],
  [
    'foreign rooms beside the provider room',
    () => ({ ...localCall(), agora: { channel: 'x' }, hms: hmsCall().hms }),
    localCall(),
  ],
  [
    'an options object with credentials',
    () => ({ ...hmsCall(), options: { agora: { token: 't' } } }),
    hmsCall(),
  ],
];

const rows = [
  ...wellFormed,
  ...markup,
  ...wrongTypes,
  ...sizesAndIds,
  ...shape,
  ...hostile,
  ...secrets,
];

describe('parseCall and parseCallAttachment on untrusted calls', () => {
  test('the table has at least 45 hostile cases', () => {
    expect(rows.length - wellFormed.length).toBeGreaterThanOrEqual(45);
  });

  test.each(rows)('parseCall: %s', (_name, input, expected) => {
    expectParse(parseCall, input(), expected);
  });

  test.each(rows)('parseCallAttachment: %s', (_name, input, expected) => {
    expectParse(parseCallAttachment, { type: 'call', call: input() }, expected);
  });
});

describe('prototype pollution', () => {
  afterEach(() => {
    delete (Object.prototype as Record<string, unknown>).channel;
    delete (Object.prototype as Record<string, unknown>).id;
  });

  const pollute = (key: string) =>
    Object.defineProperty(Object.prototype, key, {
      value: 'abc',
      configurable: true,
      writable: true,
    });

  test('a polluted Object.prototype does not fill in a missing room or id', () => {
    pollute('channel');
    expectParse(parseCall, withAgora({})(), 'invalid-room');
    pollute('id');
    expectParse(parseCall, without('id')(), 'invalid-id');
  });

  test('parsing an own __proto__ key pollutes nothing', () => {
    parseCall(JSON.parse(`{"__proto__":{"polluted":true},${JSON.stringify(agoraCall()).slice(1)}`));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
