/** What every benchmark returns: figures (with their method and goal) and notes. */

export interface Figure {
  /** Short label for the table, e.g. "time ratio call/plain". */
  name: string;
  /** The reported value (median of the runs unless the method says otherwise). */
  value: number;
  unit: string;
  /** Human-readable goal, e.g. "≤ 1.10"; absent for context figures (baselines). */
  goal?: string;
  /** Whether the value meets the goal; absent when there is no goal. */
  pass?: boolean;
  /** How it was measured. */
  method: string;
  /** The individual runs the value summarises. */
  runs?: number[];
}

export interface BenchResult {
  name: string;
  title: string;
  figures: Figure[];
  notes: string[];
  /** Set when the benchmark could not run (what it needs has not landed, or it failed). */
  skipped?: string;
  /** Wall time of the whole benchmark, ms. */
  elapsedMs?: number;
}

export interface BenchContext {
  /** Number of repetitions for medians (default 5). */
  runs: number;
  log: (line: string) => void;
  /** Chromium version, filled in by the first browser benchmark. */
  machine: { chromium?: string };
}

export interface Benchmark {
  name: string;
  title: string;
  run(ctx: BenchContext): Promise<Omit<BenchResult, 'name' | 'title'>>;
}

/** Thrown when the code a benchmark measures has not landed yet: reported as skipped, not failed. */
export class NotReady extends Error {
  override name = 'NotReady';
}
