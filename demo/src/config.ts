/** The demo's configuration: Vite env vars (see demo/README.md) and a few URL parameters. */
import { type NotifyMode, PROVIDER_NAMES, type ProviderName } from 'stream-chat-calls';

export interface DemoConfig {
  apiKey: string;
  /** Stream (or the dev server) REST base URL, without a trailing slash. */
  baseURL: string;
  /** A deployed call service, if the app uses one instead of the contract at `baseURL`. */
  callsBaseURL?: string;
  /** Where user tokens come from: the app's backend, or the dev server's `/dev/token`. */
  tokenURL: string;
  /** True when tokens come from the dev server (no VITE_TOKEN_URL). */
  devTokens: boolean;
  providers: DemoProvider[];
  users: string[];
}

/** The providers the demo knows (the kit's built-in ones). */
export type DemoProvider = (typeof PROVIDER_NAMES)[number];

const trimSlash = (url: string) => url.replace(/\/+$/, '');

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function parseProviders(value: string | undefined): DemoProvider[] {
  const wanted = list(value).map((s) => s.toLowerCase());
  if (wanted.length === 0) return ['local', 'agora', 'hms'];
  const known = wanted.filter((p): p is DemoProvider => (PROVIDER_NAMES as string[]).includes(p));
  return known.length > 0 ? [...new Set(known)] : ['local', 'agora', 'hms'];
}

export function readConfig(env: ImportMetaEnv = import.meta.env): DemoConfig {
  const baseURL = trimSlash(env.VITE_STREAM_BASE_URL || __DEMO_DEFAULT_BASE_URL__);
  const tokenURL = env.VITE_TOKEN_URL ? env.VITE_TOKEN_URL : `${baseURL}/dev/token`;
  return {
    apiKey: env.VITE_STREAM_API_KEY || 'dev',
    baseURL,
    callsBaseURL: env.VITE_CALLS_BASE_URL ? trimSlash(env.VITE_CALLS_BASE_URL) : undefined,
    tokenURL,
    devTokens: !env.VITE_TOKEN_URL,
    providers: parseProviders(env.VITE_CALL_PROVIDERS),
    users: list(env.VITE_DEMO_USERS).length
      ? list(env.VITE_DEMO_USERS)
      : ['alice', 'bob', 'carol', 'dave'],
  };
}

/** User ids as the dev server and Stream accept them. */
export const USER_ID = /^[a-zA-Z0-9@_-]{1,64}$/;

export type Theme = 'light' | 'dark';
export type Language = 'en' | 'es';

/**
 * What the page URL may say: `?user=alice&provider=agora&notify=channel&theme=dark&lang=es&ringTimeout=5000`.
 * No secrets.
 */
export interface UrlParams {
  user?: string;
  provider?: ProviderName;
  notify?: NotifyMode;
  theme?: Theme;
  lang?: Language;
  /** How long a call rings before it counts as unanswered (ms, 3 000–120 000): for trying it out. */
  ringTimeout?: number;
}

export function readUrlParams(search: string): UrlParams {
  const q = new URLSearchParams(search);
  const out: UrlParams = {};
  const user = q.get('user');
  if (user && USER_ID.test(user)) out.user = user;
  const provider = q.get('provider');
  if (provider && (PROVIDER_NAMES as string[]).includes(provider)) {
    out.provider = provider as ProviderName;
  }
  const notify = q.get('notify');
  if (notify === 'message' || notify === 'channel' || notify === 'event') out.notify = notify;
  const theme = q.get('theme');
  if (theme === 'light' || theme === 'dark') out.theme = theme;
  const lang = q.get('lang');
  if (lang === 'en' || lang === 'es') out.lang = lang;
  const ringTimeout = Number(q.get('ringTimeout'));
  if (Number.isInteger(ringTimeout) && ringTimeout >= 3_000 && ringTimeout <= 120_000) {
    out.ringTimeout = ringTimeout;
  }
  return out;
}

/** Rewrites one URL parameter in place (no reload, no history entry per toggle). */
export function setUrlParam(name: keyof UrlParams, value: string | undefined, push = false): void {
  const url = new URL(window.location.href);
  if (value === undefined) url.searchParams.delete(name);
  else url.searchParams.set(name, value);
  if (push) window.history.pushState(null, '', url);
  else window.history.replaceState(null, '', url);
}
