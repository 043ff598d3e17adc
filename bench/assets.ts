import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../server/src/config.js';
import type { AssetFilter } from '../server/src/modules/equipment/assets.repository.js';
import type { AssetStatus } from '../server/src/modules/equipment/schema.js';
import { ensureOrganization } from '../server/src/modules/setup/bootstrap.js';
import { type Db, systemClock } from '../server/src/platform/context.js';
import { connect, connectSqlite, type DbHandle } from '../server/src/platform/db/connect.js';
import { migrateToLatest } from '../server/src/platform/db/migrate.js';
import { subtreeRange } from '../server/src/platform/tree.js';
import { type PgCluster, startPgCluster } from '../server/test/pg-cluster.js';
import { type AssetDataSummary, assetsUnder, type BenchLocation, generateAssetData } from './lib/assets-data.js';
import { explainCases } from './lib/assets-explain.js';
import { Client, type Houqin, load, percentile, signIn, startHouqin } from './lib/assets-http.js';
import { positiveInt } from './lib/load.js';
import { machine } from './lib/report.js';

/**
 * `npx tsx bench/assets.ts`: the asset list (GET /api/v1/assets) filtered by a location
 * subtree over 100,000 assets, on SQLite and on PostgreSQL, through Houqin's own server
 * on 127.0.0.1 signed in as the demo admin. Prints p50/p95/p99 and req/s per scenario
 * and appends the table to bench/RESULTS.md. `--explain` prints the query plans instead
 * of measuring. See bench/README.md.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ENGINES = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',').map((e) => e.trim()) as ('sqlite' | 'postgres')[];
const ASSETS = positiveInt('BENCH_ASSETS', 100_000);
const SEED = positiveInt('BENCH_SEED', 20_261_126);
const SECONDS = positiveInt('BENCH_DURATION', 5);
const CONNECTIONS = positiveInt('BENCH_CONNECTIONS', 4);
const APPEND = process.env.BENCH_APPEND !== '0';
/** 0: leave the planner statistics to the server (SQLite's `pragma optimize` at open, PostgreSQL's autovacuum) */
const ANALYZE = process.env.BENCH_ANALYZE !== '0';
const EXPLAIN = process.argv.includes('--explain');
const WATCHDOG_MS = 20 * 60_000;
/** the list's page size in every scenario */
const LIMIT = 50;
/** what to stop if the run is cut short (watchdog, Ctrl-C): the server child and the PostgreSQL cluster */
const running = new Set<() => unknown>();
async function stopRunning(): Promise<void> {
  for (const stop of [...running].reverse()) await Promise.resolve(stop()).catch(() => undefined);
  running.clear();
}

interface Scenario {
  name: string;
  root: BenchLocation;
  /** category code: the category and its subcategories */
  category?: string;
  status?: AssetStatus[];
  /** 1 = first page; n = the page reached by following nextCursor n − 1 times */
  page: number;
}

/** Subtree roots like the ones people pick: a whole building, a floor of ~3,000 assets, a room of ~50. */
function scenarios(data: AssetDataSummary): Scenario[] {
  const closest = (locs: BenchLocation[], want: number) =>
    [...locs].sort((a, b) => Math.abs(assetsUnder(data, a) - want) - Math.abs(assetsUnder(data, b) - want))[0] as BenchLocation;
  const cc = data.stores[0]?.siteId;
  const building = data.buildings.find((b) => b.siteId === cc) as BenchLocation;
  const floor = closest(
    data.floors.filter((f) => f.siteId === cc),
    3000,
  );
  const room = closest(
    data.rooms.filter((r) => r.siteId === cc),
    50,
  );
  return [
    { name: 'building, page 1', root: building, page: 1 },
    { name: 'building, page 10', root: building, page: 10 },
    { name: 'floor, page 1', root: floor, page: 1 },
    { name: 'floor, page 10', root: floor, page: 10 },
    { name: 'room, page 1', root: room, page: 1 },
    { name: 'building + category fire (subtree)', root: building, category: 'fire', page: 1 },
    { name: 'building + category fire, page 5', root: building, category: 'fire', page: 5 },
    { name: 'floor + category hvac', root: floor, category: 'hvac', page: 1 },
    { name: 'building + status under_repair', root: building, status: ['under_repair'], page: 1 },
    { name: 'building + fire + under_repair, disabled', root: building, category: 'fire', status: ['under_repair', 'disabled'], page: 1 },
    { name: 'floor + status scrapped', root: floor, status: ['scrapped'], page: 1 },
  ];
}

interface Resolved extends Scenario {
  url: string;
  /** assets matching the filter (counted in the database) */
  matching: number;
}

/** How many assets a scenario's filter matches, counted straight in the database. */
async function countMatching(db: Db, s: Scenario, categories: Prepared['categories']): Promise<number> {
  const { from, to } = subtreeRange(s.root.path);
  let q = db
    .selectFrom('assets as a')
    .innerJoin('locations as l', 'l.id', 'a.location_id')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('l.site_id', '=', s.root.siteId)
    .where('l.path', '>=', from)
    .where('l.path', '<', to);
  if (s.category) {
    const range = subtreeRange(categories.get(s.category)?.path as string);
    q = q.innerJoin('asset_categories as c', 'c.id', 'a.category_id').where('c.path', '>=', range.from).where('c.path', '<', range.to);
  }
  if (s.status) q = q.where('a.status', 'in', s.status);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

function baseQuery(s: Scenario, categories: Prepared['categories']): string {
  const params = new URLSearchParams({ siteId: s.root.siteId, locationId: s.root.id, under: '1', limit: String(LIMIT) });
  if (s.category) params.set('categoryId', categories.get(s.category)?.id as string);
  for (const st of s.status ?? []) params.append('status', st);
  return `/api/v1/assets?${params}`;
}

interface ListItem {
  code: string;
  locationCode: string | null;
  status: string;
  categoryCode: string;
}
type ListPage = { items: ListItem[]; nextCursor: string | null };

/** Follows nextCursor to the scenario's page, checking every answer on the way. */
async function resolveUrl(client: Client, s: Scenario, base: string, matching: number, categoryCodes: Set<string>): Promise<string> {
  let url = base;
  for (let page = 1; ; page++) {
    const body = await client.json<ListPage>(url);
    const expected = Math.max(0, Math.min(LIMIT, matching - (page - 1) * LIMIT));
    if (body.items.length !== expected) throw new Error(`${s.name}: page ${page} listed ${body.items.length}, expected ${expected}`);
    for (const item of body.items) {
      const inside = item.locationCode === s.root.code || item.locationCode?.startsWith(`${s.root.code}-`);
      const statusOk = !s.status || s.status.includes(item.status as AssetStatus);
      const categoryOk = !s.category || categoryCodes.has(item.categoryCode);
      if (!inside || !statusOk || !categoryOk) throw new Error(`${s.name}: ${item.code} does not match the filter`);
    }
    if (page === s.page) return url;
    if (!body.nextCursor) throw new Error(`${s.name}: no page ${page + 1} (${matching} matching)`);
    url = `${base}&cursor=${encodeURIComponent(body.nextCursor)}`;
  }
}

export interface Row {
  engine: string;
  scenario: string;
  matching: number;
  p50: number;
  p95: number;
  p99: number;
  reqPerSec: number;
  loadP95: number;
  cpuMsPerReq: number;
  failures: number;
}

async function measure(server: Houqin, headers: Record<string, string>, engine: string, list: Resolved[]): Promise<Row[]> {
  const client = new Client(server.baseUrl, headers, CONNECTIONS);
  const rows: Row[] = [];
  try {
    // every scenario once warm, so that none pays for the JIT or a cold page cache alone
    await load(
      client,
      list.map((s) => s.url),
      1,
      60,
      list.length * 5,
    );
    for (const s of list) {
      process.stdout.write(`  ${engine.padEnd(8)} ${s.name.padEnd(42)} `);
      const single = await load(client, [s.url], 1, SECONDS, 2000);
      const cpuBefore = server.cpuSeconds();
      const busy = await load(client, [s.url], CONNECTIONS, SECONDS);
      const cpu = server.cpuSeconds() - cpuBefore;
      const row: Row = {
        engine,
        scenario: s.name,
        matching: s.matching,
        p50: percentile(single.latencies, 0.5),
        p95: percentile(single.latencies, 0.95),
        p99: percentile(single.latencies, 0.99),
        reqPerSec: busy.latencies.length / busy.seconds,
        loadP95: percentile(busy.latencies, 0.95),
        cpuMsPerReq: busy.latencies.length ? (cpu * 1000) / busy.latencies.length : Number.NaN,
        failures: single.failures + busy.failures,
      };
      rows.push(row);
      console.log(`p95 ${row.p95.toFixed(1)} ms, ${row.reqPerSec.toFixed(0)} req/s${row.failures ? `, ${row.failures} failed` : ''}`);
    }
  } finally {
    client.close();
  }
  return rows;
}

interface Prepared {
  dataDir: string;
  databaseUrl: string | null;
  data: AssetDataSummary;
  orgId: string;
  list: Scenario[];
  counts: Map<Scenario, number>;
  /** category code → id and materialised path */
  categories: Map<string, { id: string; path: string }>;
  loadNote: string;
}

/** A fresh database with the demo organisation and the bench data, analysed, its connection closed. */
async function prepare(engine: 'sqlite' | 'postgres', cluster: PgCluster | null): Promise<Prepared> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `houqin-bench-assets-${engine}-`));
  let databaseUrl: string | null = null;
  let handle: DbHandle;
  if (engine === 'postgres') {
    if (!cluster) throw new Error('no PostgreSQL cluster');
    const admin = new pg.Client({ connectionString: `${cluster.url}/postgres` });
    await admin.connect();
    await admin.query('create database bench_assets');
    await admin.end();
    databaseUrl = `${cluster.url}/bench_assets`;
    handle = connect({ databaseUrl, dataDir, poolSize: 4 });
  } else handle = connectSqlite(path.join(dataDir, 'houqin.db'));
  try {
    const { db } = handle;
    await migrateToLatest(db);
    await ensureOrganization(db, loadConfig({ DATA_DIR: dataDir, HOUQIN_DEMO: '1' }), systemClock);
    const data = await generateAssetData(db, { assets: ASSETS, seed: SEED, log: (l) => console.log(`  ${engine}: ${l}`) });
    const analyzeStarted = performance.now();
    if (ANALYZE) await sql`analyze`.execute(db);
    const analyzeMs = performance.now() - analyzeStarted;
    const loaded = `${data.locations} locations and ${data.assets} assets (+ QR codes) loaded in ${(data.loadMs / 1000).toFixed(1)} s`;
    const loadNote = `${loaded}, ${ANALYZE ? `ANALYZE ${(analyzeMs / 1000).toFixed(1)} s` : 'no ANALYZE'}`;
    console.log(`  ${engine}: ${loadNote}`);
    const list = scenarios(data);
    const cats = await db.selectFrom('asset_categories').select(['id', 'code', 'path']).execute();
    const orgId = (await db.selectFrom('organizations').select('id').executeTakeFirstOrThrow()).id;
    const categories = new Map(cats.map((c) => [c.code, c]));
    const counts = new Map<Scenario, number>();
    for (const s of list) counts.set(s, await countMatching(db, s, categories));
    return { dataDir, databaseUrl, data, orgId, list, counts, categories, loadNote };
  } finally {
    await handle.close();
  }
}

function explainFilter(s: Scenario, p: Prepared, cursor: string | undefined): AssetFilter {
  return {
    locationUnder: { site_id: s.root.siteId, path: s.root.path },
    ...(s.category && { categoryUnder: { org_id: p.orgId, path: p.categories.get(s.category)?.path as string } }),
    ...(s.status && { status: s.status }),
    ...(cursor && { cursor }),
    limit: LIMIT,
  };
}

async function runEngine(engine: 'sqlite' | 'postgres', cluster: PgCluster | null): Promise<{ rows: Row[]; note: string }> {
  console.log(`\n${engine}: preparing ${ASSETS} assets`);
  const p = await prepare(engine, cluster);
  let server: Houqin | null = null;
  try {
    server = await startHouqin(root, { dataDir: p.dataDir, databaseUrl: p.databaseUrl });
    running.add(server.stop);
    const headers = await signIn(server.baseUrl, 'admin');
    const probe = new Client(server.baseUrl, headers, 1);
    const resolved: Resolved[] = [];
    for (const s of p.list) {
      const matching = p.counts.get(s) ?? 0;
      if ((s.page - 1) * LIMIT >= matching) {
        console.log(`  ${engine}: skipping "${s.name}": ${matching} matching assets make no page ${s.page}`);
        continue;
      }
      const catPath = s.category ? p.categories.get(s.category)?.path : undefined;
      const codes = new Set([...p.categories].filter(([, c]) => catPath && c.path.startsWith(catPath)).map(([code]) => code));
      resolved.push({ ...s, matching, url: await resolveUrl(probe, s, baseQuery(s, p.categories), matching, codes) });
    }
    probe.close();
    if (EXPLAIN) {
      running.delete(server.stop);
      await server.stop();
      server = null;
      const cases = resolved.map((s) => {
        const cursor = new URL(s.url, 'http://x').searchParams.get('cursor') ?? undefined;
        return { name: `${s.name} — ${s.matching} matching`, filter: explainFilter(s, p, cursor) };
      });
      await explainCases(
        { engine, sqliteFile: path.join(p.dataDir, 'houqin.db'), ...(p.databaseUrl && { databaseUrl: p.databaseUrl }) },
        p.orgId,
        cases,
        console.log,
      );
      return { rows: [], note: p.loadNote };
    }
    return { rows: await measure(server, headers, engine, resolved), note: p.loadNote };
  } finally {
    if (server) {
      running.delete(server.stop);
      await server.stop();
    }
    fs.rmSync(p.dataDir, { recursive: true, force: true });
  }
}

const ms = (v: number) => (Number.isNaN(v) ? 'n/a' : v.toFixed(1));
const HEADERS = [
  'engine',
  'scenario',
  'matching',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  `req/s (${CONNECTIONS} conn.)`,
  `p95 ms (${CONNECTIONS} conn.)`,
  'server CPU ms/req',
  'failed',
];

function cells(r: Row): string[] {
  return [
    r.engine,
    r.scenario,
    String(r.matching),
    ms(r.p50),
    ms(r.p95),
    ms(r.p99),
    r.reqPerSec.toFixed(0),
    ms(r.loadP95),
    r.cpuMsPerReq.toFixed(2),
    String(r.failures),
  ];
}

/** Padded as Biome formats Markdown tables: text columns left-aligned, figures right-aligned. */
function markdown(rows: Row[]): string {
  const body = rows.map(cells);
  const widths = HEADERS.map((h, i) => Math.max(3, h.length, ...body.map((r) => (r[i] ?? '').length)));
  const left = (i: number) => i < 2;
  const line = (c: string[]) =>
    `| ${c.map((v, i) => (left(i) ? v.padEnd(widths[i] as number) : v.padStart(widths[i] as number))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (left(i) ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [line(HEADERS), rule, ...body.map(line)].join('\n');
}

async function main(): Promise<void> {
  const m = machine();
  const [load1] = os.loadavg();
  console.log(`Houqin asset-list benchmark — ${m.cpu} × ${m.cores} cores, Node ${m.node}, load average ${load1?.toFixed(2)}`);
  console.log(`${ASSETS} assets, seed ${SEED}; per scenario ${SECONDS} s on 1 connection, then ${SECONDS} s on ${CONNECTIONS}`);
  const cluster = ENGINES.includes('postgres') ? await startPgCluster() : null;
  if (cluster) running.add(cluster.stop);
  const rows: Row[] = [];
  const notes: string[] = [];
  try {
    for (const engine of ENGINES) {
      const result = await runEngine(engine, cluster);
      rows.push(...result.rows);
      notes.push(`${engine}: ${result.note}.`);
    }
  } finally {
    if (cluster) {
      running.delete(cluster.stop);
      cluster.stop();
    }
  }
  if (EXPLAIN) return;
  const table = markdown(rows);
  console.log(`\n${table}\n`);
  const failed = rows.filter((r) => r.failures > 0);
  if (failed.length) process.exitCode = 1;
  if (!APPEND) return;
  const section = [
    '',
    `## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — asset list, ${ASSETS} assets, ${ENGINES.join(' + ')}, Node ${m.node}, ${m.cpu} × ${m.cores} cores`,
    '',
    `\`npx tsx bench/assets.ts\`: per scenario ${SECONDS} s on one connection (p50/p95/p99), then ${SECONDS} s on ${CONNECTIONS} connections (req/s, p95 under load); ${m.os}; load average at the start ${load1?.toFixed(2)}.`,
    '',
    table,
    '',
    ...notes.map((n) => `- ${n}`),
    `- GET /api/v1/assets?siteId=…&locationId=…&under=1&limit=${LIMIT} (+ categoryId, status) signed in as admin, through server/src/main.ts on 127.0.0.1; "matching" is the number of assets the filter selects; page n is reached by following nextCursor.`,
    '',
  ].join('\n');
  fs.appendFileSync(path.join(root, 'bench/RESULTS.md'), section);
  console.log('appended to bench/RESULTS.md');
}

const watchdog = setTimeout(() => {
  console.error(`asset benchmark still running after ${WATCHDOG_MS / 60_000} min: stopping it`);
  void stopRunning().finally(() => process.exit(2));
}, WATCHDOG_MS);
watchdog.unref();

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void stopRunning().finally(() => process.exit(130));
  });
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => clearTimeout(watchdog));
