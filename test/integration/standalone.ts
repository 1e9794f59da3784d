/**
 * The call service as it is deployed: the dev server (acting as Stream) and N standalone
 * `stream-chat-calls-server` CLIs, each in its own process, on loopback.
 *
 * ```ts
 * const stack = await startStandalone({ instances: 2, serviceEnv: { CALLS_DATABASE_URL: url } });
 * stack.devServer.url;                // Stream's API for clients and for the services
 * stack.services[0].url;              // a call service instance
 * stack.services[1].kill('SIGKILL');  // an instance dies
 * await stack.close();                // stops whatever still runs
 * ```
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const STANDALONE_API_KEY = 'dev';
export const STANDALONE_API_SECRET = 'dev-secret';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DEV_SERVER_ENTRY = join(REPO_ROOT, 'dev-server/start.ts');
const CLI_ENTRY = join(REPO_ROOT, 'packages/server/src/cli.ts');

type Env = Record<string, string>;

/** One child process serving HTTP on loopback. */
export interface ServerProcess {
  /** `http://127.0.0.1:PORT`, as the process printed it. */
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code (or the signal's name) once the process is gone. */
  readonly exited: Promise<number | string>;
  /** Sends a signal (`SIGKILL` for a crash) and returns at once. */
  kill(signal?: NodeJS.Signals): void;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with how it exited. */
  stop(graceMs?: number): Promise<number | string>;
}

const running = new Set<ChildProcess>();
// Children never outlive the test process, even when a test forgets to stop them.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

async function spawnServer(
  name: string,
  entry: string,
  env: Env,
  ready: RegExp,
  timeoutMs: number,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve(code ?? signal ?? 'unknown');
    }),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const check = () => {
      const m = ready.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.off('data', check);
      resolve(m[1]!);
    };
    child.stdout!.on('data', check);
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${how}) before it was ready:\n${out}`));
    });
  });
  const stop = async (graceMs = 5000) => {
    if (child.exitCode !== null || child.signalCode !== null) return exited;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    const how = await exited;
    clearTimeout(timer);
    return how;
  };
  return {
    url,
    port: Number(new URL(url).port),
    child,
    output: () => out,
    exited,
    kill: (signal = 'SIGTERM') => {
      child.kill(signal);
    },
    stop,
  };
}

export interface DevServerProcessOptions {
  /** Extra environment (`CALL_PROVIDER`, `CALLS_DB`, …). PORT defaults to 0 (a free port). */
  env?: Env;
  timeoutMs?: number;
}

/** `npm run dev-server` in a child process, on a free loopback port. */
export function startDevServerProcess(options: DevServerProcessOptions = {}) {
  return spawnServer(
    'the dev server',
    DEV_SERVER_ENTRY,
    {
      PORT: '0',
      STREAM_API_KEY: STANDALONE_API_KEY,
      STREAM_API_SECRET: STANDALONE_API_SECRET,
      ...options.env,
    },
    /Address: +(http:\/\/127\.0\.0\.1:\d+)/,
    options.timeoutMs ?? 30_000,
  );
}

export interface ServiceProcessOptions {
  /** Stream's API for the service: the dev server's URL. */
  streamBaseURL: string;
  /** Extra environment (`CALLS_DATABASE_URL`, `CALL_PROVIDER`, …), over the defaults. */
  env?: Env;
  timeoutMs?: number;
}

/**
 * `npx stream-chat-calls-server` in a child process on a free loopback port, with the dev
 * server's key and secret. Without `CALLS_DB` or `CALLS_DATABASE_URL` in `env` it gets a
 * SQLite file of its own in a temporary folder (removed when it exits).
 */
export async function startServiceProcess(options: ServiceProcessOptions): Promise<ServerProcess> {
  const env = options.env ?? {};
  const ownDb = env.CALLS_DB === undefined && env.CALLS_DATABASE_URL === undefined;
  const dir = ownDb ? mkdtempSync(join(tmpdir(), 'calls-standalone-')) : undefined;
  try {
    const service = await spawnServer(
      'stream-chat-calls-server',
      CLI_ENTRY,
      {
        PORT: '0',
        STREAM_API_KEY: STANDALONE_API_KEY,
        STREAM_API_SECRET: STANDALONE_API_SECRET,
        STREAM_BASE_URL: options.streamBaseURL,
        ...(dir ? { CALLS_DB: join(dir, 'calls.sqlite') } : {}),
        ...env,
      },
      /listening on (http:\/\/127\.0\.0\.1:\d+)/,
      options.timeoutMs ?? 30_000,
    );
    if (dir) void service.exited.then(() => rmSync(dir, { recursive: true, force: true }));
    return service;
  } catch (e) {
    if (dir) rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

export interface StandaloneOptions {
  /** How many call service processes (default 1). They share `serviceEnv`'s database, if any. */
  instances?: number;
  devServerEnv?: Env;
  serviceEnv?: Env;
}

export interface Standalone {
  devServer: ServerProcess;
  services: ServerProcess[];
  /** Stops every process still running (SIGTERM, then SIGKILL). */
  close(): Promise<void>;
}

/** The dev server and `instances` call services pointed at it, all started in parallel. */
export async function startStandalone(options: StandaloneOptions = {}): Promise<Standalone> {
  const devServer = await startDevServerProcess({ env: options.devServerEnv ?? {} });
  const started = await Promise.allSettled(
    Array.from({ length: options.instances ?? 1 }, () =>
      startServiceProcess({ streamBaseURL: devServer.url, env: options.serviceEnv ?? {} }),
    ),
  );
  const services = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const close = async () => {
    await Promise.all([...services.map((s) => s.stop()), devServer.stop()]);
  };
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await close();
    throw failed.reason;
  }
  return { devServer, services, close };
}
