import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../server/src/config.js';
import { ensureOrganization } from '../server/src/modules/setup/bootstrap.js';
import { systemClock } from '../server/src/platform/context.js';
import { connect } from '../server/src/platform/db/connect.js';
import { migrateToLatest } from '../server/src/platform/db/migrate.js';
import { type CustomSize, DATASET_SIZES, type DatasetSize, type DatasetSummary, DEFAULT_SEED, generateDataset } from './lib/gen/index.js';

/**
 * `npx tsx bench/generate.ts --size two-stores-year [--seed N] [--now ISO] (--data-dir DIR | --database-url postgres://…)`
 *
 * Migrates the database, creates the demo organisation when it is empty (the functions
 * the server runs at start-up), generates the dataset and prints what it wrote. Then
 * `DATA_DIR=DIR node --import tsx server/src/main.ts` (or DATABASE_URL=…) serves it.
 * A custom size: `--sites N --days N --per-day N` instead of `--size`.
 */
function usage(message?: string): never {
  if (message) console.error(message);
  console.error(
    [
      'usage: npx tsx bench/generate.ts --size <size> [--seed N] [--now ISO] (--data-dir DIR | --database-url postgres://…)',
      `       sizes: ${DATASET_SIZES.join(', ')}; or --sites N --days N --per-day N`,
    ].join('\n'),
  );
  process.exit(2);
}

function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) usage(`unexpected argument ${arg}`);
    const [key, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    const value = inline ?? argv[++i];
    if (value === undefined) usage(`--${key} needs a value`);
    out[key] = value;
  }
  return out;
}

const positive = (args: Record<string, string>, key: string): number => {
  const n = Number(args[key]);
  if (!Number.isFinite(n) || n <= 0) usage(`--${key} must be a positive number`);
  return n;
};

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  let size: DatasetSize | CustomSize;
  if (args.size) {
    if (!DATASET_SIZES.includes(args.size as DatasetSize)) usage(`unknown size ${args.size}`);
    size = args.size as DatasetSize;
  } else if (args.sites) {
    size = {
      sites: Math.round(positive(args, 'sites')),
      days: Math.round(positive(args, 'days')),
      ordersPerSiteDay: positive(args, 'per-day'),
    };
  } else usage('--size (or --sites/--days/--per-day) is required');
  const databaseUrl = args['database-url'] ?? null;
  const dataDir = args['data-dir'] ? path.resolve(args['data-dir']) : null;
  if (!databaseUrl === !dataDir) usage('give exactly one of --data-dir and --database-url');
  const seed = args.seed ? Number(args.seed) : DEFAULT_SEED;
  if (!Number.isInteger(seed)) usage('--seed must be an integer');
  const now = args.now ? new Date(args.now) : new Date();
  if (Number.isNaN(now.getTime())) usage('--now must be an ISO time');

  const env = { ...process.env, HOUQIN_DEMO: '1', DATA_DIR: dataDir ?? '', DATABASE_URL: databaseUrl ?? '' };
  const config = loadConfig(env);
  const { db, engine, close } = connect({ databaseUrl, dataDir: dataDir ?? config.dataDir });
  const t0 = performance.now();
  try {
    await migrateToLatest(db);
    console.log(`${engine}: ${await ensureOrganization(db, config, systemClock)} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    const summary = await generateDataset(db, {
      size,
      seed,
      now,
      log: (line) => console.log(`  ${line}`),
    });
    const bytes =
      engine === 'postgres'
        ? Number((await sql<{ n: string }>`select pg_database_size(current_database()) as n`.execute(db)).rows[0]?.n ?? 0)
        : fs.statSync(path.join(dataDir as string, 'houqin.db')).size;
    print(summary, engine, bytes);
  } finally {
    await close();
  }
}

function print(s: DatasetSummary, engine: string, bytes: number): void {
  const n = (v: number) => v.toLocaleString('en-US');
  console.log(`\n${s.size} (seed ${s.seed}) on ${engine}: ${s.from.slice(0, 10)} → ${s.now.slice(0, 16)}Z, ${s.sites} sites`);
  const width = Math.max(...Object.keys(s.byTable).map((t) => t.length));
  for (const [table, rows] of Object.entries(s.byTable).sort((a, b) => b[1] - a[1]))
    console.log(`  ${table.padEnd(width)}  ${n(rows).padStart(12)}`);
  console.log(`  ${'total'.padEnd(width)}  ${n(s.totalRows).padStart(12)}`);
  console.log(
    `  orders by status: ${Object.entries(s.byStatus)
      .map(([k, v]) => `${k} ${n(v)}`)
      .join(', ')}`,
  );
  console.log(`  ratings: ${n(s.ratings)}; demo users given their city's new sites: ${s.sharedUsers.join(', ') || 'none'}`);
  console.log(`  ${s.seconds} s, ${n(s.rowsPerSecond)} rows/s, database ${(bytes / 1024 / 1024).toFixed(0)} MiB`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
