import os from 'node:os';
import { percentiles, type Run } from './load.js';
import type { ListResult } from './mixed-lists.js';
import type { KindCost, Phase, TopologyResult } from './mixed-run.js';
import { KINDS, MIX } from './mixed-workload.js';
import { loadAtStart, machine, ms, type Table } from './report.js';

/** The mixed benchmark's tables and verdicts against issue 5's aims. */

export const AIM_USERS = 20_000;
export const AIM_P99_MS = 100;
export const AIM_RSS_MIB = 300;
export const AIM_LIST_P95_MS = 50;

function failures(run: Run): string {
  if (!run.failures && !run.badStatuses.size) return '0';
  return `${run.failures} (${[...run.badStatuses].map(([s, n]) => `${s || 'no answer'}×${n}`).join(' ')})`;
}

function memory(p: Phase): string {
  if (!p.memory.length) return '';
  return p.memory.map((m) => `${m.rssMiB.toFixed(0)} (${m.peakMiB.toFixed(0)})`).join(' + ');
}

function verdict(p: Phase): string {
  if (p.run.overloaded || (p.targetPerSecond && p.achievedPerSecond < p.targetPerSecond * 0.9)) return 'overloaded';
  return percentiles(p.run.latencies).p99 < AIM_P99_MS ? `p99 < ${AIM_P99_MS}` : `p99 ≥ ${AIM_P99_MS}`;
}

const opt = (v: number | null) => (v === null ? '' : v.toFixed(2));

const MEASURED = ['req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'failed', 'server CPU ms/req', 'db CPU ms/req'];

/** the cells under MEASURED */
function measured(p: Phase): string[] {
  const l = percentiles(p.run.latencies);
  return [
    p.achievedPerSecond.toFixed(0),
    ms(l.p50),
    ms(l.p95),
    ms(l.p99),
    failures(p.run),
    p.serverCpuMsPerReq.toFixed(2),
    opt(p.dbCpuMsPerReq),
  ];
}

export function ladderTable(results: TopologyResult[]): Table {
  return {
    headers: ['topology', 'users', 'target req/s', ...MEASURED, 'RSS (peak) MiB', 'client lag ms', 'verdict'],
    textColumns: 1,
    rows: results.flatMap((r) =>
      r.ladder.map((p) => [
        r.name,
        (p.users ?? 0).toLocaleString('en'),
        String(p.targetPerSecond),
        ...measured(p),
        memory(p),
        p.run.maxLagMs.toFixed(0),
        verdict(p),
      ]),
    ),
  };
}

export function maxTable(results: TopologyResult[]): Table {
  const ceiling = results.find((r) => r.engine === 'ceiling')?.closed.achievedPerSecond ?? null;
  return {
    headers: ['topology', 'connections', ...MEASURED, 'proxy CPU ms/req', 'client CPU ms/req', 'RSS (peak) MiB', 'vs ceiling'],
    textColumns: 1,
    rows: results.map((r) => {
      const p = r.closed;
      return [
        r.name,
        String(p.connections),
        ...measured(p),
        opt(p.proxyCpuMsPerReq),
        p.clientCpuMsPerReq.toFixed(2),
        memory(p),
        r.engine === 'ceiling' ? 'ceiling' : ceiling ? `${((p.achievedPerSecond / ceiling) * 100).toFixed(1)} %` : 'n/a',
      ];
    }),
  };
}

/** the highest ladder step the server kept up with, if any */
function highestKept(r: TopologyResult): Phase | undefined {
  return r.ladder.filter((p) => verdict(p) !== 'overloaded').at(-1);
}

/** the ladder step the per-kind table reads: the highest the server kept up with, else the first */
export function referenceStep(r: TopologyResult): Phase {
  return (highestKept(r) ?? r.ladder[0]) as Phase;
}

/** p50 / p95 / p99 per request kind, one column per topology (at its reference step) */
export function kindTable(results: TopologyResult[]): Table {
  const houqin = results.filter((r) => r.engine !== 'ceiling');
  const steps = houqin.map(referenceStep);
  const kinds = KINDS.filter((k) => steps.some((s) => (s.run.byKind.get(k)?.length ?? 0) + (s.run.failedByKind.get(k) ?? 0) > 0));
  return {
    headers: [
      'request kind',
      ...houqin.map((r, i) => `${r.name} at ${(steps[i]?.users ?? 0).toLocaleString('en')} users: n, p50 / p95 / p99 ms`),
    ],
    textColumns: 1,
    rows: kinds.map((k) => [
      k,
      ...steps.map((s) => {
        const lat = s.run.byKind.get(k) ?? [];
        const failed = s.run.failedByKind.get(k) ?? 0;
        if (!lat.length && !failed) return '';
        const p = percentiles(lat);
        return `${lat.length}${failed ? ` (+${failed} failed)` : ''}: ${ms(p.p50)} / ${ms(p.p95)} / ${ms(p.p99)}`;
      }),
    ]),
  };
}

/** each kind alone: its CPU per request, and its share of the mix's CPU (weight × cost) */
export function costTable(costs: KindCost[]): Table {
  const weight = new Map(MIX);
  const total = new Map<string, number>();
  const cost = (c: KindCost) => c.phase.serverCpuMsPerReq + (c.phase.dbCpuMsPerReq ?? 0);
  for (const c of costs) total.set(c.topology, (total.get(c.topology) ?? 0) + (weight.get(c.kind) ?? 0) * cost(c));
  return {
    headers: [
      'topology',
      'request kind',
      'req/s',
      'p50 ms',
      'p99 ms',
      'failed',
      'server CPU ms/req',
      'db CPU ms/req',
      'share of requests',
      'share of CPU',
    ],
    textColumns: 2,
    rows: costs.map((c) => {
      const l = percentiles(c.phase.run.latencies);
      const w = weight.get(c.kind) ?? 0;
      return [
        c.topology,
        c.kind,
        c.phase.achievedPerSecond.toFixed(0),
        ms(l.p50),
        ms(l.p99),
        failures(c.phase.run),
        c.phase.serverCpuMsPerReq.toFixed(2),
        opt(c.phase.dbCpuMsPerReq),
        `${w} %`,
        `${(((w * cost(c)) / (total.get(c.topology) ?? 1)) * 100).toFixed(0)} %`,
      ];
    }),
  };
}

export function listTable(results: ListResult[]): Table {
  return {
    headers: ['engine', 'scenario', 'user', 'requests', 'p50 ms', 'p95 ms', 'p99 ms', 'answer KiB', 'failed', `p95 < ${AIM_LIST_P95_MS}`],
    textColumns: 3,
    rows: results.map((r) => [
      r.engine,
      r.scenario,
      r.user,
      String(r.requests),
      ms(r.p50),
      ms(r.p95),
      ms(r.p99),
      r.kib.toFixed(1),
      String(r.failed),
      r.p95 < AIM_LIST_P95_MS ? 'yes' : 'no',
    ]),
  };
}

/** One sentence per aim the run can speak to. */
export function verdicts(results: TopologyResult[], lists: ListResult[]): string[] {
  const out: string[] = [];
  const sqlite = results.find((r) => r.engine === 'sqlite' && r.processes === 1);
  if (sqlite) {
    const aim = sqlite.ladder.find((p) => p.users === AIM_USERS);
    const peak = Math.max(...[...sqlite.ladder, sqlite.closed].flatMap((p) => p.memory.map((m) => m.peakMiB)));
    const best = highestKept(sqlite);
    const first = sqlite.ladder[0] as Phase;
    const reached = aim
      ? `at ${AIM_USERS.toLocaleString('en')} users (${AIM_USERS / 10} req/s) it answered ${aim.achievedPerSecond.toFixed(0)} req/s with p99 ${ms(percentiles(aim.run.latencies).p99)} ms (${verdict(aim)})`
      : best
        ? `the ladder stopped before ${AIM_USERS.toLocaleString('en')} users; the highest step kept up with was ${(best.users ?? 0).toLocaleString('en')} users (p99 ${ms(percentiles(best.run.latencies).p99)} ms)`
        : `no step kept up: at ${(first.users ?? 0).toLocaleString('en')} users (${first.targetPerSecond} req/s), the lowest, it answered ${first.achievedPerSecond.toFixed(0)} req/s`;
    out.push(
      `Aim "20,000 users at p99 < ${AIM_P99_MS} ms, RSS < ${AIM_RSS_MIB} MB" on SQLite: ${reached}; the most it did is ${sqlite.closed.achievedPerSecond.toFixed(0)} req/s (${(sqlite.closed.achievedPerSecond * 10).toFixed(0)} users' worth) at ${sqlite.closed.serverCpuMsPerReq.toFixed(2)} ms server CPU per request; RSS peak ${peak.toFixed(0)} MiB (${peak < AIM_RSS_MIB ? 'within' : 'over'} the aim).`,
    );
  }
  const pg1 = results.find((r) => r.engine === 'postgres' && r.processes === 1);
  const pg2 = results.find((r) => r.engine === 'postgres' && r.processes === 2);
  if (pg1 && pg2) {
    const factor = pg2.closed.achievedPerSecond / pg1.closed.achievedPerSecond;
    const balance = pg2.cpuSecondsByProcess.map((s) => s.toFixed(1)).join(' / ');
    out.push(
      `PostgreSQL scaling, 2 processes behind the proxy vs 1: ×${factor.toFixed(2)} at maximum load (${pg2.closed.achievedPerSecond.toFixed(0)} vs ${pg1.closed.achievedPerSecond.toFixed(0)} req/s); CPU seconds per process ${balance}${pg2.proxyConnections ? `, proxy connections per upstream ${pg2.proxyConnections}` : ''}.`,
    );
  }
  if (lists.length) {
    for (const engine of new Set(lists.map((l) => l.engine))) {
      const mine = lists.filter((l) => l.engine === engine);
      const over = mine.filter((l) => l.p95 >= AIM_LIST_P95_MS);
      out.push(
        `List p95 < ${AIM_LIST_P95_MS} ms on ${engine}: ${over.length ? `missed by ${over.map((l) => `${l.scenario} (${ms(l.p95)} ms)`).join(', ')}` : `met by all ${mine.length} scenarios`}.`,
      );
    }
  }
  return out;
}

export function machineNote(): string {
  const m = machine();
  const [now] = os.loadavg();
  return `${m.cpu} × ${m.cores} cores, ${m.ramGiB} GiB RAM, ${m.os}, Node ${m.node}; load average ${loadAtStart.toFixed(2)} at the start, ${now?.toFixed(2)} at the end. The load generator, the proxy, the Houqin processes and PostgreSQL all share these ${m.cores} cores.`;
}
