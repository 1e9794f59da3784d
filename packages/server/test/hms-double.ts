import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  authorization: string | undefined;
  body: unknown;
}

/** A loopback double of the 100ms REST API: records requests, creates rooms with stable ids. */
export class HmsApiDouble {
  requests: RecordedRequest[] = [];
  /** Set to make the next room creations fail with this status. */
  failWith: number | undefined;
  private server: Server;
  private rooms = new Map<string, string>();
  base = '';

  constructor() {
    this.server = createServer(async (req, res) => {
      const body = await readJson(req);
      this.requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization,
        body,
      });
      if (this.failWith) {
        res.writeHead(this.failWith, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: this.failWith, message: 'nope' }));
        return;
      }
      if (req.method === 'POST' && req.url === '/v2/rooms') {
        const name = (body as { name: string }).name;
        const id = this.rooms.get(name) ?? (this.rooms.size + 1).toString(16).padStart(24, '6');
        this.rooms.set(name, id);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id,
            name,
            enabled: true,
            template_id: (body as { template_id: string }).template_id,
          }),
        );
        return;
      }
      res.writeHead(404).end();
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v2`;
    return this;
  }

  async close() {
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}
