/**
 * Child process for the call-service benchmarks: serves, on two loopback ports, (1) a bare
 * node:http handler answering a fixed JSON and (2) the real call service (`createCallService`,
 * local provider, in-memory SQLite registry — or PostgreSQL at $BENCH_DATABASE_URL — in-memory
 * membership) mounted on node:http.
 * Runs apart from the load generator so each gets its own core. Prints one JSON line:
 * `{ bare, service, headers, tokens }` (`tokens`: 1,000 distinct member users' tokens) then
 * serves until killed. Over IPC (when the parent opened
 * a channel) it answers each message with its own `process.cpuUsage()`, so the parent can
 * count CPU time per request.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { createCallService } from 'stream-chat-calls-server';

const API_KEY = 'bench';
const API_SECRET = 'bench-secret';
const CALL_ID = 'bench-call';
const FIXED = JSON.stringify({ token: 'x'.repeat(180), duration: '0.05ms' });

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) => {
    // Backlog 2048 (the kernel's somaxconn allows it): 1,000 simultaneous connects must not be
    // dropped by the listen queue, which would measure the kernel, not the handler.
    server.listen({ host: '127.0.0.1', port: 0, backlog: 2048 }, () =>
      resolve((server.address() as AddressInfo).port),
    );
  });
}

const bare = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(FIXED);
  });
});

const service = createCallService({
  apiKey: API_KEY,
  apiSecret: API_SECRET,
  ...(process.env.BENCH_DATABASE_URL
    ? { databaseUrl: process.env.BENCH_DATABASE_URL }
    : { databasePath: ':memory:' }),
  // Calls left empty by the join/leave load stay open (their end is not what is measured).
  emptyCallGraceMs: 3_600_000,
  providers: { local: {} },
  // The limiter still runs on every request; a high limit keeps one benchmark user under it.
  rateLimitPerMinute: Number.MAX_SAFE_INTEGER,
  membership: {
    async getMembership() {
      return { member: true, role: 'member' };
    },
    async getUser(id) {
      return { id, name: id };
    },
  },
});
const serviceServer = http.createServer((req, res) =>
  service.nodeHandler(req, res, () => {
    res.writeHead(404);
    res.end();
  }),
);

const signUserToken = (userId: string) =>
  new SignJWT({ user_id: userId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt()
    .sign(new TextEncoder().encode(API_SECRET));
const token = await signUserToken('alice');
// The many-users variant: this many distinct users' tokens (all members, as the membership
// store above says), which the load generator cycles through.
const DISTINCT_USERS = 1000;
const tokens = await Promise.all(
  Array.from({ length: DISTINCT_USERS }, (_, i) =>
    signUserToken(`bench-user-${String(i).padStart(4, '0')}`),
  ),
);

await service.ready();
const barePort = await listen(bare);
const servicePort = await listen(serviceServer);
const headers = {
  authorization: token,
  'stream-auth-type': 'jwt',
  'content-type': 'application/json',
};
const created = await fetch(
  `http://127.0.0.1:${servicePort}/channels/messaging/bench/call?api_key=${API_KEY}`,
  { method: 'POST', headers, body: JSON.stringify({ id: CALL_ID, type: 'video' }) },
);
if (created.status !== 201) {
  console.error(`CreateCall answered ${created.status}: ${await created.text()}`);
  process.exit(1);
}
process.stdout.write(
  `${JSON.stringify({
    bare: `http://127.0.0.1:${barePort}/calls/${CALL_ID}?api_key=${API_KEY}`,
    service: `http://127.0.0.1:${servicePort}/calls/${CALL_ID}?api_key=${API_KEY}`,
    base: `http://127.0.0.1:${servicePort}`,
    apiKey: API_KEY,
    headers,
    tokens,
  })}\n`,
);
process.on('message', () => process.send?.(process.cpuUsage()));
process.on('SIGTERM', () => {
  bare.close();
  serviceServer.close();
  void service.close().then(() => process.exit(0));
});
