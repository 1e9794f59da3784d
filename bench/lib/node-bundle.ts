import { mkdirSync } from 'node:fs';
import { build } from 'esbuild';

export const CACHE_DIR = new URL('../.cache/', import.meta.url);

/**
 * Bundles a Node entry (and the project sources it imports) into one ESM file under
 * bench/.cache/. Only native addons stay external. Why not run the .ts under tsx directly:
 * CommonJS packages imported with named imports (`import { RtcRole } from 'agora-token'`) fail
 * under Node's own ESM loader; a bundler resolves that interop, as an app's bundler would.
 */
export async function bundleNode(entry: URL, outName: string): Promise<string> {
  mkdirSync(CACHE_DIR, { recursive: true });
  const outfile = new URL(outName, CACHE_DIR).pathname;
  await build({
    entryPoints: [entry.pathname],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3', 'bufferutil', 'utf-8-validate'],
    // CommonJS dependencies inside an ESM bundle call require() for Node built-ins.
    banner: {
      js: "import { createRequire as __benchCreateRequire } from 'node:module'; const require = __benchCreateRequire(import.meta.url);",
    },
    logLevel: 'error',
  });
  return outfile;
}
