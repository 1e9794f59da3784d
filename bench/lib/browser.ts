/**
 * Browser plumbing for the benchmarks: bundle a harness with esbuild (React production build,
 * optionally the profiling build so <Profiler onRender> runs), serve it from memory on loopback,
 * and launch Debian's Chromium with the project's flags (test/chromium.ts).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { type Browser, chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../../test/chromium';
import type { BenchContext } from './types';

export interface Harness {
  js: string;
  css: string;
}

const ROOT = new URL('../../', import.meta.url).pathname;

export async function buildHarness(entry: URL, { profiling = false } = {}): Promise<Harness> {
  const result = await build({
    entryPoints: [entry.pathname],
    absWorkingDir: ROOT,
    bundle: true,
    write: false,
    outdir: '/virtual',
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    jsx: 'automatic',
    minify: true,
    sourcemap: false,
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    // The profiling build of react-dom keeps <Profiler onRender> working in production mode.
    ...(profiling ? { alias: { 'react-dom/client': 'react-dom/profiling' } } : {}),
    loader: { '.svg': 'dataurl', '.png': 'dataurl', '.woff': 'dataurl', '.woff2': 'dataurl' },
    logLevel: 'error',
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'))?.text ?? '';
  const css = result.outputFiles.find((f) => f.path.endsWith('.css'))?.text ?? '';
  return { js, css };
}

export interface Served {
  url: string;
  close(): Promise<void>;
}

/** Serves index.html + bench.js + bench.css from memory on 127.0.0.1. */
export async function serveHarness(harness: Harness): Promise<Served> {
  const html =
    '<!doctype html><html><head><meta charset="utf-8"><title>bench</title>' +
    '<link rel="stylesheet" href="/bench.css"></head>' +
    '<body><div id="root"></div><script type="module" src="/bench.js"></script></body></html>';
  const files: Record<string, [string, string]> = {
    '/': [html, 'text/html'],
    '/bench.js': [harness.js, 'text/javascript'],
    '/bench.css': [harness.css, 'text/css'],
  };
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = files[path];
    if (!file) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, {
      'content-type': `${file[1]}; charset=utf-8`,
      'cache-control': 'no-store',
    });
    res.end(file[0]);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Launches Chromium as the tests do; records its version for the machine line. */
export async function launchChromium(
  ctx: BenchContext,
  extraArgs: string[] = [],
): Promise<Browser> {
  const options = chromiumLaunchOptions();
  const browser = await chromium.launch({ ...options, args: [...options.args, ...extraArgs] });
  ctx.machine.chromium ??= browser.version();
  return browser;
}
