import type { CallApi, CallServiceApiOptions, StreamClientLike } from './apiTypes';
import { CallKitError } from './CallKitError';
import { lazyModule } from './lazy';

/** How long a call-API request may take before it fails with `timeout`, in ms (15 s). */
export const DEFAULT_API_TIMEOUT_MS = 15_000;

/**
 * The default clients' request code (HTTP, answers, errors): loaded with the first request, or
 * once the page has settled (the controller preloads it).
 */
export const callApiCode = lazyModule(() => import('./http'));

type HttpModule = typeof import('./http');

/**
 * A CallApi whose request code loads with its first request: a chat page builds its API client
 * up front but needs the code only when a card asks for a call's state or a call starts. A failed
 * load fails that request (a network error); the next one loads again.
 */
function lazyCallApi(baseURL: string | undefined, create: (http: HttpModule) => CallApi): CallApi {
  /** The client once its code is there: a keepalive request must start before the page goes. */
  let ready: CallApi | undefined;
  const now = () => {
    const http = callApiCode.current;
    if (http) ready ??= create(http);
    return ready;
  };
  const load = async (): Promise<CallApi> => {
    const loaded = now();
    if (loaded) return loaded;
    try {
      ready ??= create(await callApiCode.load());
      return ready;
    } catch (e) {
      throw new CallKitError('network-error', 'Could not load the call API code.', { cause: e });
    }
  };
  // Once the code is there a request starts in the caller's own tick (no await before it): a
  // keepalive request must start before the page goes, and a Start's CreateCall before the UI
  // re-renders.
  return {
    ...(baseURL ? { baseURL } : {}),
    createCall: (...args) =>
      now()?.createCall(...args) ?? load().then((a) => a.createCall(...args)),
    getCallToken: (...args) =>
      now()?.getCallToken(...args) ?? load().then((a) => a.getCallToken(...args)),
    getCallState: (...args) =>
      now()?.getCallState(...args) ?? load().then((a) => a.getCallState(...args)),
    updateParticipation: (...args) =>
      now()?.updateParticipation(...args) ?? load().then((a) => a.updateParticipation(...args)),
    endCall: (...args) => now()?.endCall(...args) ?? load().then((a) => a.endCall(...args)),
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
  return lazyCallApi(client.baseURL, (http) => http.streamHttpApi(client, timeoutMs));
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
  return lazyCallApi(baseURL, (http) =>
    http.serviceHttpApi({ baseURL, client, timeoutMs, fetch: fetchImpl }),
  );
}
