import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// `npm run test:react18`: the `unit` project's React tests (test/unit/react/**) again, on React
// 18.3.1 from test/react18/node_modules (installed by scripts/ensure-react18.ts). The peer range
// is `react ^18.2 || ^19` (DESIGN.md convention 14: both exercised by tests, not assumed).
//
// How there is ONE React 18: every worker preloads test/react18/register.mjs, which redirects
// any file Node resolves inside the root's react / react-dom / scheduler to its React 18 twin —
// ESM imports through a module.register resolve hook, CJS requires through
// Module._resolveFilename. That covers our code (Vite externalizes react to Node), stream-chat-
// react and its React deps (externalized, loaded by Node), @testing-library/react and react-dom.
// Aliases alone fail: externalized node_modules never see Vite's resolve.alias.
// test/react18/setup.ts fails the run unless React and ReactDOM are 18.x.
export default defineConfig({
  plugins: [react()],
  test: {
    name: 'react18',
    environment: 'jsdom',
    include: ['test/unit/react/**/*.test.{ts,tsx}'],
    setupFiles: ['test/react18/setup.ts', 'test/setup-dom.ts'],
    pool: 'forks',
    execArgv: ['--import', fileURLToPath(new URL('./test/react18/register.mjs', import.meta.url))],
  },
});
