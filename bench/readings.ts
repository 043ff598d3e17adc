import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type CompiledQuery,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  sql,
  type UnknownRow,
} from 'kysely';
import pg from 'pg';
import { loadConfig } from '../server/src/config.js';
import { pointChart } from '../server/src/modules/readings/chart.js';
import { readingFacts } from '../server/src/modules/readings/measures.js';
import { ensureOrganization } from '../server/src/modules/setup/bootstrap.js';
import { systemActor } from '../server/src/platform/access/actor.js';
import { type Ctx, type Db, systemClock } from '../server/src/platform/context.js';
import { connect, connectSqlite, type DbHandle } from '../server/src/platform/db/connect.js';
import { newId } from '../server/src/platform/db/ids.js';
import { migrateToLatest } from '../server/src/platform/db/migrate.js';
import type { Row } from '../server/src/platform/db/schema.js';
import { createNotifier } from '../server/src/platform/notify/notifier.js';
import { zonedDate, zonedInstant } from '../server/src/platform/numbering/time.js';
import { type PgCluster, startPgCluster } from '../server/test/pg-cluster.js';
import { postgresCpuSeconds } from './lib/child.js';
import { Rng } from './lib/gen/random.js';
import { appendSection, consoleTable, loadAtStart, machine, machineLine, markdownTable, type Table } from './lib/report.js';

/**
 * `npx tsx bench/readings.ts [--readings 1000000] [--points 150] [--engine sqlite|postgres|both] [--no-append]`
 *
 * Issue 7, point 10: a million readings, then one point's month chart and one site's
 * in-band rate over a year, through the services the endpoints call (`pointChart`,
 * `readingFacts`). Per engine, on a fresh database (the demo organisation): the points
 * (30 % read by hand at 09:00 and 15:00 for a year, 10 % meters read daily for a year,
 * the rest sensors every 30 minutes going back as far as the total needs), the readings
 * inserted in bulk, ANALYZE, then each query timed 7 times after a warm-up, with the
 * query plans. See bench/README.md.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MINUTE = 60_000;
const DAY = 86_400_000;
/** 15 columns: 1,000 rows stay below both engines' parameter limits */
const INSERT_ROWS = 1000;
const TX_ROWS = 50_000;
const RUNS = 7;

type Engine = 'sqlite' | 'postgres';

interface Options {
  readings: number;
  points: number;
  engines: Engine[];
  now: Date;
  seed: number;
  append: boolean;
}

function usage(message: string): never {
  console.error(message);
  console.error('usage: npx tsx bench/readings.ts [--readings N] [--points N] [--engine sqlite|postgres|both] [--seed N] [--no-append]');
  process.exit(2);
}

function parseArgs(argv: string[]): Options {
  const o: Options = { readings: 1_000_000, points: 150, engines: ['sqlite', 'postgres'], now: new Date(), seed: 20_260_707, append: true };
  const whole = (flag: string, v: string | undefined, min: number) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) usage(`${flag} must be a whole number ≥ ${min}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = () => argv[++i];
    if (arg === '--readings') o.readings = whole(arg, value(), 1000);
    else if (arg === '--points') o.points = whole(arg, value(), 10);
    else if (arg === '--seed') o.seed = whole(arg, value(), 0);
    else if (arg === '--engine') {
      const v = value();
      if (v === 'both') o.engines = ['sqlite', 'postgres'];
      else if (v === 'sqlite' || v === 'postgres') o.engines = [v];
      else usage('--engine is sqlite, postgres or both');
    } else if (arg === '--no-append') o.append = false;
    else usage(`unexpected argument ${arg}`);
  }
  return o;
}

/** Notes every statement a service runs, so its queries' plans can be shown. */
class Capture implements KyselyPlugin {
  nodes: RootOperationNode[] = [];
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.nodes.push(args.node);
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

interface BenchPoint {
  row: Row<'reading_points'>;
  style: 'manual' | 'meter' | 'sensor';
  tz: string;
}

async function openDatabase(
  engine: Engine,
  cluster: PgCluster | null,
): Promise<{ handle: DbHandle; dataDir: string; port: number | null }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `houqin-bench-readings-${engine}-`));
  if (engine === 'sqlite') return { handle: connectSqlite(path.join(dataDir, 'houqin.db')), dataDir, port: null };
  if (!cluster) throw new Error('no PostgreSQL cluster');
  const name = `bench_readings_${Date.now()}`;
  const admin = new pg.Client({ connectionString: `${cluster.url}/postgres` });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  return {
    handle: connect({ databaseUrl: `${cluster.url}/${name}`, dataDir, poolSize: 4 }),
    dataDir,
    port: Number(new URL(cluster.url).port),
  };
}

/** The points: a third by hand, a tenth meters, the rest sensors; spread over the demo's three sites. */
async function createPoints(db: Db, orgId: string, o: Options, rng: Rng): Promise<BenchPoint[]> {
  const sites = await db.selectFrom('sites').select(['id', 'code', 'timezone']).where('org_id', '=', orgId).orderBy('code').execute();
  const locations = await db.selectFrom('locations').select(['id', 'site_id']).where('org_id', '=', orgId).execute();
  const at = o.now.toISOString();
  const points: BenchPoint[] = [];
  for (let i = 0; i < o.points; i++) {
    const site = sites[i % sites.length] as (typeof sites)[number];
    const style: BenchPoint['style'] = i % 10 === 0 ? 'meter' : i % 10 < 4 ? 'manual' : 'sensor';
    const target = style === 'meter' ? null : rng.pick([24, 22, 5, -18]);
    const loc = rng.pick(locations.filter((l) => l.site_id === site.id));
    points.push({
      style,
      tz: site.timezone,
      row: {
        id: newId(),
        org_id: orgId,
        site_id: site.id,
        code: `B-${String(i + 1).padStart(4, '0')}`,
        name: style === 'meter' ? `电表 ${i + 1}` : `温度 ${i + 1}`,
        target_type: 'location',
        target_id: loc.id,
        kind: style === 'meter' ? 'cumulative' : 'instant',
        quantity: style === 'meter' ? '电量' : '温度',
        unit: style === 'meter' ? 'kWh' : '°C',
        meter_kind: style === 'meter' ? 'electricity' : null,
        target,
        tolerance: target === null ? null : 1,
        min: null,
        max: null,
        window_minutes: 60,
        recheck_minutes: 60,
        patrol_plan_id: null,
        active: 1,
        last_value: null,
        last_read_at: null,
        last_in_band: null,
        missed_notified_on: null,
        created_by: null,
        created_at: at,
        updated_at: at,
        version: 1,
      },
    });
  }
  for (let i = 0; i < points.length; i += 100) {
    await db
      .insertInto('reading_points')
      .values(points.slice(i, i + 100).map((p) => p.row))
      .execute();
  }
  return points;
}

/** When each point was read: by hand twice a day and meters daily for a year; sensors every 30 minutes back as far as the total needs. */
function timesOf(p: BenchPoint, o: Options, perSensor: number): number[] {
  const end = o.now.getTime();
  if (p.style === 'sensor') return Array.from({ length: perSensor }, (_, k) => end - (perSensor - k) * 30 * MINUTE);
  const today = zonedDate(o.now, p.tz);
  const out: number[] = [];
  for (let d = 365; d >= 1; d--) {
    const date = new Date(Date.parse(`${today}T00:00:00Z`) - d * DAY).toISOString().slice(0, 10);
    for (const time of p.style === 'meter' ? ['08:00'] : ['09:00', '15:00']) out.push(zonedInstant(date, time, p.tz).getTime());
  }
  return out;
}

async function loadReadings(db: Db, points: BenchPoint[], o: Options, rng: Rng): Promise<number> {
  const fixed = points.filter((p) => p.style !== 'sensor').reduce((n, p) => n + (p.style === 'meter' ? 365 : 730), 0);
  const sensors = points.filter((p) => p.style === 'sensor').length;
  const perSensor = Math.max(1, Math.ceil((o.readings - fixed) / sensors));
  let total = 0;
  let pending: Row<'readings'>[] = [];
  let inTx = 0;
  let tx = await db.startTransaction().execute();
  const flush = async () => {
    if (!pending.length) return;
    await tx.insertInto('readings').values(pending).execute();
    inTx += pending.length;
    pending = [];
    if (inTx >= TX_ROWS) {
      await tx.commit().execute();
      tx = await db.startTransaction().execute();
      inTx = 0;
    }
  };
  for (const p of points) {
    const times = timesOf(p, o, perSensor);
    let meter = 100_000;
    for (const t of times) {
      if (total >= o.readings) break;
      const iso = new Date(t).toISOString();
      let value: number;
      let consumption: number | null = null;
      let inBand: 0 | 1 | null = null;
      if (p.style === 'meter') {
        consumption = 800 + rng.int(0, 400);
        meter += consumption;
        value = meter;
      } else {
        // about nine in ten inside ±1: a normal spread of 0.6
        const g = (rng.next() + rng.next() + rng.next() - 1.5) * 1.2;
        value = Math.round(((p.row.target as number) + g) * 10) / 10;
        inBand = Math.abs(value - (p.row.target as number)) <= 1 ? 1 : 0;
      }
      pending.push({
        id: newId(),
        org_id: p.row.org_id,
        site_id: p.row.site_id,
        point_id: p.row.id,
        value,
        read_at: iso,
        read_by: null,
        source: p.style === 'sensor' ? 'device' : 'manual',
        in_band: inBand,
        consumption,
        occurrence_id: null,
        deviation_id: null,
        is_recheck: 0,
        note: null,
        created_at: iso,
      });
      total++;
      if (pending.length >= INSERT_ROWS) await flush();
    }
  }
  await flush();
  await tx.commit().execute();
  return total;
}

interface Timing {
  name: string;
  rows: string;
  runs: number[];
}

async function timed(name: string, rows: (v: unknown) => string, work: () => Promise<unknown>): Promise<Timing> {
  const first = await work();
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await work();
    runs.push(performance.now() - t0);
  }
  return { name, rows: rows(first), runs };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function plansOf(db: Db, engine: Engine, queries: CompiledQuery[]): Promise<string[]> {
  const out: string[] = [];
  for (const q of queries) {
    if (engine === 'sqlite') {
      const r = await db.executeQuery<{ detail: string }>({ ...q, sql: `explain query plan ${q.sql}` });
      out.push(r.rows.map((x) => x.detail).join('\n'));
    } else {
      const r = await db.executeQuery<{ 'QUERY PLAN': string }>({ ...q, sql: `explain (analyze, buffers, costs off) ${q.sql}` });
      out.push(r.rows.map((x) => x['QUERY PLAN']).join('\n'));
    }
  }
  return out;
}

interface EngineResult {
  engine: Engine;
  loaded: number;
  loadSeconds: number;
  dbCpuSeconds: number | null;
  dbMiB: number;
  timings: Timing[];
  plans: { name: string; sql: string; plan: string }[];
}

async function runEngine(engine: Engine, o: Options, cluster: PgCluster | null): Promise<EngineResult> {
  const log = (line: string) => console.log(`  ${engine}: ${line}`);
  const { handle, dataDir, port } = await openDatabase(engine, cluster);
  const { db } = handle;
  try {
    await migrateToLatest(db);
    const config = loadConfig({ DATA_DIR: dataDir, HOUQIN_DEMO: '1' });
    await ensureOrganization(db, config, systemClock);
    const orgId = (await db.selectFrom('organizations').select('id').executeTakeFirstOrThrow()).id;
    const rng = new Rng(o.seed);
    const points = await createPoints(db, orgId, o, rng);
    const cpu0 = port === null ? null : postgresCpuSeconds(port);
    const t0 = performance.now();
    const loaded = await loadReadings(db, points, o, rng);
    const loadSeconds = (performance.now() - t0) / 1000;
    const dbCpuSeconds = port === null || cpu0 === null ? null : postgresCpuSeconds(port) - cpu0;
    log(`${loaded.toLocaleString('en-US')} readings in ${loadSeconds.toFixed(1)} s`);
    // PostgreSQL: VACUUM sets the visibility map an index-only scan needs (autovacuum would, some time after a load)
    await sql.raw(engine === 'postgres' ? 'vacuum analyze' : 'analyze').execute(db);

    const capture = new Capture();
    const clock = { now: () => o.now };
    const ctx: Ctx = {
      db: db.withPlugin(capture),
      actor: systemActor(orgId),
      requestId: null,
      clock,
      config,
      notifier: createNotifier([], clock.now),
    };
    const sensor = points.find((p) => p.style === 'sensor' && p.row.site_id === points[0]?.row.site_id) as BenchPoint;
    const siteId = sensor.row.site_id;
    const month = { from: new Date(o.now.getTime() - 30 * DAY).toISOString(), to: o.now.toISOString() };
    const year = { from: new Date(o.now.getTime() - 365 * DAY).toISOString(), to: o.now.toISOString() };
    const siteReadings = Number(
      (
        await db
          .selectFrom('readings')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('site_id', '=', siteId)
          .where('read_at', '>=', year.from)
          .executeTakeFirstOrThrow()
      ).n,
    );
    const timings: Timing[] = [];
    const plans: EngineResult['plans'] = [];
    const keep = (name: string, match: (s: string) => boolean) => {
      const compiled = capture.nodes.map((n) => db.getExecutor().compileQuery(n, { queryId: 'plan' } as never));
      const found = compiled.filter((c) => match(c.sql));
      capture.nodes = [];
      return found.map((c) => ({ name, c }));
    };
    const chartRows = (v: unknown) => {
      const c = v as { bucketed: boolean; points: { count: number }[] };
      return `${c.points.reduce((n, p) => n + p.count, 0)} readings → ${c.points.length} ${c.bucketed ? 'buckets' : 'points'}`;
    };
    capture.nodes = [];
    timings.push(await timed("one point's month chart (500 buckets, default)", chartRows, () => pointChart(ctx, sensor.row.id, month)));
    const chartQueries = keep('month chart', (s) => /from "readings"/.test(s));
    timings.push(
      await timed("one point's month chart, raw (maxPoints 2000)", chartRows, () =>
        pointChart(ctx, sensor.row.id, { ...month, maxPoints: 2000 }),
      ),
    );
    capture.nodes = [];
    const rate = (v: unknown) => {
      const f = (v as { facts: { key: string; value: number | null }[] }).facts;
      return `${siteReadings.toLocaleString('en-US')} readings, in band ${f.find((x) => x.key === 'readings.in_band_rate')?.value} %`;
    };
    timings.push(
      await timed('one site-year: readings measures (in-band rate and the rest)', rate, () =>
        readingFacts(ctx, { siteIds: [siteId], ...year }),
      ),
    );
    const rateQueries = keep('site-year in-band rate', (s) => /from "readings" as "r"/.test(s) && /in_band/.test(s));
    for (const { name, c } of [...chartQueries.slice(0, 2), ...rateQueries.slice(0, 1)]) {
      const [plan] = await plansOf(db, engine, [c]);
      plans.push({ name, sql: c.sql, plan: plan ?? '' });
    }
    for (const t of timings) log(`${t.name}: median ${median(t.runs).toFixed(1)} ms (${t.rows})`);
    let dbMiB: number;
    if (engine === 'postgres') {
      const r = await sql<{ b: string }>`select pg_database_size(current_database()) as b`.execute(db);
      dbMiB = Number(r.rows[0]?.b) / 2 ** 20;
    } else {
      await sql`pragma wal_checkpoint(truncate)`.execute(db);
      dbMiB = fs.statSync(path.join(dataDir, 'houqin.db')).size / 2 ** 20;
    }
    return { engine, loaded, loadSeconds, dbCpuSeconds, dbMiB, timings, plans };
  } finally {
    await handle.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const n0 = (v: number) => Math.round(v).toLocaleString('en-US');

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  console.log(`Houqin readings — ${machineLine()}, load average ${loadAtStart.toFixed(2)}`);
  console.log(`${n0(o.readings)} readings over ${o.points} points, seed ${o.seed}, engines ${o.engines.join(', ')}`);
  const cluster = o.engines.includes('postgres') ? await startPgCluster() : null;
  if (cluster) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        cluster.stop();
        process.exit(130);
      });
    }
  }
  const results: EngineResult[] = [];
  const loads: string[] = [];
  try {
    for (const engine of o.engines) {
      const start = os.loadavg()[0] as number;
      results.push(await runEngine(engine, o, cluster));
      loads.push(`${engine} ${start.toFixed(2)} → ${(os.loadavg()[0] as number).toFixed(2)}`);
    }
  } finally {
    cluster?.stop();
  }
  const table: Table = {
    headers: ['engine', 'step', 'rows', 'median ms', 'min ms', 'max ms'],
    textColumns: 3,
    rows: results.flatMap((r) => [
      [
        r.engine,
        `bulk load (${INSERT_ROWS} rows an insert, ${n0(TX_ROWS)} a transaction)`,
        n0(r.loaded),
        n0(r.loadSeconds * 1000),
        '—',
        '—',
      ],
      ...r.timings.map((t) => [
        r.engine,
        t.name,
        t.rows,
        median(t.runs).toFixed(1),
        Math.min(...t.runs).toFixed(1),
        Math.max(...t.runs).toFixed(1),
      ]),
    ]),
  };
  console.log(`\n${consoleTable(table)}\n`);
  const planText = results
    .flatMap((r) => r.plans.map((p) => `${r.engine} — ${p.name}:\n\n\`\`\`sql\n${p.sql}\n\`\`\`\n\n\`\`\`\n${p.plan}\n\`\`\``))
    .join('\n\n');
  console.log(planText.replace(/```\w*\n?/g, ''));
  const notes = [
    `- ${machineLine()}; load average (1 min) at the start and end of each engine's run: ${loads.join(', ')}. Other helpers' work shared the 2 cores.`,
    ...results.map(
      (r) =>
        `- ${r.engine}: ${n0(r.loaded)} readings loaded in ${r.loadSeconds.toFixed(1)} s (${n0(r.loaded / r.loadSeconds)} rows/s${
          r.dbCpuSeconds === null ? '' : `, PostgreSQL CPU ${r.dbCpuSeconds.toFixed(1)} s`
        }); database ${n0(r.dbMiB)} MiB after the load.`,
    ),
    `- Each query: one warm-up, then ${RUNS} runs timed in this process around the service call (\`pointChart\`, \`readingFacts\`), after ANALYZE. A sensor's month is 1,440 readings (every 30 minutes): with the default maxPoints 500 the chart answers 87-minute buckets (average, minimum, maximum, count) from one SQL group-by; with maxPoints 2000 it answers the readings one by one. The site-year figure is the whole \`GET /readings/measures\` service for one site and 365 days (its readings query, the due and missed occurrences, deviations and consumption); the in-band rate is its readings query, shown below. PostgreSQL ran VACUUM ANALYZE after the load, SQLite ANALYZE.`,
  ];
  console.log(notes.join('\n'));
  if (!o.append) return;
  const m = machine();
  appendSection(
    path.join(root, 'bench/RESULTS.md'),
    `readings (issue 7), ${n0(o.readings)} readings, ${o.engines.join(' + ')}, ${m.cpu} × ${m.cores} cores, Node ${m.node}`,
    [
      `\`npx tsx bench/readings.ts --readings ${o.readings} --points ${o.points} --engine ${o.engines.length === 2 ? 'both' : o.engines[0]}\``,
      markdownTable(table),
      notes.join('\n'),
      'Query plans:',
      planText,
    ],
  );
  console.log('appended to bench/RESULTS.md');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
