import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { API_KEY, API_SECRET } from './helpers';

let child: ChildProcess | undefined;
let dir: string | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
  child = dir = undefined;
});

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

    const exited = new Promise<number | null>((r) => child!.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).not.toContain(API_SECRET);
    expect(out).not.toContain('fedcba9876543210fedcba9876543210');
  }, 40_000);
});
