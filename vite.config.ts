import { builtinModules } from 'node:module';
import react from '@vitejs/plugin-react';
import MagicString from 'magic-string';
import { defineConfig, type Plugin } from 'vite';
import pkg from './package.json' with { type: 'json' };

/** Peers and dependencies stay imports: the app's bundler dedupes and splits them. */
const external = [
  ...Object.keys(pkg.peerDependencies),
  ...Object.keys(pkg.dependencies),
  ...builtinModules,
];
const isExternal = (id: string) =>
  external.some((name) => id === name || id.startsWith(`${name}/`)) || id.startsWith('node:');

/**
 * "use client" on each module that imports React, react-dom or stream-chat-react itself (hooks,
 * context, components): a server component (Next.js app router) then renders the kit's components
 * as client references instead of running their hooks on the server. Plain modules (core, i18n,
 * the entry barrels) carry no directive and stay importable in server code.
 */
function clientDirective(): Plugin {
  const CLIENT = /^(react|react-dom|stream-chat-react)(\/|$)/;
  const client = new Set<string>();
  return {
    name: 'use-client-directive',
    moduleParsed(info) {
      if (info.importedIds.some((id) => CLIENT.test(id))) client.add(info.id);
    },
    renderChunk(code, chunk) {
      if (!chunk.facadeModuleId || !client.has(chunk.facadeModuleId)) return null;
      const s = new MagicString(code);
      s.prepend("'use client';\n");
      return { code: s.toString(), map: s.generateMap({ hires: 'boundary' }) };
    },
  };
}

// Browser entries in library mode. `npm run build` also builds
// styles.css (scripts/build-css.ts), the types (tsconfig.build.json) and the server package.
export default defineConfig({
  plugins: [react(), clientDirective()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    target: 'es2022',
    manifest: 'manifest.json',
    lib: {
      entry: {
        index: 'src/index.ts',
        agora: 'src/agora.ts',
        hms: 'src/hms.ts',
        local: 'src/local.ts',
      },
      formats: ['es'],
    },
    rollupOptions: {
      external: isExternal,
      // One file per module: the app's bundler then tree-shakes exactly and keeps every import()
      // (provider adapters, the call room, the ringing dialog) a lazy chunk of its own.
      output: {
        preserveModules: true,
        preserveModulesRoot: 'src',
        entryFileNames: '[name].js',
      },
    },
  },
});
