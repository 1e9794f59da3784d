// First setup file of vitest.react18.config.ts: the run is worthless unless React 18 is the only
// React in the worker. Before each test file: react and react-dom are 18.x wherever they are
// imported from (the repo root, as our code and the tests do; stream-chat-react;
// @testing-library/react), through ESM `import` and CJS `require`. After it: no file of the root's
// React 19 (react, react-dom, scheduler) was loaded by anything.
// (A bare `import 'react'` here would prove nothing: from this folder it finds
// test/react18/node_modules by itself.)
import Module, { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

interface Versioned {
  version?: string;
  default?: { version?: string };
}

function assert18(what: string, module: Versioned) {
  const version = module.version ?? module.default?.version;
  if (!version?.startsWith('18.')) {
    throw new Error(`test:react18 must run on React 18, but ${what} is ${version ?? 'unknown'}`);
  }
}

// (Not `new URL(…, import.meta.url)`: Vite rewrites that pattern as an asset URL in jsdom.)
const rootModules = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'node_modules', sep);

// ESM, the way our code and the tests get React: Vite resolves `react` to the root's file and
// hands it to Node.
for (const pkg of ['react', 'react-dom']) {
  const file = join(rootModules, pkg, 'index.js');
  assert18(`${pkg} imported from the root`, await import(/* @vite-ignore */ file));
}
// CJS, the way react-dom, use-sync-external-store and CJS builds get it.
const fromRoot = createRequire(join(rootModules, '..', 'package.json'));
for (const from of ['.', 'stream-chat-react', '@testing-library/react']) {
  const req = from === '.' ? fromRoot : createRequire(fromRoot.resolve(from));
  assert18(`react required from ${from}`, req('react') as Versioned);
  assert18(`react-dom required from ${from}`, req('react-dom') as Versioned);
}

const react19 = ['react', 'react-dom', 'scheduler'].map((name) => join(rootModules, name) + sep);

afterAll(() => {
  // Node records every CommonJS file here, also those reached through ESM `import`.
  const cache = (Module as unknown as { _cache: Record<string, unknown> })._cache;
  const loaded = Object.keys(cache).filter((file) => react19.some((dir) => file.startsWith(dir)));
  if (loaded.length > 0) {
    throw new Error(`test:react18 loaded the root's React 19 files: ${loaded.join(', ')}`);
  }
});

// stream-chat-react's <Channel> trailing throttle: test/setup-dom.ts waits it out.
