import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { CallHttp, CallRequest, Reply, Route } from '../src/app';
import { nodeFastPath } from '../src/node';

// The Node fast path writes the replies finished during one turn of the event loop together,
// once that turn's I/O callbacks are done (setImmediate), instead of one by one.

const route: Route = {
  name: 'getCallToken',
  method: 'POST',
  path: '/calls/:id',
  status: 201,
  run: async () => ({}),
};

/** A CallHttp whose one route answers `{"id":…}`, or what `replies` says for an id. */
function stubHttp(replies: Record<string, () => Promise<Reply>> = {}): CallHttp {
  return {
    routes: [route],
    serve: (_r: Route, params: Record<string, string>, _req: CallRequest) =>
      replies[params.id!]?.() ??
      Promise.resolve({
        status: 201,
        body: JSON.stringify({ id: params.id }),
        headers: { 'content-type': 'application/json' },
      }),
  } as unknown as CallHttp;
}

interface Written {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
}

function fakeExchange(id: string, log: string[]) {
  const req = {
    method: 'POST',
    url: `/calls/${id}?api_key=k`,
    headers: {},
    rawHeaders: [],
  } as unknown as IncomingMessage;
  const written: Written = {};
  const res = {
    headersSent: false,
    writeHead(status: number, headers?: Record<string, string>) {
      if (headers?.['x-explode']) throw new TypeError('Invalid header value');
      written.status = status;
      written.headers = headers;
      res.headersSent = true;
      return res;
    },
    end(body?: string) {
      written.body = body;
      log.push(id);
    },
  };
  return { req, res: res as unknown as ServerResponse, written };
}

/** Past the next check phase, whoever queued theirs first. */
const nextTurn = () =>
  new Promise<void>((resolve) => setImmediate(() => setImmediate(() => resolve())));

describe('the node fast path writes replies', () => {
  it('once the current turn of the event loop is done, together and in the order finished', async () => {
    const log: string[] = [];
    const handle = nodeFastPath(stubHttp(), '');
    const exchanges = ['a', 'b', 'c'].map((id) => fakeExchange(id, log));
    for (const { req, res } of exchanges) expect(handle(req, res)).toBe(true);
    // The replies are ready after a few microtasks, but nothing is written within the turn.
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(log).toEqual([]);
    await nextTurn();
    expect(log).toEqual(['a', 'b', 'c']);
    expect(exchanges[1]!.written).toEqual({
      status: 201,
      headers: { 'content-type': 'application/json', 'content-length': '10' },
      body: '{"id":"b"}',
    });
  });

  it('in the turn a reply is finished in, when its route finishes later', async () => {
    const log: string[] = [];
    let finish!: () => void;
    const late = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const handle = nodeFastPath(
      stubHttp({
        late: async () => {
          await late;
          return { status: 201, body: '{}', headers: {} };
        },
      }),
      '',
    );
    const slow = fakeExchange('late', log);
    const fast = fakeExchange('fast', log);
    handle(slow.req, slow.res);
    handle(fast.req, fast.res);
    await nextTurn();
    expect(log).toEqual(['fast']);
    finish();
    await nextTurn();
    expect(log).toEqual(['fast', 'late']);
    expect(slow.written.status).toBe(201);
  });

  it('the others of a turn even when writing one of them throws (that one answers 500)', async () => {
    const log: string[] = [];
    const handle = nodeFastPath(
      stubHttp({
        bad: async () => ({ status: 201, body: '{}', headers: { 'x-explode': '1' } }),
      }),
      '',
    );
    const exchanges = ['a', 'bad', 'c'].map((id) => fakeExchange(id, log));
    for (const { req, res } of exchanges) handle(req, res);
    await nextTurn();
    expect(log).toEqual(['a', 'bad', 'c']);
    expect(exchanges.map((e) => e.written.status)).toEqual([201, 500, 201]);
    expect(exchanges[1]!.written.body).toBeUndefined();
  });

  it('answers 500 at once when the route itself fails', async () => {
    const log: string[] = [];
    const handle = nodeFastPath(stubHttp({ boom: () => Promise.reject(new Error('x')) }), '');
    const e = fakeExchange('boom', log);
    handle(e.req, e.res);
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(log).toEqual(['boom']);
    expect(e.written.status).toBe(500);
  });
});
