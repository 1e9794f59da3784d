import { describe, expect, it } from 'vitest';
import { escapeLog, LOG_FIELD_MAX } from '../src/log';

describe('escapeLog', () => {
  it.each([
    [
      'a decoded %0A that would forge a line',
      '/calls/x\n200 GET /admin',
      '/calls/x\\n200 GET /admin',
    ],
    ['a carriage return', 'a\rb', 'a\\rb'],
    ['a terminal escape', '\x1b[2J\x1b[31mred', '\\x1b[2J\\x1b[31mred'],
    ['NUL', 'a\0b', 'a\\x00b'],
    ['DEL and C1 controls', 'a\x7f\x85\x9bb', 'a\\x7f\\x85\\x9bb'],
    ['Unicode line separators', 'a\u2028b\u2029c', 'a\\u2028b\\u2029c'],
    ['bidirectional overrides', 'user\u202eexe.txt', 'user\\u202eexe.txt'],
    ['a backslash (so an escape cannot be faked)', 'a\\nb', 'a\\\\nb'],
    ['a tab', 'a\tb', 'a\\tb'],
  ])('escapes %s', (_what, input, expected) => {
    expect(escapeLog(input)).toBe(expected);
  });

  it('leaves ordinary text, accents and emoji alone', () => {
    expect(escapeLog('POST /calls/abc-123 user=álvaro 🎉')).toBe(
      'POST /calls/abc-123 user=álvaro 🎉',
    );
  });

  it('cuts long text and says how much was left out, never half a surrogate pair', () => {
    expect(escapeLog('x'.repeat(LOG_FIELD_MAX + 50))).toBe(
      `${'x'.repeat(LOG_FIELD_MAX)}…(+50 chars)`,
    );
    const cut = escapeLog(`${'x'.repeat(9)}🎉🎉`, 10);
    expect(cut).toBe(`${'x'.repeat(9)}…(+4 chars)`);
  });

  it('never lets a line break through, whatever the input', () => {
    let all = '';
    for (let c = 0; c < 0x3000; c++) all += String.fromCharCode(c);
    const out = escapeLog(all, all.length);
    const unsafe = [...out].filter((ch) => {
      const c = ch.charCodeAt(0);
      return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029;
    });
    expect(unsafe).toEqual([]);
  });
});
