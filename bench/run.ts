/**
 * `npm run bench` runs every benchmark; `npm run bench -- <name> [<name>…]` runs some;
 * `--runs N` changes the repetitions (default 5). Prints a table and writes bench/results.json
 * (a partial run keeps the other benchmarks' previous entries).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { callService } from './call-service';
import { callServicePg } from './call-service-pg';
import { chatRender } from './chat-render';
import { joinLatency } from './join-latency';
import { joinLeaveLeaks } from './join-leave-leaks';
import { type MachineInfo, machineInfo } from './lib/machine';
import { round } from './lib/stats';
import { type BenchContext, type Benchmark, type BenchResult, NotReady } from './lib/types';
import { ring } from './ring';
import { roomLevels } from './room-levels';

const ALL: Benchmark[] = [
  chatRender,
  roomLevels,
  joinLatency,
  ring,
  joinLeaveLeaks,
  callService,
  callServicePg,
];
const RESULTS = new URL('./results.json', import.meta.url);

interface ResultsFile {
  generatedAt: string;
  machine: MachineInfo;
  results: (BenchResult & { measuredAt: string; machine: MachineInfo })[];
}

function parseArgs(argv: string[]) {
  const names: string[] = [];
  let runs = 5;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--runs') runs = Math.max(1, Number(argv[++i]) || 5);
    else names.push(argv[i]);
  }
  return { names, runs };
}

function fmt(value: number, unit: string): string {
  const v = Number.isInteger(value) ? String(value) : value.toFixed(Math.abs(value) < 10 ? 3 : 1);
  return `${v} ${unit}`;
}

function printTable(results: BenchResult[]) {
  const rows: string[][] = [['benchmark', 'figure', 'value', 'goal', '']];
  for (const r of results) {
    if (r.skipped) {
      rows.push([r.name, `SKIPPED: ${r.skipped}`, '', '', '']);
      continue;
    }
    for (const f of r.figures) {
      rows.push([
        r.name,
        f.name,
        fmt(f.value, f.unit),
        f.goal ?? '',
        f.pass === undefined ? '' : f.pass ? 'ok' : 'MISS',
      ]);
    }
  }
  const widths = rows[0].map((_, c) => Math.min(70, Math.max(...rows.map((row) => row[c].length))));
  const line = (row: string[]) => row.map((cell, c) => cell.padEnd(widths[c])).join('  ');
  console.log('');
  console.log(line(rows[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows.slice(1)) console.log(line(row));
}

async function main() {
  const { names, runs } = parseArgs(process.argv.slice(2));
  const unknown = names.filter((n) => !ALL.some((b) => b.name === n));
  if (unknown.length > 0) {
    console.error(
      `Unknown benchmark(s): ${unknown.join(', ')}. Known: ${ALL.map((b) => b.name).join(', ')}`,
    );
    process.exit(2);
  }
  const selected = names.length > 0 ? ALL.filter((b) => names.includes(b.name)) : ALL;
  const loadAtStart = os.loadavg()[0];
  const ctx: BenchContext = { runs, log: (l) => console.log(l), machine: {} };
  const results: BenchResult[] = [];
  for (const bench of selected) {
    console.log(`\n▶ ${bench.name}: ${bench.title}`);
    const t0 = performance.now();
    let result: BenchResult;
    try {
      result = { name: bench.name, title: bench.title, ...(await bench.run(ctx)) };
    } catch (e) {
      const why =
        e instanceof NotReady ? `not ready: ${e.message}` : `failed: ${(e as Error).stack ?? e}`;
      console.log(`  ${why}`);
      result = {
        name: bench.name,
        title: bench.title,
        figures: [],
        notes: [],
        skipped: why.split('\n')[0],
      };
    }
    result.elapsedMs = Math.round(performance.now() - t0);
    console.log(`  (${(result.elapsedMs / 1000).toFixed(1)} s)`);
    results.push(result);
  }

  const machine: MachineInfo = {
    ...machineInfo(ctx.machine.chromium),
    loadAverage: { start: round(loadAtStart, 1), end: round(os.loadavg()[0], 1) },
  };
  const now = new Date().toISOString();
  const previous: ResultsFile | undefined = existsSync(RESULTS)
    ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as ResultsFile)
    : undefined;
  const fresh = results.map((r) => ({ ...r, measuredAt: now, machine }));
  const kept = (previous?.results ?? []).filter((r) => !fresh.some((f) => f.name === r.name));
  const order = (name: string) => ALL.findIndex((b) => b.name === name);
  const file: ResultsFile = {
    generatedAt: now,
    machine,
    results: [...kept, ...fresh].sort((a, b) => order(a.name) - order(b.name)),
  };
  writeFileSync(RESULTS, `${JSON.stringify(file, null, 2)}\n`);

  printTable(results);
  console.log(
    `\nMachine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}${machine.chromium ? `, Chromium ${machine.chromium}` : ''}`,
  );
  const busiest = Math.max(machine.loadAverage!.start, machine.loadAverage!.end);
  console.log(
    `Load average (1 min) at start ${machine.loadAverage!.start}, at end ${machine.loadAverage!.end}${busiest > machine.cores ? ` — WARNING: above the ${machine.cores} cores; other processes competed for the CPU and absolute figures are inflated (ratios against same-run baselines hold up better)` : ''}`,
  );
  for (const r of results) for (const n of r.notes) console.log(`note (${r.name}): ${n}`);
  console.log(`Wrote ${RESULTS.pathname}`);
}

await main();
