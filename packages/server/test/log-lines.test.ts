/**
 * One request, one log line: what a client puts in a path (percent-decoded newlines, terminal
 * escapes, NUL, a huge length) reaches the log escaped and bounded.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startService, userToken } from './helpers';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Log lines as a collector would split them. */
const lines = (logs: string[]) => logs.join('\n').split(/\r\n|\r|\n|\u2028|\u2029/);

describe('log lines', () => {
  it.each([
    ['a %0A that would forge a line', '/nowhere/x%0A200%20GET%20/admin', '\\n200 GET /admin'],
    ['a CR LF pair', '/nowhere/x%0D%0Aforged', '\\r\\nforged'],
    ['a terminal escape', '/nowhere/%1B%5B2J%1B%5B31mred', '\\x1b[2J\\x1b[31mred'],
    ['NUL', '/nowhere/a%00b', 'a\\x00b'],
    ['a line separator', '/nowhere/a%E2%80%A8b', 'a\\u2028b'],
  ])('escape %s in the path', async (_what, path, expected) => {
    h = await startService();
    const res = await fetch(`${h.base}${path}`, { method: 'POST' });
    expect(res.status).toBe(404);
    expect(h.logs).toHaveLength(1);
    expect(lines(h.logs)).toHaveLength(1);
    expect(h.logs[0]).toContain(expected);
    // Escaped once: no escape of an escape.
    expect(h.logs[0]).not.toContain('\\\\');
    expect([...h.logs[0]!].filter((c) => c.charCodeAt(0) < 0x20 || c === '\x7f')).toEqual([]);
    // The answer says which route was asked for, JSON-escaped.
    expect(((await res.json()) as { message: string }).message).toMatch(/^No route for POST /);
  });

  it('escapes the path on the fetch entry too', async () => {
    h = await startService();
    const res = await h.service.fetch(
      new Request('http://svc.test/nowhere/x%0Aforged', { method: 'POST' }),
    );
    expect(res.status).toBe(404);
    expect(lines(h.logs)).toEqual([expect.stringContaining('/nowhere/x\\nforged')]);
  });

  it('cuts a huge path', async () => {
    h = await startService();
    await fetch(`${h.base}/calls/${'%0A'.repeat(3000)}`, { method: 'POST' });
    expect(lines(h.logs)).toHaveLength(1);
    expect(h.logs[0]!.length).toBeLessThan(1000);
    expect(h.logs[0]).toMatch(/…\(\+\d+ chars\)/);
  });
});

describe('user ids', () => {
  it('never logs a user id a token forged with control characters', async () => {
    h = await startService();
    const token = await userToken('x', {
      claims: { user_id: 'alice\nPOST /calls/x 201 user=root' },
    });
    const res = await h.request('POST', '/calls/abc', { token, body: {} });
    expect(res.status).toBe(401);
    expect(lines(h.logs)).toEqual([
      expect.stringMatching(
        /^POST \/calls\/abc 401 \S+ \(The user token has no valid user_id claim\.\)$/,
      ),
    ]);
  });
});

describe('methods', () => {
  it('answers a route path with another method 405, saying which methods it takes', async () => {
    h = await startService();
    const res = await fetch(`${h.base}/calls/abc`, { method: 'PUT' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST, GET, HEAD');
    expect(await res.json()).toMatchObject({
      code: 4,
      StatusCode: 405,
      message: 'PUT is not allowed here.',
    });
    const unknown = await fetch(`${h.base}/calls/abc/nothing`, { method: 'PUT' });
    expect(unknown.status).toBe(404);
  });
});
