/**
 * A call room of 25 participants whose audio levels change 10 times a second: which components
 * render per change (React Profiler) and frame time (requestAnimationFrame deltas), in Chromium.
 * A real createRoomStore drives the real room components (bench/harness/room-levels.tsx).
 */
import { existsSync } from 'node:fs';
import type { ChangeRecord, RunResult, Scenario } from './harness/room-levels';
import { buildHarness, launchChromium, serveHarness } from './lib/browser';
import { median, percentile, round } from './lib/stats';
import { type Benchmark, type Figure, NotReady } from './lib/types';

const N = 25;
const need = [
  '../src/react/room/GridLayout.tsx',
  '../src/react/room/ParticipantTile.tsx',
  '../src/react/room/CallControls.tsx',
  '../src/react/room/RoomAudio.tsx',
  '../src/react/room/RoomContext.ts',
  '../src/providers/shared/room-store.ts',
];
const PLAN: [Scenario, number][] = [
  ['idle', 1000],
  ['one-speaker', 3000],
  ['everyone', 2000],
];

/** Renders a change caused beyond the participants it changed. */
function extraRenders(c: ChangeRecord): number {
  return Math.max(0, c.tiles - c.changed) + c.others.length + (c.gridChildren > 0 ? 1 : 0);
}

export const roomLevels: Benchmark = {
  name: 'room-levels',
  title: `Call room, ${N} participants, audio levels changing 10×/s (React Profiler, Chromium)`,
  async run(ctx) {
    for (const f of need) {
      if (!existsSync(new URL(f, import.meta.url))) throw new NotReady(`${f.slice(3)} is missing`);
    }
    const harness = await buildHarness(new URL('./harness/room-levels.tsx', import.meta.url), {
      profiling: true,
    });
    const served = await serveHarness(harness);
    const browser = await launchChromium(ctx);
    const runs: Record<Scenario, RunResult[]> = { idle: [], 'one-speaker': [], everyone: [] };
    try {
      for (let i = 0; i < ctx.runs; i++) {
        const page = await browser.newPage();
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(served.url);
        await page
          .waitForFunction((n) => document.querySelectorAll('.str-call__tile').length === n, N, {
            timeout: 30_000,
          })
          .catch(async (e: Error) => {
            const tiles = await page.evaluate(
              () => document.querySelectorAll('.str-call__tile').length,
            );
            throw new Error(`${tiles} of ${N} tiles on screen; page errors: ${errors.join('; ')}`, {
              cause: e,
            });
          });
        for (const [scenario, ms] of PLAN) {
          runs[scenario].push(
            await page.evaluate(
              ([s, t]) =>
                (
                  window as unknown as { __run: (s: Scenario, ms: number) => Promise<RunResult> }
                ).__run(s, t),
              [scenario, ms] as const,
            ),
          );
        }
        await page.close();
        if (errors.length > 0) throw new Error(`page error: ${errors[0]}`);
        const one = runs['one-speaker'][i];
        ctx.log(
          `  run ${i + 1}: one-speaker tiles/change ${median(one.changes.map((c) => c.tiles))}, extra renders ${one.changes.reduce((a, c) => a + extraRenders(c), 0)}, frame p95 ${round(percentile(one.frameDeltas, 95), 1)} ms`,
        );
      }
    } finally {
      await browser.close();
      await served.close();
    }

    const one = runs['one-speaker'];
    const all = runs.everyone;
    const oneChanges = one.flatMap((r) => r.changes);
    const allChanges = all.flatMap((r) => r.changes);
    const extraPerRun = one.map((r) => r.changes.reduce((a, c) => a + extraRenders(c), 0));
    const extra = extraPerRun.reduce((a, b) => a + b, 0);
    const extraByComponent: Record<string, number> = {};
    for (const c of oneChanges) {
      for (const id of c.others) extraByComponent[id] = (extraByComponent[id] ?? 0) + 1;
      if (c.gridChildren > 0) extraByComponent.GridLayout = (extraByComponent.GridLayout ?? 0) + 1;
      if (c.tiles > c.changed)
        extraByComponent['unchanged tiles'] =
          (extraByComponent['unchanged tiles'] ?? 0) + c.tiles - c.changed;
    }
    const tilesPerChange = median(oneChanges.map((c) => c.tiles));
    const perRunP = (rs: RunResult[], p: number) =>
      rs.map((r) => round(percentile(r.frameDeltas, p), 2));
    const frameMethod = (s: string) =>
      `requestAnimationFrame deltas over the ${s} window, percentile per run, median of ${ctx.runs} runs (fresh page each)`;
    const oneMethod = `one speaker at a time (moves to the next participant, local first, every second; the others silent), store.setAudioLevels every 100 ms for 3 s; <Profiler> around each ParticipantTile (via GridLayout's Tile prop, pageSize ${N} so all tiles show), around CallControls and RoomAudio; ${ctx.runs} runs`;
    const figures: Figure[] = [
      {
        name: 'tiles rendered per change (one speaker)',
        value: tilesPerChange,
        unit: 'tiles',
        goal: '1',
        pass: tilesPerChange === 1,
        method: `${oneMethod}; median over all changes`,
      },
      {
        name: 'renders beyond the changed tiles (one speaker)',
        value: extra,
        unit: `renders in ${oneChanges.length} changes`,
        goal: '0',
        pass: extra === 0,
        method: `${oneMethod}; per change: tiles rendered minus participants the store replaced, plus every other Profiler that reported, plus 1 if GridLayout re-rendered its tiles; summed`,
        runs: extraPerRun,
      },
      {
        name: 'React commits per change',
        value: median(oneChanges.map((c) => c.commits)),
        unit: 'commits',
        method: `${oneMethod}; onRender calls of a Profiler around the whole room, median`,
      },
      {
        name: 'React render time per change (one speaker)',
        value: round(median(oneChanges.map((c) => c.renderMs)), 2),
        unit: 'ms',
        method: `${oneMethod}; actualDuration summed over the change's commits (profiling build), median`,
      },
      {
        name: 'frame time p50 (one speaker)',
        value: round(median(perRunP(one, 50)), 2),
        unit: 'ms',
        method: frameMethod('3 s one-speaker'),
        runs: perRunP(one, 50),
      },
      {
        name: 'frame time p95 (one speaker)',
        value: round(median(perRunP(one, 95)), 2),
        unit: 'ms',
        method: frameMethod('3 s one-speaker'),
        runs: perRunP(one, 95),
      },
      {
        name: 'frame time p50 / p95 (idle room, baseline)',
        value: round(median(perRunP(runs.idle, 95)), 2),
        unit: `ms p95 (p50 ${round(median(perRunP(runs.idle, 50)), 2)} ms)`,
        method: frameMethod('1 s idle (no changes)'),
        runs: perRunP(runs.idle, 95),
      },
      {
        name: `tiles rendered per change (all ${N} levels change)`,
        value: median(allChanges.map((c) => c.tiles)),
        unit: 'tiles',
        method: `all ${N} participants' levels change every 100 ms for 2 s (expected: ${N}); median over changes`,
      },
      {
        name: `React render time per change (all ${N} change)`,
        value: round(median(allChanges.map((c) => c.renderMs)), 2),
        unit: 'ms',
        method: 'as above, actualDuration summed, median',
      },
      {
        name: `frame time p95 (all ${N} change)`,
        value: round(median(perRunP(all, 95)), 2),
        unit: `ms (p50 ${round(median(perRunP(all, 50)), 2)} ms)`,
        method: frameMethod(`2 s all-${N}-change`),
        runs: perRunP(all, 95),
      },
    ];
    return {
      figures,
      notes: [
        `Renders beyond the changed tiles, by component (one-speaker, all runs): ${JSON.stringify(extraByComponent)}.`,
        'Tiles show avatars (no video tracks): the figure isolates audio-level updates. Headless Chromium paces rAF at ~16.7 ms.',
      ],
    };
  },
};
