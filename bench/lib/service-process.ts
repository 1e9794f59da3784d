/** Starts `service-server.ts` in a child process of its own and reads where it serves. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** What the child prints once it listens (see service-server.ts). */
export interface ServiceTargets {
  /** The bare node:http handler's GetCallToken-shaped URL. */
  bare: string;
  /** The call service's GetCallToken URL. */
  service: string;
  /** The call service's base URL. */
  base: string;
  apiKey: string;
  /** A member's request headers (user token). */
  headers: Record<string, string>;
  /** Distinct member users' tokens, for the many-users variant. */
  tokens: string[];
}

/** The child (with an IPC channel for its CPU time) once it has printed its targets. */
export async function startServiceServer(
  env: Record<string, string> = {},
  timeoutMs = 30_000,
): Promise<{ child: ChildProcess; targets: ServiceTargets }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('./service-server.ts', import.meta.url).pathname],
    { stdio: ['ignore', 'pipe', 'inherit', 'ipc'], env: { ...process.env, ...env } },
  );
  const lines = createInterface({ input: child.stdout! });
  const targets = await new Promise<ServiceTargets>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`service server did not start in ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    child.once('exit', (code) => reject(new Error(`service server exited with ${code}`)));
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line) as ServiceTargets);
    });
  });
  return { child, targets };
}
