/**
 * Size budgets, measured the way an app pays for them: the built entries (one file per module)
 * are bundled again with esbuild — minified, gzip -9, tree-shaken — with the app's peers (React,
 * stream-chat, stream-chat-react) left out. "Eager" is what loads before anyone joins: every
 * `import()` is left out of that bundle (a lazy chunk). esbuild's metafile says which files each
 * bundle holds: no provider SDK may be among the eager ones.
 *
 * (Not esbuild's code splitting: it assigns every file reachable through an import statement to a
 * chunk, used or not, which would count tree-shaken code.)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'esbuild';

const PEERS = ['react', 'react-dom', 'react/jsx-runtime', 'stream-chat', 'stream-chat-react'];
const SDKS = ['agora-rtc-sdk-ng', 'agora-rtc-sdk-ng/*', '@agora-js/*', '@100mslive/*'];
const SDK = /node_modules\/(agora-rtc-sdk-ng|@agora-js|@100mslive)\//;
const KB = 1024;
const CACHE = 'node_modules/.cache/size';

const fmt = (n: number) => `${(n / KB).toFixed(2)} kB`;
const gz = (data: Uint8Array | string) => gzipSync(data, { level: 9 }).length;

interface Measured {
  bytes: number;
  inputs: string[];
}

/** Leaves `import()` targets out (they are lazy chunks), and optionally some already-paid files. */
function lazyAndPaid(paid: ReadonlySet<string> = new Set()): Plugin {
  return {
    name: 'lazy-and-paid',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === 'inner') return undefined;
        if (args.kind === 'dynamic-import') return { path: args.path, external: true };
        if (paid.size === 0 || args.kind === 'entry-point') return undefined;
        const found = await b.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: 'inner',
        });
        if (found.path && paid.has(resolve(found.path))) return { path: args.path, external: true };
        return undefined;
      });
    },
  };
}

async function measure(
  source: string,
  name: string,
  options: { external?: string[]; paid?: ReadonlySet<string> } = {},
): Promise<Measured> {
  const file = `${CACHE}/${name}.js`;
  writeFileSync(file, source);
  const out = await build({
    entryPoints: [file],
    bundle: true,
    format: 'esm',
    minify: true,
    write: false,
    metafile: true,
    platform: 'browser',
    target: 'es2022',
    external: [...PEERS, ...(options.external ?? [])],
    plugins: [lazyAndPaid(options.paid)],
    logLevel: 'error',
  });
  // The files that put bytes into the bundle (metafile.inputs also lists tree-shaken ones).
  const [output] = Object.values(out.metafile.outputs);
  const inputs = Object.entries(output.inputs)
    .filter(([i, v]) => v.bytesInOutput > 0 && !i.startsWith(CACHE))
    .map(([i]) => i);
  return { bytes: gz(out.outputFiles[0].contents), inputs };
}

const from = (spec: string) => `../../../dist/${spec}`;
mkdirSync(CACHE, { recursive: true });

interface Budget {
  name: string;
  bytes: number;
  goal: number;
  limit: number;
}
const results: Budget[] = [];
const failures: string[] = [];

/** What the app in DESIGN.md's "Intended use" (and the README's "Use it in an app") imports. */
const APP = `export { CallsProvider, StartCallButton, CallAttachment, CallChannelListItem, CallRoom, IncomingCall } from '${from('index.js')}';
export { agora } from '${from('agora.js')}';
export { hms } from '${from('hms.js')}';
`;
const app = await measure(APP, 'app');
results.push({
  name: 'app: intended-use imports (eager)',
  bytes: app.bytes,
  goal: 8 * KB,
  limit: 12 * KB,
});
const whole = await measure(`export * from '${from('index.js')}';`, 'whole');
for (const [what, m] of [
  ['the intended-use app', app],
  ['stream-chat-calls (every export)', whole],
] as const) {
  const sdk = m.inputs.filter((i) => SDK.test(i));
  if (sdk.length) failures.push(`provider SDK code loads eagerly with ${what}: ${sdk[0]}`);
}

// Provider factories: what each adds to the app's eager code.
const appPaid = new Set(app.inputs.map((i) => resolve(i)));
const core = await measure(APP.split('\n')[0], 'app-core');
const corePaid = new Set(core.inputs.map((i) => resolve(i)));
for (const name of ['agora', 'hms', 'local'] as const) {
  const m = await measure(`export { ${name} } from '${from(`${name}.js`)}';`, `factory-${name}`, {
    paid: corePaid,
  });
  results.push({
    name: `stream-chat-calls/${name} factory (added)`,
    bytes: m.bytes,
    goal: 1 * KB,
    limit: 1 * KB,
  });
}

// The call room: loaded with the first call, together with the provider's adapter.
const room = await measure(`export * from '${from('react/room/CallRoom.js')}';`, 'room', {
  paid: appPaid,
});
const joinPaid = new Set([...appPaid, ...room.inputs.map((i) => resolve(i))]);

// Adapter chunks, loaded on join: what they add on top of their SDK and of what is already loaded.
for (const name of ['agora', 'hms', 'local'] as const) {
  const m = await measure(
    `export * from '${from(`providers/${name}/adapter.js`)}';`,
    `adapter-${name}`,
    {
      external: SDKS,
      paid: joinPaid,
    },
  );
  // The local provider has no SDK: its adapter is the whole WebRTC mesh and signaling client,
  // what Agora's and 100ms's SDKs are for them. It gets a budget of its own.
  const limit = name === 'local' ? 7 * KB : 5 * KB;
  results.push({
    name: `${name} adapter chunk (on join, SDK excluded)`,
    bytes: m.bytes,
    goal: limit,
    limit,
  });
}

// One stylesheet holds the cards, the ring dialog and the whole room (its header, panels, menus,
// tooltips, layouts and its own theme fallbacks): the goal stays where it was before the room
// grew, the limit allows it.
results.push({
  name: 'stream-chat-calls/styles.css',
  bytes: gz(readFileSync('dist/styles.css')),
  goal: 3 * KB,
  limit: 5 * KB,
});

console.log(
  'Size budgets (esbuild bundle of dist/, minified, gzip -9; React/stream-chat/stream-chat-react external)',
);
for (const r of results) {
  const status = r.bytes > r.limit ? 'FAIL' : r.bytes > r.goal ? 'over goal' : 'ok';
  console.log(
    `  ${r.name.padEnd(46)} ${fmt(r.bytes).padStart(9)}  goal ${fmt(r.goal)}  limit ${fmt(r.limit)}  ${status}`,
  );
  if (r.bytes > r.limit)
    failures.push(`${r.name} is ${fmt(r.bytes)}, over its ${fmt(r.limit)} limit`);
}
console.log(
  `  (for information: every export of stream-chat-calls eagerly ${fmt(whole.bytes)}; the call room on first call +${fmt(room.bytes)})`,
);
if (failures.length) {
  console.error(`\nSize check failed:\n  - ${failures.join('\n  - ')}`);
  process.exit(1);
}
console.log('Size check passed.');
