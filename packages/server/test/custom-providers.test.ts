/**
 * The app's own providers (`createCallService({ customProviders })`): a CreateCall that asks for
 * one gets its room and its token, GetCallToken mints through it, and the service refuses a
 * provider it does not have and names that would break the wire contract.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCallService, type ServerProvider } from '../src';
import { API_KEY, API_SECRET, defaultMembership, type Harness, startService } from './helpers';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const sfu: ServerProvider = {
  name: 'sfu',
  async createRoom(callId) {
    return { sfu: { room: `sfu-${callId}` } };
  },
  async token(call, user) {
    return { token: `sfu:${(call.sfu as { room: string }).room}:${user.id}` };
  },
};

const create = (id: string, options?: object) =>
  h!.request('POST', '/channels/messaging/general/call', {
    user: 'alice',
    body: { id, type: 'video', ...(options ? { options } : {}) },
  });

describe('custom providers', () => {
  it('creates a call through the one CreateCall asks for, and mints each member’s token', async () => {
    h = await startService({ providers: { local: {} }, customProviders: [sfu] });
    const created = await create('c1', { provider: 'sfu' });
    expect(created.status).toBe(201);
    expect(created.body.call).toEqual({
      id: 'c1',
      provider: 'sfu',
      type: 'video',
      sfu: { room: 'sfu-c1' },
    });
    expect(created.body.token).toBe('sfu:sfu-c1:alice');
    const bob = await h.request('POST', '/calls/c1', { user: 'bob', body: {} });
    expect(bob.status).toBe(201);
    expect(bob.body.token).toBe('sfu:sfu-c1:bob');
    // The live state carries the call as created.
    const state = await h.request('GET', '/calls/c1', { user: 'bob' });
    expect(state.body.call).toEqual(created.body.call);
    // Built-in providers still answer beside it.
    expect(((await create('c2')).body.call as { provider: string }).provider).toBe('local');
  });

  it('is the default when it is the only provider', async () => {
    h = await startService({ providers: {}, customProviders: [sfu] });
    expect(((await create('only')).body.call as { provider: string }).provider).toBe('sfu');
  });

  it.each([
    ['a provider it does not have', { provider: 'zoom' }, /"zoom" is not configured/],
    ['a name that is not one', { provider: '<b>' }, /options.provider must be a provider name/],
    ['a name that is not a string', { provider: 7 }, /options.provider must be a provider name/],
  ])('answers 400 to a CreateCall that asks for %s', async (_what, options, message) => {
    h = await startService({ customProviders: [sfu] });
    const res = await create('bad', options);
    expect(res.status).toBe(400);
    expect(String(res.body.message)).toMatch(message);
  });

  it.each([
    ['Sfu', /not a valid provider name/],
    ['1sfu', /not a valid provider name/],
    ['type', /not a valid provider name/],
    ['id', /not a valid provider name/],
    ['local', /Two providers are named "local"/],
  ])('refuses a custom provider named %j', (name, message) => {
    expect(() =>
      createCallService({
        apiKey: API_KEY,
        apiSecret: API_SECRET,
        membership: defaultMembership(),
        providers: { local: {} },
        customProviders: [{ ...sfu, name }],
      }),
    ).toThrow(message);
  });
});
