/** HTTP plumbing for the dev server: Stream-shaped errors, bounded JSON bodies, loopback CORS. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest, CallError, toHttpError } from 'stream-chat-calls-server';

/** Largest request body accepted (1 MiB). */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Refusals in the call service's vocabulary (`CallError` kinds, mapped to status and Stream code
 * by its `toHttpError`): the dev server and the service answer alike.
 */
export {
  badRequest,
  CallError,
  forbidden,
  notFound,
  unauthorized,
} from 'stream-chat-calls-server';

/** `{ code, message, StatusCode }` of a refusal (anything else is an internal error). */
export function errorFields(error: unknown): { code: number; message: string; StatusCode: number } {
  const e = toHttpError(
    error instanceof CallError ? error : new CallError('internal', 'Internal server error.'),
  );
  return { code: e.code, message: e.message, StatusCode: e.status };
}

export function duration(startedAt: bigint): string {
  return `${(Number(process.hrtime.bigint() - startedAt) / 1e6).toFixed(2)}ms`;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

export function sendError(res: ServerResponse, error: unknown, startedAt: bigint): void {
  const fields = errorFields(error);
  sendJson(res, fields.StatusCode, { ...fields, duration: duration(startedAt) });
}

function tooLarge(): CallError {
  return new CallError('too-large', 'The request body is larger than 1 MiB.');
}

/** Collects at most `max` bytes; beyond that, rejects and discards the rest of the upload. */
function readRaw(req: IncomingMessage, max: number): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > max) {
    req.resume();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) {
        chunks.push(chunk);
        return;
      }
      // Keep reading (and dropping) so the 413 can still be written back.
      req.off('data', onData);
      req.resume();
      reject(tooLarge());
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

/** Reads a JSON object body of at most MAX_BODY_BYTES; an empty body is `{}`. */
export async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = await readRaw(req, MAX_BODY_BYTES);
  if (raw.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw badRequest('The request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}

const LOOPBACK_ORIGIN = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$/;
const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$/;

export function isLoopbackOrigin(origin: string | undefined): boolean {
  return typeof origin === 'string' && LOOPBACK_ORIGIN.test(origin);
}

/** The Host header names loopback (a DNS-rebinding page sends its own host name). */
export function isLoopbackHost(host: string | undefined): boolean {
  return typeof host === 'string' && LOOPBACK_HOST.test(host);
}

export function isLoopbackAddress(address: string | undefined): boolean {
  return (
    address === '127.0.0.1' ||
    address === '::1' ||
    address === '::ffff:127.0.0.1' ||
    (typeof address === 'string' && /^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(address))
  );
}

const ALLOWED_HEADERS =
  'authorization, content-type, stream-auth-type, x-client-request-id, x-stream-client';

/** Adds CORS headers for loopback origins; answers preflights. Returns true when it answered. */
export function applyCors(req: IncomingMessage, res: ServerResponse): boolean {
  const origin = req.headers.origin;
  const allowed = isLoopbackOrigin(origin);
  if (allowed) {
    res.setHeader('Access-Control-Allow-Origin', origin as string);
    res.setHeader('Vary', 'Origin');
    res.setHeader('Access-Control-Max-Age', '600');
  }
  if (req.method !== 'OPTIONS') return false;
  if (allowed) {
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
  }
  res.writeHead(allowed ? 204 : 403);
  res.end();
  return true;
}
