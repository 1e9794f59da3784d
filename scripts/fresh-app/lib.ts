/** The fresh-app test's plumbing: timed steps, child processes, the README's code blocks, templates. */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const TEMPLATES = fileURLToPath(new URL('./template', import.meta.url));

/** A failure the step names plainly (what broke and where to look), without a stack trace. */
export class StepFailure extends Error {}

export interface StepResult {
  name: string;
  seconds: number;
  ok: boolean;
}

export const results: StepResult[] = [];

/** Runs one named step, prints its time, and records whether it passed. */
export async function step<T>(name: string, run: () => Promise<T> | T): Promise<T> {
  const started = performance.now();
  process.stdout.write(`\n▶ ${name}\n`);
  try {
    const value = await run();
    const seconds = (performance.now() - started) / 1000;
    results.push({ name, seconds, ok: true });
    console.log(`✔ ${name} (${seconds.toFixed(1)} s)`);
    return value;
  } catch (e) {
    const seconds = (performance.now() - started) / 1000;
    results.push({ name, seconds, ok: false });
    const message = e instanceof StepFailure ? e.message : e instanceof Error ? e.stack : e;
    console.error(`✘ ${name} (${seconds.toFixed(1)} s)\n${indent(String(message))}`);
    throw e;
  }
}

export const indent = (text: string, by = '    ') =>
  text
    .split('\n')
    .map((line) => by + line)
    .join('\n');

/**
 * The environment for the app's own tools: npm's settings from the `npm run` that started us
 * (workspaces, the repository's package) stay out; the registry, cache and proxies stay in.
 */
export function appEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const keep = /^npm_config_(registry|cache|proxy|https_proxy|noproxy|strict_ssl|cafile)$/i;
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key) && !keep.test(key)) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Print the output as it comes (long steps), besides keeping it for the failure message. */
  echo?: boolean;
}

/** Runs a command; resolves with its output, or fails with the command and the output's tail. */
export function run(command: string, args: string[], options: RunOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? appEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      if (options.echo) process.stdout.write(text);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (e) => reject(new StepFailure(`${command} could not start: ${e.message}`)));
    child.on('close', (code) => {
      if (code === 0) return resolve(output);
      const tail = output.trimEnd().split('\n').slice(-60).join('\n');
      reject(
        new StepFailure(
          `\`${[command, ...args].join(' ')}\` exited with ${code} in ${options.cwd}\n${tail}`,
        ),
      );
    });
  });
}

export interface ReadmeBlock {
  /** `vite/src/ChatWithCalls.tsx`: the variant's folder, then the file's path in the app. */
  target: string;
  code: string;
}

const MARKER = /<!--\s*fresh-app:\s*(\S+)[^>]*-->\s*\n\s*```[a-z]*\n([\s\S]*?)\n```/g;

/** The documents whose marked code blocks the fresh apps are made of. */
export const DOCUMENTS = ['README.md', 'docs/customization.md'];

/**
 * The documents' code blocks that the fresh app is made of: each follows a marker
 * `<!-- fresh-app: <variant>/<path> … -->`, so what a developer copies is what the test builds.
 */
export function readmeBlocks(documents = DOCUMENTS): ReadmeBlock[] {
  return documents.flatMap((doc) =>
    [...readFileSync(join(REPO, doc), 'utf8').matchAll(MARKER)].map((m) => ({
      target: m[1],
      code: `${m[2]}\n`,
    })),
  );
}

/**
 * Creates an app from a template folder: its files, `package.json`'s placeholders filled
 * (`<kit>`/`<server>`: the packed tarballs; `<peer>`: the kit's peer range; `<repo>`: the version
 * this repository uses), then the README's blocks for this variant written in.
 */
export function createApp(options: {
  template: string;
  dir: string;
  tarballs: { kit: string; server: string };
  blocks: ReadmeBlock[];
  overrides?: Record<string, string>;
}): void {
  const { template, dir, tarballs, blocks, overrides = {} } = options;
  cpSync(join(TEMPLATES, template), dir, { recursive: true });
  const repoPkg = readJson(join(REPO, 'package.json'));
  const peers = repoPkg.peerDependencies as Record<string, string>;
  const repoVersions = {
    ...(repoPkg.dependencies as Record<string, string>),
    ...(repoPkg.devDependencies as Record<string, string>),
  };
  const pkgFile = join(dir, 'package.json');
  const pkg = readJson(pkgFile);
  for (const field of ['dependencies', 'devDependencies'] as const) {
    const deps = (pkg[field] ?? {}) as Record<string, string>;
    for (const [name, spec] of Object.entries(deps)) {
      deps[name] =
        overrides[name] ??
        (spec === '<kit>'
          ? `file:${tarballs.kit}`
          : spec === '<server>'
            ? `file:${tarballs.server}`
            : spec === '<peer>'
              ? need(peers[name], `${name} is not a peer dependency of the kit`)
              : spec === '<repo>'
                ? need(repoVersions[name], `the repository does not use ${name}`)
                : spec);
    }
  }
  writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`);

  const mine = blocks.filter((b) => b.target.startsWith(`${template}/`));
  if (mine.length === 0) {
    throw new StepFailure(
      `Neither ${DOCUMENTS.join(' nor ')} has a code block marked <!-- fresh-app: ${template}/… -->.`,
    );
  }
  for (const block of mine) {
    const file = join(dir, block.target.slice(template.length + 1));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, block.code);
  }
}

function need(value: string | undefined, problem: string): string {
  if (!value)
    throw new StepFailure(`The template asks for a version that does not exist: ${problem}.`);
  return value;
}

export function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}
