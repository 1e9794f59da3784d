/**
 * tsc emits declaration files with extensionless relative imports (`from './core'`), which Node's
 * ESM type resolution (node16/nodenext consumers) cannot follow. This rewrites each relative
 * specifier in dist/types to the file it means (`./core/index.js`, `./api.js`).
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const root = process.argv[2] ?? 'dist/types';

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (path.endsWith('.d.ts')) yield path;
  }
}

const SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]*)\2/g;
let rewritten = 0;
for (const file of walk(root)) {
  const source = readFileSync(file, 'utf8');
  const out = source.replace(SPECIFIER, (whole, lead: string, quote: string, spec: string) => {
    if (/\.(js|mjs|cjs|json|css)$/.test(spec)) return whole;
    const base = join(dirname(file), spec);
    let target: string | undefined;
    if (existsSync(`${base}.d.ts`)) target = `${spec}.js`;
    else if (existsSync(join(base, 'index.d.ts'))) target = `${spec.replace(/\/$/, '')}/index.js`;
    if (!target) throw new Error(`${file}: cannot resolve ${spec}`);
    rewritten++;
    return `${lead}${quote}${target}${quote}`;
  });
  if (out !== source) writeFileSync(file, out);
}
console.log(`fix-dts: ${rewritten} relative specifiers made explicit`);
