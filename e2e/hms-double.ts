/**
 * A tiny stand-in for the 100ms REST API (the one boundary the dev server talks to that we do not
 * own). It answers `POST /v2/rooms` the way 100ms does, after checking the management token the
 * call service signed with the app secret, so CreateCall for an `hms` call really succeeds. What
 * the browser then does with the 100ms SDK stays offline (the cloud is unreachable).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { jwtVerify } from 'jose';

export interface HmsDouble {
  url: string;
  /** Rooms created so far (name → id). */
  rooms: Map<string, string>;
  close(): Promise<void>;
}

async function readBody(req: import('node:http').IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > 64 * 1024) throw new Error('body too large');
  }
  return text ? JSON.parse(text) : {};
}

export async function startHmsDouble({
  port,
  accessKey,
  secret,
}: {
  port: number;
  accessKey: string;
  secret: string;
}): Promise<HmsDouble> {
  const key = new TextEncoder().encode(secret);
  const rooms = new Map<string, string>();

  const server: Server = createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.method === 'GET' && url.pathname === '/health') return send(200, { ok: true });
      if (req.method !== 'POST' || url.pathname !== '/v2/rooms') {
        return send(404, { code: 404, message: 'not found' });
      }
      const auth = req.headers.authorization ?? '';
      const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'] });
        if (payload.type !== 'management' || payload.access_key !== accessKey) throw new Error();
      } catch {
        return send(401, { code: 401, message: 'invalid management token' });
      }
      const body = (await readBody(req)) as { name?: unknown; template_id?: unknown };
      if (typeof body.name !== 'string' || body.name.length === 0) {
        return send(400, { code: 400, message: 'name is required' });
      }
      const id = rooms.get(body.name) ?? randomBytes(12).toString('hex');
      rooms.set(body.name, id);
      return send(200, {
        id,
        name: body.name,
        enabled: true,
        template_id: body.template_id,
        created_at: new Date().toISOString(),
      });
    } catch {
      return send(500, { code: 500, message: 'internal error' });
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });

  return {
    url: `http://127.0.0.1:${port}`,
    rooms,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
