import type { CallApi, CallServiceApiOptions, StreamClientLike } from './api';
import { CallKitError } from './CallKitError';

export const DEFAULT_API_TIMEOUT_MS = 15_000;

type HttpModule = typeof import('./http');

/**
 * Starts loading the default clients' request code ahead of their first request (internal: a
 * part that is about to ask, e.g. the live-state store, loads it alongside its own code).
 */
export function preloadCallApiCode(): void {
  import('./http').catch(() => {
    // The request that needs it reports the failure.
  });
}

/**
 * A CallApi whose request code (HTTP, answers, errors) loads with its first request: a chat page
 * builds its API client up front but needs the code only when a card asks for a call's state or
 * a call starts. A failed load fails that request (a network error); the next one loads again.
 */
function lazyCallApi(create: (http: HttpModule) => CallApi): CallApi {
  let api: Promise<CallApi> | undefined;
  /** The loaded client: a keepalive request must start before the page goes, not a tick later. */
  let ready: CallApi | undefined;
  const load = () => {
    api ??= import('./http').then(
      (http) => {
        ready = create(http);
        return ready;
      },
      (e: unknown) => {
        api = undefined;
        throw new CallKitError('network-error', 'Could not load the call API code.', {
          cause: e,
        });
      },
    );
    return api;
  };
  return {
    createCall: async (...args) => (await load()).createCall(...args),
    getCallToken: async (...args) => (await load()).getCallToken(...args),
    getCallState: async (...args) => (await load()).getCallState(...args),
    updateParticipation: (...args) =>
      ready
        ? ready.updateParticipation(...args)
        : load().then((a) => a.updateParticipation(...args)),
    endCall: async (...args) => (await load()).endCall(...args),
  };
}

/**
 * The contract through the stream-chat client's own authenticated requests, at the client's base
 * URL: Stream apps that still serve it, or this project's dev server. stream-chat 9 has no
 * `createCall`/`getCallToken` any more; this posts to the same paths.
 */
export function streamCallApi(
  client: StreamClientLike,
  { timeoutMs = DEFAULT_API_TIMEOUT_MS }: { timeoutMs?: number } = {},
): CallApi {
  return lazyCallApi((http) => http.streamHttpApi(client, timeoutMs));
}

/**
 * The contract against a self-hosted call service (`stream-chat-calls-server`), authenticated the
 * way Stream authenticates: the user's JWT in `Authorization`, `stream-auth-type: jwt`, `api_key`.
 */
export function callServiceApi({
  baseURL,
  client,
  timeoutMs = DEFAULT_API_TIMEOUT_MS,
  fetch: fetchImpl = globalThis.fetch,
}: CallServiceApiOptions): CallApi {
  return lazyCallApi((http) =>
    http.serviceHttpApi({ baseURL, client, timeoutMs, fetch: fetchImpl }),
  );
}
