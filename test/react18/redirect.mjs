// Shared by register.mjs (CJS `require`) and hooks.mjs (ESM `import`): maps a file that Node
// resolved inside the ROOT node_modules' react / react-dom / scheduler (React 19) to the same
// file in test/react18/node_modules (React 18.3.1). Mapping the resolved file, not the specifier,
// catches every way in: bare `react` from any package, `react/jsx-runtime`, and the absolute
// paths Vite hands to Node for externalized modules.
import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
export const PACKAGES = ['react', 'react-dom', 'scheduler'];
const from = PACKAGES.map((name) => join(root, 'node_modules', name) + sep);
const to = PACKAGES.map((name) => join(here, 'node_modules', name) + sep);

/** The React 18 twin of `file`, or `undefined` when `file` is not in the root's React 19. */
export function redirectFile(file) {
  for (let i = 0; i < from.length; i++) {
    if (!file.startsWith(from[i])) continue;
    const target = to[i] + file.slice(from[i].length);
    if (!existsSync(target)) {
      throw new Error(
        `React 18 run: ${file.slice(root.length + 1)} has no React 18 twin (${target}); ` +
          'a React-19-only entry point is imported.',
      );
    }
    return target;
  }
  return undefined;
}
