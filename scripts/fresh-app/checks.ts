/**
 * What the fresh app's install and build must show: the kit pulls no native module and no server
 * dependency, and the app's initial JavaScript holds no provider SDK and no more of the kit than
 * its budget.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { transform } from 'esbuild';
import { REPO, readJson, StepFailure } from './lib';

const KB = 1024;
/** README "Performance": what an app following "Use it in an app" loads before anyone joins. */
export const KIT_INITIAL_GOAL = 8 * KB;
export const KIT_INITIAL_LIMIT = 12 * KB;

const SDK = /\/node_modules\/(agora-rtc-sdk-ng|@agora-js|@100mslive)\//;
const KIT = /\/node_modules\/stream-chat-calls\//;

interface LockPackage {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  hasInstallScript?: boolean;
}

/** Where npm put a dependency of the package at `from` (node's lookup, on the lockfile's paths). */
function locate(
  packages: Record<string, LockPackage>,
  from: string,
  name: string,
): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!base) return undefined;
    const up = base.lastIndexOf('/node_modules/');
    base = up === -1 ? '' : base.slice(0, up);
  }
}

/** Files that mean native code: a node-gyp project or a compiled addon. */
function nativeFiles(dir: string, found: string[] = [], depth = 0): string[] {
  if (depth > 6 || !existsSync(dir)) return found;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) nativeFiles(path, found, depth + 1);
    else if (entry.name === 'binding.gyp' || entry.name.endsWith('.node')) found.push(path);
  }
  return found;
}

/**
 * The packages npm installed because of the kit (its dependencies, transitively; peers are the
 * app's own), each free of install scripts, native code and the call service's dependencies.
 */
export function checkKitInstall(appDir: string): string[] {
  const lock = readJson(join(appDir, 'package-lock.json')) as {
    packages: Record<string, LockPackage>;
  };
  const server = readJson(join(REPO, 'packages/server/package.json'));
  const kit = readJson(join(REPO, 'package.json'));
  const peers = new Set(Object.keys(kit.peerDependencies as Record<string, string>));
  // The service's own dependencies that a browser app never needs (stream-chat is a kit peer too).
  const serverOnly = new Set(
    [
      'stream-chat-calls-server',
      ...Object.keys(server.dependencies as Record<string, string>),
    ].filter((name) => !peers.has(name)),
  );

  const root = locate(lock.packages, '', 'stream-chat-calls');
  if (!root) throw new StepFailure('stream-chat-calls is not in the app’s package-lock.json.');
  const seen = new Set<string>();
  const queue = [root];
  const problems: string[] = [];
  while (queue.length) {
    const path = queue.shift() as string;
    if (seen.has(path)) continue;
    seen.add(path);
    const pkg = lock.packages[path];
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    if (serverOnly.has(name)) problems.push(`${name}: a call-service dependency`);
    if (pkg.hasInstallScript) problems.push(`${name}: runs an install script`);
    for (const file of nativeFiles(join(appDir, path))) {
      problems.push(`${name}: native code (${file.slice(appDir.length + 1)})`);
    }
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) {
      const found = locate(lock.packages, path, dep);
      if (found) queue.push(found);
    }
  }
  if (problems.length) {
    throw new StepFailure(
      `Installing stream-chat-calls pulls what a browser app must not get:\n  - ${problems.join('\n  - ')}`,
    );
  }
  return [...seen].map((p) => p.slice(p.lastIndexOf('node_modules/') + 'node_modules/'.length));
}

interface ChunkReport {
  isEntry: boolean;
  imports: string[];
  dynamicImports: string[];
  modules: Record<string, { length: number; code?: string | null }>;
}

export interface InitialJs {
  files: string[];
  /** gzip -9 of the initial chunks as built (minified by Vite). */
  gzipBytes: number;
  /** The kit's modules in them, minified and gzip -9 together (as scripts/size.ts measures). */
  kitGzipBytes: number;
  kitModules: number;
  /** Provider SDK modules built into lazy chunks (proof that the check below had something to find). */
  lazySdkModules: number;
}

/** Reads build-report.json (written by measure.mjs): what loads before anyone joins. */
export async function checkInitialJs(appDir: string): Promise<InitialJs> {
  const report = JSON.parse(readFileSync(join(appDir, 'build-report.json'), 'utf8')) as Record<
    string,
    ChunkReport
  >;
  const entries = Object.keys(report).filter((f) => report[f].isEntry);
  if (entries.length !== 1) {
    throw new StepFailure(`Expected one entry chunk, found ${entries.join(', ') || 'none'}.`);
  }
  // The entry and everything it imports statically: what the page loads before any import().
  const initial = new Set<string>();
  const queue = [...entries];
  while (queue.length) {
    const file = queue.shift() as string;
    if (initial.has(file) || !report[file]) continue;
    initial.add(file);
    queue.push(...report[file].imports);
  }
  const sdkEager: string[] = [];
  let kitCode = '';
  let kitModules = 0;
  for (const file of initial) {
    for (const [id, m] of Object.entries(report[file].modules)) {
      if (SDK.test(id) && m.length > 0) sdkEager.push(id);
      if (KIT.test(id) && m.code) {
        kitCode += `${m.code}\n`;
        kitModules++;
      }
    }
  }
  if (sdkEager.length) {
    throw new StepFailure(
      `The app's initial JS holds provider SDK code (it must load on join):\n  - ${sdkEager.slice(0, 5).join('\n  - ')}`,
    );
  }
  const lazySdkModules = Object.entries(report)
    .filter(([file]) => !initial.has(file))
    .flatMap(([, chunk]) => Object.keys(chunk.modules))
    .filter((id) => SDK.test(id)).length;
  const minified = await transform(kitCode, { minify: true, loader: 'js', format: 'esm' });
  const kitGzipBytes = gzipSync(minified.code, { level: 9 }).length;
  const gzipBytes = [...initial].reduce(
    (sum, f) => sum + gzipSync(readFileSync(join(appDir, 'dist', f)), { level: 9 }).length,
    0,
  );
  if (kitGzipBytes > KIT_INITIAL_LIMIT) {
    throw new StepFailure(
      `The kit's share of the app's initial JS is ${kb(kitGzipBytes)} gzip, over its ${kb(KIT_INITIAL_LIMIT)} limit.`,
    );
  }
  return { files: [...initial], gzipBytes, kitGzipBytes, kitModules, lazySdkModules };
}

export const kb = (n: number) => `${(n / KB).toFixed(2)} kB`;
