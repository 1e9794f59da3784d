/**
 * The demo's production build (Vite/Rolldown, as an app ships it): no byte of a provider SDK in
 * the chunks a visitor loads before joining a call. Read from the bundle graph the demo's build
 * writes (demo/dist/load-report.json: every chunk's modules, static and dynamic imports).
 */
import { readFileSync } from 'node:fs';
import { build } from 'vite';

const SDK = /^(agora-rtc-sdk-ng|@agora-js\/|@100mslive\/)/;
const KB = 1024;

interface Chunk {
  file: string;
  gzipBytes: number;
  modules: string[];
}
interface Report {
  initial: string[];
  initialGzipBytes: number;
  lazy: string[];
  lazyGzipBytes: number;
  chunks: Record<string, Chunk>;
}

await build({ configFile: 'demo/vite.config.ts', logLevel: 'warn' });
const report = JSON.parse(readFileSync('demo/dist/load-report.json', 'utf8')) as Report;
const sdkIn = (files: string[]) =>
  files.flatMap((f) =>
    report.chunks[f].modules.filter((m) => SDK.test(m)).map((m) => `${m} in ${f}`),
  );

const eager = sdkIn(report.initial);
const lazy = sdkIn(report.lazy);
const ours = (files: string[]) =>
  files.filter((f) => report.chunks[f].modules.some((m) => m.startsWith('src/'))).length;
console.log('Demo production build (Vite, gzip -9)');
console.log(
  `  before joining: ${report.initial.length} chunks, ${(report.initialGzipBytes / KB).toFixed(1)} kB (${ours(report.initial)} with kit code)`,
);
console.log(
  `  on join:        ${report.lazy.length} chunks, ${(report.lazyGzipBytes / KB).toFixed(1)} kB`,
);
console.log(
  `  provider SDK modules loaded before joining: ${eager.length}; after: ${new Set(lazy.map((l) => l.split(' ')[0])).size} packages`,
);
if (eager.length > 0) {
  console.error(`\nProvider SDK code loads before a user joins:\n  - ${eager.join('\n  - ')}`);
  process.exit(1);
}
if (lazy.length === 0) {
  // The demo registers Agora and 100ms: their SDKs must show up somewhere, or this check sees nothing.
  console.error('\nNo provider SDK found in any chunk: the check cannot see the SDKs.');
  process.exit(1);
}
console.log('Demo budget passed.');
