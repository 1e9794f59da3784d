/**
 * 500 messages with call attachments vs 500 with plain-text file attachments, rendered by
 * stream-chat-react 14 in Chromium through the same harness (bench/harness/chat-render.tsx):
 * time to the list's first paint, CallApi calls, and page network requests.
 */
import { existsSync } from 'node:fs';
import { buildHarness, launchChromium, serveHarness } from './lib/browser';
import { median, round } from './lib/stats';
import { type Benchmark, type Figure, NotReady } from './lib/types';

const N = 500;
/** Stop starting new runs after this long (a loaded machine renders far slower). */
const TIME_CAP_MS = 150_000;
type Mode = 'call' | 'plain';

interface PageResult {
  paintMs: number;
  commitMs: number;
  items: number;
  apiCallsAtPaint: number;
  apiCalls: Record<string, number>;
  requests: string[];
  error?: string;
}

const need = ['../src/react/CallAttachment.tsx', '../src/react/CallsProvider.tsx'];

export const chatRender: Benchmark = {
  name: 'chat-render',
  title: `${N} messages with call attachments vs plain-text attachments (stream-chat-react, Chromium)`,
  async run(ctx) {
    for (const f of need) {
      if (!existsSync(new URL(f, import.meta.url))) throw new NotReady(`${f.slice(3)} is missing`);
    }
    const harness = await buildHarness(new URL('./harness/chat-render.tsx', import.meta.url));
    const served = await serveHarness(harness);
    const browser = await launchChromium(ctx);
    const own = new Set(['/', '/bench.js', '/bench.css'].map((p) => new URL(p, served.url).href));
    const once = async (mode: Mode): Promise<PageResult> => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const requests: string[] = [];
      page.on('request', (r) => {
        const url = new URL(r.url());
        url.search = '';
        if (!own.has(url.href)) requests.push(r.url());
      });
      await page.goto(`${served.url}?mode=${mode}&n=${N}`);
      await page.waitForFunction(
        () => (window as { __bench?: { done: boolean } }).__bench?.done,
        null,
        {
          timeout: 60_000,
        },
      );
      // Let IntersectionObserver-driven live-state fetches of the visible cards happen.
      await page.waitForTimeout(400);
      const r = (await page.evaluate(
        () => (window as unknown as { __bench: PageResult }).__bench,
      )) as PageResult;
      await context.close();
      if (r.error) throw new Error(`${mode}: ${r.error}`);
      return { ...r, requests };
    };
    const results: Record<Mode, PageResult[]> = { call: [], plain: [] };
    const started = performance.now();
    try {
      for (let i = 0; i < ctx.runs; i++) {
        if (i > 0 && performance.now() - started > TIME_CAP_MS) {
          ctx.log(`  stopping after ${i} runs: ${TIME_CAP_MS / 1000} s cap`);
          break;
        }
        // ABBA order: neither mode always runs first.
        const order: Mode[] = i % 2 === 0 ? ['call', 'plain'] : ['plain', 'call'];
        for (const mode of order) results[mode].push(await once(mode));
        ctx.log(
          `  run ${i + 1}: call ${Math.round(results.call[i].paintMs)} ms · plain ${Math.round(results.plain[i].paintMs)} ms`,
        );
      }
    } finally {
      await browser.close();
      await served.close();
    }
    const call = results.call;
    const plain = results.plain;
    const ratios = call.map((c, i) => c.paintMs / plain[i].paintMs);
    const ratio = median(ratios);
    const pageRequests = [...call, ...plain].reduce((a, r) => a + r.requests.length, 0);
    const atPaint = call.reduce((a, r) => a + r.apiCallsAtPaint, 0);
    const apiTotals = call.map((r) => Object.values(r.apiCalls).reduce((a, b) => a + b, 0));
    const method = `fresh browser context per run; performance.now() from root.render() to the first frame after all ${N} .str-chat__li items are in the DOM (MutationObserver, then requestAnimationFrame + setTimeout 0); production React, esbuild bundle with stream-chat-react's and the kit's CSS; median of ${call.length} runs in ABBA order`;
    const figures: Figure[] = [
      {
        name: `${N} messages with call attachments`,
        value: round(median(call.map((r) => r.paintMs)), 0),
        unit: 'ms',
        method,
        runs: call.map((r) => round(r.paintMs, 0)),
      },
      {
        name: `${N} messages with plain-text file attachments`,
        value: round(median(plain.map((r) => r.paintMs)), 0),
        unit: 'ms',
        method: `${method}; attachment { type: 'file', mime_type: 'text/plain', title, file_size, asset_url } rendered by stream-chat-react's own Attachment (through CallAttachment's fallthrough)`,
        runs: plain.map((r) => round(r.paintMs, 0)),
      },
      {
        name: 'render time call / plain',
        value: round(ratio, 3),
        unit: 'ratio',
        method: 'per-pair ratio of the runs above, median',
        runs: ratios.map((r) => round(r, 3)),
      },
      {
        name: 'page network requests while rendering',
        value: pageRequests,
        unit: 'requests (all runs)',
        goal: '0',
        pass: pageRequests === 0,
        method:
          "Playwright page.on('request'), every request except the harness's own page, script and stylesheet, summed over all runs of both modes",
      },
      {
        name: 'CallApi calls before first paint',
        value: atPaint,
        unit: 'calls (all runs)',
        goal: '0',
        pass: atPaint === 0,
        method:
          'a counting CallApi given to CallsProvider; calls made up to the first paint, summed over runs',
      },
      {
        name: 'CallApi calls after the list settles',
        value: round(median(apiTotals), 0),
        unit: 'calls',
        method:
          'same counter 400 ms after the first paint (getCallState for call cards scrolled into view: the live state is fetched lazily, once per call id), median of runs',
        runs: apiTotals,
      },
    ];
    const byMethod = call[0]?.apiCalls ?? {};
    return {
      figures,
      notes: [
        `CallApi calls after settling, by method (first run): ${JSON.stringify(byMethod)}; ${call[0]?.items ?? 0} list items rendered.`,
        ...(pageRequests > 0
          ? [
              `Unexpected requests: ${[...new Set([...call, ...plain].flatMap((r) => r.requests))].slice(0, 5).join(', ')}`,
            ]
          : []),
      ],
    };
  },
};
