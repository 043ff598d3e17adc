import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../server/src/config.js';
import { ensureOrganization } from '../../server/src/modules/setup/bootstrap.js';
import { systemClock } from '../../server/src/platform/context.js';
import { connect } from '../../server/src/platform/db/connect.js';
import { migrateToLatest } from '../../server/src/platform/db/migrate.js';
import type { PgCluster } from '../../server/test/pg-cluster.js';
import { type CustomSize, DATASET_SIZES, type DatasetSize, type DatasetSummary, GENERATED_KEY, generateDataset } from './gen/index.js';

/**
 * The database a benchmark server starts on, prepared in the benchmark process before
 * any server runs: migrate, the demo organisation (as the server's first start makes
 * it), then the generated dataset (bench/lib/gen) — so the server's start-up is the
 * ordinary one on an existing organisation.
 */
export type Engine = 'sqlite' | 'postgres';

/** `demo` = the demo organisation only; `SxDxO` = S sites, D days, O orders per site and day */
export type SizeOption = DatasetSize | CustomSize | 'demo';

export function parseSize(raw: string): SizeOption {
  if (raw === 'demo' || (DATASET_SIZES as readonly string[]).includes(raw)) return raw as SizeOption;
  const custom = raw.match(/^(\d+)x(\d+)x(\d+)$/);
  if (custom) return { sites: Number(custom[1]), days: Number(custom[2]), ordersPerSiteDay: Number(custom[3]) };
  throw new Error(`size must be demo, ${DATASET_SIZES.join(', ')} or SITESxDAYSxORDERS (e.g. 2x90x30), got "${raw}"`);
}

export function sizeLabel(size: SizeOption): string {
  return typeof size === 'string' ? size : `${size.sites} sites × ${size.days} days × ${size.ordersPerSiteDay} orders/site/day`;
}

export interface PreparedDb {
  engine: Engine;
  /** SQLite: the data folder holding houqin.db, given to the server as DATA_DIR */
  dataDir: string | null;
  /** PostgreSQL: the database, given to the server as DATABASE_URL */
  databaseUrl: string | null;
  /** null for `demo` */
  summary: DatasetSummary | null;
  /** preparation time (migrate, organisation, generation), in seconds */
  seconds: number;
  /** prepared earlier and given by BENCH_DATA_SQLITE / BENCH_DATA_POSTGRES: left in place */
  reused: boolean;
  /** reused: what the generator recorded in it (app_meta `bench.generated`), if anything */
  generated: string | null;
  remove(): Promise<void>;
}

let databases = 0;

/**
 * A database prepared earlier (a generated 'million' takes long): BENCH_DATA_SQLITE = a data
 * folder holding houqin.db, BENCH_DATA_POSTGRES = a database URL. Used as it is and left in place.
 */
export async function reusedDatabase(engine: Engine): Promise<PreparedDb | null> {
  const given = engine === 'sqlite' ? process.env.BENCH_DATA_SQLITE : process.env.BENCH_DATA_POSTGRES;
  if (!given) return null;
  if (engine === 'sqlite' && !fs.existsSync(path.join(given, 'houqin.db'))) throw new Error(`BENCH_DATA_SQLITE: no houqin.db in ${given}`);
  const dataDir = engine === 'sqlite' ? given : null;
  const databaseUrl = engine === 'postgres' ? given : null;
  const handle = connect({ databaseUrl, dataDir: dataDir ?? os.tmpdir() });
  let generated: string | null = null;
  try {
    const row = await handle.db.selectFrom('app_meta').select('value').where('key', '=', GENERATED_KEY).executeTakeFirst();
    if (row) {
      const g = JSON.parse(row.value) as { size: unknown; seed: number; now: string; workOrders: number; totalRows: number };
      generated = `${typeof g.size === 'string' ? g.size : JSON.stringify(g.size)} (seed ${g.seed}): ${g.workOrders.toLocaleString('en')} work orders, ${g.totalRows.toLocaleString('en')} rows, generated up to ${g.now.slice(0, 10)}`;
    }
  } finally {
    await handle.close();
  }
  return { engine, dataDir, databaseUrl, summary: null, seconds: 0, reused: true, generated, remove: async () => undefined };
}

export async function prepareDatabase(
  engine: Engine,
  size: SizeOption,
  cluster: PgCluster | null,
  log: (line: string) => void = () => undefined,
): Promise<PreparedDb> {
  const reused = await reusedDatabase(engine);
  if (reused) return reused;
  const started = performance.now();
  let dataDir: string | null = null;
  let databaseUrl: string | null = null;
  let remove: () => Promise<void>;
  if (engine === 'postgres') {
    if (!cluster) throw new Error('PostgreSQL needs a cluster');
    const name = `bench_mixed_${process.pid}_${++databases}`;
    const admin = new pg.Client({ connectionString: `${cluster.url}/postgres` });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    databaseUrl = `${cluster.url}/${name}`;
    remove = async () => {
      const c = new pg.Client({ connectionString: `${cluster.url}/postgres` });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'houqin-bench-mixed-'));
    dataDir = dir;
    remove = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  const handle = connect({ databaseUrl, dataDir: dataDir ?? os.tmpdir() });
  let summary: DatasetSummary | null = null;
  try {
    await migrateToLatest(handle.db);
    const config = loadConfig({ DATA_DIR: dataDir ?? os.tmpdir(), DATABASE_URL: databaseUrl ?? '', HOUQIN_DEMO: '1' });
    await ensureOrganization(handle.db, config, systemClock);
    if (size !== 'demo') summary = await generateDataset(handle.db, { size, log });
  } catch (err) {
    await handle.close();
    await remove();
    throw err;
  }
  await handle.close();
  return { engine, dataDir, databaseUrl, summary, seconds: (performance.now() - started) / 1000, reused: false, generated: null, remove };
}
