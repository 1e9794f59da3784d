import { describe, expect, it, test } from 'vitest';
import {
  buildCallAttachment,
  CALL_ATTACHMENT_TYPE,
  isCallAttachment,
  parseCallAttachment,
} from '../../../src/core/attachment';
import { CallKitError } from '../../../src/core/errors';
import type { Call } from '../../../src/core/types';
import {
  agoraCall,
  expectParse,
  hmsCall,
  hostileProxy,
  localCall,
  type Row,
  throwingGetter,
} from './attachment-fixtures';

const attachment = (call: unknown = agoraCall()) => ({ type: 'call', call });

const attachments: Row[] = [
  ['a valid call attachment', () => attachment(), agoraCall()],
  ['a valid hms attachment', () => attachment(hmsCall()), hmsCall()],
  [
    'a null-prototype attachment',
    () => Object.assign(Object.create(null), attachment()),
    agoraCall(),
  ],
  [
    'type "Call" (case matters)',
    () => ({ ...attachment(), type: 'Call' }),
    'not-a-call-attachment',
  ],
  ['type "image"', () => ({ ...attachment(), type: 'image' }), 'not-a-call-attachment'],
  ['type with a blank', () => ({ ...attachment(), type: 'call ' }), 'not-a-call-attachment'],
  [
    'type as a String object',
    () => ({ ...attachment(), type: new String('call') }),
    'not-a-call-attachment',
  ],
  ['no type', () => ({ call: agoraCall() }), 'not-a-call-attachment'],
  [
    'a type inherited through __proto__',
    () => JSON.parse(`{"__proto__":{"type":"call"},"call":${JSON.stringify(agoraCall())}}`),
    'not-a-call-attachment',
  ],
  ['no call', () => ({ type: 'call' }), 'not-an-object'],
  ['call: null', () => attachment(null), 'not-an-object'],
  ['call: array', () => attachment([agoraCall()]), 'not-an-object'],
  ['call: markup string', () => attachment('<script>alert(1)</script>'), 'not-an-object'],
  ['call: JSON string', () => attachment(JSON.stringify(agoraCall())), 'not-an-object'],
  ['an array attachment', () => [attachment()], 'not-an-object'],
  ['a string attachment', () => 'call', 'not-an-object'],
  ['a null attachment', () => null, 'not-an-object'],
  ['an attachment Proxy that throws', hostileProxy, 'unreadable'],
  [
    'an attachment whose type getter throws',
    () => throwingGetter(attachment(), 'type'),
    'unreadable',
  ],
  [
    'an attachment whose call getter throws',
    () => throwingGetter(attachment(), 'call'),
    'unreadable',
  ],
  [
    'secrets beside the call',
    () => ({
      ...attachment(),
      token: 't',
      agora_uid: 1,
      agora_app_id: 'a',
      user: { id: 'x' },
      secret: 's',
    }),
    agoraCall(),
  ],
  [
    'an image_url and title (rendered by other attachments)',
    () => ({ ...attachment(), image_url: 'javascript:alert(1)', title: '<b>x</b>' }),
    agoraCall(),
  ],
];

describe('parseCallAttachment', () => {
  test.each(attachments)('%s', (_name, input, expected) => {
    expectParse(parseCallAttachment, input(), expected);
  });

  it('returns a fresh call, never the input object', () => {
    const call = agoraCall();
    const result = parseCallAttachment(attachment(call));
    expect(result.ok && result.call).not.toBe(call);
    expect(result.ok && result.call.agora).not.toBe(call.agora);
  });
});

describe('isCallAttachment', () => {
  test.each([
    ['a call attachment', attachment(), true],
    ['a call attachment with a junk call', attachment('junk'), true],
    ['an image attachment', { type: 'image', image_url: 'x' }, false],
    ['type "Call"', { type: 'Call' }, false],
    ['null', null, false],
    ['a string', 'call', false],
    ['an array', [attachment()], false],
    [
      'a class instance',
      new (class {
        type = 'call';
      })(),
      false,
    ],
    ['a throwing Proxy', 'proxy', false],
    ['a throwing type getter', 'getter', false],
  ])('%s → %s', (_name, input, expected) => {
    // Hostile values are made inside the test: the table itself must stay printable.
    const value =
      input === 'proxy'
        ? hostileProxy()
        : input === 'getter'
          ? throwingGetter({ type: 'call' }, 'type')
          : input;
    expect(isCallAttachment(value)).toBe(expected);
  });
});

describe('buildCallAttachment', () => {
  test.each([
    ['agora', agoraCall()],
    ['hms', hmsCall()],
    ['local', localCall()],
  ])('builds { type: "call", call } for a %s call', (_name, call) => {
    expect(buildCallAttachment(call)).toStrictEqual({ type: CALL_ATTACHMENT_TYPE, call });
  });

  it('keeps only the public fields of a call carrying secrets', () => {
    const call = {
      ...agoraCall(),
      token: 'creator-token',
      agora_uid: 1,
      agora_app_id: 'app',
      hms: hmsCall().hms,
      agora: { channel: 'abc', token: 'x' },
    } as Call;
    expect(buildCallAttachment(call)).toStrictEqual({ type: 'call', call: agoraCall() });
  });

  it('normalises the id', () => {
    expect(buildCallAttachment({ ...localCall(), id: 'ABC' }).call.id).toBe('abc');
  });

  test.each([
    ['an invalid id', { ...agoraCall(), id: 'a b' }, 'invalid-id'],
    ['a missing room', { id: 'abc', provider: 'hms', type: 'video' }, 'missing-room'],
    ['an unknown provider', { ...agoraCall(), provider: 'zoom' }, 'invalid-provider'],
    ['null', null, 'not-an-object'],
    ['a throwing Proxy', 'proxy', 'unreadable'],
  ])('throws CallKitError("invalid-call") for %s', (_name, junk, reason) => {
    let thrown: unknown;
    try {
      buildCallAttachment((junk === 'proxy' ? hostileProxy() : junk) as unknown as Call);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(CallKitError);
    expect(thrown).toMatchObject({ code: 'invalid-call', recoverable: false });
    expect((thrown as Error).message).toContain(reason);
  });

  it('round-trips through parseCallAttachment', () => {
    for (const call of [agoraCall(), hmsCall(), localCall()]) {
      expect(parseCallAttachment(buildCallAttachment(call))).toStrictEqual({ ok: true, call });
    }
  });
});
