import { builtinModules } from 'node:module';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

/** Peers and dependencies stay imports: the app's bundler dedupes and splits them. */
const external = [
  ...Object.keys(pkg.peerDependencies),
  ...Object.keys(pkg.dependencies),
  ...builtinModules,
];
const isExternal = (id: string) =>
  external.some((name) => id === name || id.startsWith(`${name}/`)) || id.startsWith('node:');

// Browser entries in library mode. `npm run build` also builds
// styles.css (scripts/build-css.ts), the types (tsconfig.build.json) and the server package.
export default defineConfig({
  plugins: [react()],
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
      output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
    },
  },
});
