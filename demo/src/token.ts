/** Fetches a user token from the app's backend or the dev server. The token never enters the URL. */
import type { DemoConfig } from './config';

export interface SignedInUser {
  id: string;
  name?: string;
  image?: string;
}

export interface TokenAnswer {
  token: string;
  user: SignedInUser;
}

/** A failure a person can act on: what went wrong, and how to fix it. */
export class DemoConnectError extends Error {
  constructor(
    message: string,
    readonly hint: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DemoConnectError';
  }
}

export function serverDownError(config: DemoConfig, cause?: unknown): DemoConnectError {
  return config.devTokens
    ? new DemoConnectError(
        `Cannot reach the dev server at ${config.baseURL}.`,
        'Start it with `npm start` (chat server + this demo) or `npm run dev-server`, then press Retry.',
        { cause },
      )
    : new DemoConnectError(
        `Cannot reach the token service at ${config.tokenURL}.`,
        'Check VITE_TOKEN_URL and that your backend allows this origin (CORS), then press Retry.',
        { cause },
      );
}

export async function fetchToken(
  config: DemoConfig,
  userId: string,
  signal?: AbortSignal,
): Promise<TokenAnswer> {
  const url = new URL(config.tokenURL);
  url.searchParams.set('user_id', userId);
  let res: Response;
  try {
    res = await fetch(url, {
      signal: signal
        ? AbortSignal.any([signal, AbortSignal.timeout(10_000)])
        : AbortSignal.timeout(10_000),
    });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw serverDownError(config, e);
  }
  const body = (await res.json().catch(() => undefined)) as
    | { token?: unknown; user?: unknown; message?: unknown }
    | undefined;
  if (!res.ok) {
    const message = typeof body?.message === 'string' ? body.message : `HTTP ${res.status}`;
    throw new DemoConnectError(
      `Could not get a token for “${userId}”: ${message}`,
      config.devTokens
        ? 'The dev server knows alice, bob, carol and dave.'
        : 'Check that your token service knows this user.',
    );
  }
  if (typeof body?.token !== 'string' || body.token.split('.').length !== 3) {
    throw new DemoConnectError(
      'The token service answered without a valid token.',
      'It must answer `{ "token": "<JWT>" }`.',
    );
  }
  const raw = (body.user ?? {}) as Record<string, unknown>;
  const user: SignedInUser = { id: userId };
  if (typeof raw.name === 'string') user.name = raw.name;
  if (typeof raw.image === 'string') user.image = raw.image;
  return { token: body.token, user };
}
