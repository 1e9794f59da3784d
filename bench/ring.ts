/**
 * Ringing in Chromium through the real dev server (local provider, fake camera), two pages:
 * (a) Start click → the callee's ring on screen, the kit (StartCallButton → CreateCall, the call
 *     message, `call.ring` → IncomingCall's dialog) against a bare pair of pages that makes the
 *     same CreateCall request and sends one custom event by hand, in the same run;
 * (b) Accept click → the first remote video frame on both sides (the caller is already in the
 *     call while it rings, so the first answer connects at once).
 */
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { startDevServer } from '../dev-server/server';
import type { RingBench } from './harness/ring';
import { buildHarness, launchChromium, serveHarness } from './lib/browser';
import { median, round } from './lib/stats';
import { type Benchmark, type Figure, NotReady } from './lib/types';

const need = ['../src/react/OutgoingCall.tsx', '../src/core/lifecycle/engine.ts'];
const TIME_CAP_MS = 150_000;
/**
 * Both pages wait this long after they are ready, as people do: the page has settled and the
 * kit has preloaded its call code (the load event, a second, an idle moment).
 */
const SETTLE_MS = 2_500;

interface Run {
  /** Breakdown, ms after the Start click: requests, the event's arrival, the ring on screen. */
  kitMarks?: string;
  bareMarks?: string;
  kitRing?: number;
  bareRing?: number;
  callerFrame?: number;
  calleeFrame?: number;
  failure?: string;
}

const read = (page: Page) =>
  page.evaluate(() => (window as unknown as { __ring: RingBench }).__ring);

async function open(browser: Browser, url: string) {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(
    () => {
      const b = (window as unknown as { __ring?: RingBench }).__ring;
      return b?.ready || b?.error;
    },
    null,
    { timeout: 30_000 },
  );
  const { error } = await read(page);
  if (error) throw new Error(`harness: ${error}`);
  return { page, close: () => context.close() };
}

async function waitFor(page: Page, key: keyof RingBench, timeoutMs = 20_000): Promise<number> {
  await page.waitForFunction(
    (k) => (window as unknown as { __ring: RingBench }).__ring[k] !== undefined,
    key,
    { timeout: timeoutMs },
  );
  return (await read(page))[key] as number;
}

/** One pair of pages: the caller's Start → the callee's ring; with `answer`, Accept → frames. */
async function pair(browser: Browser, base: string, mode: 'kit' | 'bare', run: Run) {
  const caller = await open(browser, `${base}&mode=${mode}&role=caller&user=alice`);
  const callee = await open(browser, `${base}&mode=${mode}&role=callee&user=bob`);
  try {
    await caller.page.waitForTimeout(SETTLE_MS);
    await caller.page.locator('[data-bench="start"]').click();
    const startAt = await waitFor(caller.page, 'startAt');
    const ringAt = await waitFor(callee.page, 'ringAt');
    const { eventAt, longTasks } = await read(callee.page);
    const tasks = (longTasks ?? [])
      .filter((t) => t.at >= startAt - 5)
      .map((t) => `long task ${Math.round(t.at - startAt)}+${t.ms}`);
    const requests =
      (await caller.page.evaluate(() =>
        (window as unknown as { __requests: () => RingBench['requests'] }).__requests(),
      )) ?? [];
    const rel = (t: number) => Math.round(t - startAt);
    const marks = [
      ...requests.map((r) => `${r.path} ${rel(r.sent)}–${rel(r.answered)}`),
      `event ${rel(eventAt ?? Number.NaN)}`,
      ...tasks,
      `ring ${rel(ringAt)}`,
    ].join(' · ');
    if (mode === 'bare') run.bareMarks = marks;
    else run.kitMarks = marks;
    if (mode === 'bare') {
      run.bareRing = ringAt - startAt;
      return;
    }
    run.kitRing = ringAt - startAt;
    await callee.page.locator('[data-bench="accept"]').click();
    const acceptAt = await waitFor(callee.page, 'acceptAt');
    run.calleeFrame = (await waitFor(callee.page, 'remoteFrameAt')) - acceptAt;
    run.callerFrame = (await waitFor(caller.page, 'remoteFrameAt')) - acceptAt;
  } finally {
    await caller.close();
    await callee.close();
  }
}

export const ring: Benchmark = {
  name: 'ring',
  title: 'Start → the callee’s ring, and Accept → first remote frame on both sides (2 pages)',
  async run(ctx) {
    for (const f of need) {
      if (!existsSync(new URL(f, import.meta.url))) throw new NotReady(`${f.slice(3)} is missing`);
    }
    const server = await startDevServer({ port: 0, databasePath: ':memory:', log: () => {} });
    const served = await serveHarness(
      await buildHarness(new URL('./harness/ring.tsx', import.meta.url)),
    );
    const browser = await launchChromium(ctx);
    const runs: Run[] = [];
    const tag = Date.now().toString(36);
    try {
      const started = performance.now();
      for (let i = 0; i < ctx.runs; i++) {
        if (i > 0 && performance.now() - started > TIME_CAP_MS) {
          ctx.log(`  stopping after ${i} runs: ${TIME_CAP_MS / 1000} s cap`);
          break;
        }
        const run: Run = {};
        runs.push(run);
        const base = (kind: string) =>
          `${served.url}?server=${encodeURIComponent(server.url)}&key=${server.apiKey}&members=alice,bob&channel=ring-${tag}-${i}-${kind}&call=ring-${tag}-${i}-${kind}`;
        try {
          // Alternate the order, so neither mode always runs on a warmer machine.
          const order: ('kit' | 'bare')[] = i % 2 === 0 ? ['kit', 'bare'] : ['bare', 'kit'];
          for (const mode of order) await pair(browser, base(mode), mode, run);
        } catch (e) {
          run.failure = (e as Error).message.split('\n')[0];
        }
        ctx.log(`    kit: ${run.kitMarks}\n    bare: ${run.bareMarks}`);
        ctx.log(
          `  run ${i + 1}: ring kit ${round(run.kitRing ?? Number.NaN, 0)} ms · bare ${round(run.bareRing ?? Number.NaN, 0)} ms · Accept → remote frame: callee ${round(run.calleeFrame ?? Number.NaN, 0)} ms, caller ${round(run.callerFrame ?? Number.NaN, 0)} ms${run.failure ? ` · FAILED: ${run.failure}` : ''}`,
        );
      }
    } finally {
      await browser.close();
      await served.close();
      await server.close();
    }
    const ok = runs.filter((r) => r.kitRing !== undefined && r.bareRing !== undefined);
    const ratios = ok.map((r) => r.kitRing! / r.bareRing!);
    const ratio = median(ratios);
    const callee = runs.flatMap((r) => (r.calleeFrame === undefined ? [] : [r.calleeFrame]));
    const caller = runs.flatMap((r) => (r.callerFrame === undefined ? [] : [r.callerFrame]));
    const failures = runs.filter((r) => r.failure).length;
    const clock =
      'epoch times (performance.timeOrigin + now) of two pages in one browser; each page ready and then idle for 2.5 s';
    const figures: Figure[] = [
      {
        name: 'kit: Start click → the callee’s ring on screen',
        value: round(median(ok.map((r) => r.kitRing!)), 0),
        unit: 'ms',
        method: `${clock}; caller: StartCallButton (capture click), callee: the frame after IncomingCall's alertdialog entered the DOM; direct channel on the dev server; median of ${ok.length} runs`,
        runs: ok.map((r) => round(r.kitRing!, 0)),
      },
      {
        name: 'bare pair: click → ring on screen',
        value: round(median(ok.map((r) => r.bareRing!)), 0),
        unit: 'ms',
        method: `${clock}; the click makes the same CreateCall request (fetch) and sends one custom event (stream-chat's sendEvent); the callee's client renders a dialog on it; median of ${ok.length} runs`,
        runs: ok.map((r) => round(r.bareRing!, 0)),
      },
      {
        name: 'kit / bare (ring)',
        value: round(ratio, 3),
        unit: 'ratio',
        goal: '≤ 1.2',
        pass: ok.length > 0 && ratio <= 1.2,
        method: 'per-run ratio (kit and bare pairs alternate order by run), median',
        runs: ratios.map((r) => round(r, 3)),
      },
      {
        name: 'Accept click → callee’s first remote frame',
        value: round(median(callee), 0),
        unit: 'ms',
        method: `${clock}; the ring dialog's Accept (capture click) → the caller's tile's first frame larger than 2×2 on the callee's page (requestVideoFrameCallback); local provider on loopback; median of ${callee.length} runs`,
        runs: callee.map((r) => round(r, 0)),
      },
      {
        name: 'Accept click → caller’s first remote frame',
        value: round(median(caller), 0),
        unit: 'ms',
        method: `the same Accept click → the callee's tile's first frame on the caller's page (the caller joined while it rang); median of ${caller.length} runs`,
        runs: caller.map((r) => round(r, 0)),
      },
      {
        name: 'runs that failed',
        value: failures,
        unit: 'runs',
        goal: '0',
        pass: failures === 0,
        method: 'runs where a wait timed out (20 s)',
      },
    ];
    return {
      figures,
      notes: runs.flatMap((r, i) => (r.failure ? [`run ${i + 1} failed: ${r.failure}`] : [])),
    };
  },
};
