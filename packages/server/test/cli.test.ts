import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ENV_VARIABLES } from '../src';
import { API_KEY, API_SECRET } from './helpers';

let child: ChildProcess | undefined;
let dir: string | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
  child = dir = undefined;
});

/** Sends raw bytes and reads the answer's status line and JSON body. */
function raw(port: number, text: string): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let data = '';
    socket.on('data', (d) => {
      data += d;
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1]);
      const body = data.slice(data.indexOf('\r\n\r\n') + 4);
      resolve({ status, json: body ? JSON.parse(body) : undefined });
    });
  });
}

describe('stream-chat-calls-server', () => {
  it('listens, prints its address and providers but no secret, and closes on SIGTERM', async () => {
    dir = mkdtempSync(join(tmpdir(), 'calls-cli-'));
    child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('../src/cli.ts', import.meta.url))],
      {
        env: {
          PATH: process.env.PATH,
          STREAM_API_KEY: API_KEY,
          STREAM_API_SECRET: API_SECRET,
          AGORA_APP_ID: '0123456789abcdef0123456789abcdef',
          AGORA_APP_CERTIFICATE: 'fedcba9876543210fedcba9876543210',
          CALL_PROVIDER: 'local',
          CALLS_DB: join(dir, 'calls.sqlite'),
          PORT: '0',
          STREAM_BASE_URL: 'http://127.0.0.1:9',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
    });
    child.stderr!.on('data', (d) => {
      out += d;
    });
    const deadline = Date.now() + 30_000;
    while (!/providers:/.test(out)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no startup: ${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
    expect(url).toBeDefined();
    expect(out).toMatch(/providers: agora, local \(default: local\)/);
    const res = await fetch(`${url}/calls/abc?api_key=${API_KEY}`, { method: 'POST' });
    expect(res.status).toBe(401);

    // What Node's parser refuses gets Stream-shaped JSON, not Node's empty reply.
    const port = Number(new URL(url!).port);
    const big = await raw(
      port,
      `GET /calls/abc HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expect(big.status).toBe(431);
    expect(big.json).toMatchObject({
      code: 4,
      StatusCode: 431,
      message: 'The request headers are too large.',
    });
    const method = await raw(port, 'FOO /calls/abc HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(method.status).toBe(400);
    expect(method.json).toMatchObject({
      code: 4,
      StatusCode: 400,
      message: 'The request method is not valid.',
    });
    const garbage = await raw(port, 'GET /calls/abc HTTP/1.1\r\nHo st: x\r\n\r\n');
    expect(garbage.json).toMatchObject({
      code: 4,
      StatusCode: 400,
      message: 'The request is malformed.',
    });

    const exited = new Promise<number | null>((r) => child!.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).not.toContain(API_SECRET);
    expect(out).not.toContain('fedcba9876543210fedcba9876543210');
  }, 40_000);
});

/** Runs the CLI to its exit with `args` and `env` (PATH added). */
async function run(args: string[], env: Record<string, string> = {}) {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('../src/cli.ts', import.meta.url)), ...args],
    { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child = proc;
  let stdout = '';
  let stderr = '';
  proc.stdout!.on('data', (d) => {
    stdout += d;
  });
  proc.stderr!.on('data', (d) => {
    stderr += d;
  });
  const code = await new Promise<number | null>((r) => proc.once('exit', (c) => r(c)));
  return { code, stdout, stderr };
}

describe('stream-chat-calls-server --help', () => {
  it.each([['--help'], ['-h']])(
    '%s prints every setting and exits 0',
    async (flag) => {
      const { code, stdout, stderr } = await run([flag]);
      expect(code).toBe(0);
      expect(stderr).toBe('');
      expect(stdout).toMatch(/^Usage: stream-chat-calls-server \[--help\]/);
      for (const v of ENV_VARIABLES) expect(stdout).toContain(v.name);
    },
    30_000,
  );

  it('says what is missing, and to see --help, when unconfigured', async () => {
    const { code, stdout, stderr } = await run([]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      "stream-chat-calls-server: STREAM_API_KEY and STREAM_API_SECRET are required: your Stream app's API key and API secret.\nRun `stream-chat-calls-server --help` to see every setting.\n",
    );
  }, 30_000);

  it('refuses a half-configured provider and an unknown argument, pointing to --help', async () => {
    const half = await run([], {
      STREAM_API_KEY: 'k',
      STREAM_API_SECRET: 's',
      AGORA_APP_ID: '0123456789abcdef0123456789abcdef',
    });
    expect(half.code).toBe(1);
    expect(half.stderr).toMatch(/Agora is half configured: .*AGORA_APP_CERTIFICATE is not/);
    expect(half.stderr).toContain('--help');
    const unknown = await run(['--port', '80']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Unknown argument: --port\nRun .*--help/);
  }, 30_000);
});
