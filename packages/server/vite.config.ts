import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

const external = Object.keys(pkg.dependencies);

// The call service and its CLI, for Node.
export default defineConfig({
  root: import.meta.dirname,
  build: {
    ssr: true,
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    target: 'node20',
    rollupOptions: {
      input: { index: 'src/index.ts', cli: 'src/cli.ts' },
      external: (id) =>
        id.startsWith('node:') ||
        builtinModules.includes(id) ||
        external.some((name) => id === name || id.startsWith(`${name}/`)),
      output: {
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
});
