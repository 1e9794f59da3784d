/**
 * Size budgets, measured the way an app pays for them: the built entries are bundled again with
 * esbuild (minified, gzip -9), their own dependencies included and the app's peers (React,
 * stream-chat, stream-chat-react) left out. The metafile tells which bytes load eagerly (static
 * imports) and which only on join (dynamic import()).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build, type Metafile, type OutputFile } from 'esbuild';

const PEERS = ['react', 'react-dom', 'react/jsx-runtime', 'stream-chat', 'stream-chat-react'];
const SDK = /node_modules\/(agora-rtc-sdk-ng|@agora-js|@100mslive)\//;
const KB = 1024;

interface Budget {
  name: string;
  bytes: number;
  goal: number;
  limit: number;
}
const results: Budget[] = [];
const failures: string[] = [];
const info: string[] = [];

const fmt = (n: number) => `${(n / KB).toFixed(2)} kB`;
const gz = (data: Uint8Array | string) => gzipSync(data, { level: 9 }).length;

async function bundle(entries: Record<string, string>, external: string[]) {
  const out = await build({
    entryPoints: entries,
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    write: false,
    metafile: true,
    outdir: 'size-out',
    platform: 'browser',
    target: 'es2022',
    external,
    logLevel: 'error',
  });
  return { files: out.outputFiles, meta: out.metafile as Metafile };
}

/** The output files an entry loads before anything dynamic: itself and its static imports. */
function eagerOutputs(meta: Metafile, entryOut: string): Set<string> {
  const seen = new Set<string>();
  const visit = (out: string) => {
    if (seen.has(out)) return;
    seen.add(out);
    for (const imp of meta.outputs[out].imports)
      if (imp.kind === 'import-statement' && !imp.external) visit(imp.path);
  };
  visit(entryOut);
  return seen;
}

function entryOutput(meta: Metafile, name: string): string {
  const found = Object.keys(meta.outputs).find((o) => o === `size-out/${name}.js`);
  if (!found) throw new Error(`no output for ${name}`);
  return found;
}

const sizeOf = (files: OutputFile[], outs: Iterable<string>) => {
  let total = 0;
  for (const o of outs) {
    const f = files.find((x) => x.path.endsWith(o.replace(/^size-out/, '')));
    if (f) total += gz(f.contents);
  }
  return total;
};

function sdkInputs(meta: Metafile, outs: Iterable<string>): string[] {
  const bad: string[] = [];
  for (const o of outs)
    for (const input of Object.keys(meta.outputs[o].inputs)) if (SDK.test(input)) bad.push(input);
  return bad;
}

const entries = {
  index: 'dist/index.js',
  agora: 'dist/agora.js',
  hms: 'dist/hms.js',
  local: 'dist/local.js',
};

/** What an app following the README's "intended use" imports before anyone joins a call. */
const APP_IMPORTS = [
  'CallsProvider',
  'StartCallButton',
  'CallAttachment',
  'ChannelCallBanner',
  'CallRoom',
  'IncomingCall',
];
mkdirSync('node_modules/.cache/size', { recursive: true });
const appEntry = 'node_modules/.cache/size/app.js';
writeFileSync(
  appEntry,
  `import { ${APP_IMPORTS.join(', ')} } from '../../../dist/index.js';\n` +
    `import { agora } from '../../../dist/agora.js';\nimport { hms } from '../../../dist/hms.js';\n` +
    `import { local } from '../../../dist/local.js';\n` +
    `export const kit = [${APP_IMPORTS.join(', ')}, agora, hms, local];\n`,
);

// 1. Everything with the SDKs bundled too, as an app's bundler sees it.
const all = await bundle(entries, PEERS);
// Bundled on its own so that tree-shaking drops what the app does not import.
const app = await bundle({ app: appEntry }, PEERS);
const mainEager = eagerOutputs(all.meta, entryOutput(all.meta, 'index'));
const appEager = eagerOutputs(app.meta, entryOutput(app.meta, 'app'));
results.push({
  name: 'app: intended-use imports (eager)',
  bytes: sizeOf(app.files, appEager),
  goal: 8 * KB,
  limit: 12 * KB,
});
info.push(`whole stream-chat-calls entry, every export: ${fmt(sizeOf(all.files, mainEager))}`);
for (const [what, meta, outs] of [
  ['stream-chat-calls', all.meta, mainEager],
  ['the intended-use app', app.meta, appEager],
] as const) {
  const leaked = sdkInputs(meta, outs);
  if (leaked.length) failures.push(`provider SDK code loads eagerly with ${what}: ${leaked[0]}`);
}

// 2. Provider factory entries: what importing the factory adds on top of the main entry.
for (const name of ['agora', 'hms', 'local'] as const) {
  const eager = eagerOutputs(all.meta, entryOutput(all.meta, name));
  const own = [...eager].filter((o) => !mainEager.has(o));
  results.push({
    name: `stream-chat-calls/${name} factory (added)`,
    bytes: sizeOf(all.files, own),
    goal: 1 * KB,
    limit: 1 * KB,
  });
}

// 3. Adapter chunks (loaded on join), on top of their SDK: SDKs left out. Vite's manifest names
// the dist chunk that holds each adapter; the lazy outputs containing it are what a join loads.
const manifest = JSON.parse(readFileSync('dist/manifest.json', 'utf8')) as Record<
  string,
  { file: string }
>;
const noSdk = await bundle(entries, [
  ...PEERS,
  'agora-rtc-sdk-ng',
  'agora-rtc-sdk-ng/*',
  '@100mslive/*',
]);
const eagerAny = new Set<string>();
for (const name of Object.keys(entries)) {
  for (const o of eagerOutputs(noSdk.meta, entryOutput(noSdk.meta, name))) eagerAny.add(o);
}
for (const name of ['agora', 'hms', 'local'] as const) {
  const chunk = manifest[`src/providers/${name}/adapter.ts`]?.file;
  if (!chunk) {
    failures.push(
      `no adapter chunk for ${name} in dist/manifest.json (is it loaded with import()?)`,
    );
    continue;
  }
  const lazy = Object.keys(noSdk.meta.outputs).filter(
    (o) =>
      !eagerAny.has(o) && Object.keys(noSdk.meta.outputs[o].inputs).some((i) => i.endsWith(chunk)),
  );
  results.push({
    name: `${name} adapter chunk (on join, SDK excluded)`,
    bytes: sizeOf(noSdk.files, lazy),
    goal: 5 * KB,
    limit: 5 * KB,
  });
}

// 4. styles.css
results.push({
  name: 'stream-chat-calls/styles.css',
  bytes: gz(readFileSync('dist/styles.css')),
  goal: 3 * KB,
  limit: 3 * KB,
});

console.log(
  'Size budgets (esbuild bundle, minified, gzip -9; React/stream-chat/stream-chat-react external)',
);
for (const r of results) {
  const status = r.bytes > r.limit ? 'FAIL' : r.bytes > r.goal ? 'over goal' : 'ok';
  console.log(
    `  ${r.name.padEnd(46)} ${fmt(r.bytes).padStart(9)}  goal ${fmt(r.goal)}  limit ${fmt(r.limit)}  ${status}`,
  );
  if (r.bytes > r.limit)
    failures.push(`${r.name} is ${fmt(r.bytes)}, over its ${fmt(r.limit)} limit`);
}
if (failures.length) {
  console.error(`\nSize check failed:\n  - ${failures.join('\n  - ')}`);
  process.exit(1);
}
console.log('Size check passed.');
