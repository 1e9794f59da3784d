/**
 * `npm run test:react18` step 1: makes test/react18/node_modules match test/react18/package-lock.json
 * (react 18.3.1, react-dom 18.3.1, their deps), running `npm ci --prefix test/react18` only when
 * a package is missing or has another version. A no-op (milliseconds) when already installed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../test/react18/', import.meta.url));

interface Lock {
  packages: Record<string, { version?: string; dependencies?: Record<string, string> }>;
}

const readJson = <T>(file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as T;

// npm ci refuses a lock that does not match package.json; say how to fix it.
const pins = readJson<{ dependencies: Record<string, string> }>('package.json').dependencies;
const locked = readJson<Lock>('package-lock.json').packages['']?.dependencies ?? {};
if (JSON.stringify(pins) !== JSON.stringify(locked)) {
  console.error(
    'test/react18/package-lock.json does not match its package.json: run\n' +
      '  npm install --package-lock-only --prefix test/react18',
  );
  process.exit(1);
}

/** Why the install is stale, or `undefined` when every locked package is in place. */
function staleReason(): string | undefined {
  for (const [path, { version }] of Object.entries(readJson<Lock>('package-lock.json').packages)) {
    if (path === '' || !version) continue;
    const manifest = join(dir, path, 'package.json');
    if (!existsSync(manifest)) return `${path} is missing`;
    const installed = readJson<{ version?: string }>(join(path, 'package.json')).version;
    if (installed !== version) return `${path} is ${installed}, the lock says ${version}`;
  }
  return undefined;
}

const reason = staleReason();
if (reason) {
  console.log(`test/react18: ${reason}; running npm ci --prefix test/react18`);
  const npm = spawnSync('npm', ['ci', '--prefix', dir, '--no-audit', '--no-fund'], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (npm.status !== 0) {
    console.error('test/react18: npm ci failed (it needs the npm registry the first time).');
    process.exit(npm.status ?? 1);
  }
  const still = staleReason();
  if (still) {
    console.error(`test/react18: still stale after npm ci: ${still}`);
    process.exit(1);
  }
}
