import { PROVIDER_NAMES } from './contract';
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

function need(env: Env, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new Error(`${name} is required.`);
  return value;
}

function positiveInt(env: Env, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer.`);
  return n;
}

/**
 * Reads the call service's configuration from the environment: STREAM_API_KEY,
 * STREAM_API_SECRET, STREAM_BASE_URL, AGORA_APP_ID, AGORA_APP_CERTIFICATE, HMS_APP_ACCESS_KEY,
 * HMS_APP_SECRET, HMS_TEMPLATE_ID, HMS_ROLE, HMS_API_BASE, CALL_PROVIDER, CALLS_DB,
 * CORS_ORIGINS (comma-separated or `*`), RATE_LIMIT_PER_MINUTE, BASE_PATH, PORT, HOST.
 * A provider is enabled when its credentials are all set; `local` when CALL_PROVIDER=local or
 * when no other provider is configured.
 */
export function fromEnv(env: Env = process.env): EnvConfig {
  const providers: CallServiceOptions['providers'] = {};
  if (env.AGORA_APP_ID || env.AGORA_APP_CERTIFICATE) {
    providers.agora = {
      appId: need(env, 'AGORA_APP_ID'),
      appCertificate: need(env, 'AGORA_APP_CERTIFICATE'),
    };
  }
  if (env.HMS_APP_ACCESS_KEY || env.HMS_APP_SECRET || env.HMS_TEMPLATE_ID) {
    providers.hms = {
      accessKey: need(env, 'HMS_APP_ACCESS_KEY'),
      secret: need(env, 'HMS_APP_SECRET'),
      templateId: need(env, 'HMS_TEMPLATE_ID'),
      ...(env.HMS_ROLE ? { role: env.HMS_ROLE } : {}),
      ...(env.HMS_API_BASE ? { apiBase: env.HMS_API_BASE } : {}),
    };
  }
  const chosen = env.CALL_PROVIDER?.trim();
  type BuiltIn = (typeof PROVIDER_NAMES)[number];
  if (chosen && !PROVIDER_NAMES.includes(chosen as BuiltIn)) {
    throw new Error('CALL_PROVIDER must be agora, hms or local.');
  }
  if (chosen === 'local' || (!providers.agora && !providers.hms)) providers.local = {};
  const defaultProvider = (chosen as BuiltIn | undefined) ?? undefined;
  if (defaultProvider && !providers[defaultProvider]) {
    throw new Error(`CALL_PROVIDER=${defaultProvider} but its credentials are not set.`);
  }
  const cors = env.CORS_ORIGINS?.trim();
  const options: EnvConfig['options'] = {
    apiKey: need(env, 'STREAM_API_KEY'),
    apiSecret: need(env, 'STREAM_API_SECRET'),
    providers,
    databasePath: env.CALLS_DB?.trim() || 'calls.sqlite',
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
    ...(env.RATE_LIMIT_PER_MINUTE
      ? { rateLimitPerMinute: positiveInt(env, 'RATE_LIMIT_PER_MINUTE', 600) }
      : {}),
    ...(env.BASE_PATH ? { basePath: env.BASE_PATH } : {}),
  };
  const config: EnvConfig = {
    options,
    port: positiveInt(env, 'PORT', 4200),
    host: env.HOST?.trim() || '127.0.0.1',
  };
  if (env.STREAM_BASE_URL) config.streamBaseURL = env.STREAM_BASE_URL.trim();
  return config;
}

export type { ChannelEventSink, MembershipStore };
