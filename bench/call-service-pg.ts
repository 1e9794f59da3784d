/**
 * The call service on PostgreSQL (a throwaway cluster on loopback): GetCallToken against a bare
 * node:http handler in the same run, CreateCall and join/leave latency, and two instances on one
 * database against one. Servers run in child processes, the load generator (autocannon) here.
 */
import type { ChildProcess } from 'node:child_process';
import autocannon, { type Result } from 'autocannon';
import pg from 'pg';
import { findPostgresBin, INSTALL_HINT, startPostgres } from '../scripts/postgres';
import { type ServiceTargets, startServiceServer } from './lib/service-process';
import { median, round } from './lib/stats';
import { type Benchmark, type Figure, NotReady } from './lib/types';

const CONNECTIONS = 10;
const DURATION_S = 3;
/** Calls the join/leave load spreads over (each with its own user). */
const CALLS = 100;

type Targets = ServiceTargets;

const startServer = (databaseUrl: string) =>
  startServiceServer({ BENCH_DATABASE_URL: databaseUrl });

const post = (url: string, headers: Record<string, string>, extra: object = {}) =>
  autocannon({
    url,
    method: 'POST',
    headers,
    body: '{}',
    connections: CONNECTIONS,
    pipelining: 1,
    duration: DURATION_S,
    ...extra,
  });

/**
 * Latency is measured at a steady rate well below saturation (what a deployment runs at), apart
 * from the saturated throughput runs, whose latency is mostly time spent queueing.
 */
const STEADY = { connections: 2, overallRate: 200 };

/** CreateCall with a new id each request. */
function creates(t: Targets, connections = CONNECTIONS, extra: object = {}) {
  let n = 0;
  const run = Math.random().toString(36).slice(2, 8);
  return autocannon({
    url: `${t.base}/channels/messaging/bench/call?api_key=${t.apiKey}`,
    method: 'POST',
    headers: t.headers,
    connections,
    pipelining: 1,
    duration: DURATION_S,
    ...extra,
    requests: [
      {
        setupRequest: (req: Record<string, unknown>) => ({
          ...req,
          body: JSON.stringify({ id: `c-${run}-${n++}`, type: 'video' }),
        }),
      },
    ],
  });
}

/** join then leave, call by call, each call with its own user. */
function joinLeave(t: Targets, calls: string[], connections = CONNECTIONS, extra: object = {}) {
  const requests = calls.flatMap((id, k) =>
    (['join', 'leave'] as const).map((action) => ({
      path: `/calls/${id}/participants?api_key=${t.apiKey}`,
      headers: { ...t.headers, authorization: t.tokens[k]! },
      body: JSON.stringify({ action }),
    })),
  );
  return autocannon({
    url: t.base,
    method: 'POST',
    headers: t.headers,
    connections,
    pipelining: 1,
    duration: DURATION_S,
    ...extra,
    requests,
  });
}

const bad = (r: Result) => r.errors + r.timeouts + r.non2xx;

export const callServicePg: Benchmark = {
  name: 'call-service-pg',
  title:
    'Call service on PostgreSQL: GetCallToken vs bare node:http, CreateCall, join/leave, 2 instances',
  async run({ runs, log }) {
    if (!findPostgresBin()) throw new NotReady(INSTALL_HINT);
    const cluster = await startPostgres();
    const children: ChildProcess[] = [];
    try {
      const admin = new pg.Client({ connectionString: cluster.url });
      await admin.connect();
      await admin.query('CREATE DATABASE bench');
      await admin.end();
      const url = cluster.url.replace(/\/postgres$/, '/bench');
      const one = await startServer(url);
      children.push(one.child);
      const t = one.targets;

      // The calls the join/leave load uses, created through the service.
      const calls = Array.from({ length: CALLS }, (_, k) => `jl-${k}`);
      for (const [k, id] of calls.entries()) {
        const res = await fetch(`${t.base}/channels/messaging/bench/call?api_key=${t.apiKey}`, {
          method: 'POST',
          headers: { ...t.headers, authorization: t.tokens[k]! },
          body: JSON.stringify({ id, type: 'audio' }),
        });
        if (res.status !== 201) throw new Error(`CreateCall answered ${res.status}`);
      }

      // Warm-up (JIT, pool connections, statements).
      await post(t.bare, t.headers, { duration: 2 });
      await post(t.service, t.headers, { duration: 2 });
      await creates(t);
      await joinLeave(t, calls);

      const rows: {
        bare: Result;
        token: Result;
        create: Result;
        jl: Result;
        createSteady: Result;
        jlSteady: Result;
      }[] = [];
      for (let i = 0; i < runs; i++) {
        const bare = await post(t.bare, t.headers);
        const token = await post(t.service, t.headers);
        const create = await creates(t);
        const jl = await joinLeave(t, calls);
        const createSteady = await creates(t, STEADY.connections, STEADY);
        const jlSteady = await joinLeave(t, calls, STEADY.connections, STEADY);
        rows.push({ bare, token, create, jl, createSteady, jlSteady });
        log(
          `  run ${i + 1}: bare ${Math.round(bare.requests.average)} req/s · GetCallToken ${Math.round(token.requests.average)} req/s (${(token.requests.average / bare.requests.average).toFixed(3)}) · CreateCall ${Math.round(create.requests.average)} req/s, p99 ${createSteady.latency.p99} ms at ${STEADY.overallRate}/s · join/leave ${Math.round(jl.requests.average)} req/s, p99 ${jlSteady.latency.p99} ms at ${STEADY.overallRate}/s (saturated p99 ${create.latency.p99} / ${jl.latency.p99} ms)`,
        );
      }

      // Two instances on one database: the same join/leave load, half the connections each.
      const two = await startServer(url);
      children.push(two.child);
      await joinLeave(two.targets, calls);
      const scale: { one: number; two: number; p99two: number; bad: number }[] = [];
      for (let i = 0; i < runs; i++) {
        const alone = await joinLeave(t, calls);
        const [a, b] = await Promise.all([
          joinLeave(t, calls, CONNECTIONS / 2),
          joinLeave(two.targets, calls, CONNECTIONS / 2),
        ]);
        scale.push({
          one: alone.requests.average,
          two: a.requests.average + b.requests.average,
          p99two: Math.max(a.latency.p99, b.latency.p99),
          bad: bad(alone) + bad(a) + bad(b),
        });
        log(
          `  2 instances run ${i + 1}: one ${Math.round(alone.requests.average)} req/s · two ${Math.round(a.requests.average + b.requests.average)} req/s`,
        );
      }

      const ratios = rows.map((r) => r.token.requests.average / r.bare.requests.average);
      const ratio = median(ratios);
      const createP99 = median(rows.map((r) => r.createSteady.latency.p99));
      const jlP99 = median(rows.map((r) => r.jlSteady.latency.p99));
      const errors = rows.reduce(
        (n, r) =>
          n + bad(r.token) + bad(r.create) + bad(r.jl) + bad(r.createSteady) + bad(r.jlSteady),
        0,
      );
      const steady = `autocannon ${STEADY.connections} connections at ${STEADY.overallRate} req/s overall, ${DURATION_S} s per run (below saturation); autocannon's per-run p99, median of ${runs}`;
      const method = `autocannon ${CONNECTIONS} connections, pipelining 1, ${DURATION_S} s per run; median of ${runs} interleaved runs after a warm-up; the service uses PostgreSQL 15 (a throwaway cluster, fsync off, loopback) with its default pool (10)`;
      const figures: Figure[] = [
        {
          name: 'bare node:http throughput',
          value: round(median(rows.map((r) => r.bare.requests.average)), 0),
          unit: 'req/s',
          method,
          runs: rows.map((r) => round(r.bare.requests.average, 0)),
        },
        {
          name: 'GetCallToken throughput (PostgreSQL)',
          value: round(median(rows.map((r) => r.token.requests.average)), 0),
          unit: 'req/s',
          method: `${method}; POST /calls/{id} {} with one user's JWT`,
          runs: rows.map((r) => round(r.token.requests.average, 0)),
        },
        {
          name: 'GetCallToken (PostgreSQL) / bare throughput',
          value: round(ratio, 3),
          unit: 'ratio',
          goal: '≥ 0.50',
          pass: ratio >= 0.5,
          method: 'per-run ratio of the interleaved runs, median',
          runs: ratios.map((r) => round(r, 3)),
        },
        {
          name: 'CreateCall throughput',
          value: round(median(rows.map((r) => r.create.requests.average)), 0),
          unit: 'req/s',
          method: `${method}; a new call id per request`,
          runs: rows.map((r) => round(r.create.requests.average, 0)),
        },
        {
          name: `CreateCall latency p99 at ${STEADY.overallRate} req/s`,
          value: round(createP99, 2),
          unit: 'ms',
          goal: '< 20 ms',
          pass: createP99 < 20,
          method: `${steady}; a new call id per request`,
          runs: rows.map((r) => r.createSteady.latency.p99),
        },
        {
          name: 'CreateCall latency p99, saturated',
          value: round(median(rows.map((r) => r.create.latency.p99)), 2),
          unit: 'ms',
          method: `${method}; autocannon's per-run p99 (mostly queueing)`,
          runs: rows.map((r) => r.create.latency.p99),
        },
        {
          name: 'join/leave throughput',
          value: round(median(rows.map((r) => r.jl.requests.average)), 0),
          unit: 'req/s',
          method: `${method}; join then leave on ${CALLS} calls, each with its own user`,
          runs: rows.map((r) => round(r.jl.requests.average, 0)),
        },
        {
          name: `join/leave latency p99 at ${STEADY.overallRate} req/s`,
          value: round(jlP99, 2),
          unit: 'ms',
          goal: '< 20 ms',
          pass: jlP99 < 20 && errors === 0,
          method: `${steady}; join then leave on ${CALLS} calls (and no errors, timeouts or non-2xx in any run above)`,
          runs: rows.map((r) => r.jlSteady.latency.p99),
        },
        {
          name: 'join/leave latency p99, saturated',
          value: round(median(rows.map((r) => r.jl.latency.p99)), 2),
          unit: 'ms',
          method: `${method}; autocannon's per-run p99 (mostly queueing)`,
          runs: rows.map((r) => r.jl.latency.p99),
        },
        {
          name: 'join/leave throughput, 1 instance',
          value: round(median(scale.map((s) => s.one)), 0),
          unit: 'req/s',
          method: `${method}; the same join/leave load against one instance, interleaved with the next figure`,
          runs: scale.map((s) => round(s.one, 0)),
        },
        {
          name: 'join/leave throughput, 2 instances on one database',
          value: round(median(scale.map((s) => s.two)), 0),
          unit: 'req/s',
          method: `two service processes on the same database, ${CONNECTIONS / 2} connections to each at once; sum of both (on this 2-core machine the instances, PostgreSQL and autocannon share the cores)`,
          runs: scale.map((s) => round(s.two, 0)),
        },
        {
          name: '2 instances / 1 instance join/leave throughput',
          value: round(median(scale.map((s) => s.two / s.one)), 3),
          unit: 'ratio',
          method: 'per-run ratio, median (recorded: there is no goal)',
          runs: scale.map((s) => round(s.two / s.one, 3)),
        },
      ];
      return {
        figures,
        notes: [
          'Service: createCallService with the local provider, an in-memory membership store (no Stream round trips), PostgreSQL registry; GetCallToken answers from the call-details memo while a call is known to be ongoing.',
          'Bare and service share one child process (one core); PostgreSQL and autocannon share the other.',
        ],
      };
    } finally {
      for (const c of children) c.kill('SIGTERM');
      await Promise.all(
        children.map(
          (c) => new Promise((r) => (c.exitCode === null ? c.once('exit', r) : r(null))),
        ),
      );
      cluster.stop();
    }
  },
};
