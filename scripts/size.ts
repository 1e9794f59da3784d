/**
 * Size budgets, measured the way an app pays for them: the built entries are bundled again with
 * esbuild (minified, gzip -9), their own dependencies included and the app's peers (React,
 * stream-chat, stream-chat-react) left out. The metafile tells which bytes load eagerly (static
 * imports) and which only on join (dynamic import()).
 */
import { readFileSync } from 'node:fs';
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
      if (imp.kind === 'import-statement') visit(imp.path);
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

// 1. Everything with the SDKs bundled too, as an app's bundler sees it.
const all = await bundle(entries, PEERS);
const mainEager = eagerOutputs(all.meta, entryOutput(all.meta, 'index'));
results.push({
  name: 'stream-chat-calls (eager)',
  bytes: sizeOf(all.files, mainEager),
  goal: 8 * KB,
  limit: 12 * KB,
});
const leaked = sdkInputs(all.meta, mainEager);
if (leaked.length)
  failures.push(
    `provider SDK code in the eager stream-chat-calls entry: ${leaked.slice(0, 5).join(', ')}`,
  );

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
  const sdk = sdkInputs(all.meta, eager);
  if (sdk.length)
    failures.push(`provider SDK code loads eagerly with stream-chat-calls/${name}: ${sdk[0]}`);
}

// 3. Adapter chunks (loaded on join), on top of their SDK: SDKs left out.
const noSdk = await bundle(entries, [
  ...PEERS,
  'agora-rtc-sdk-ng',
  'agora-rtc-sdk-ng/*',
  '@100mslive/*',
]);
const eagerAny = new Set<string>();
for (const name of Object.keys(entries))
  for (const o of eagerOutputs(noSdk.meta, entryOutput(noSdk.meta, name))) eagerAny.add(o);
for (const name of ['agora', 'hms', 'local'] as const) {
  const lazy = Object.keys(noSdk.meta.outputs).filter(
    (o) =>
      o.endsWith('.js') &&
      !eagerAny.has(o) &&
      Object.keys(noSdk.meta.outputs[o].inputs).some((i) => i.includes(`/providers/${name}/`)),
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

const fmt = (n: number) => `${(n / KB).toFixed(2)} kB`;
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
