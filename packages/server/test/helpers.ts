import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import type {
  CallService,
  CallServiceOptions,
  ChannelEvent,
  ChannelEventSink,
  ChannelRole,
  Membership,
  MembershipStore,
} from '../src';
import { createCallService } from '../src';

export const API_KEY = 'test-key';
export const API_SECRET = 'test-secret-0123456789-abcdefghij';
export const AGORA_APP_ID = '0123456789abcdef0123456789abcdef';
export const AGORA_CERT = 'fedcba9876543210fedcba9876543210';

/** A user token as Stream makes them: HS256, `user_id`, optional `exp`. */
export async function userToken(
  userId: string,
  {
    secret = API_SECRET,
    expiresIn,
    claims = {},
  }: {
    secret?: string;
    expiresIn?: number;
    claims?: Record<string, unknown>;
  } = {},
): Promise<string> {
  const jwt = new SignJWT({ user_id: userId, ...claims }).setProtectedHeader({ alg: 'HS256' });
  if (expiresIn !== undefined) jwt.setExpirationTime(Math.floor(Date.now() / 1000) + expiresIn);
  return jwt.sign(new TextEncoder().encode(secret));
}

/** Channel membership held in memory: `{ 'messaging:general': { alice: 'owner', bob: 'member' } }`. */
export class MemoryMembership implements MembershipStore {
  admins = new Set<string>();
  constructor(
    public channels: Record<string, Record<string, ChannelRole>> = {},
    public users: Record<string, { name?: string; image?: string }> = {},
  ) {}
  async getMembership(cid: string, userId: string): Promise<Membership> {
    if (this.admins.has(userId))
      return { member: Boolean(this.channels[cid]?.[userId]), role: 'admin' };
    const role = this.channels[cid]?.[userId];
    return role ? { member: true, role } : { member: false };
  }
  async getUser(userId: string) {
    return { id: userId, ...this.users[userId] };
  }
}

export interface RecordedEvent {
  cid: string;
  event: ChannelEvent;
  userId: string;
}

export class RecordingEvents implements ChannelEventSink {
  events: RecordedEvent[] = [];
  async sendChannelEvent(cid: string, event: ChannelEvent, userId: string) {
    this.events.push({ cid, event, userId });
  }
  types() {
    return this.events.map((e) => e.event.type);
  }
}

export interface Harness {
  service: CallService;
  server: Server;
  base: string;
  wsBase: string;
  membership: MemoryMembership;
  events: RecordingEvents;
  logs: string[];
  /** Sends an authenticated request as `userId` (or with the given headers/query). */
  request(
    method: string,
    path: string,
    options?: {
      user?: string;
      token?: string;
      body?: unknown;
      raw?: string;
      headers?: Record<string, string>;
      apiKey?: string | null;
    },
  ): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }>;
  close(): Promise<void>;
}

export function defaultMembership() {
  return new MemoryMembership(
    {
      'messaging:general': { alice: 'owner', bob: 'member', carol: 'member', mod: 'moderator' },
      'messaging:other': { alice: 'member', dave: 'member' },
    },
    { alice: { name: 'Alice', image: 'https://example.test/a.png' }, bob: { name: 'Bob' } },
  );
}

export async function startService(
  overrides: Partial<CallServiceOptions> = {},
  membership = defaultMembership(),
): Promise<Harness> {
  const events = new RecordingEvents();
  const logs: string[] = [];
  const service = createCallService({
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    membership,
    events,
    providers: { local: {} },
    emptyCallGraceMs: 0,
    log: (line) => logs.push(line),
    ...overrides,
  });
  const server = createServer((req, res) => service.nodeHandler(req, res));
  server.on('upgrade', (req, socket, head) => {
    if (!service.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}${overrides.basePath ?? ''}`;
  return {
    service,
    server,
    base,
    wsBase: `ws://127.0.0.1:${port}${overrides.basePath ?? ''}`,
    membership,
    events,
    logs,
    async request(method, path, { user, token, body, raw, headers = {}, apiKey = API_KEY } = {}) {
      const auth = token ?? (user ? await userToken(user) : undefined);
      const url = `${base}${path}${apiKey === null ? '' : `${path.includes('?') ? '&' : '?'}api_key=${encodeURIComponent(apiKey)}`}`;
      const res = await fetch(url, {
        method,
        headers: {
          ...(auth ? { Authorization: auth, 'stream-auth-type': 'jwt' } : {}),
          ...(body !== undefined || raw !== undefined
            ? { 'Content-Type': 'application/json' }
            : {}),
          ...headers,
        },
        body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : {}, headers: res.headers };
    },
    async close() {
      server.closeAllConnections();
      await service.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
