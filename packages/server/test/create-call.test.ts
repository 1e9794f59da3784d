import { afterEach, beforeEach, describe, expect, it, test } from 'vitest';
import { type Harness, startService } from './helpers';

let h: Harness;
beforeEach(async () => {
  h = await startService();
});
afterEach(async () => {
  await h.close();
});

const create = (body: unknown, user = 'alice', channel = 'messaging/general') =>
  h.request('POST', `/channels/${channel}/call`, { user, body });

describe('CreateCall', () => {
  it('creates a local call for a channel member and returns the creator token', async () => {
    const res = await create({ id: 'Standup-1', type: 'video' });
    expect(res.status).toBe(201);
    expect(res.body.call).toEqual({
      id: 'standup-1',
      provider: 'local',
      type: 'video',
      local: { room: 'standup-1' },
    });
    expect(typeof res.body.token).toBe('string');
    expect(res.body.duration).toMatch(/^\d+\.\d{2}ms$/);
    expect(res.body).not.toHaveProperty('agora_uid');
  });

  it('returns the same call for the same id in the same channel, without duplicating it', async () => {
    const first = await create({ id: 'daily', type: 'audio' });
    const again = await create({ id: 'DAILY', type: 'video' }, 'bob');
    expect(again.status).toBe(201);
    expect(again.body.call).toEqual(first.body.call);
    const state = await h.request('GET', '/calls/daily', { user: 'bob' });
    expect(state.body.created_by).toEqual({
      id: 'alice',
      name: 'Alice',
      image: 'https://example.test/a.png',
    });
  });

  it('makes one call when many members create the same id at once', async () => {
    const users = ['alice', 'bob', 'carol', 'mod'];
    const all = await Promise.all(users.map((u) => create({ id: 'race', type: 'video' }, u)));
    expect(all.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(all.map((r) => JSON.stringify(r.body.call))).size).toBe(1);
  });

  it('refuses an id already used by another channel with 409', async () => {
    await create({ id: 'shared', type: 'video' });
    const res = await create({ id: 'shared', type: 'video' }, 'alice', 'messaging/other');
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 6, StatusCode: 409 });
    expect(typeof res.body.message).toBe('string');
    expect(res.body.duration).toMatch(/ms$/);
  });

  it('refuses a user who is not a member of the channel with 403', async () => {
    const res = await create({ id: 'intruder', type: 'video' }, 'dave');
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 17, StatusCode: 403 });
    const lookup = await h.request('GET', '/calls/intruder', { user: 'alice' });
    expect(lookup.status).toBe(404);
  });

  test.each([
    ['an id with bad characters', { id: 'no spaces!', type: 'video' }],
    ['an id longer than 64 characters', { id: 'a'.repeat(65), type: 'video' }],
    ['an empty id', { id: '', type: 'video' }],
    ['a missing id', { type: 'video' }],
    ['a missing type', { id: 'ok' }],
    ['an unknown type', { id: 'ok', type: 'screen' }],
    ['a numeric id', { id: 42, type: 'video' }],
    ['options that are not an object', { id: 'ok', type: 'video', options: 'agora' }],
    ['an unknown provider', { id: 'ok', type: 'video', options: { provider: 'zoom' } }],
    ['a body that is an array', [{ id: 'ok', type: 'video' }]],
    ['a body that is a string', 'call me'],
  ])('refuses %s with 400', async (_name, body) => {
    const res = await create(body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 4, StatusCode: 400 });
  });

  it('refuses a provider that is not configured with 400', async () => {
    const res = await create({ id: 'ok', type: 'video', options: { provider: 'agora' } });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/agora/);
  });

  it('refuses a malformed channel id with 400', async () => {
    const res = await create({ id: 'ok', type: 'video' }, 'alice', 'messaging/%3Cscript%3E');
    expect(res.status).toBe(400);
  });
});

describe('GetCallToken', () => {
  it('gives any member of the call channel their own token', async () => {
    await create({ id: 'tok', type: 'video' });
    const res = await h.request('POST', '/calls/tok', { user: 'bob', body: {} });
    expect(res.status).toBe(201);
    expect(typeof res.body.token).toBe('string');
    expect(res.body.duration).toMatch(/ms$/);
  });

  it('finds the call whatever the case of the id in the path', async () => {
    await create({ id: 'mixed', type: 'video' });
    const res = await h.request('POST', '/calls/MiXeD', { user: 'bob', body: {} });
    expect(res.status).toBe(201);
  });

  it('accepts an empty body', async () => {
    await create({ id: 'empty', type: 'video' });
    expect((await h.request('POST', '/calls/empty', { user: 'bob' })).status).toBe(201);
  });

  it("asks for the membership and the user's name together, not one after the other", async () => {
    await create({ id: 'both', type: 'video' });
    const membership = h.membership;
    const asked: string[] = [];
    let releaseMembership = () => {};
    const getMembership = membership.getMembership.bind(membership);
    const getUser = membership.getUser.bind(membership);
    membership.getMembership = async (cid, userId) => {
      asked.push('membership');
      // Held until the user look-up has started: a service that waits for it never answers.
      await new Promise<void>((r) => {
        releaseMembership = r;
      });
      return getMembership(cid, userId);
    };
    membership.getUser = async (userId) => {
      asked.push('user');
      releaseMembership();
      return getUser(userId);
    };
    const res = await h.request('POST', '/calls/both', { user: 'bob', body: {} });
    expect(res.status).toBe(201);
    expect(asked).toStrictEqual(['membership', 'user']);
  });

  it('answers 404 for an unknown call', async () => {
    const res = await h.request('POST', '/calls/nope', { user: 'bob', body: {} });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 16, StatusCode: 404 });
  });

  it('answers a user outside the call channel exactly as an unknown call (404)', async () => {
    await create({ id: 'private', type: 'video' });
    const res = await h.request('POST', '/calls/private', { user: 'dave', body: {} });
    const unknown = await h.request('POST', '/calls/unknown', { user: 'dave', body: {} });
    expect(res.status).toBe(404);
    const { duration: _a, ...seen } = res.body;
    const { duration: _b, ...unseen } = unknown.body;
    expect(seen).toEqual(unseen);
  });

  it('answers 400 for an invalid call id in the path', async () => {
    const res = await h.request('POST', '/calls/bad%20id', { user: 'bob', body: {} });
    expect(res.status).toBe(400);
  });

  it('serves 200 concurrent token requests, all 201', async () => {
    await create({ id: 'busy', type: 'video' });
    const users = ['alice', 'bob', 'carol', 'mod'];
    const all = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        h.request('POST', '/calls/busy', { user: users[i % users.length], body: {} }),
      ),
    );
    expect(all.filter((r) => r.status === 201)).toHaveLength(200);
  });
});
