/**
 * The call API's request code: HTTP, reading answers, errors. Loaded by `streamCallApi` and
 * `callServiceApi` with their first request (see api.ts).
 */
import type { StreamChat } from 'stream-chat';
import type { CallApi, CallServiceApiOptions, RequestOptions, StreamClientLike } from './apiTypes';
import { parseCall } from './attachment';
import { isValidCallId, normalizeCallId } from './callId';
import { apiError, CallKitError } from './errors';
import { readCallLiveState, readSession } from './readLiveState';
import type { CallLiveState, CallTokenResponse, ClientEndReason, CreateCallRequest } from './types';
import { obj } from './untrusted';

type Send = (
  method: 'GET' | 'POST',
  path: string,
  body: unknown,
  options: RequestOptions,
) => Promise<unknown>;

const enc = encodeURIComponent;

function callPath(callId: string, suffix = ''): string {
  const id = normalizeCallId(callId);
  if (!isValidCallId(id)) {
    throw new CallKitError('invalid-request', 'Call ids are 1–64 characters: a–z, 0–9, _ and -.');
  }
  return `/calls/${enc(id)}${suffix}`;
}

/** A session option, checked before anything is sent (undefined: the current session). */
function sessionOption(session: unknown): number | undefined {
  if (session === undefined) return undefined;
  const n = readSession(session);
  if (n === undefined) {
    throw new CallKitError('invalid-request', 'A call session is a whole number from 1.');
  }
  return n;
}

function badAnswer(what: string): CallKitError {
  return new CallKitError('server-error', `The call service sent an invalid ${what}.`);
}

function readToken(raw: unknown): CallTokenResponse {
  const r = obj(raw);
  if (typeof r.token !== 'string' || r.token.length === 0) throw badAnswer('token');
  const out: CallTokenResponse = { token: r.token };
  if (r.agora_uid !== undefined && r.agora_uid !== null) {
    if (!Number.isInteger(r.agora_uid) || (r.agora_uid as number) < 0) throw badAnswer('Agora uid');
    out.agora_uid = r.agora_uid as number;
  }
  if (typeof r.agora_app_id === 'string') out.agora_app_id = r.agora_app_id;
  if (typeof r.duration === 'string') out.duration = r.duration;
  return out;
}

function liveState(raw: unknown): CallLiveState {
  const s = readCallLiveState(raw);
  if (!s) throw badAnswer('call state');
  return s;
}

function makeCallApi(send: Send): CallApi {
  return {
    async createCall(channel, request, options = {}) {
      if (!channel.id) throw new CallKitError('invalid-request', 'The channel has no id yet.');
      const id = normalizeCallId(request.id);
      if (!isValidCallId(id)) {
        throw new CallKitError(
          'invalid-request',
          'Call ids are 1–64 characters: a–z, 0–9, _ and -.',
        );
      }
      if (request.type !== 'audio' && request.type !== 'video') {
        throw new CallKitError('invalid-request', 'A call is either audio or video.');
      }
      const body: CreateCallRequest = { id, type: request.type };
      if (request.options) body.options = request.options;
      const raw = obj(
        await send('POST', `/channels/${enc(channel.type)}/${enc(channel.id)}/call`, body, options),
      );
      const call = parseCall(raw.call);
      if (!call.ok) throw badAnswer('call');
      // Servers from before sessions answer none: theirs is the call's one session.
      return { ...readToken(raw), call: call.call, session: readSession(raw.session) ?? 1 };
    },
    async getCallToken(callId, options = {}) {
      return readToken(await send('POST', callPath(callId), {}, options));
    },
    async getCallState(callId, { session, ...options } = {}) {
      const n = sessionOption(session);
      const path = callPath(callId) + (n === undefined ? '' : `?session=${n}`);
      return liveState(await send('GET', path, undefined, options));
    },
    async updateParticipation(callId, action, { session, ...options } = {}) {
      const n = sessionOption(session);
      const body = n === undefined ? { action } : { action, session: n };
      return liveState(await send('POST', callPath(callId, '/participants'), body, options));
    },
    async endCall(callId, { reason, session, ...options } = {}) {
      const n = sessionOption(session);
      const body: { reason?: ClientEndReason; session?: number } = {};
      if (reason !== undefined) body.reason = reason;
      if (n !== undefined) body.session = n;
      return liveState(await send('POST', callPath(callId, '/end'), body, options));
    },
  };
}

interface AxiosLikeError {
  status?: number;
  code?: string | number;
  name?: string;
  response?: { status?: number; data?: unknown };
}

/** `streamCallApi`'s requests: through the stream-chat client's own authenticated requests. */
export function streamHttpApi(client: StreamClientLike, timeoutMs: number): CallApi {
  // axios (the client's requests) has no keepalive: those go by fetch to the same contract.
  const keepalive = fetchSend({
    baseURL: client.baseURL ?? '',
    client,
    timeoutMs,
    fetch: (...args) => globalThis.fetch(...args),
  });
  return makeCallApi(async (method, path, body, options) => {
    if (options.keepalive) return keepalive(method, path, body, options);
    const { signal } = options;
    const url = `${client.baseURL}${path}`;
    const config = { timeout: timeoutMs, signal };
    try {
      if (method === 'GET') return await (client.get as StreamChat['get'])(url, undefined, config);
      return await (client.post as StreamChat['post'])(url, body, config);
    } catch (e) {
      const err = e as AxiosLikeError;
      if (signal?.aborted || err.name === 'CanceledError') {
        throw new CallKitError('aborted', 'The request was cancelled.', { cause: e });
      }
      throw apiError({
        status: err.response?.status ?? err.status,
        body: err.response?.data,
        cause: e,
        timedOut: err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT',
      });
    }
  });
}

async function userToken(client: StreamClientLike, reload: boolean): Promise<string> {
  const tm = client.tokenManager;
  let token: string | null | undefined;
  try {
    // stream-chat throws plain Errors here (no user connected, a failing token provider).
    if (reload && !tm.isStatic()) token = await tm.loadToken();
    else token = (await tm.tokenReady()) ?? tm.getToken();
  } catch (e) {
    throw new CallKitError('unauthorized', 'Connect the chat user before calling.', { cause: e });
  }
  if (!token) throw new CallKitError('unauthorized', 'Connect the chat user before calling.');
  return token;
}

/** `callServiceApi`'s requests: fetch, with the user's JWT as Stream authenticates. */
export function serviceHttpApi(options: Required<CallServiceApiOptions>): CallApi {
  return makeCallApi(fetchSend(options));
}

/** The user's token as it is now, for a request that cannot wait (keepalive). */
function currentToken(client: StreamClientLike): string {
  const token = client.tokenManager.getToken();
  if (!token) throw new CallKitError('unauthorized', 'Connect the chat user before calling.');
  return token;
}

/** The contract over fetch, authenticated the way Stream authenticates. */
function fetchSend({
  baseURL,
  client,
  timeoutMs,
  fetch: fetchImpl,
}: Required<CallServiceApiOptions>): Send {
  const base = baseURL.replace(/\/+$/, '');
  const request = async (
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    { signal, keepalive = false }: RequestOptions,
    reloadToken: boolean,
  ): Promise<unknown> => {
    // A keepalive request starts before this function returns: no await comes before fetch.
    const token = keepalive ? currentToken(client) : await userToken(client, reloadToken);
    const timeout = AbortSignal.timeout(timeoutMs);
    const signals = signal ? [signal, timeout] : [timeout];
    let res: Response;
    let text: string;
    try {
      const query = path.includes('?') ? '&' : '?';
      res = await fetchImpl(`${base}${path}${query}api_key=${enc(client.key)}`, {
        method,
        headers: {
          Authorization: token,
          'stream-auth-type': 'jwt',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.any(signals),
        keepalive,
      });
      // Inside the try: a body that stalls or breaks off fails like a request that did.
      text = await res.text();
    } catch (e) {
      if (signal?.aborted)
        throw new CallKitError('aborted', 'The request was cancelled.', { cause: e });
      throw apiError({ cause: e, timedOut: timeout.aborted });
    }
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : {};
    } catch {
      data = undefined;
    }
    if (res.ok) {
      if (data === undefined) throw badAnswer('answer (not JSON)');
      return data;
    }
    // Stream's "token expired" (code 40): fetch a fresh user token once, as stream-chat does.
    const code = obj(data).code;
    if (res.status === 401 && code === 40 && !reloadToken && !client.tokenManager.isStatic()) {
      return request(method, path, body, { signal }, true);
    }
    throw apiError({ status: res.status, body: data });
  };
  return (method, path, body, options) => request(method, path, body, options, false);
}
