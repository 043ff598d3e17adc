import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../src/config.js';
import { ensureOrganization } from '../src/modules/setup/bootstrap.js';
import { connect, connectSqlite } from '../src/platform/db/connect.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';

/**
 * vitest globalSetup of the integration projects: migrates and bootstraps two template
 * databases once per run — the demo organisation and an empty one — so that each test app
 * starts from a copy (a file copy on SQLite, `create database … template` on PostgreSQL)
 * instead of running every migration and the demo seed again, which cost about 1.5 s per
 * test app on a busy machine. The templates are built at the harness clock's epoch
 * (TEST_EPOCH), exactly as `createTestApp` would have built them.
 *
 * In the postgres project this runs after pg-global.ts, whose cluster it uses.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    /** SQLite: template file paths; PostgreSQL: template database names */
    dbTemplates: { demo: string; empty: string };
  }
}

/** TestClock's default instant: the templates' demo data is dated from it. */
export const TEST_EPOCH = '2026-03-15T02:00:00.000Z';

const clock = { now: () => new Date(TEST_EPOCH) };

export async function setup(project: TestProject): Promise<() => void> {
  const engine = project.config.env?.HOUQIN_TEST_ENGINE ?? 'sqlite';
  if (engine === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'houqin-templates-'));
    const files = { demo: path.join(dir, 'demo.db'), empty: path.join(dir, 'empty.db') };
    for (const [kind, file] of Object.entries(files)) {
      const handle = connectSqlite(file);
      await bootstrap(handle.db, dir, kind === 'demo');
      // fold the WAL into the main file: a test copies only that one
      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(handle.db);
      await handle.close();
    }
    project.provide('dbTemplates', files);
    return () => fs.rmSync(dir, { recursive: true, force: true });
  }
  const base = process.env.HOUQIN_TEST_PG_URL;
  if (!base) throw new Error('HOUQIN_TEST_PG_URL is not set: pg-global.ts must run before db-templates.ts');
  const names = { demo: 'houqin_template_demo', empty: 'houqin_template_empty' };
  const admin = new pg.Client({ connectionString: `${base}/postgres` });
  await admin.connect();
  try {
    for (const [kind, name] of Object.entries(names)) {
      await admin.query(`drop database if exists ${name}`);
      await admin.query(`create database ${name}`);
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'houqin-template-'));
      const handle = connect({ databaseUrl: `${base}/${name}`, dataDir, poolSize: 2 });
      try {
        await bootstrap(handle.db, dataDir, kind === 'demo');
      } finally {
        await handle.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    await admin.end();
  }
  project.provide('dbTemplates', names);
  // the cluster is thrown away by pg-global.ts's teardown
  return () => {};
}

async function bootstrap(db: Parameters<typeof migrateToLatest>[0], dataDir: string, demo: boolean): Promise<void> {
  await migrateToLatest(db);
  await ensureOrganization(db, loadConfig({ DATA_DIR: dataDir, HOUQIN_DEMO: demo ? '1' : '0' }), clock);
}
