/**
 * The demo app. It imports the kit only through its public entry names (`stream-chat-calls`,
 * `stream-chat-calls/local`, `/agora`, `/hms`, `/styles.css`), aliased here to the sources, so it
 * uses the kit exactly as a customer's app would.
 *
 * `tsx dev-server/start.ts --demo` (`npm start`) starts this config programmatically next to the
 * dev server; `npx vite build --config demo/vite.config.ts` builds it into demo/dist and writes
 * demo/dist/load-report.json: which chunks load before a call is joined and which load lazily.
 */
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const demoRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const src = (path: string) => fileURLToPath(new URL(`../src/${path}`, import.meta.url));

/** The dev server this demo talks to when VITE_STREAM_BASE_URL is unset (same PORT as it). */
const defaultBaseURL = `http://127.0.0.1:${process.env.PORT || '4100'}`;

interface ChunkInfo {
  file: string;
  bytes: number;
  gzipBytes: number;
  isEntry: boolean;
  imports: string[];
  dynamicImports: string[];
  modules: string[];
}

/**
 * Writes `load-report.json` beside the build: every JS chunk with its size (raw and gzip -9),
 * static and dynamic imports and the packages (or our own folders) inside it, and `initial` = the
 * chunks reachable from the entry through static imports only (what a visitor downloads before
 * joining a call); `lazy` = everything else (provider SDKs and adapters, loaded at join).
 */
function loadReport(): Plugin {
  return {
    name: 'demo-load-report',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks: Record<string, ChunkInfo> = {};
      for (const item of Object.values(bundle)) {
        if (item.type !== 'chunk') continue;
        const packages = new Set<string>();
        for (const id of Object.keys(item.modules)) {
          const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id);
          // A package name, or the folder of one of our own files (src/providers/agora, demo/src).
          packages.add(m ? m[1] : id.startsWith(repoRoot) ? relative(repoRoot, dirname(id)) : id);
        }
        chunks[item.fileName] = {
          file: item.fileName,
          bytes: Buffer.byteLength(item.code),
          gzipBytes: gzipSync(item.code, { level: 9 }).length,
          isEntry: item.isEntry,
          imports: item.imports,
          dynamicImports: item.dynamicImports,
          modules: [...packages].sort(),
        };
      }
      const initial = new Set<string>();
      const visit = (file: string) => {
        if (initial.has(file) || !chunks[file]) return;
        initial.add(file);
        for (const dep of chunks[file].imports) visit(dep);
      };
      for (const chunk of Object.values(chunks)) if (chunk.isEntry) visit(chunk.file);
      const lazy = Object.keys(chunks).filter((f) => !initial.has(f));
      const sum = (files: Iterable<string>, key: 'bytes' | 'gzipBytes' = 'bytes') =>
        [...files].reduce((n, f) => n + chunks[f][key], 0);
      this.emitFile({
        type: 'asset',
        fileName: 'load-report.json',
        source: `${JSON.stringify(
          {
            initial: [...initial],
            initialBytes: sum(initial),
            initialGzipBytes: sum(initial, 'gzipBytes'),
            lazy,
            lazyBytes: sum(lazy),
            lazyGzipBytes: sum(lazy, 'gzipBytes'),
            chunks,
          },
          null,
          2,
        )}\n`,
      });
    },
  };
}

export default defineConfig({
  root: demoRoot,
  envDir: demoRoot,
  plugins: [react(), loadReport()],
  define: {
    __DEMO_DEFAULT_BASE_URL__: JSON.stringify(defaultBaseURL),
  },
  resolve: {
    alias: [
      { find: /^stream-chat-calls$/, replacement: src('index.ts') },
      { find: /^stream-chat-calls\/agora$/, replacement: src('agora.ts') },
      { find: /^stream-chat-calls\/hms$/, replacement: src('hms.ts') },
      { find: /^stream-chat-calls\/local$/, replacement: src('local.ts') },
      { find: /^stream-chat-calls\/styles\.css$/, replacement: src('react/styles/index.css') },
    ],
    dedupe: ['react', 'react-dom', 'stream-chat', 'stream-chat-react'],
  },
  optimizeDeps: {
    // Pre-bundle the provider SDKs too: discovering them at join time would make Vite reload
    // the page in the middle of a call.
    include: [
      'react',
      'react-dom',
      'react-dom/client',
      'react/jsx-runtime',
      'react/jsx-dev-runtime',
      'stream-chat',
      'stream-chat-react',
      'agora-rtc-sdk-ng/esm',
      '@100mslive/hms-video-store',
    ],
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: false,
    fs: { allow: [repoRoot] },
    // Transform the app's module graph at startup, not on the first visit.
    warmup: { clientFiles: ['./src/main.tsx'] },
    // DEMO_HMR=off (the e2e run): no file watching, no hot reload in the middle of a test.
    ...(process.env.DEMO_HMR === 'off' ? { hmr: false, watch: null } : {}),
  },
  preview: { host: '127.0.0.1', port: 4173 },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    manifest: true,
  },
});
