import { readFileSync } from 'node:fs';
import { describe, expect, it, test } from 'vitest';
import { ENV_VARIABLES, envHelp, fromEnv, providersFromEnv } from '../src';

const base = { STREAM_API_KEY: 'k', STREAM_API_SECRET: 's' };
const agora = { AGORA_APP_ID: 'a'.repeat(32), AGORA_APP_CERTIFICATE: 'b'.repeat(32) };
const hms = { HMS_APP_ACCESS_KEY: 'ak', HMS_APP_SECRET: 'hs', HMS_TEMPLATE_ID: 't' };

describe('fromEnv', () => {
  it('defaults to the local provider on 127.0.0.1:4200', () => {
    const c = fromEnv(base);
    expect(c.options.providers).toEqual({ local: {} });
    expect(c).toMatchObject({ host: '127.0.0.1', port: 4200 });
    expect(c.options).toMatchObject({ apiKey: 'k', apiSecret: 's', databasePath: 'calls.sqlite' });
  });

  it('reads every provider, the default, CORS, the database and the address', () => {
    const c = fromEnv({
      ...base,
      ...agora,
      ...hms,
      HMS_ROLE: 'guest',
      HMS_API_BASE: 'http://127.0.0.1:9/v2',
      CALL_PROVIDER: 'hms',
      CALLS_DB: '/tmp/c.sqlite',
      CORS_ORIGINS: 'http://a.test, http://b.test',
      STREAM_BASE_URL: 'http://127.0.0.1:4100',
      PORT: '8080',
      HOST: '0.0.0.0',
    });
    expect(c.options.providers).toEqual({
      agora: { appId: agora.AGORA_APP_ID, appCertificate: agora.AGORA_APP_CERTIFICATE },
      hms: {
        accessKey: 'ak',
        secret: 'hs',
        templateId: 't',
        role: 'guest',
        apiBase: 'http://127.0.0.1:9/v2',
      },
    });
    expect(c.options).toMatchObject({
      defaultProvider: 'hms',
      databasePath: '/tmp/c.sqlite',
      corsOrigins: ['http://a.test', 'http://b.test'],
    });
    expect(c).toMatchObject({
      streamBaseURL: 'http://127.0.0.1:4100',
      port: 8080,
      host: '0.0.0.0',
    });
  });

  it('enables local beside a real provider when CALL_PROVIDER=local', () => {
    expect(
      Object.keys(fromEnv({ ...base, ...agora, CALL_PROVIDER: 'local' }).options.providers),
    ).toEqual(['agora', 'local']);
  });

  test.each([
    ['no API key', { STREAM_API_SECRET: 's' }, /STREAM_API_KEY/],
    ['no API secret', { STREAM_API_KEY: 'k' }, /STREAM_API_SECRET/],
    ['half of Agora', { ...base, AGORA_APP_ID: 'x' }, /AGORA_APP_CERTIFICATE/],
    ['half of 100ms', { ...base, HMS_APP_ACCESS_KEY: 'x' }, /HMS_APP_SECRET/],
    ['an unknown provider', { ...base, CALL_PROVIDER: 'zoom' }, /CALL_PROVIDER/],
    ['a default without credentials', { ...base, CALL_PROVIDER: 'agora' }, /credentials/],
    ['a bad port', { ...base, PORT: 'eighty' }, /PORT/],
  ])('refuses %s', (_name, env, message) => {
    expect(() => fromEnv(env)).toThrow(message);
  });

  it('never puts a secret in an error message', () => {
    try {
      fromEnv({ ...base, AGORA_APP_ID: 'x', STREAM_API_SECRET: 'very-secret-value' });
    } catch (e) {
      expect(String(e)).not.toContain('very-secret-value');
    }
    expect.assertions(1);
  });
});

describe('the documented variables', () => {
  it('are exactly the ones fromEnv reads', () => {
    const read = new Set<string>();
    const full: Record<string, string> = {
      ...base,
      ...agora,
      ...hms,
      HMS_ROLE: 'guest',
      HMS_API_BASE: 'http://x',
      CALL_PROVIDER: 'agora',
      CALLS_DB: 'x',
      CORS_ORIGINS: '*',
      RATE_LIMIT_PER_MINUTE: '5',
      BASE_PATH: '/x',
      PORT: '1',
      HOST: 'h',
      STREAM_BASE_URL: 'http://x',
    };
    const env = new Proxy(full, {
      get(target, name: string) {
        read.add(name);
        return target[name];
      },
    });
    fromEnv(env);
    expect([...read].sort()).toEqual(ENV_VARIABLES.map((v) => v.name).sort());
  });

  it('are all in the README', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const v of ENV_VARIABLES) expect(readme).toContain(`\`${v.name}\``);
  });

  it('are all in --help with their defaults', () => {
    // Meanings wrap over lines: compare without the line breaks and indentation.
    const help = envHelp().replace(/\n +/g, ' ');
    for (const v of ENV_VARIABLES) {
      const fallback = v.fallback === 'required' ? '(required)' : `(default: ${v.fallback})`;
      expect(help).toContain(`${v.name}`);
      expect(help).toContain(`${v.meaning} ${fallback}`);
    }
    expect(
      Math.max(
        ...envHelp()
          .split('\n')
          .map((l) => l.length),
      ),
    ).toBeLessThanOrEqual(90);
  });
});

describe('a missing or half-set variable', () => {
  it('names what is missing', () => {
    expect(() => fromEnv({})).toThrow(
      "STREAM_API_KEY and STREAM_API_SECRET are required: your Stream app's API key and API secret.",
    );
    expect(() => fromEnv({ STREAM_API_KEY: 'k' })).toThrow(
      "STREAM_API_SECRET is required: your Stream app's API secret.",
    );
    expect(() => providersFromEnv({ HMS_APP_ACCESS_KEY: 'a', HMS_TEMPLATE_ID: 't' })).toThrow(
      '100ms is half configured: HMS_APP_ACCESS_KEY, HMS_TEMPLATE_ID are set but HMS_APP_SECRET is not (set all of HMS_APP_ACCESS_KEY, HMS_APP_SECRET, HMS_TEMPLATE_ID, or none).',
    );
    expect(() => fromEnv({ ...base, PORT: '70000' })).toThrow('PORT must be at most 65535.');
  });
});
