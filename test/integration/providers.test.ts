import { describe, expect, it } from 'vitest';
import { devProviders } from '../../dev-server/calls';
import { startDevServer } from '../../dev-server/server';
import { createCallId, streamCallApi } from '../../src/core';
import { connect } from './helpers';

const AGORA = { AGORA_APP_ID: 'a'.repeat(32), AGORA_APP_CERTIFICATE: 'b'.repeat(32) };
const HMS = { HMS_APP_ACCESS_KEY: 'key', HMS_APP_SECRET: 'secret', HMS_TEMPLATE_ID: 'tpl' };

describe('call providers from the environment', () => {
  it.each([
    ['nothing set', {}, ['local'], 'local'],
    ['Agora credentials', AGORA, ['agora', 'local'], 'local'],
    ['100ms credentials', HMS, ['hms', 'local'], 'local'],
    [
      'both, Agora by default',
      { ...AGORA, ...HMS, CALL_PROVIDER: 'agora' },
      ['agora', 'hms', 'local'],
      'agora',
    ],
    ['CALL_PROVIDER=hms', { ...HMS, CALL_PROVIDER: 'hms' }, ['hms', 'local'], 'hms'],
  ])('with %s', (_name, env, names, defaultProvider) => {
    const result = devProviders(env as Record<string, string>);
    expect(Object.keys(result.providers).sort()).toEqual(names);
    expect(result.defaultProvider).toBe(defaultProvider);
  });

  it.each([
    ['a provider without credentials', { CALL_PROVIDER: 'agora' }, /credentials/],
    ['an unknown provider', { CALL_PROVIDER: 'zoom' }, /CALL_PROVIDER/],
    [
      'half of Agora (the service’s own rule)',
      { AGORA_APP_ID: 'x' },
      /Agora is half configured: AGORA_APP_ID is set but AGORA_APP_CERTIFICATE is not/,
    ],
    ['half of 100ms', { HMS_APP_SECRET: 'x' }, /100ms is half configured/],
  ])('refuses %s', (_name, env, message) => {
    expect(() => devProviders(env)).toThrow(message);
  });

  it('refuses to start with a half-configured provider', async () => {
    await expect(
      startDevServer({ port: 0, env: { AGORA_APP_CERTIFICATE: 'b'.repeat(32) } }),
    ).rejects.toThrow(/Agora is half configured/);
  });

  it('creates Agora calls by default when CALL_PROVIDER=agora, with local still available', async () => {
    const server = await startDevServer({
      port: 0,
      databasePath: ':memory:',
      env: { ...AGORA, CALL_PROVIDER: 'agora' },
    });
    const alice = await connect(server, 'alice');
    try {
      const api = streamCallApi(alice);
      const general = { type: 'messaging', id: 'general' };
      const agora = await api.createCall(general, { id: createCallId(), type: 'video' });
      expect(agora.call.provider).toBe('agora');
      expect(agora.agora_app_id).toBe(AGORA.AGORA_APP_ID);
      expect(agora.agora_uid).toEqual(expect.any(Number));
      const local = await api.createCall(general, {
        id: createCallId(),
        type: 'audio',
        options: { provider: 'local' },
      });
      expect(local.call.provider).toBe('local');
    } finally {
      await alice.disconnectUser();
      await server.close();
    }
  });
});
