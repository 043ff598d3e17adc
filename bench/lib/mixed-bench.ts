import os from 'node:os';
import path from 'node:path';
import { type PgCluster, startPgCluster } from '../../server/test/pg-cluster.js';
import { stopAll } from './child.js';
import { positiveInt } from './load.js';
import { type Engine, type PreparedDb, prepareDatabase, type SizeOption, sizeLabel } from './mixed-data.js';
import { type ListResult, runLists } from './mixed-lists.js';
import { costTable, kindTable, ladderTable, listTable, machineNote, maxTable, verdicts } from './mixed-report.js';
import { type KindCost, type MixedSettings, runCeiling, runCosts, runTopology, type TopologyResult, topologyName } from './mixed-run.js';
import { MIX } from './mixed-workload.js';
import { appendSection, consoleTable, machineLine, markdownTable, type Table } from './report.js';

/**
 * One run of the mixed benchmark, as `npm run bench` (bench/run.ts) and
 * `npx tsx bench/mixed.ts` (any size, engine and topology) ask for it: the ceiling,
 * then per engine a prepared database and the topologies on it, then the tables on the
 * console and, appended, in bench/RESULTS.md.
 */

export interface BenchOptions {
  /** how the run was started, for the RESULTS.md section */
  command: string;
  size: SizeOption;
  engines: Engine[];
  /** PostgreSQL topologies: Houqin processes behind the proxy (1 = no proxy) */
  pgProcesses: (1 | 2)[];
  mixed: boolean;
  ceiling: boolean;
  lists: boolean;
  /** each request kind alone, for its CPU cost (`--costs`) */
  costs: boolean;
  listSeconds: number;
  append: boolean;
  settings: MixedSettings;
}

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

/** The load settings, from the environment (see bench/README.md). */
export function settingsFromEnv(): MixedSettings {
  const users = (process.env.BENCH_USERS ?? '1000,2000,5000,10000,20000').split(',').map((u) => Number(u.trim()));
  if (users.some((u) => !Number.isInteger(u) || u < 10))
    throw new Error('BENCH_USERS must be a comma-separated list of whole numbers ≥ 10');
  return {
    users,
    stepSeconds: positiveInt('BENCH_STEP_SECONDS', 6),
    closedSeconds: positiveInt('BENCH_DURATION', 10),
    connections: positiveInt('BENCH_CONNECTIONS', 32),
    sockets: positiveInt('BENCH_SOCKETS', 64),
    warmUpSeconds: positiveInt('BENCH_WARMUP', 4),
    seed: positiveInt('BENCH_SEED', 20_261_127),
    cpuProfDir: process.env.BENCH_CPU_PROF ? path.resolve(process.env.BENCH_CPU_PROF) : null,
  };
}

/** what to undo if the run is cut short: databases, then the cluster */
const cleanups: (() => unknown)[] = [];
async function cleanUp(): Promise<void> {
  await stopAll();
  for (const undo of cleanups.splice(0).reverse()) await Promise.resolve(undo()).catch(() => undefined);
}

function show(title: string, t: Table): string {
  return `${title}\n${consoleTable(t)}\n`;
}

export async function runMixedBench(o: BenchOptions): Promise<void> {
  const began = performance.now();
  const s = o.settings;
  console.log(`Houqin mixed benchmark — ${machineLine()}`);
  console.log(`load average ${os.loadavg()[0]?.toFixed(2)}; data: ${sizeLabel(o.size)}; engines: ${o.engines.join(', ')}`);
  if (o.mixed) {
    console.log(
      `open loop: ${s.users.map((u) => u.toLocaleString('en')).join(' → ')} users (one request per user per 10 s), ${s.stepSeconds} s each, up to ${s.sockets} connections; then closed loop ${s.closedSeconds} s on ${s.connections} connections`,
    );
  }
  console.log('');
  const results: TopologyResult[] = [];
  const lists: ListResult[] = [];
  const costs: KindCost[] = [];
  const data: string[] = [];
  if (o.mixed && o.ceiling) {
    console.log('ceiling: bench/servers/ceiling.ts (bare Fastify + one better-sqlite3 insert)');
    results.push(await runCeiling(s));
  }
  let cluster: PgCluster | null = null;
  if (o.engines.includes('postgres')) {
    cluster = await startPgCluster();
    const c = cluster;
    cleanups.push(() => c.stop());
  }
  for (const engine of o.engines) {
    console.log(`${engine}: preparing ${sizeLabel(o.size)} …`);
    const db: PreparedDb = await prepareDatabase(engine, o.size, cluster, (line) => console.log(`    ${line}`));
    cleanups.push(db.remove);
    const sum = db.summary;
    const given = db.dataDir ?? db.databaseUrl;
    data.push(
      db.reused
        ? `${engine}: the database prepared earlier at ${given} (BENCH_DATA_${engine.toUpperCase()}), used as it is${db.generated ? ` — ${db.generated}` : ''}`
        : sum
          ? `${engine}: ${sum.sites} sites, ${sum.locations} locations, ${sum.assets} assets, ${sum.workOrders.toLocaleString('en')} work orders (${sum.totalRows.toLocaleString('en')} rows, ${sum.from.slice(0, 10)} – ${sum.now.slice(0, 10)}), prepared in ${db.seconds.toFixed(0)} s`
          : `${engine}: the demo organisation only, prepared in ${db.seconds.toFixed(0)} s`,
    );
    console.log(`    ${data[data.length - 1]}`);
    if (o.mixed) {
      for (const processes of engine === 'sqlite' ? ([1] as const) : o.pgProcesses) {
        console.log(`  ${topologyName(engine, processes)}`);
        const port = cluster ? Number(new URL(cluster.url).port) : null;
        results.push(await runTopology({ db, processes, pgPort: engine === 'postgres' ? port : null }, s));
      }
    }
    if (o.costs) {
      console.log(`  ${engine}: each request kind alone, 4 connections, ${s.closedSeconds} s each`);
      const port = cluster ? Number(new URL(cluster.url).port) : null;
      costs.push(...(await runCosts({ db, processes: 1, pgPort: engine === 'postgres' ? port : null }, s)));
    }
    if (o.lists) {
      console.log(`  ${engine}: work-order list, one connection, ${o.listSeconds} s per scenario`);
      lists.push(...(await runLists(db, { seconds: o.listSeconds, cpuProfDir: s.cpuProfDir })));
    }
    await db.remove();
    cleanups.splice(cleanups.indexOf(db.remove), 1);
  }
  cluster?.stop();
  cleanups.length = 0;

  const tables: [string, Table][] = [];
  const houqin = results.filter((r) => r.engine !== 'ceiling');
  if (results.length) {
    tables.push(['Open loop (users → req/s; latency from when each request was due):', ladderTable(results)]);
    tables.push(['Maximum throughput (closed loop):', maxTable(results)]);
  }
  if (houqin.length) tables.push(['Per request kind, at the highest step each topology kept up with:', kindTable(houqin)]);
  if (costs.length) tables.push(['Each request kind alone (closed loop, 4 connections):', costTable(costs)]);
  if (lists.length) tables.push(['Work-order list, one connection (no queueing):', listTable(lists)]);
  const said = verdicts(results, lists);
  console.log('');
  for (const [title, t] of tables) console.log(show(title, t));
  for (const v of said) console.log(`* ${v}`);
  console.log(`\n${((performance.now() - began) / 1000).toFixed(0)} s in all`);
  const failed = [
    ...results.flatMap((r) => [...r.ladder, r.closed].map((p) => p.run.failures)),
    ...lists.map((l) => l.failed),
    ...costs.map((c) => c.phase.run.failures),
  ].some((n) => n > 0);
  if (failed) process.exitCode = 1;
  if (!o.append) return;

  const mix = MIX.map(([k, w]) => `${k} ${w} %`).join(', ');
  const notes = [
    machineNote(),
    ...data.map((d) => `Data — ${d}.`),
    ...(o.mixed
      ? [
          `Mix: ${mix}; technician requests move one order a step (dispatch, accept, arrive, start, labour entry, finish), or list the technician's orders when none is free. Open loop: Poisson arrivals at users ÷ 10 per second, ${s.stepSeconds} s per step, up to ${s.sockets} keep-alive connections; a step that has more than max(200, rate × 1 s) requests outstanding stops as overloaded and ends the ladder. Closed loop: ${s.closedSeconds} s on ${s.connections} connections. "client lag" is how late the generator started a request (latency is timed from when it was due, so lag counts against the figures).`,
          'CPU per request: server = the Houqin processes (or the ceiling), db = the PostgreSQL cluster (postmaster and its children), client = this load generator. RSS (peak) = VmRSS (VmHWM) of each Houqin process from /proc after the phase. PostgreSQL is a throwaway cluster (fsync off); the two-process run continues on the database the one-process run used.',
        ]
      : []),
    ...said,
  ];
  const blocks = [
    `\`${o.command}\` — ${sizeLabel(o.size)}.`,
    ...tables.flatMap(([title, t]) => [title, markdownTable(t)]),
    notes.map((n) => `- ${n}`).join('\n'),
  ];
  const engines = [...new Set(o.engines)].join(' + ');
  const what = o.mixed ? 'mixed workload' : o.lists ? 'work-order list' : 'request costs';
  appendSection(path.join(root, 'bench/RESULTS.md'), `${what} (issue 5), ${engines}, ${machineLine()}`, blocks);
  console.log('\nappended to bench/RESULTS.md');
}

/** Runs `main` with a watchdog and Ctrl-C handling that stop every child and the cluster. */
export function runBounded(minutes: number, main: () => Promise<void>): void {
  const watchdog = setTimeout(() => {
    console.error(`benchmark still running after ${minutes} min: stopping it`);
    void cleanUp().finally(() => process.exit(2));
  }, minutes * 60_000);
  watchdog.unref();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void cleanUp().finally(() => process.exit(130));
    });
  }
  main()
    .catch(async (err: unknown) => {
      console.error(err);
      await cleanUp();
      process.exitCode = 1;
    })
    .finally(() => clearTimeout(watchdog));
}
