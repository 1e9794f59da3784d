import type { IncomingMessage } from 'node:http';
import { badRequest, tooLarge } from './errors';

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024;
/** Objects/arrays nested deeper than this are refused (no request needs more than 4). */
const MAX_DEPTH = 16;
const MAX_NODES = 2000;

/** Reads at most `limit` bytes of a request body; 413 beyond that (without buffering the rest). */
export async function readBody(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) {
    await request.body?.cancel().catch(() => undefined);
    throw tooLarge(`The request body is larger than ${limit} bytes.`);
  }
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(`The request body is larger than ${limit} bytes.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The same limits read straight from a Node request (no WHATWG stream in between). Beyond the
 * limit it stops reading and refuses; the caller closes the connection rather than drain the rest.
 */
export function readNodeBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) {
    return Promise.reject(tooLarge(`The request body is larger than ${limit} bytes.`));
  }
  if (req.readableEnded) return Promise.resolve('');
  return new Promise((resolve, reject) => new NodeBody(req, limit, resolve, reject));
}

/** Collects one request body (methods, not closures: this runs on every request). */
class NodeBody {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private settled = false;

  constructor(
    req: IncomingMessage,
    private readonly limit: number,
    private readonly resolve: (text: string) => void,
    private readonly reject: (error: unknown) => void,
  ) {
    req.on('data', this.onData.bind(this));
    req.on('end', this.onEnd.bind(this));
    req.on('error', this.onError.bind(this));
  }

  private onData(chunk: Buffer) {
    if (this.settled) return;
    this.size += chunk.byteLength;
    if (this.size > this.limit) {
      // Stop collecting; whatever else arrives is discarded when the response is done.
      this.settled = true;
      this.chunks.length = 0;
      this.reject(tooLarge(`The request body is larger than ${this.limit} bytes.`));
      return;
    }
    this.chunks.push(chunk);
  }

  private onEnd() {
    if (this.settled) return;
    this.settled = true;
    const { chunks } = this;
    this.resolve(
      chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8'),
    );
  }

  private onError(error: Error) {
    if (this.settled) return;
    this.settled = true;
    this.reject(error);
  }
}

/** Refuses hostile shapes (deep nesting, huge node counts) before any schema looks at them. */
function checkShape(value: unknown): void {
  const stack: Array<{ v: unknown; d: number }> = [{ v: value, d: 0 }];
  let nodes = 0;
  while (stack.length > 0) {
    const { v, d } = stack.pop()!;
    if (++nodes > MAX_NODES) throw badRequest('The request body has too many values.');
    if (v === null || typeof v !== 'object') continue;
    if (d >= MAX_DEPTH) throw badRequest('The request body is nested too deeply.');
    const children = Array.isArray(v) ? v : Object.values(v);
    for (const c of children) stack.push({ v: c, d: d + 1 });
  }
}

/** Parses a JSON body; an empty body is `{}`. 400 for anything that is not a sane JSON object. */
export async function readJson(request: Request, limit: number): Promise<Record<string, unknown>> {
  return parseJsonBody(await readBody(request, limit));
}

/** The body rules on text already read: `{}` when empty, else a sane JSON object or a 400. */
export function parseJsonBody(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
  checkShape(parsed);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw badRequest('The request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}
