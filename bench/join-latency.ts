/**
 * Join latency in Chromium with the fake camera, through the real dev server:
 * (a) Join click → first local video frame, the kit (CallCard Join → token → local provider →
 *     CallRoom tile) vs a bare page doing only getUserMedia + attach; (b) Join click → first
 *     remote frame for a member joining a call another page is already in (local provider, loopback).
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { startDevServer } from '../dev-server/server';
import { buildHarness, launchChromium, serveHarness } from './lib/browser';
import { joinButton, openHarness, readMarks, waitForMark } from './lib/session';
import { median, round } from './lib/stats';
import { type Benchmark, type Figure, NotReady } from './lib/types';

const need = [
  '../dev-server/server.ts',
  '../src/providers/local/adapter.ts',
  '../src/react/room/CallRoom.tsx',
  '../src/react/CallAttachment.tsx',
];

/** Stop starting new runs after this long. */
const TIME_CAP_MS = 120_000;

interface Run {
  bare?: number;
  /** The bare page plus a local join's requests (GetCallToken, signaling) on the same click. */
  bareNet?: number;
  kitLocal?: number;
  remote?: number;
  joinerLocal?: number;
  sizes: string[];
  failure?: string;
  marks?: { name: string; at: number }[];
}

/**
 * Both pages wait this long after they are ready before the click, as a user would: right after
 * its first render the chat page is still busy (measured: getUserMedia then takes ~2× as long
 * as on a settled page), and the bare page has nothing to settle.
 */
const SETTLE_MS = 1_000;

/** One bare page (`url` names its mode): click → first local frame. */
async function measureBare(
  browser: Browser,
  url: string,
  sizes: string[],
  marks?: Run['marks'][],
): Promise<number> {
  const h = await openHarness(browser, url);
  try {
    await h.page.waitForTimeout(SETTLE_MS);
    await h.page.getByRole('button', { name: 'Join' }).click();
    const b = await waitForMark(h.page, 'localFrame');
    sizes.push(`${b.localFrame!.width}×${b.localFrame!.height}`);
    marks?.push(await readMarks(h.page));
    return b.localFrame!.at;
  } finally {
    await h.close();
  }
}

export const joinLatency: Benchmark = {
  name: 'join-latency',
  title:
    'Join → first local / remote video frame (local provider, dev server, Chromium fake camera)',
  async run(ctx) {
    for (const f of need) {
      if (!existsSync(new URL(f, import.meta.url))) throw new NotReady(`${f.slice(3)} is missing`);
    }
    const server = await startDevServer({ port: 0, databasePath: ':memory:', log: () => {} });
    const harness = await buildHarness(new URL('./harness/join.tsx', import.meta.url));
    const served = await serveHarness(harness);
    const browser = await launchChromium(ctx);
    const runs: Run[] = [];
    const bareMarks: Run['marks'][] = [];
    const bareNetMarks: Run['marks'][] = [];
    const tag = Date.now().toString(36);
    try {
      // Warm-up (not counted): the browser's first getUserMedia opens the fake capture device.
      await measureBare(browser, `${served.url}?mode=bare`, []);
      const started = performance.now();
      for (let i = 0; i < ctx.runs; i++) {
        if (i > 0 && performance.now() - started > TIME_CAP_MS) {
          ctx.log(`  stopping after ${i} runs: ${TIME_CAP_MS / 1000} s cap`);
          break;
        }
        const run: Run = { sizes: [] };
        runs.push(run);
        const channel = `bench-${tag}-${i}`;
        const base = `${served.url}?mode=kit&server=${encodeURIComponent(server.url)}&key=${server.apiKey}&channel=${channel}&call=${channel}&members=alice,bob`;
        const bareURL = `${served.url}?mode=bare`;
        // Its own channel and call, created by the page like the kit's.
        const bareNetURL = `${base.replace('mode=kit', 'mode=bare-net').replaceAll(channel, `${channel}-net`)}&user=alice&create=1`;
        try {
          if (i % 2 === 0) {
            run.bare = await measureBare(browser, bareURL, run.sizes, bareMarks);
            run.bareNet = await measureBare(browser, bareNetURL, run.sizes, bareNetMarks);
          }
          // The first member joins an empty call: Join → their own camera in the room.
          const alice = await openHarness(browser, `${base}&user=alice&create=1`);
          try {
            await alice.page.waitForTimeout(SETTLE_MS);
            await joinButton(alice.page).click();
            const a = await waitForMark(alice.page, 'localFrame');
            run.kitLocal = a.localFrame!.at;
            run.marks = await readMarks(alice.page);
            run.sizes.push(`${a.localFrame!.width}×${a.localFrame!.height}`);
            // A second member joins the ongoing call: Join → the first member's video.
            const bob = await openHarness(browser, `${base}&user=bob`);
            try {
              await bob.page.waitForTimeout(SETTLE_MS);
              await joinButton(bob.page).click();
              const b = await waitForMark(bob.page, 'remoteFrame');
              run.remote = b.remoteFrame!.at;
              run.joinerLocal = b.localFrame?.at;
              run.sizes.push(`${b.remoteFrame!.width}×${b.remoteFrame!.height}`);
            } finally {
              await bob.close();
            }
          } finally {
            await alice.close();
          }
          if (i % 2 === 1) {
            run.bareNet = await measureBare(browser, bareNetURL, run.sizes, bareNetMarks);
            run.bare = await measureBare(browser, bareURL, run.sizes, bareMarks);
          }
        } catch (e) {
          run.failure = (e as Error).message.split('\n')[0];
        }
        ctx.log(
          `  run ${i + 1}: bare ${round(run.bare ?? Number.NaN, 0)} ms · bare + requests ${round(run.bareNet ?? Number.NaN, 0)} ms · kit local ${round(run.kitLocal ?? Number.NaN, 0)} ms · remote ${round(run.remote ?? Number.NaN, 0)} ms${run.failure ? ` · FAILED: ${run.failure}` : ''}`,
        );
      }
    } finally {
      await browser.close();
      await served.close();
      await server.close();
    }
    const ok = runs.filter((r) => r.bare !== undefined && r.kitLocal !== undefined);
    const ratios = ok.map((r) => r.kitLocal! / r.bare!);
    const ratio = median(ratios);
    const netOk = runs.filter((r) => r.bareNet !== undefined && r.kitLocal !== undefined);
    const netRatios = netOk.map((r) => r.kitLocal! / r.bareNet!);
    const remotes = runs.flatMap((r) => (r.remote === undefined ? [] : [r.remote]));
    const remote = median(remotes);
    const failures = runs.filter((r) => r.failure).length;
    const sizes = [...new Set(runs.flatMap((r) => r.sizes))];
    const tiny = runs.flatMap((r) => r.sizes).filter((s) => s === '2×2').length;
    const frameMethod =
      'each page ready and then idle for 1 s; performance.now() at the Join click (capture listener) → first requestVideoFrameCallback on the <video> with a frame larger than 2×2';
    const figures: Figure[] = [
      {
        name: 'bare page: click → first local frame',
        value: round(median(ok.map((r) => r.bare!)), 0),
        unit: 'ms',
        method: `${frameMethod}; the page only calls getUserMedia (the provider's constraints: 640×480 ideal, 24 fps, audio) and sets video.srcObject; median of ${ok.length} runs`,
        runs: ok.map((r) => round(r.bare!, 0)),
      },
      {
        name: 'kit: Join → first local frame',
        value: round(median(ok.map((r) => r.kitLocal!)), 0),
        unit: 'ms',
        method: `${frameMethod}; the Join button of the CallCard in stream-chat-react's MessageList (real stream-chat client on the dev server), CallsProvider with local(), the local tile of CallRoom; empty call; median of ${ok.length} runs`,
        runs: ok.map((r) => round(r.kitLocal!, 0)),
      },
      {
        name: 'kit / bare (first local frame)',
        value: round(ratio, 3),
        unit: 'ratio',
        goal: '≤ 1.10',
        pass: ratio <= 1.1,
        method: 'per-run ratio (bare and kit pages alternate order by run), median',
        runs: ratios.map((r) => round(r, 3)),
      },
      {
        name: 'bare page + the join requests: click → first local frame',
        value: round(median(netOk.map((r) => r.bareNet!)), 0),
        unit: 'ms',
        method: `${frameMethod}; the bare page's getUserMedia and attach, plus on the same click what a local join sends — GetCallToken (fetch, the user's JWT) and then the signaling WebSocket with its join frame — written by hand on a page with a connected stream-chat client and no kit; median of ${netOk.length} runs`,
        runs: netOk.map((r) => round(r.bareNet!, 0)),
      },
      {
        name: 'kit / (bare page + the join requests)',
        value: round(median(netRatios), 3),
        unit: 'ratio',
        method:
          'per-run ratio, median: what the kit adds to the camera on top of the requests any local join makes on the click (information; the goal is against the bare page)',
        runs: netRatios.map((r) => round(r, 3)),
      },
      {
        name: 'kit: Join → first remote frame (2 pages)',
        value: round(remote, 0),
        unit: 'ms',
        goal: '≤ 1500 ms',
        pass: remote <= 1500 && remotes.length > 0,
        method: `${frameMethod} of the other member's tile; a second browser context joins the call the first one is already in, through the dev server's signaling (local provider, WebRTC on loopback); median of ${remotes.length} runs`,
        runs: remotes.map((r) => round(r, 0)),
      },
      {
        name: 'joiner: Join → first local frame (peer present)',
        value: round(
          median(runs.flatMap((r) => (r.joinerLocal === undefined ? [] : [r.joinerLocal]))),
          0,
        ),
        unit: 'ms',
        method: `${frameMethod}; the second member's own tile in the same runs`,
      },
      {
        name: 'runs without a frame / with a 2×2 frame',
        value: failures + tiny,
        unit: 'runs',
        goal: '0',
        pass: failures + tiny === 0,
        method:
          'runs where a wait for a frame timed out (20 s) or the first frame was the 2×2 placeholder',
      },
    ];
    /** Median ms after the click of each mark's first occurrence, in order. */
    const breakdownOf = (all: Run['marks'][]) => {
      const byName = new Map<string, number[]>();
      for (const marks of all) {
        const firstOf = new Map<string, number>();
        for (const m of marks ?? []) if (!firstOf.has(m.name)) firstOf.set(m.name, m.at);
        for (const [name, at] of firstOf) byName.set(name, [...(byName.get(name) ?? []), at]);
      }
      return [...byName]
        .map(([name, ats]) => ({ name, at: median(ats) }))
        .sort((a, b) => a.at - b.at)
        .map((m) => `${m.name} ${round(m.at, 0)}`)
        .join(' → ');
    };
    const breakdown = breakdownOf(runs.map((r) => r.marks));
    return {
      figures,
      notes: [
        `Kit Join → first local frame, median ms after the click: ${breakdown} → first local frame ${round(median(ok.map((r) => r.kitLocal!)), 0)}.`,
        `Bare page, median ms after the click: ${breakdownOf(bareMarks)} → first local frame ${round(median(ok.map((r) => r.bare!)), 0)}.`,
        `Bare page + the join requests, median ms after the click: ${breakdownOf(bareNetMarks)} → first local frame ${round(median(netOk.map((r) => r.bareNet!)), 0)}.`,
        `Frame sizes seen: ${sizes.join(', ')}.`,
        ...runs.flatMap((r, i) => (r.failure ? [`run ${i + 1} failed: ${r.failure}`] : [])),
      ],
    };
  },
};
