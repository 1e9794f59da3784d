#!/usr/bin/env node
/** `stream-chat-calls-server`: the call service on HOST:PORT (default 127.0.0.1:4200). */
import { createServer } from 'node:http';
import { ConfigError, envHelp, fromEnv } from './env';
import { streamEvents, streamMembership } from './membership/stream';
import { clientErrorHandler } from './node';
import { createCallService } from './service';

const COMMAND = 'stream-chat-calls-server';

/** Exits with a message on stderr: what is wrong, and where to read more. */
class UsageError extends Error {}

function parseArgs(argv: string[]): { help: boolean } {
  let help = false;
  for (const arg of argv) {
    if (arg === '--help' || arg === '-h') help = true;
    else throw new UsageError(`Unknown argument: ${arg.slice(0, 40)}`);
  }
  return { help };
}

async function main() {
  if (parseArgs(process.argv.slice(2)).help) {
    process.stdout.write(envHelp(COMMAND));
    return;
  }
  const config = fromEnv(process.env);
  const stream = {
    apiKey: config.options.apiKey,
    apiSecret: config.options.apiSecret,
    ...(config.streamBaseURL ? { baseURL: config.streamBaseURL } : {}),
  };
  const service = createCallService({
    ...config.options,
    membership: streamMembership(stream),
    events: streamEvents(stream),
    log: (line) => console.log(line),
  });
  // Connected and migrated (PostgreSQL) before taking requests; a database it cannot use stops it.
  await service.ready();
  const server = createServer((req, res) => service.nodeHandler(req, res));
  server.on('clientError', clientErrorHandler({ log: (line) => console.log(line) }));
  server.on('upgrade', (req, socket, head) => {
    if (!service.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const address = server.address();
  const where =
    typeof address === 'object' && address ? `${address.address}:${address.port}` : String(address);
  const enabled = Object.keys(config.options.providers).join(', ');
  console.log(`${COMMAND} listening on http://${where}`);
  console.log(
    `providers: ${enabled} (default: ${config.options.defaultProvider ?? Object.keys(config.options.providers)[0]})`,
  );

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: closing`);
    // The service first: it closes signaling sockets, which the HTTP server does not track.
    service
      .close()
      .catch(() => undefined)
      .then(() => {
        server.close(() => process.exit(0));
        server.closeAllConnections();
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((e: unknown) => {
  const message = e instanceof Error ? e.message : 'failed to start';
  const hint =
    e instanceof ConfigError || e instanceof UsageError
      ? `\nRun \`${COMMAND} --help\` to see every setting.`
      : '';
  console.error(`${COMMAND}: ${message}${hint}`);
  process.exit(1);
});
