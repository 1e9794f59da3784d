// Node module customization hooks (module.register, loaded by register.mjs): every ESM `import`
// that resolves into the root's React 19 gets React 18's file instead.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { redirectFile } from './redirect.mjs';

export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  if (!result.url.startsWith('file:')) return result;
  const target = redirectFile(fileURLToPath(result.url));
  return target ? { ...result, url: pathToFileURL(target).href } : result;
}
