import { describe, expect, it, test } from 'vitest';
import { channelCallId, createCallId, isValidCallId, normalizeCallId } from '../../../src/core/ids';

const ID_RULE = /^[a-z0-9_-]{1,64}$/;

describe('normalizeCallId', () => {
  test.each([
    ['abc', 'abc'],
    ['ABC', 'abc'],
    ['MiXeD_Case-42', 'mixed_case-42'],
    ['  padded\t', 'padded'],
    ['\nnew\n', 'new'],
    ['', ''],
    ['a b', 'a b'],
    ['ÉTÉ', 'été'],
  ])('normalises %j to %j', (input, expected) => {
    expect(normalizeCallId(input)).toBe(expected);
  });
});

describe('isValidCallId', () => {
  test.each([
    ['the empty string (0 chars)', '', false],
    ['one character', 'a', true],
    ['64 characters', 'a'.repeat(64), true],
    ['65 characters', 'a'.repeat(65), false],
    ['64 upper-case characters', 'A'.repeat(64), true],
    ['upper case (accepted after normalising)', 'CallABC', true],
    ['digits, underscore and hyphen', 'call_1-2', true],
    ['surrounding whitespace (trimmed)', ' abc ', true],
    ['only whitespace', '   ', false],
    ['an inner space', 'a b', false],
    ['a slash', 'a/b', false],
    ['a path traversal', '../admin', false],
    ['a colon', 'messaging:general', false],
    ['a percent escape', 'a%2Fb', false],
    ['a dot', 'a.b', false],
    ['a question mark', 'a?b=1', false],
    ['a hash', 'a#b', false],
    ['markup', '<script>', false],
    ['an accented letter', 'café', false],
    ['an emoji', 'call🎉', false],
    ['a fullwidth letter', 'ａｂｃ', false],
    ['a zero-width space', 'a\u200bb', false],
    ['a NUL character', 'a\u0000b', false],
    ['a newline inside', 'a\nb', false],
  ])('%s → %s', (_name, id, expected) => {
    expect(isValidCallId(id)).toBe(expected);
  });

  test.each([
    ['a number', 42],
    ['null', null],
    ['undefined', undefined],
    ['an object', { id: 'abc' }],
    ['an array', ['abc']],
    ['a String object', new String('abc')],
  ])('rejects %s (not a string)', (_name, id) => {
    expect(isValidCallId(id)).toBe(false);
  });
});

describe('createCallId', () => {
  it('makes 26 lower-case base-36 characters', () => {
    for (let i = 0; i < 200; i++) {
      const id = createCallId();
      expect(id).toMatch(/^[a-z0-9]{26}$/);
      expect(isValidCallId(id)).toBe(true);
      expect(normalizeCallId(id)).toBe(id);
    }
  });

  it('never repeats itself over 10,000 ids', () => {
    const ids = new Set(Array.from({ length: 10_000 }, createCallId));
    expect(ids.size).toBe(10_000);
  });

  it('uses every character of the alphabet and nothing else', () => {
    const seen = new Set(Array.from({ length: 2_000 }, createCallId).join(''));
    expect([...seen].sort().join('')).toBe('0123456789abcdefghijklmnopqrstuvwxyz');
  });
});

describe('channelCallId', () => {
  const long = (n: number, tail = '') => `messaging:${'x'.repeat(n)}${tail}`;

  test.each([
    ['a cid', { type: 'messaging', id: 'general', cid: 'messaging:general' }],
    ['type and id without cid', { type: 'messaging', id: 'general' }],
    ['a channel without id yet', { type: 'messaging' }],
    ['an id with `!`', { type: 'team', id: 'a!b', cid: 'team:a!b' }],
    ['upper case', { type: 'messaging', id: 'General', cid: 'messaging:General' }],
    ['unicode', { type: 'messaging', id: 'été-🎉', cid: 'messaging:été-🎉' }],
    ['a 64-char id', { type: 'messaging', cid: long(64) }],
    ['a 1,000-char id', { type: 'messaging', cid: long(1000) }],
    ['a 100 KB id', { type: 'messaging', cid: long(100_000) }],
  ])('derives a valid, normalised call id from %s', (_name, channel) => {
    const id = channelCallId(channel);
    expect(id).toMatch(ID_RULE);
    expect(isValidCallId(id)).toBe(true);
    expect(normalizeCallId(id)).toBe(id);
    expect(id.startsWith('ch-')).toBe(true);
  });

  it('is the same for the same channel, however it is referenced', () => {
    const a = channelCallId({ type: 'messaging', id: 'general', cid: 'messaging:general' });
    const b = channelCallId({ type: 'messaging', id: 'general' });
    const c = channelCallId({ type: 'messaging', id: 'general', cid: 'messaging:general' });
    expect(a).toBe(b);
    expect(a).toBe(c);
  });

  it('keeps a readable slug of the channel', () => {
    expect(channelCallId({ type: 'messaging', id: 'general' })).toMatch(
      /^ch-messaging-general-[0-9a-f]{20}$/,
    );
  });

  test.each([
    ['different ids', 'messaging:general', 'messaging:random'],
    ['different types', 'messaging:general', 'team:general'],
    ['ids differing only in case', 'messaging:General', 'messaging:general'],
    ['`!` versus `-`', 'messaging:a!b', 'messaging:a-b'],
    ['the separator moved', 'a-b:c', 'a:b-c'],
    ['long ids differing at the end', long(500, 'a'), long(500, 'b')],
    ['long ids differing in the middle', long(30, `y${'x'.repeat(300)}`), long(331)],
    ['long ids differing in length', long(200), long(201)],
  ])('differs between channels with %s', (_name, a, b) => {
    expect(channelCallId({ type: 'x', cid: a })).not.toBe(channelCallId({ type: 'x', cid: b }));
  });

  it('gives 5,000 similar channels 5,000 distinct ids', () => {
    const ids = new Set(
      Array.from({ length: 5_000 }, (_, i) =>
        channelCallId({ type: 'messaging', id: `room-${i}` }),
      ),
    );
    expect(ids.size).toBe(5_000);
  });
});
