/**
 * `npm run test:fresh-app`: the kit adopted the way a developer would, outside this repository.
 *
 * Packs both packages, creates apps in a temporary folder from the templates in
 * scripts/fresh-app/template, installs the tarballs and everything else from the npm registry
 * (npm's cache is shared by the installs of one run), writes in the code blocks of README.md and
 * docs/customization.md marked `<!-- fresh-app: <app>/<path> -->`, and:
 * 1. Vite + React 19 + TypeScript strict: the kit's install pulls no native module and no server
 *    dependency; the app type-checks and builds; its initial JS holds no provider SDK and no more
 *    of the kit than its budget; in Chromium two users call each other (scripts/fresh-app/call.spec.ts).
 * 2. The same app on React 18: install, type-check, build.
 * 3. Next.js (app router): a server component renders the kit's components; `next build`.
 *
 * `--keep` keeps the apps' folder (it is kept anyway when a step fails); `--only vite|react18|next`
 * runs one variant. Needs the npm registry, Debian's Chromium, and ports 4610–4611.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkInitialJs, checkKitInstall, KIT_INITIAL_GOAL, kb } from './checks';
import {
  appEnv,
  createApp,
  indent,
  REPO,
  readJson,
  readmeBlocks,
  results,
  run,
  StepFailure,
  step,
} from './lib';
import { DEV_SERVER_URL } from './ports';

const args = process.argv.slice(2);
const keep = args.includes('--keep');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const NPM_INSTALL = ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];

/** The newest modification time under a folder (sources, to tell whether dist/ is stale). */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

function isBuilt(): boolean {
  const marks = [join(REPO, 'dist/manifest.json'), join(REPO, 'packages/server/dist/index.js')];
  if (!marks.every(existsSync)) return false;
  const built = Math.min(...marks.map((m) => statSync(m).mtimeMs));
  return newest(join(REPO, 'src')) < built && newest(join(REPO, 'packages/server/src')) < built;
}

interface Packed {
  filename: string;
  files: { path: string }[];
}

/**
 * Packs both packages and checks what an npm user gets: each ships its README and the links
 * that README points through (repository, homepage, bugs); the server's CLI is in its tarball.
 */
async function pack(into: string): Promise<Tarballs> {
  const out: Record<string, string> = {};
  const problems: string[] = [];
  for (const [key, dir] of [
    ['kit', '.'],
    ['server', 'packages/server'],
  ] as const) {
    const output = await run('npm', ['pack', '--json', '--pack-destination', into], {
      cwd: join(REPO, dir),
    });
    const [packed] = JSON.parse(output.slice(output.indexOf('['))) as Packed[];
    out[key] = join(into, packed.filename);
    const pkg = readJson(join(REPO, dir, 'package.json'));
    const files = new Set(packed.files.map((f) => f.path));
    const wanted = ['README.md', ...Object.values((pkg.bin ?? {}) as Record<string, string>)];
    for (const file of wanted) {
      if (!files.has(file.replace(/^\.\//, '')))
        problems.push(`${pkg.name}: ${file} is not packed`);
    }
    for (const field of ['repository', 'homepage', 'bugs']) {
      if (!pkg[field]) problems.push(`${pkg.name}: package.json has no ${field}`);
    }
  }
  if (problems.length) throw new StepFailure(problems.join('\n'));
  return { kit: out.kit, server: out.server };
}

async function main(): Promise<void> {
  const started = performance.now();
  const root = mkdtempSync(join(tmpdir(), 'stream-chat-calls-fresh-app-'));
  console.log(`Fresh-app test in ${root}`);
  let failed = false;
  try {
    if (!isBuilt()) {
      await step('build the packages (dist/ is missing or older than the sources)', () =>
        run('npm', ['run', 'build'], { cwd: REPO }),
      );
    }
    const packs = join(root, 'packs');
    mkdirSync(packs);
    const tarballs = await step(
      'npm pack both packages (each with its README, links and bin)',
      () => pack(packs),
    );
    const blocks = readmeBlocks();
    console.log(`README.md blocks: ${blocks.map((b) => b.target).join(', ') || 'none'}`);

    const variants: Record<string, () => Promise<void>> = {
      vite: () => viteApp(root, tarballs, blocks),
      react18: () => react18App(root, tarballs, blocks),
      next: () => nextApp(root, tarballs, blocks),
    };
    for (const [name, variant] of Object.entries(variants)) {
      if (only && only !== name) continue;
      try {
        await variant();
      } catch {
        failed = true; // Reported by its step; the other variants still run.
      }
    }
  } catch {
    failed = true;
  } finally {
    const seconds = (performance.now() - started) / 1000;
    console.log('\nFresh-app test:');
    for (const r of results) {
      console.log(
        `  ${r.ok ? '✔' : '✘'} ${r.name.padEnd(72)} ${r.seconds.toFixed(1).padStart(6)} s`,
      );
    }
    console.log(`  total ${seconds.toFixed(0)} s`);
    if (failed || keep) console.log(`The apps are kept in ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
  if (failed) {
    console.error('Fresh-app test failed (the steps marked ✘ say what broke).');
    process.exit(1);
  }
}

type Tarballs = { kit: string; server: string };
type Blocks = ReturnType<typeof readmeBlocks>;

const BUILD_ENV = { VITE_STREAM_BASE_URL: DEV_SERVER_URL, VITE_STREAM_API_KEY: 'dev' };

async function viteApp(root: string, tarballs: Tarballs, blocks: Blocks): Promise<void> {
  const dir = join(root, 'vite');
  await step('Vite + React 19: create the app from the template and README.md', () =>
    createApp({ template: 'vite', dir, tarballs, blocks }),
  );
  await step('Vite + React 19: npm install (tarball + registry)', () =>
    run('npm', NPM_INSTALL, { cwd: dir }),
  );
  await step('the kit installs no native module and no call-service dependency', () => {
    const installed = checkKitInstall(dir);
    console.log(`  the kit brought: ${installed.join(', ')}`);
  });
  await step('Vite + React 19: tsc --noEmit under strict', () =>
    run('npx', ['tsc', '--noEmit'], { cwd: dir }),
  );
  await step('Vite + React 19: vite build', async () => {
    cpSync(join(REPO, 'scripts/fresh-app/measure.mjs'), join(dir, 'measure.mjs'));
    const output = await run('node', ['measure.mjs'], { cwd: dir, env: appEnv(BUILD_ENV) });
    const warnings = output.split('\n').filter((l) => /^\s*(\(!\)|\[warn|warning)/i.test(l));
    if (warnings.length) console.log(indent(warnings.join('\n')));
  });
  await step('initial JS: no provider SDK, the kit within its budget', async () => {
    const js = await checkInitialJs(dir);
    console.log(
      `  initial JS ${kb(js.gzipBytes)} gzip in ${js.files.length} file(s); the kit's share ` +
        `${kb(js.kitGzipBytes)} (${js.kitModules} modules; goal ${kb(KIT_INITIAL_GOAL)}); ` +
        `provider SDK modules in lazy chunks: ${js.lazySdkModules}`,
    );
    if (js.lazySdkModules === 0) {
      throw new StepFailure('No provider SDK module in any chunk: the check above proved nothing.');
    }
  });
  await step('Chromium: two users call each other in the fresh app', () =>
    run('npx', ['playwright', 'test', '-c', 'scripts/fresh-app/playwright.config.ts'], {
      cwd: REPO,
      env: { ...process.env, FRESH_APP_DIR: dir },
      echo: true,
    }),
  );
}

async function react18App(root: string, tarballs: Tarballs, blocks: Blocks): Promise<void> {
  const dir = join(root, 'vite-react18');
  const react18 = {
    react: '^18.2',
    'react-dom': '^18.2',
    '@types/react': '^18',
    '@types/react-dom': '^18',
  };
  await step('Vite + React 18: create the app', () =>
    createApp({ template: 'vite', dir, tarballs, blocks, overrides: react18 }),
  );
  await step('Vite + React 18: npm install', () => run('npm', NPM_INSTALL, { cwd: dir }));
  await step('Vite + React 18: tsc --noEmit and vite build', async () => {
    await run('npx', ['tsc', '--noEmit'], { cwd: dir });
    await run('npx', ['vite', 'build'], { cwd: dir, env: appEnv(BUILD_ENV) });
  });
}

async function nextApp(root: string, tarballs: Tarballs, blocks: Blocks): Promise<void> {
  const dir = join(root, 'next');
  await step('Next.js: create the app from the template and README.md', () =>
    createApp({ template: 'next', dir, tarballs, blocks }),
  );
  await step('Next.js: npm install', () => run('npm', NPM_INSTALL, { cwd: dir }));
  await step('Next.js: next build (a server component renders the kit)', () =>
    run('npx', ['next', 'build'], {
      cwd: dir,
      env: appEnv({ NEXT_TELEMETRY_DISABLED: '1' }),
    }),
  );
}

main().catch((e: unknown) => {
  if (!(e instanceof StepFailure)) console.error(e);
  process.exit(1);
});
