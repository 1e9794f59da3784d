// Copied into the fresh app and run there with node: the app's own `vite build` (its
// vite.config.ts), plus a plugin that writes what each output chunk holds to build-report.json.
import { writeFileSync } from 'node:fs';
import { build } from 'vite';

const KIT = /\/node_modules\/stream-chat-calls\//;
const chunks = {};
await build({
  plugins: [
    {
      name: 'fresh-app-report',
      generateBundle(_options, bundle) {
        for (const [file, out] of Object.entries(bundle)) {
          if (out.type !== 'chunk') continue;
          const modules = {};
          for (const [id, m] of Object.entries(out.modules)) {
            // The kit's own code, to measure its share; the rest by size only.
            modules[id] = { length: m.renderedLength, code: KIT.test(id) ? m.code : undefined };
          }
          chunks[file] = {
            isEntry: out.isEntry,
            imports: out.imports,
            dynamicImports: out.dynamicImports,
            modules,
          };
        }
      },
    },
  ],
});
writeFileSync('build-report.json', JSON.stringify(chunks));
