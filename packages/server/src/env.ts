import { PROVIDER_NAMES, type ProviderName } from './contract';
import type { CallServiceOptions, ChannelEventSink, MembershipStore } from './types';

export interface EnvConfig {
  /** Everything createCallService needs except membership and events. */
  options: Omit<CallServiceOptions, 'membership' | 'events'>;
  /** Stream's API base URL for membership and events (STREAM_BASE_URL). */
  streamBaseURL?: string;
  port: number;
  host: string;
}

type Env = Record<string, string | undefined>;

/** A configuration the service cannot start with; the message names the variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** One environment variable of the call service, for `--help` and the docs. */
export interface EnvVariable {
  /** The variable's name (`STREAM_API_KEY`, …). */
  name: string;
  /** What it is when unset. */
  fallback: string;
  /** What it sets, in a sentence. */
  meaning: string;
}

/** Every variable `fromEnv` reads (a test holds this list and `fromEnv` together). */
export const ENV_VARIABLES: readonly EnvVariable[] = [
  {
    name: 'STREAM_API_KEY',
    fallback: 'required',
    meaning: "Your Stream app's API key; requests must carry it as api_key.",
  },
  {
    name: 'STREAM_API_SECRET',
    fallback: 'required',
    meaning: 'Its secret: verifies user tokens (HS256) and signs calls to Stream. Never printed.',
  },
  {
    name: 'STREAM_BASE_URL',
    fallback: "Stream's API",
    meaning: 'Where membership checks and channel events go (e.g. the dev server).',
  },
  {
    name: 'AGORA_APP_ID',
    fallback: 'off',
    meaning: 'With AGORA_APP_CERTIFICATE (both 32 hex characters): enables Agora.',
  },
  { name: 'AGORA_APP_CERTIFICATE', fallback: 'off', meaning: 'See AGORA_APP_ID. Never printed.' },
  {
    name: 'HMS_APP_ACCESS_KEY',
    fallback: 'off',
    meaning: 'With HMS_APP_SECRET and HMS_TEMPLATE_ID: enables 100ms.',
  },
  { name: 'HMS_APP_SECRET', fallback: 'off', meaning: 'See HMS_APP_ACCESS_KEY. Never printed.' },
  {
    name: 'HMS_TEMPLATE_ID',
    fallback: 'off',
    meaning: 'The 100ms template new rooms use. See HMS_APP_ACCESS_KEY.',
  },
  { name: 'HMS_ROLE', fallback: 'host', meaning: 'The 100ms role given to joiners.' },
  {
    name: 'HMS_API_BASE',
    fallback: 'https://api.100ms.live/v2',
    meaning: "100ms's REST API.",
  },
  {
    name: 'CALL_PROVIDER',
    fallback: 'the first configured',
    meaning:
      'Provider of new calls: agora, hms or local. local is enabled when chosen here, or when no other provider is configured.',
  },
  {
    name: 'CALLS_DB',
    fallback: 'calls.sqlite',
    meaning: 'SQLite file of the call registry (one instance per file).',
  },
  {
    name: 'CALLS_DATABASE_URL',
    fallback: 'none (SQLite)',
    meaning:
      'A PostgreSQL URL (postgres://user:password@host/db): the registry for any number of instances. Never printed.',
  },
  {
    name: 'CALLS_DATABASE_POOL_SIZE',
    fallback: '10',
    meaning:
      "PostgreSQL connections per instance (instances × this < the server's max_connections).",
  },
  {
    name: 'CALLS_EMPTY_GRACE_MS',
    fallback: '2000',
    meaning: 'How long a call with nobody left waits before it ends itself.',
  },
  {
    name: 'CALLS_PARTICIPANT_TTL_MS',
    fallback: '90000',
    meaning: 'A participant not heard from for this long is taken out (0: never).',
  },
  {
    name: 'CORS_ORIGINS',
    fallback: 'none (same origin)',
    meaning: 'Browser origins allowed to call the service: comma-separated, or *.',
  },
  {
    name: 'RATE_LIMIT_PER_MINUTE',
    fallback: '600',
    meaning: 'Requests per user per minute, per instance (N instances allow N times this).',
  },
  { name: 'BASE_PATH', fallback: 'none', meaning: 'Path prefix of every route, e.g. /calls.' },
  { name: 'PORT', fallback: '4200', meaning: 'Port to listen on.' },
  { name: 'HOST', fallback: '127.0.0.1', meaning: 'Address to listen on (0.0.0.0 for all).' },
];

/** `--help`: what the CLI does and every variable, its default and meaning. */
export function envHelp(command = 'stream-chat-calls-server'): string {
  const width = Math.max(...ENV_VARIABLES.map((v) => v.name.length));
  const indent = ' '.repeat(width + 4);
  const lines = ENV_VARIABLES.flatMap((v) => {
    const fallback = v.fallback === 'required' ? '(required)' : `(default: ${v.fallback})`;
    const [first, ...rest] = wrap(`${v.meaning} ${fallback}`, 80 - indent.length);
    return [`  ${v.name.padEnd(width)}  ${first}`, ...rest.map((l) => `${indent}${l}`)];
  });
  return [
    `Usage: ${command} [--help]`,
    '',
    'The call service of stream-chat-calls: CreateCall, GetCallToken and live call state for a',
    'Stream Chat app, with Agora, 100ms or local (WebRTC) calls. Configured by environment',
    'variables:',
    '',
    ...lines,
    '',
    'Example:',
    '  STREAM_API_KEY=… STREAM_API_SECRET=… \\',
    `    AGORA_APP_ID=… AGORA_APP_CERTIFICATE=… ${command}`,
    '',
  ].join('\n');
}

/** Words into lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}

function value(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

function positiveInt(env: Env, name: string, fallback: number): number {
  const raw = value(env, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new ConfigError(`${name} must be a non-negative integer.`);
  return n;
}

function port(env: Env): number {
  const n = positiveInt(env, 'PORT', 4200);
  if (n > 65535) throw new ConfigError('PORT must be at most 65535.');
  return n;
}

/**
 * A provider's variables: all set (its config), none set (undefined), or some — a startup
 * error naming what is missing.
 */
function group(env: Env, label: string, names: readonly string[]): string[] | undefined {
  const values = names.map((n) => value(env, n));
  if (values.every((v) => v === undefined)) return undefined;
  const missing = names.filter((_n, i) => values[i] === undefined);
  if (missing.length > 0) {
    const set = names.filter((_n, i) => values[i] !== undefined);
    throw new ConfigError(
      `${label} is half configured: ${set.join(', ')} ${set.length > 1 ? 'are' : 'is'} set but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not (set all of ${names.join(', ')}, or none).`,
    );
  }
  return values as string[];
}

/**
 * The providers the environment configures, by the service's rules: Agora with AGORA_APP_ID
 * and AGORA_APP_CERTIFICATE, 100ms with HMS_APP_ACCESS_KEY, HMS_APP_SECRET and HMS_TEMPLATE_ID
 * (half a provider is a `ConfigError`), `local` when CALL_PROVIDER=local or when nothing else is
 * configured; CALL_PROVIDER picks the default (its provider must be configured).
 */
export function providersFromEnv(env: Env = process.env): {
  providers: CallServiceOptions['providers'];
  defaultProvider?: ProviderName;
} {
  const providers: CallServiceOptions['providers'] = {};
  const agora = group(env, 'Agora', ['AGORA_APP_ID', 'AGORA_APP_CERTIFICATE']);
  if (agora) providers.agora = { appId: agora[0]!, appCertificate: agora[1]! };
  const hms = group(env, '100ms', ['HMS_APP_ACCESS_KEY', 'HMS_APP_SECRET', 'HMS_TEMPLATE_ID']);
  if (hms) {
    const role = value(env, 'HMS_ROLE');
    const apiBase = value(env, 'HMS_API_BASE');
    providers.hms = {
      accessKey: hms[0]!,
      secret: hms[1]!,
      templateId: hms[2]!,
      ...(role ? { role } : {}),
      ...(apiBase ? { apiBase } : {}),
    };
  }
  const chosen = value(env, 'CALL_PROVIDER');
  type BuiltIn = (typeof PROVIDER_NAMES)[number];
  if (chosen !== undefined && !PROVIDER_NAMES.includes(chosen as BuiltIn)) {
    throw new ConfigError('CALL_PROVIDER must be agora, hms or local.');
  }
  if (chosen === 'local' || (!providers.agora && !providers.hms)) providers.local = {};
  const defaultProvider = chosen as BuiltIn | undefined;
  if (defaultProvider && !providers[defaultProvider]) {
    throw new ConfigError(`CALL_PROVIDER=${defaultProvider} but its credentials are not set.`);
  }
  return defaultProvider ? { providers, defaultProvider } : { providers };
}

/**
 * Reads the call service's configuration from the environment (`ENV_VARIABLES` lists every
 * variable, its default and meaning). Throws a `ConfigError` naming what is missing or wrong.
 */
export function fromEnv(env: Env = process.env): EnvConfig {
  const required = { STREAM_API_KEY: 'API key', STREAM_API_SECRET: 'API secret' } as const;
  const missing = (Object.keys(required) as Array<keyof typeof required>).filter(
    (n) => !value(env, n),
  );
  if (missing.length > 0) {
    throw new ConfigError(
      `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} required: your Stream app's ${missing.map((n) => required[n]).join(' and ')}.`,
    );
  }
  const { providers, defaultProvider } = providersFromEnv(env);
  const cors = value(env, 'CORS_ORIGINS');
  const options: EnvConfig['options'] = {
    apiKey: value(env, 'STREAM_API_KEY')!,
    apiSecret: value(env, 'STREAM_API_SECRET')!,
    providers,
    databasePath: value(env, 'CALLS_DB') ?? 'calls.sqlite',
    ...(value(env, 'CALLS_DATABASE_URL') ? { databaseUrl: value(env, 'CALLS_DATABASE_URL') } : {}),
    ...(value(env, 'CALLS_DATABASE_POOL_SIZE')
      ? { databasePoolSize: positiveInt(env, 'CALLS_DATABASE_POOL_SIZE', 10) }
      : {}),
    ...(defaultProvider ? { defaultProvider } : {}),
    ...(cors
      ? {
          corsOrigins:
            cors === '*'
              ? '*'
              : cors
                  .split(',')
                  .map((s) => s.trim())
                  .filter(Boolean),
        }
      : {}),
    ...(value(env, 'RATE_LIMIT_PER_MINUTE')
      ? { rateLimitPerMinute: positiveInt(env, 'RATE_LIMIT_PER_MINUTE', 600) }
      : {}),
    ...(value(env, 'BASE_PATH') ? { basePath: value(env, 'BASE_PATH') } : {}),
    ...(value(env, 'CALLS_EMPTY_GRACE_MS')
      ? { emptyCallGraceMs: positiveInt(env, 'CALLS_EMPTY_GRACE_MS', 2000) }
      : {}),
    ...(value(env, 'CALLS_PARTICIPANT_TTL_MS')
      ? { participantTtlMs: positiveInt(env, 'CALLS_PARTICIPANT_TTL_MS', 90_000) }
      : {}),
  };
  const config: EnvConfig = {
    options,
    port: port(env),
    host: value(env, 'HOST') ?? '127.0.0.1',
  };
  const base = value(env, 'STREAM_BASE_URL');
  if (base) config.streamBaseURL = base;
  return config;
}

export type { ChannelEventSink, MembershipStore };
