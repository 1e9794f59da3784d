/** Builds `stream-chat-calls/styles.css`: the kit's CSS, @imports inlined, minified. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const result = await build({
  entryPoints: ['src/react/styles/index.css'],
  bundle: true,
  minify: true,
  write: false,
  target: ['chrome111', 'firefox113', 'safari16.4'],
  logLevel: 'warning',
});
mkdirSync('dist', { recursive: true });
writeFileSync('dist/styles.css', result.outputFiles[0].contents);
console.log(`dist/styles.css ${result.outputFiles[0].contents.length} B`);
