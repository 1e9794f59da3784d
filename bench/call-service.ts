/**
 * Call service: GetCallToken throughput and latency vs a bare node:http handler (same run), then
 * 1,000 concurrent GetCallToken requests. Servers run in a child process (one core), the load
 * generator here (the other core); loopback only.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import autocannon from 'autocannon';
import { startServiceServer } from './lib/service-process';
import { median, percentile, round } from './lib/stats';
import type { Benchmark, Figure } from './lib/types';

const CONNECTIONS = 10;
const DURATION_S = 3;
const CONCURRENT = 1000;

/** The server process's CPU time so far (user + system, µs), asked over IPC. */
function serverCpu(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (u: NodeJS.CpuUsage) => resolve(u.user + u.system));
    child.send('cpu');
  });
}

/**
 * Inter-processor interrupts so far (rescheduling + function-call, all CPUs; Linux only, else
 * undefined). A write to a peer whose CPU is idle wakes it with one, and in a VM each costs the
 * writer a VM exit inside its write: per request, they tell how often a run woke a sleeping peer.
 */
function ipis(): number | undefined {
  try {
    let sum = 0;
    for (const line of readFileSync('/proc/interrupts', 'utf8').split('\n')) {
      const m = /^\s*(RES|CAL):((?:\s+\d+)+)/.exec(line);
      if (m) for (const n of m[2]!.trim().split(/\s+/)) sum += Number(n);
    }
    return sum;
  } catch {
    return undefined;
  }
}

/** One autocannon run, with the server's CPU time and the machine's IPIs per answered request. */
async function measured(
  child: ChildProcess,
  url: string,
  headers: Record<string, string>,
  tokens?: string[],
) {
  const before = await serverCpu(child);
  const ipisBefore = ipis();
  const result = await load(url, headers, DURATION_S, tokens);
  const cpuUs = (await serverCpu(child)) - before;
  const ipisAfter = ipis();
  const n = Math.max(1, result.requests.total);
  return {
    result,
    cpuPerRequest: cpuUs / n,
    ipisPerRequest:
      ipisBefore === undefined || ipisAfter === undefined
        ? Number.NaN
        : (ipisAfter - ipisBefore) / n,
  };
}

/**
 * autocannon on one URL. With `tokens`, each connection cycles through them, one request per
 * token (autocannon's `requests`, built once: the load generator's cost per request is the same).
 */
function load(
  url: string,
  headers: Record<string, string>,
  duration = DURATION_S,
  tokens?: string[],
) {
  return autocannon({
    url,
    method: 'POST',
    headers,
    body: '{}',
    connections: CONNECTIONS,
    pipelining: 1,
    duration,
    ...(tokens ? { requests: tokens.map((t) => ({ headers: { authorization: t } })) } : {}),
  });
}

/** One burst: `n` requests in flight at once, each on its own socket. */
async function burst(url: string, headers: Record<string, string>, n: number) {
  const agent = new http.Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
  const started = performance.now();
  const latencies: number[] = [];
  let errors = 0;
  let non201 = 0;
  await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<void>((resolve) => {
          const t0 = performance.now();
          const req = http.request(
            url,
            { method: 'POST', headers, agent, timeout: 30_000 },
            (res) => {
              res.resume();
              res.on('end', () => {
                latencies.push(performance.now() - t0);
                if (res.statusCode !== 201) non201 += 1;
                resolve();
              });
            },
          );
          req.on('timeout', () => req.destroy(new Error('timeout')));
          req.on('error', () => {
            errors += 1;
            resolve();
          });
          req.end('{}');
        }),
    ),
  );
  agent.destroy();
  return {
    wallMs: performance.now() - started,
    errors,
    non201,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

export const callService: Benchmark = {
  name: 'call-service',
  title: 'Call service: GetCallToken on loopback (autocannon)',
  async run({ runs, log }) {
    const { child, targets } = await startServiceServer();
    try {
      // Warm both servers up (JIT, SQLite statements, HMAC keys).
      await load(targets.bare, targets.headers, 2);
      await load(targets.service, targets.headers, 2);
      await load(targets.service, targets.headers, 2, targets.tokens);

      const bare: { rps: number; p50: number; p99: number; cpu: number; ipis: number }[] = [];
      const svc: {
        rps: number;
        p50: number;
        p99: number;
        bad: number;
        cpu: number;
        ipis: number;
      }[] = [];
      const many: { rps: number; p99: number; bad: number; cpu: number }[] = [];
      for (let i = 0; i < runs; i++) {
        // Interleaved so drift (thermal, other load) hits both alike.
        const mb = await measured(child, targets.bare, targets.headers);
        const ms = await measured(child, targets.service, targets.headers);
        const mm = await measured(child, targets.service, targets.headers, targets.tokens);
        const b = mb.result;
        const s = ms.result;
        const m = mm.result;
        bare.push({
          rps: b.requests.average,
          p50: b.latency.p50,
          p99: b.latency.p99,
          cpu: mb.cpuPerRequest,
          ipis: mb.ipisPerRequest,
        });
        svc.push({
          rps: s.requests.average,
          p50: s.latency.p50,
          p99: s.latency.p99,
          bad: s.errors + s.timeouts + s.non2xx,
          cpu: ms.cpuPerRequest,
          ipis: ms.ipisPerRequest,
        });
        many.push({
          rps: m.requests.average,
          p99: m.latency.p99,
          bad: m.errors + m.timeouts + m.non2xx,
          cpu: mm.cpuPerRequest,
        });
        log(
          `  run ${i + 1}: bare ${Math.round(b.requests.average)} req/s, ${mb.cpuPerRequest.toFixed(1)} µs CPU/req, ${mb.ipisPerRequest.toFixed(2)} IPIs/req · service ${Math.round(s.requests.average)} req/s, ${ms.cpuPerRequest.toFixed(1)} µs CPU/req, ${ms.ipisPerRequest.toFixed(2)} IPIs/req, p99 ${s.latency.p99} ms · ${targets.tokens.length} users ${Math.round(m.requests.average)} req/s, ${mm.cpuPerRequest.toFixed(1)} µs CPU/req, p99 ${m.latency.p99} ms`,
        );
      }

      const bursts = [];
      for (let i = 0; i < runs; i++)
        bursts.push(await burst(targets.service, targets.headers, CONCURRENT));
      log(
        `  bursts: errors ${bursts.map((b) => b.errors + b.non201).join(',')}, wall ${bursts.map((b) => Math.round(b.wallMs)).join(',')} ms`,
      );

      const ratios = svc.map((s, i) => s.rps / bare[i].rps);
      const manyRatios = many.map((m, i) => m.rps / bare[i].rps);
      const manyCpuRatios = many.map((m, i) => bare[i].cpu / m.cpu);
      const manyRatio = median(manyRatios);
      const manyP99 = median(many.map((m) => m.p99));
      const cpuRatios = svc.map((s, i) => bare[i].cpu / s.cpu);
      const svcP99 = median(svc.map((s) => s.p99));
      const ratio = median(ratios);
      const burstErrors = bursts.map((b) => b.errors + b.non201);
      const totalBurstErrors = burstErrors.reduce((a, b) => a + b, 0);
      const cpuMethodNote =
        'includes the kernel time of the loopback writes; less swayed by other processes than req/s';
      const loadMethod = `autocannon ${CONNECTIONS} connections, pipelining 1, ${DURATION_S} s per run, POST /calls/{id} {} with a user JWT; median of ${runs} interleaved runs after a 2 s warm-up of each`;
      const figures: Figure[] = [
        {
          name: 'bare node:http (fixed JSON) throughput',
          value: round(median(bare.map((b) => b.rps)), 0),
          unit: 'req/s',
          method: loadMethod,
          runs: bare.map((b) => round(b.rps, 0)),
        },
        {
          name: 'GetCallToken throughput',
          value: round(median(svc.map((s) => s.rps)), 0),
          unit: 'req/s',
          method: loadMethod,
          runs: svc.map((s) => round(s.rps, 0)),
        },
        {
          name: 'GetCallToken / bare throughput',
          value: round(ratio, 3),
          unit: 'ratio',
          goal: '≥ 0.50',
          pass: ratio >= 0.5,
          method: 'per-run ratio of the interleaved runs above, median',
          runs: ratios.map((r) => round(r, 3)),
        },
        {
          name: 'bare node:http CPU per request',
          value: round(median(bare.map((b) => b.cpu)), 1),
          unit: 'µs',
          method: `server process CPU time (user + system, process.cpuUsage over IPC) during each run above / requests answered; ${cpuMethodNote}`,
          runs: bare.map((b) => round(b.cpu, 1)),
        },
        {
          name: 'GetCallToken CPU per request',
          value: round(median(svc.map((s) => s.cpu)), 1),
          unit: 'µs',
          method: `server process CPU time (user + system, process.cpuUsage over IPC) during each run above / requests answered; ${cpuMethodNote}`,
          runs: svc.map((s) => round(s.cpu, 1)),
        },
        {
          name: 'bare / GetCallToken CPU per request',
          value: round(median(cpuRatios), 3),
          unit: 'ratio',
          method:
            'per-run ratio of the CPU times per request above, median: the throughput ratio a saturated core would give, less sensitive to other load on the machine',
          runs: cpuRatios.map((r) => round(r, 3)),
        },
        {
          name: `GetCallToken throughput, ${targets.tokens.length} distinct users' tokens`,
          value: round(median(many.map((m) => m.rps)), 0),
          unit: 'req/s',
          method: `${loadMethod}; each connection cycles through ${targets.tokens.length} distinct member users' tokens (autocannon \`requests\`), interleaved with the runs above`,
          runs: many.map((m) => round(m.rps, 0)),
        },
        {
          name: `GetCallToken (${targets.tokens.length} users) / bare throughput`,
          value: round(manyRatio, 3),
          unit: 'ratio',
          goal: '≥ 0.50',
          pass: manyRatio >= 0.5,
          method: 'per-run ratio against the bare run of the same round, median',
          runs: manyRatios.map((r) => round(r, 3)),
        },
        {
          name: `GetCallToken (${targets.tokens.length} users) CPU per request`,
          value: round(median(many.map((m) => m.cpu)), 1),
          unit: 'µs',
          method: `server process CPU time (user + system, process.cpuUsage over IPC) during each run / requests answered; ${cpuMethodNote}`,
          runs: many.map((m) => round(m.cpu, 1)),
        },
        {
          name: `bare / GetCallToken (${targets.tokens.length} users) CPU per request`,
          value: round(median(manyCpuRatios), 3),
          unit: 'ratio',
          method: 'per-run ratio of the CPU times per request, median',
          runs: manyCpuRatios.map((r) => round(r, 3)),
        },
        {
          name: `GetCallToken (${targets.tokens.length} users) latency p99`,
          value: round(manyP99, 2),
          unit: 'ms',
          goal: '< 10 ms',
          pass: manyP99 < 10 && many.every((m) => m.bad === 0),
          method: `${loadMethod}; autocannon's per-run p99 (and the runs' errors+timeouts+non-2xx must be 0)`,
          runs: many.map((m) => m.p99),
        },
        ...(['bare', 'GetCallToken'] as const).map((who, k) => {
          const series = (k === 0 ? bare : svc).map((x) => x.ipis);
          return {
            name: `${who} IPIs per request`,
            value: round(median(series), 2),
            unit: 'per request',
            method:
              'rescheduling + function-call interrupts of all CPUs (/proc/interrupts RES + CAL; NaN off Linux) during each run / requests answered (whole machine: other processes add to it). Each is a wake-up of a task sleeping on another CPU; on this VM sending one costs the writer a VM exit inside its socket write, so more IPIs per request mean more CPU per request',
            runs: series.map((r) => round(r, 2)),
          };
        }),
        {
          name: 'GetCallToken latency p50',
          value: round(median(svc.map((s) => s.p50)), 2),
          unit: 'ms',
          method: `${loadMethod}; autocannon's per-run p50`,
          runs: svc.map((s) => s.p50),
        },
        {
          name: 'GetCallToken latency p99',
          value: round(svcP99, 2),
          unit: 'ms',
          goal: '< 10 ms',
          pass: svcP99 < 10,
          method: `${loadMethod}; autocannon's per-run p99`,
          runs: svc.map((s) => s.p99),
        },
        {
          name: 'bare latency p99',
          value: round(median(bare.map((b) => b.p99)), 2),
          unit: 'ms',
          method: `${loadMethod}; autocannon's per-run p99`,
          runs: bare.map((b) => b.p99),
        },
        {
          name: `errors in ${CONCURRENT} concurrent GetCallToken`,
          value: totalBurstErrors,
          unit: 'errors (all runs)',
          goal: '0',
          pass: totalBurstErrors === 0 && svc.every((s) => s.bad === 0),
          method: `${runs} bursts of ${CONCURRENT} requests started at once (Promise.all, node:http, one socket each, no keep-alive); errors = socket errors + non-201 answers, summed over bursts (and the autocannon runs' errors+timeouts+non-2xx must be 0)`,
          runs: burstErrors,
        },
        {
          name: `${CONCURRENT}-concurrent burst wall time`,
          value: round(median(bursts.map((b) => b.wallMs)), 0),
          unit: 'ms',
          method: 'first request sent → last answer received, median of the bursts',
          runs: bursts.map((b) => round(b.wallMs, 0)),
        },
        {
          name: `${CONCURRENT}-concurrent burst latency p99`,
          value: round(median(bursts.map((b) => b.p99)), 0),
          unit: 'ms',
          method:
            'per-request latency within a burst (includes TCP connect), p99, median of the bursts',
          runs: bursts.map((b) => round(b.p99, 0)),
        },
      ];
      return {
        figures,
        notes: [
          'Service: createCallService with the local provider (HS256 verify and sign through node:crypto), mounted with nodeHandler (its node:http fast path for the routes), in-memory SQLite registry, an in-memory membership store (a real deployment asks Stream, adding a network round trip per uncached lookup), rate limiter at a high limit (it still runs).',
          'Both servers run in one child process (one core); autocannon runs in the parent (the other core).',
        ],
      };
    } finally {
      child.kill('SIGTERM');
    }
  },
};
