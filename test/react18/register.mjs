// Preloaded in every Vitest worker of vitest.react18.config.ts (`execArgv: ['--import', …]`).
// Makes the whole process use ONE React 18: our code, stream-chat-react and its React deps,
// @testing-library/react, react-dom, whether Vite inlines them or Node loads them.
// - ESM `import` (also of CJS files): resolve hook in hooks.mjs.
// - CJS `require` (react-dom → react, use-sync-external-store → react, CJS builds): Node 20's
//   module.register hooks do not see them, so Module._resolveFilename is wrapped here.
import Module, { register } from 'node:module';
import { redirectFile } from './redirect.mjs';

register('./hooks.mjs', import.meta.url);

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveReact18(...args) {
  const file = resolveFilename.apply(this, args);
  return (typeof file === 'string' && redirectFile(file)) || file;
};
