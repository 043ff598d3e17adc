import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import type { ReportFactsDto } from '../contracts/reports.js';
import { composeSummary } from '../server/src/modules/reports/compose.js';
import { checkConsistency } from '../server/src/modules/reports/consistency.js';
import { gatherFacts, periodOf } from '../server/src/modules/reports/gather.js';
import { inScope, siteScope } from '../server/src/platform/access/actor.js';
import { loadGrants } from '../server/src/platform/access/grants.js';
import type { Ctx, Db } from '../server/src/platform/context.js';
import { newId } from '../server/src/platform/db/ids.js';
import { factProviders } from '../server/src/platform/summary/registry.js';
import { type PgCluster, startPgCluster } from '../server/test/pg-cluster.js';
import { openYearApp, type YearApp } from '../server/test/year/app.js';
import { DEFAULT_SEED, generateYear, type YearResult } from '../server/test/year/generate.js';
import { postgresCpuSeconds } from './lib/child.js';
import { appendSection, consoleTable, loadAtStart, machine, machineLine, markdownTable, type Table } from './lib/report.js';

/**
 * `npx tsx bench/summary.ts [--engines sqlite,postgres] [--sites 100] [--runs 15] [--seed N] [--no-append]`
 *
 * Issue 9, point 6: the annual work summary. Per engine, on a fresh database with the demo
 * organisation, the two-store year of the annual-summary test (server/test/year: 长春店
 * and 沈阳店, 2024, made through the services with the clock moved through the year) is
 * built and timed; then the annual summary of both stores is timed N times after a
 * warm-up — the facts gathered (`gatherFacts`, the year, the year before and the same
 * year before: every module's provider three times), the Chinese and English bodies
 * composed (`composeSummary`), `GET /api/v1/reports/facts` and the whole
 * `POST /api/v1/summaries` (gather, consistency check, compose, store) through the app.
 * On PostgreSQL the year is then replicated by SQL to `--sites` sites (98 more: each copy
 * of a store gets its own site and new ids, numbers and tokens for every record, with the
 * same dates and outcomes), and the summary of all of them is timed the same way.
 * Prints a table and appends it to bench/RESULTS.md. See bench/README.md.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const YEAR = 2024;
/** the Monday morning after the year, when the summary is written (as in the test) */
const NOW = '2025-01-06T02:00:00.000Z';

type Engine = 'sqlite' | 'postgres';

interface Options {
  engines: Engine[];
  sites: number;
  runs: number;
  seed: number;
  append: boolean;
}

function usage(message: string): never {
  console.error(message);
  console.error('usage: npx tsx bench/summary.ts [--engines sqlite,postgres] [--sites 100] [--runs 15] [--seed N] [--no-append]');
  process.exit(2);
}

function parseArgs(argv: string[]): Options {
  const o: Options = { engines: ['sqlite', 'postgres'], sites: 100, runs: 15, seed: DEFAULT_SEED, append: true };
  const whole = (flag: string, v: string | undefined, min: number) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) usage(`${flag} must be a whole number ≥ ${min}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = () => argv[++i];
    if (arg === '--engines') {
      const list = (value() ?? '').split(',').filter(Boolean);
      if (!list.length || list.some((e) => e !== 'sqlite' && e !== 'postgres')) usage('--engines is a list of sqlite and postgres');
      o.engines = list as Engine[];
    } else if (arg === '--sites') o.sites = whole(arg, value(), 2);
    else if (arg === '--runs') o.runs = whole(arg, value(), 1);
    else if (arg === '--seed') o.seed = whole(arg, value(), 0);
    else if (arg === '--no-append') o.append = false;
    else usage(`unexpected argument ${arg}`);
  }
  return o;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
/** nearest rank */
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(0.95 * xs.length) - 1)] as number;
const n0 = (v: number) => Math.round(v).toLocaleString('en-US');

interface Timing {
  data: string;
  step: string;
  runs: number[];
}

interface EngineResult {
  engine: Engine;
  year: YearResult;
  rows: number;
  dbMiB: number;
  timings: Timing[];
  replicated: { sites: number; rows: number; seconds: number } | null;
  /** each provider alone, on the largest data of the run */
  providers: Timing[];
  dbCpuSeconds: number | null;
  factsCount: number;
}

/** A signed-in head of department (session cookie + CSRF token) for the app's routes. */
async function signIn(app: FastifyInstance, username: string): Promise<{ cookie: string; csrf: string }> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: username, password: 'houqin' } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const set = res.headers['set-cookie'];
  const cookie = (Array.isArray(set) ? set[0] : set)?.split(';')[0] ?? '';
  return { cookie, csrf: (res.json() as { csrfToken: string }).csrfToken };
}

async function headCtx(y: YearApp): Promise<Ctx> {
  const u = await y.db.selectFrom('users').select(['id', 'name', 'org_id']).where('username', '=', 'head').executeTakeFirstOrThrow();
  const deps = y.app.deps;
  return {
    db: deps.db,
    actor: { kind: 'user', userId: u.id, name: u.name, orgId: u.org_id, grants: await loadGrants(deps.db, u.id), selectedSiteId: null },
    requestId: null,
    clock: deps.clock,
    config: deps.config,
    notifier: deps.notifier,
  };
}

async function timed(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  await fn(); // warm-up: statement caches, the route's schema compiled on its first request
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

/** The annual summary of `siteIds` timed in its parts and whole; answers the timings and how many facts it has. */
async function timeSummary(y: YearApp, siteIds: string[], data: string, runs: number): Promise<{ timings: Timing[]; facts: number }> {
  const ctx = await headCtx(y);
  const session = await signIn(y.app, 'head');
  const headers = { cookie: session.cookie, 'x-csrf-token': session.csrf };
  const period = await periodOf(ctx, { kind: 'year', year: YEAR });
  let facts: ReportFactsDto | null = null;
  const gather = await timed(runs, async () => {
    facts = await gatherFacts(ctx, { period, siteIds, departmentId: null });
  });
  const data0 = facts as unknown as ReportFactsDto;
  const problems = checkConsistency(data0);
  if (problems.length) throw new Error(`the facts do not add up: ${problems.join('; ')}`);
  const compose = await timed(runs, async () => {
    composeSummary(data0, 'zh', {});
    composeSummary(data0, 'en', {});
  });
  const query = `kind=year&year=${YEAR}&${siteIds.map((id) => `siteId=${id}`).join('&')}`;
  const get = await timed(runs, async () => {
    const res = await y.app.inject({ method: 'GET', url: `/api/v1/reports/facts?${query}`, headers });
    if (res.statusCode !== 200) throw new Error(`GET /reports/facts: ${res.statusCode} ${res.body.slice(0, 300)}`);
  });
  const post = await timed(runs, async () => {
    const res = await y.app.inject({
      method: 'POST',
      url: '/api/v1/summaries',
      headers,
      payload: { period: { kind: 'year', year: YEAR }, siteIds },
    });
    if (res.statusCode !== 201) throw new Error(`POST /summaries: ${res.statusCode} ${res.body.slice(0, 300)}`);
  });
  return {
    facts: data0.facts.length,
    timings: [
      { data, step: 'gatherFacts (the year and 2023, once each: every provider ×2)', runs: gather },
      { data, step: 'composeSummary zh + en', runs: compose },
      { data, step: 'GET /api/v1/reports/facts', runs: get },
      { data, step: 'POST /api/v1/summaries (whole)', runs: post },
    ],
  };
}

/** Where the gathering goes: each fact provider alone over the scope, for the year only (gatherFacts runs each three times). */
async function providerTimings(y: YearApp, siteIds: string[], data: string, runs: number): Promise<Timing[]> {
  const ctx = await headCtx(y);
  const period = await periodOf(ctx, { kind: 'year', year: YEAR });
  const out: Timing[] = [];
  for (const p of factProviders()) {
    const held = siteScope(ctx.actor, p.permission);
    if (!siteIds.every((id) => inScope(held, id))) continue;
    const scope = { siteIds, from: period.from, to: period.to, departmentId: null };
    out.push({ data, step: `${p.module} facts, one period`, runs: await timed(runs, () => p.facts(ctx, scope)) });
  }
  return out.sort((a, b) => median(b.runs) - median(a.runs));
}

/**
 * The tables of a year's records and how a copy remaps them: `via` reaches a table
 * without a site through its parent, `remap` are references to copied rows (new ids
 * derived from the old one and the copy's number), `suffix` and `hash` keep unique
 * numbers and tokens unique. Everything else — people, places, equipment, templates,
 * dates, statuses, figures — is copied as it is. Parents come first.
 */
interface TableCopy {
  table: string;
  via?: { column: string; parent: string };
  remap?: string[];
  suffix?: string[];
  hash?: string[];
}

const COPIES: TableCopy[] = [
  { table: 'maintenance_plans' },
  { table: 'patrol_plans' },
  { table: 'patrol_points', via: { column: 'plan_id', parent: 'patrol_plans' }, remap: ['plan_id'] },
  { table: 'reading_points', suffix: ['code'] },
  { table: 'drill_plans' },
  { table: 'schedules', remap: ['owner_id'] },
  { table: 'occurrences', remap: ['schedule_id', 'owner_id', 'item_id'] },
  { table: 'work_orders', remap: ['source_id'], hash: ['tracking_token'] },
  { table: 'work_order_events', via: { column: 'work_order_id', parent: 'work_orders' }, remap: ['work_order_id'] },
  { table: 'work_order_timers', remap: ['work_order_id'] },
  { table: 'work_order_labour', via: { column: 'work_order_id', parent: 'work_orders' }, remap: ['work_order_id'] },
  { table: 'checklist_results', remap: ['subject_id'] },
  { table: 'readings', remap: ['point_id', 'occurrence_id', 'deviation_id'] },
  { table: 'reading_deviations', remap: ['point_id', 'reading_id', 'recheck_reading_id'], suffix: ['number'] },
  { table: 'patrol_rounds', remap: ['plan_id', 'occurrence_id'], suffix: ['number'] },
  { table: 'patrol_round_points', via: { column: 'round_id', parent: 'patrol_rounds' }, remap: ['round_id', 'checklist_result_id'] },
  { table: 'findings', remap: ['source_id', 'round_id', 'work_order_id', 'hazard_id'] },
  { table: 'hazards', remap: ['finding_id'] },
  { table: 'incidents', remap: ['work_order_id'] },
  { table: 'security_alerts', remap: ['incident_id'] },
  { table: 'security_commendations', via: { column: 'alert_id', parent: 'security_alerts' }, remap: ['alert_id'] },
  { table: 'drills', remap: ['plan_id', 'occurrence_id'] },
  { table: 'action_items', remap: ['owner_id'] },
  { table: 'training_sessions', hash: ['checkin_code'] },
  { table: 'training_attendees', via: { column: 'session_id', parent: 'training_sessions' }, remap: ['session_id'] },
  { table: 'spot_checks' },
  { table: 'spot_check_participants', via: { column: 'spot_check_id', parent: 'spot_checks' }, remap: ['spot_check_id'] },
  { table: 'quiz_attempts', remap: ['spot_check_id'] },
  { table: 'etiquette_checks', remap: ['checklist_result_id'] },
  { table: 'complaints', remap: ['work_order_id', 'source_id'] },
  { table: 'return_visits', remap: ['work_order_id', 'complaint_id'] },
  { table: 'hotline_calls', remap: ['work_order_id', 'complaint_id'] },
  { table: 'projects', suffix: ['number'] },
];

/**
 * Copies both stores' records (the generated year and the demo's own) to `sites - 2` new
 * sites on PostgreSQL, one INSERT … SELECT per table for all copies at once. Foreign keys
 * are not checked during the load (session_replication_role = replica: readings and their
 * deviations refer to each other); every reference to a copied row is remapped, so the
 * copies are as consistent as the originals.
 */
async function replicate(
  db: Db,
  year: YearResult,
  sites: number,
): Promise<{ rows: number; seconds: number; siteIds: string[]; firstCopies: { src: string; dst: string }[] }> {
  const t0 = performance.now();
  const extra = sites - 2;
  const copies = Math.ceil(extra / 2);
  const sources = [year.sites.CC, year.sites.SY];
  const map: { k: number; src: string; dst: string }[] = [];
  for (let k = 1; k <= copies; k++) {
    for (const src of sources) if (map.length < extra) map.push({ k, src, dst: newId() });
  }
  let rows = 0;
  await db.connection().execute(async (conn) => {
    await sql`set session_replication_role = replica`.execute(conn);
    await sql`create temp table site_map (k integer not null, src text not null, dst text not null)`.execute(conn);
    for (let i = 0; i < map.length; i += 500) {
      const chunk = map.slice(i, i + 500);
      await sql`insert into site_map (k, src, dst) values ${sql.join(chunk.map((m) => sql`(${m.k}, ${m.src}, ${m.dst})`))}`.execute(conn);
    }
    const sitesCopied = await sql`
      insert into sites (id, org_id, code, name, kind, timezone, address, opening_hours, active, created_at, updated_at, version)
      select m.dst, s.org_id, s.code || '-' || lpad(m.k::text, 2, '0'), s.name || '（' || lpad(m.k::text, 2, '0') || '）', s.kind,
             s.timezone, s.address, s.opening_hours, s.active, s.created_at, s.updated_at, s.version
      from sites s join site_map m on m.src = s.id`.execute(conn);
    rows += Number(sitesCopied.numAffectedRows ?? 0);
    for (const c of COPIES) {
      const cols = await sql<{ column_name: string; data_type: string }>`
        select column_name, data_type from information_schema.columns
        where table_schema = current_schema() and table_name = ${c.table} order by ordinal_position`.execute(conn);
      const uuid = (col: string) => cols.rows.find((r) => r.column_name === col)?.data_type === 'uuid';
      const newRef = (col: string) =>
        uuid(col)
          ? `case when t.${col} is null then null else md5(t.${col}::text || ':' || m.k)::uuid end`
          : `case when t.${col} is null then null else md5(t.${col} || ':' || m.k)::uuid::text end`;
      const exprs = cols.rows.map(({ column_name: col }) => {
        if (col === 'id' || c.remap?.includes(col)) return newRef(col);
        if (col === 'site_id') return 'm.dst';
        if (c.suffix?.includes(col)) return `t.${col} || '-' || lpad(m.k::text, 2, '0')`;
        if (c.hash?.includes(col)) return `md5(t.${col} || ':' || m.k)`;
        return `t.${col}`;
      });
      const from = c.via
        ? `${c.table} t join ${c.via.parent} p on p.id = t.${c.via.column} join site_map m on m.src = p.site_id`
        : `${c.table} t join site_map m on m.src = t.site_id`;
      const list = cols.rows.map((r) => r.column_name).join(', ');
      const res = await sql.raw(`insert into ${c.table} (${list}) select ${exprs.join(', ')} from ${from}`).execute(conn);
      rows += Number(res.numAffectedRows ?? 0);
    }
    await sql`set session_replication_role = origin`.execute(conn);
    await sql`drop table site_map`.execute(conn);
  });
  await sql`vacuum analyze`.execute(db);
  return {
    rows,
    seconds: (performance.now() - t0) / 1000,
    siteIds: [...sources, ...map.map((m) => m.dst)],
    firstCopies: map.filter((m) => m.k === 1).map((m) => ({ src: m.src, dst: m.dst })),
  };
}

/** A copy is only a copy if every figure of it equals its original's: checked on the first copies, before timing. */
async function checkCopies(y: YearApp, pairs: { src: string; dst: string }[]): Promise<void> {
  const ctx = await headCtx(y);
  const period = await periodOf(ctx, { kind: 'year', year: YEAR });
  const data = await gatherFacts(ctx, { period, siteIds: pairs.flatMap((p) => [p.src, p.dst]), departmentId: null });
  const differ: string[] = [];
  for (const fact of data.facts) {
    const of = (id: string) => fact.bySite?.find((s) => s.siteId === id)?.value;
    for (const p of pairs) if (of(p.src) !== of(p.dst)) differ.push(`${fact.key}: ${of(p.src)} ≠ ${of(p.dst)}`);
  }
  if (differ.length) throw new Error(`the copies' figures differ from their originals': ${differ.slice(0, 10).join('; ')}`);
}

/** Rows of the records a summary reads (work orders, occurrences, rounds … projects) on the sites. */
async function recordRows(db: Db): Promise<number> {
  let total = 0;
  for (const c of COPIES) {
    const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(c.table)}`.execute(db);
    total += Number(r.rows[0]?.n ?? 0);
  }
  return total;
}

async function runEngine(engine: Engine, o: Options, cluster: PgCluster | null, log: (s: string) => void): Promise<EngineResult> {
  let databaseUrl: string | null = null;
  if (engine === 'postgres') {
    if (!cluster) throw new Error('no PostgreSQL cluster');
    const name = `bench_summary_${Date.now()}`;
    const admin = new pg.Client({ connectionString: `${cluster.url}/postgres` });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    databaseUrl = `${cluster.url}/${name}`;
  }
  const y = await openYearApp({ databaseUrl });
  const port = cluster && engine === 'postgres' ? Number(new URL(cluster.url).port) : null;
  try {
    const cpu0 = port === null ? null : postgresCpuSeconds(port);
    log(`${engine}: building the two-store year through the services…`);
    const year = await generateYear(y.app, y.clock, { seed: o.seed, log: (line) => log(`${engine}: ${line}`) });
    y.clock.set(NOW);
    if (engine === 'postgres') await sql`vacuum analyze`.execute(y.db);
    else await sql`analyze`.execute(y.db);
    const rows = await recordRows(y.db);
    const two = await timeSummary(y, [year.sites.CC, year.sites.SY], '2 stores × 1 year', o.runs);
    for (const t of two.timings) log(`${engine}: ${t.step}: median ${median(t.runs).toFixed(1)} ms`);
    const timings = [...two.timings];
    let replicated: EngineResult['replicated'] = null;
    let providers: Timing[];
    if (engine === 'postgres' && o.sites > 2) {
      log(`${engine}: replicating the year to ${o.sites} sites…`);
      const r = await replicate(y.db, year, o.sites);
      replicated = { sites: o.sites, rows: r.rows, seconds: r.seconds };
      log(`${engine}: ${n0(r.rows)} rows copied in ${r.seconds.toFixed(1)} s`);
      await checkCopies(y, r.firstCopies);
      log(`${engine}: the first copies' figures equal their originals'`);
      const many = await timeSummary(y, r.siteIds, `${o.sites} sites × 1 year`, o.runs);
      for (const t of many.timings) log(`${engine}: ${o.sites} sites: ${t.step}: median ${median(t.runs).toFixed(1)} ms`);
      timings.push(...many.timings);
      providers = await providerTimings(y, r.siteIds, `${o.sites} sites × 1 year`, Math.min(o.runs, 5));
    } else providers = await providerTimings(y, [year.sites.CC, year.sites.SY], '2 stores × 1 year', Math.min(o.runs, 5));
    const dbCpuSeconds = port === null || cpu0 === null ? null : postgresCpuSeconds(port) - cpu0;
    let dbMiB: number;
    if (engine === 'postgres') {
      const r = await sql<{ b: string }>`select pg_database_size(current_database()) as b`.execute(y.db);
      dbMiB = Number(r.rows[0]?.b) / 2 ** 20;
    } else {
      await sql`pragma wal_checkpoint(truncate)`.execute(y.db);
      dbMiB = fs.statSync(path.join(y.dataDir, 'houqin.db')).size / 2 ** 20;
    }
    return { engine, year, rows, dbMiB, timings, replicated, providers, dbCpuSeconds, factsCount: two.facts };
  } finally {
    await y.close();
  }
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const log = (s: string) => console.log(s);
  log(`Houqin annual summary — ${machineLine()}, load average ${loadAtStart.toFixed(2)}`);
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
      results.push(await runEngine(engine, o, cluster, log));
      loads.push(`${engine} ${start.toFixed(2)} → ${(os.loadavg()[0] as number).toFixed(2)}`);
    }
  } finally {
    cluster?.stop();
  }
  const table: Table = {
    headers: ['engine', 'data', 'step', 'median ms', 'p95 ms', 'min ms', 'max ms'],
    textColumns: 3,
    rows: results.flatMap((r) =>
      r.timings.map((t) => [
        r.engine,
        t.data,
        t.step,
        median(t.runs).toFixed(1),
        p95(t.runs).toFixed(1),
        Math.min(...t.runs).toFixed(1),
        Math.max(...t.runs).toFixed(1),
      ]),
    ),
  };
  const aim = results
    .filter((r) => r.engine === 'sqlite')
    .map((r) => {
      const post = r.timings.find((t) => t.data.startsWith('2 stores') && t.step.startsWith('POST'));
      return post
        ? `SQLite, two stores: POST /api/v1/summaries median ${median(post.runs).toFixed(0)} ms — ${median(post.runs) < 1000 ? 'within' : 'over'} the aim of 1 s`
        : '';
    })
    .filter(Boolean);
  const providerTable: Table = {
    headers: ['engine', 'data', 'fact provider', 'median ms', 'min ms', 'max ms'],
    textColumns: 3,
    rows: results.flatMap((r) =>
      r.providers.map((t) => [
        r.engine,
        t.data,
        t.step,
        median(t.runs).toFixed(1),
        Math.min(...t.runs).toFixed(1),
        Math.max(...t.runs).toFixed(1),
      ]),
    ),
  };
  console.log(`\n${consoleTable(table)}\n\n${consoleTable(providerTable)}\n`);
  const t = (r: EngineResult, k: string) => r.year.tally[k] ?? 0;
  const notes = [
    `- ${machineLine()}; load average (1 min) at the start and end of each engine's run: ${loads.join(', ')}. Other work on the machine shared the 2 cores.`,
    ...aim.map((a) => `- ${a}.`),
    ...results.map(
      (r) =>
        `- ${r.engine}: the two-store year (seed ${o.seed}) built through the services in ${r.year.seconds.toFixed(1)} s — ${n0(t(r, 'workorders.reported.CC') + t(r, 'workorders.reported.SY'))} repair requests, ${n0(t(r, 'steps.round'))} patrol rounds walked, ${n0(t(r, 'readings.taken'))} readings, ${n0(t(r, 'steps.hazard'))} hazards, ${n0(t(r, 'maintenance.checklists'))} maintenance checklists, ${n0(t(r, 'jobs.runs'))} job runs; ${n0(r.rows)} rows in the tables a summary reads (with the demo's own), ${r.factsCount} facts; database ${n0(r.dbMiB)} MiB at the end of the run${r.replicated ? ` (with the ${r.replicated.sites} sites and the summaries the runs stored)` : ''}${
          r.dbCpuSeconds === null ? '' : `, PostgreSQL CPU ${r.dbCpuSeconds.toFixed(1)} s over the whole run`
        }.`,
    ),
    ...results
      .filter((r) => r.replicated)
      .map(
        (r) =>
          `- ${r.engine}, ${r.replicated?.sites} sites: 长春店 and 沈阳店 (the generated year and the demo's own records) plus ${(r.replicated?.sites ?? 2) - 2} copies of them made by SQL (\`INSERT … SELECT\` per table, new ids, site, numbers and tokens; same dates, statuses and figures): ${n0(r.replicated?.rows ?? 0)} rows in ${r.replicated?.seconds.toFixed(1)} s, then VACUUM ANALYZE. Every site therefore has a department store's year: each copy's figures equal its original's (checked on the first copies before timing).`,
      ),
    `- Each step: one warm-up, then ${o.runs} runs, timed in this process; the summary is written as the head of department (every site) on ${NOW} for the year ${YEAR}. gatherFacts runs every registered fact provider for the year and for the year before, which is both its previous period and the same period last year, gathered once; compose writes both languages from the facts; the GET and POST go through the app (\`app.inject\`: session, permissions, validation, JSON), the POST also checks the facts add up and stores the summary with its first version. p95 is the nearest rank.`,
  ];
  console.log(notes.join('\n'));
  if (!o.append) return;
  const m = machine();
  appendSection(
    path.join(root, 'bench/RESULTS.md'),
    `annual work summary (issue 9), ${o.engines.join(' + ')}${o.engines.includes('postgres') && o.sites > 2 ? `, ${o.sites} sites on postgres` : ''}, ${m.cpu} × ${m.cores} cores, Node ${m.node}`,
    [
      `\`npx tsx bench/summary.ts --engines ${o.engines.join(',')} --sites ${o.sites} --runs ${o.runs}\``,
      markdownTable(table),
      notes.join('\n'),
      'Where the gathering goes — each fact provider alone, one period (the year), on the largest data of each engine, median of up to 5 runs after a warm-up:',
      markdownTable(providerTable),
    ],
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
