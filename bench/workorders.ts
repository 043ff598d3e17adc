import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { type PgCluster, startPgCluster } from '../server/test/pg-cluster.js';
import { type ServerProcess, startServer, stopAll } from './lib/child.js';
import { closedLoop, JsonClient, openLoop, percentile, positiveInt, type Run, signIn, type Unit } from './lib/load.js';
import { machine } from './lib/report.js';

/**
 * `npx tsx bench/workorders.ts`: issue 4's benchmark. In one run: the bare ceiling
 * (bench/servers/ceiling.ts, one better-sqlite3 insert per POST), then Houqin on SQLite
 * and on PostgreSQL (a throwaway cluster), each measured for
 *   - create-request: POST /api/v1/work-orders as the demo requester (web report at 长春店);
 *   - complete-work-order: per order dispatch (dispatcher) → accept → arrive → start →
 *     finish (technician), five requests in sequence, counted per request and per order.
 * Each scenario runs closed-loop on N connections (the maximum load: req/s, p50/p95/p99),
 * then open-loop paced at half of that rate (p99 at half load). Latencies are timed per
 * request with performance.now(). Prints a table and appends it to bench/RESULTS.md.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ENGINES = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',').map((e) => e.trim()) as ('sqlite' | 'postgres')[];
const SECONDS = positiveInt('BENCH_DURATION', 10);
const CONNECTIONS = positiveInt('BENCH_CONNECTIONS', 10);
const APPEND = process.env.BENCH_APPEND !== '0';
const WATCHDOG_MS = 15 * 60_000;

interface Row {
  engine: string;
  scenario: string;
  reqPerSec: number;
  ordersPerSec: number | null;
  p50: number;
  p95: number;
  p99: number;
  halfRate: number;
  halfP99: number;
  cpuMsPerReq: number;
  failed: number;
  statuses: string;
  vsCeiling: number | null;
}

interface Scenario {
  name: string;
  /** one unit of work */
  work: () => Promise<Unit>;
  /** requests per unit, for req/s (the pipeline may skip dispatch when automatic dispatch already did it) */
  requestsOf: (run: Run) => number;
  perOrder: boolean;
}

async function measure(engine: string, s: Scenario, server: ServerProcess, ceiling: number | null): Promise<Row> {
  process.stdout.write(`  ${engine.padEnd(8)} ${s.name.padEnd(22)} max … `);
  const cpuBefore = server.cpuSeconds();
  const max = await closedLoop(s.work, CONNECTIONS, SECONDS);
  const cpu = server.cpuSeconds() - cpuBefore;
  const unitsPerSec = max.units / max.seconds;
  const maxRequests = s.requestsOf(max);
  const reqPerSec = maxRequests / max.seconds;
  process.stdout.write(`${reqPerSec.toFixed(0)} req/s; half load … `);
  const half = await openLoop(s.work, unitsPerSec / 2, SECONDS);
  const row: Row = {
    engine,
    scenario: s.name,
    reqPerSec,
    ordersPerSec: s.perOrder ? unitsPerSec : null,
    p50: percentile(max.latencies, 0.5),
    p95: percentile(max.latencies, 0.95),
    p99: percentile(max.latencies, 0.99),
    halfRate: s.requestsOf(half) / half.seconds,
    halfP99: percentile(half.latencies, 0.99),
    cpuMsPerReq: (cpu * 1000) / Math.max(1, maxRequests),
    failed: max.failures + half.failures,
    statuses: [...new Map([...max.badStatuses, ...half.badStatuses])].map(([k, v]) => `${k}×${v}`).join(' '),
    vsCeiling: ceiling ? reqPerSec / ceiling : null,
  };
  console.log(`p99 ${row.halfP99.toFixed(1)} ms at ${row.halfRate.toFixed(0)} req/s`);
  return row;
}

let ceilingSeq = 0;
async function runCeiling(): Promise<Row> {
  const server = await startServer({ name: 'ceiling', script: path.join(root, 'bench/servers/ceiling.ts'), readyPath: '/health' });
  const client = new JsonClient(server.baseUrl);
  const tag = Date.now().toString(36);
  const work = async (): Promise<Unit> => {
    const a = await client.send('POST', '/items', { code: `WO-${tag}-${++ceilingSeq}`, name: '压测', kind: 'room' });
    return { latencies: a.status === 201 ? [a.ms] : [], failed: a.status === 201 ? 0 : 1, statuses: [a.status] };
  };
  try {
    await closedLoop(work, 4, 3);
    return await measure('sqlite', { name: 'ceiling insert', work, requestsOf: (r) => r.units, perOrder: false }, server, null);
  } finally {
    client.close();
    await server.stop();
  }
}

interface Order {
  id: string;
  version: number;
  status: string;
  assigneeId: string | null;
}

async function runHouqin(engine: 'sqlite' | 'postgres', cluster: PgCluster | null, ceiling: number): Promise<Row[]> {
  let databaseUrl = '';
  if (engine === 'postgres') {
    if (!cluster) throw new Error('no PostgreSQL cluster');
    const admin = new pg.Client({ connectionString: `${cluster.url}/postgres` });
    await admin.connect();
    await admin.query('create database bench_workorders');
    await admin.end();
    databaseUrl = `${cluster.url}/bench_workorders`;
  }
  const server = await startServer({
    name: `houqin-${engine}`,
    script: path.join(root, 'server/src/main.ts'),
    readyPath: '/api/health',
    env: { HOUQIN_DEMO: '1', LOG_LEVEL: 'warn', DATABASE_URL: databaseUrl },
    timeoutMs: 180_000,
  });
  const [requesterH, dispatcherH, techH] = await Promise.all(['requester', 'dispatcher', 'tech'].map((u) => signIn(server.baseUrl, u)));
  const requester = new JsonClient(server.baseUrl, requesterH);
  const dispatcher = new JsonClient(server.baseUrl, dispatcherH);
  const tech = new JsonClient(server.baseUrl, techH);
  try {
    const sites = JSON.parse((await dispatcher.send('GET', '/api/v1/sites?limit=200')).body) as { items: { id: string; code: string }[] };
    const cc = sites.items.find((s) => s.code === 'CC')?.id;
    const me = JSON.parse((await tech.send('GET', '/api/v1/auth/me')).body) as { user: { id: string } };
    if (!cc) throw new Error('demo site CC not found');
    const techId = me.user.id;
    const created: Order[] = [];
    const categories = ['plumbing', 'power', 'hvac', 'doors_hardware', 'building'];
    let n = 0;
    const create = async (): Promise<Unit> => {
      n += 1;
      const a = await requester.send('POST', '/api/v1/work-orders', {
        siteId: cc,
        category: categories[n % categories.length],
        urgency: n % 10 === 0 ? 'urgent' : 'normal',
        description: `压测报修 ${n}：二楼女装区灯管闪烁`,
      });
      if (a.status === 201) created.push(JSON.parse(a.body) as Order);
      return { latencies: a.status === 201 ? [a.ms] : [], failed: a.status === 201 ? 0 : 1, statuses: [a.status] };
    };
    let pipelineRequests = 0;
    const step = async (c: JsonClient, o: Order, action: string, extra: Record<string, unknown>, u: Unit): Promise<Order> => {
      const a = await c.send('POST', `/api/v1/work-orders/${o.id}/actions/${action}`, { version: o.version, ...extra });
      pipelineRequests += 1;
      u.statuses.push(a.status);
      if (a.status !== 200) throw new Error(`${action}: ${a.status} ${a.body.slice(0, 200)}`);
      u.latencies.push(a.ms);
      return JSON.parse(a.body) as Order;
    };
    const complete = async (): Promise<Unit> => {
      const u: Unit = { latencies: [], failed: 0, statuses: [] };
      let o = created.shift();
      if (!o) throw new Error('no created order left to complete');
      try {
        if (o.status === 'pending') o = await step(dispatcher, o, 'dispatch', { assigneeId: techId }, u);
        else if (o.assigneeId !== techId) o = await step(dispatcher, o, 'transfer', { assigneeId: techId, reason: '压测指定' }, u);
        o = await step(tech, o, 'accept', {}, u);
        o = await step(tech, o, 'arrive', {}, u);
        o = await step(tech, o, 'start', {}, u);
        await step(tech, o, 'finish', { cause: 'ageing', result: '更换灯管' }, u);
      } catch {
        u.failed = 1;
      }
      return u;
    };
    // warm-up of both paths, then the orders the pipeline will complete come from the create runs
    await closedLoop(create, 4, 3);
    for (let i = 0; i < 20 && created.length; i++) await complete();
    const rows = [
      await measure(engine, { name: 'create request', work: create, requestsOf: (r) => r.units, perOrder: false }, server, ceiling),
    ];
    const needed = Math.ceil((rows[0]!.reqPerSec / 3) * SECONDS * 1.6);
    while (created.length < needed) await closedLoop(create, CONNECTIONS, 2);
    let before = 0;
    const requestsOf = () => {
      const done = pipelineRequests - before;
      before = pipelineRequests;
      return done;
    };
    before = pipelineRequests;
    rows.push(await measure(engine, { name: 'complete work order', work: complete, requestsOf, perOrder: true }, server, ceiling));
    return rows;
  } finally {
    for (const c of [requester, dispatcher, tech]) c.close();
    await server.stop();
  }
}

const f1 = (v: number) => (Number.isNaN(v) ? 'n/a' : v.toFixed(1));
const HEADERS = [
  'engine',
  'scenario',
  'req/s',
  'orders/s',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'half load req/s',
  'p99 ms at half',
  'server CPU ms/req',
  'vs ceiling',
  'failed',
];

function cells(r: Row): string[] {
  return [
    r.engine,
    r.scenario,
    r.reqPerSec.toFixed(0),
    r.ordersPerSec === null ? '' : r.ordersPerSec.toFixed(0),
    f1(r.p50),
    f1(r.p95),
    f1(r.p99),
    r.halfRate.toFixed(0),
    f1(r.halfP99),
    r.cpuMsPerReq.toFixed(2),
    r.vsCeiling === null ? 'ceiling' : `${(r.vsCeiling * 100).toFixed(0)} %`,
    r.failed ? `${r.failed} (${r.statuses})` : '0',
  ];
}

/** Padded as Biome formats Markdown tables: text columns left-aligned, figures right-aligned. */
function markdown(rows: Row[]): string {
  const body = rows.map(cells);
  const widths = HEADERS.map((h, i) => Math.max(3, h.length, ...body.map((r) => (r[i] ?? '').length)));
  const left = (i: number) => i < 2;
  const line = (c: string[]) => `| ${c.map((v, i) => (left(i) ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (left(i) ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [line(HEADERS), rule, ...body.map(line)].join('\n');
}

async function main(): Promise<void> {
  const m = machine();
  const [load1] = os.loadavg();
  console.log(`Houqin work-order benchmark — ${m.cpu} × ${m.cores} cores, Node ${m.node}, load average ${load1?.toFixed(2)}`);
  console.log(`${SECONDS} s at max load on ${CONNECTIONS} connections, then ${SECONDS} s paced at half of it, per scenario\n`);
  const rows: Row[] = [await runCeiling()];
  const ceiling = rows[0]!.reqPerSec;
  const cluster = ENGINES.includes('postgres') ? await startPgCluster() : null;
  try {
    for (const engine of ENGINES) rows.push(...(await runHouqin(engine, cluster, ceiling)));
  } finally {
    cluster?.stop();
  }
  const table = markdown(rows);
  console.log(`\n${table}\n`);
  if (rows.some((r) => r.failed > 0)) process.exitCode = 1;
  if (!APPEND) return;
  const section = [
    '',
    `## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — work orders (issue 4), ${ENGINES.join(' + ')}, Node ${m.node}, ${m.cpu} × ${m.cores} cores`,
    '',
    `\`npx tsx bench/workorders.ts\`: per scenario ${SECONDS} s closed-loop on ${CONNECTIONS} connections (req/s, p50/p95/p99), then ${SECONDS} s open-loop paced at half of that rate (p99 at half load); ${m.os}; load average at the start ${load1?.toFixed(2)}.`,
    '',
    table,
    '',
    '- ceiling insert: bench/servers/ceiling.ts (bare Fastify + one better-sqlite3 insert, WAL); "vs ceiling" is req/s against it, measured in the same run with the same client.',
    '- create request: POST /api/v1/work-orders as the demo requester (web report at 长春店): validation, number, event, audit, automatic dispatch and deadline timers in one transaction.',
    '- complete work order: per order dispatch (dispatcher) → accept → arrive → start → finish (technician), each with the version the previous answer returned; orders/s counts orders finished, req/s every step; latencies are per step.',
    '- Houqin runs server/src/main.ts as a child process with LOG_LEVEL=warn; PostgreSQL is a throwaway cluster (fsync off) on the same machine, whose CPU is not in "server CPU ms/req".',
    '',
  ].join('\n');
  fs.appendFileSync(path.join(root, 'bench/RESULTS.md'), section);
  console.log('appended to bench/RESULTS.md');
}

const watchdog = setTimeout(() => {
  console.error(`work-order benchmark still running after ${WATCHDOG_MS / 60_000} min: stopping it`);
  void stopAll().finally(() => process.exit(2));
}, WATCHDOG_MS);
watchdog.unref();

main()
  .catch(async (err: unknown) => {
    console.error(err);
    await stopAll();
    process.exitCode = 1;
  })
  .finally(() => clearTimeout(watchdog));
