/**
 * `npm run dev-server`: starts the offline dev server and prints how to use it.
 * `npm start` (`--demo`): also serves the demo app with Vite on 127.0.0.1:5173 (`DEMO_PORT` sets
 * another port, and then insists on it rather than moving to the next free one).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from './calls';
import { SEED_USERS } from './seed';
import { type DevServer, startDevServer } from './server';

interface Closable {
  close(): Promise<void>;
}

const withDemo = process.argv.includes('--demo');
const verbose = process.argv.includes('--verbose') || process.env.DEV_SERVER_LOG === '1';

async function startDemo(server: DevServer): Promise<Closable | undefined> {
  const configFile = resolve(REPO_ROOT, 'demo/vite.config.ts');
  if (!existsSync(configFile)) {
    console.log('\nThe demo (demo/vite.config.ts) does not exist yet: only the dev server runs.');
    return undefined;
  }
  // The demo's config reads these to find this server.
  process.env.PORT = String(server.port);
  process.env.VITE_STREAM_API_KEY ??= server.apiKey;
  const { createServer } = await import('vite');
  const port = Number(process.env.DEMO_PORT ?? 5173);
  const vite = await createServer({
    configFile,
    server: { host: '127.0.0.1', port, strictPort: process.env.DEMO_PORT !== undefined },
  });
  await vite.listen();
  const local = vite.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`;
  console.log(`\nDemo:      ${local}`);
  console.log(`           ${local}?user=alice   and   ${local}?user=bob   in two windows`);
  return vite;
}

async function main(): Promise<void> {
  const server = await startDevServer({
    log: verbose ? (line) => console.log(line) : undefined,
  });
  const secretFromEnv = process.env.STREAM_API_SECRET !== undefined;
  console.log('stream-chat-calls dev server (loopback only, never for production)');
  console.log(`Address:   ${server.url}   (WebSocket ${server.url.replace('http', 'ws')}/connect)`);
  console.log(`API key:   ${server.apiKey}`);
  console.log(`Secret:    ${secretFromEnv ? '(from STREAM_API_SECRET)' : 'dev-secret'}`);
  console.log(
    `Provider:  ${process.env.CALL_PROVIDER || 'local'} (local signaling at ${server.url.replace('http', 'ws')}/local/signal)`,
  );
  const callsDb = process.env.CALLS_DB?.trim();
  console.log(
    `Calls:     ${callsDb && callsDb !== ':memory:' ? `SQLite ${callsDb}` : 'in memory (reset on restart, like the chat)'}`,
  );
  console.log(`Users:     ${SEED_USERS.map((u) => `${u.id} (${u.name})`).join(', ')}`);
  console.log(
    'Channels:  messaging:general (all four), messaging:design, direct alice↔bob, bob↔carol',
  );
  console.log(`Token:     curl '${server.url}/dev/token?user_id=alice'   → { token, user }`);
  console.log(`Client:    new StreamChat('${server.apiKey}', { baseURL: '${server.url}' })`);

  let demo: Closable | undefined;
  if (withDemo) {
    try {
      demo = await startDemo(server);
    } catch (e) {
      console.error(
        `\nThe demo failed to start (${e instanceof Error ? e.message : e}); the dev server keeps running.`,
      );
    }
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: shutting down…`);
    const timer = setTimeout(() => process.exit(1), 5000);
    timer.unref();
    await Promise.allSettled([demo?.close(), server.close()]);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
