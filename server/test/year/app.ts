import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { ensureOrganization } from '../../src/modules/setup/bootstrap.js';
import type { Db } from '../../src/platform/context.js';
import { connect, connectSqlite } from '../../src/platform/db/connect.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { localStore } from '../../src/platform/files/store.js';
import { createNotifier } from '../../src/platform/notify/notifier.js';
import type { SettableClock } from './timeline.js';

/**
 * An app for the year generator outside vitest (the benchmark): a fresh database on either
 * engine, migrated, with the demo organisation created as on a first start at `epoch` —
 * the instant the test templates use, so the demo's own records fall where the test's do
 * — and the app built as in production without the web bundle, on a clock the generator
 * moves. The tests use server/test/harness.ts's createTestApp instead.
 */

export class YearClock implements SettableClock {
  constructor(private t: Date) {}
  now(): Date {
    return new Date(this.t);
  }
  set(iso: string): void {
    this.t = new Date(iso);
  }
}

/** the test harness's clock epoch (server/test/db-templates.ts): the demo data is dated from it */
export const DEMO_EPOCH = '2026-03-15T02:00:00.000Z';

export interface YearApp {
  app: FastifyInstance;
  db: Db;
  clock: YearClock;
  dataDir: string;
  close(): Promise<void>;
}

export async function openYearApp(opts: { databaseUrl?: string | null; dataDir?: string }): Promise<YearApp> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'houqin-year-'));
  const handle = opts.databaseUrl
    ? connect({ databaseUrl: opts.databaseUrl, dataDir, poolSize: 5 })
    : connectSqlite(path.join(dataDir, 'houqin.db'));
  const clock = new YearClock(new Date(DEMO_EPOCH));
  const config = loadConfig({ DATA_DIR: dataDir, HOUQIN_DEMO: '1', LOG_LEVEL: 'warn' });
  await migrateToLatest(handle.db);
  await ensureOrganization(handle.db, config, clock);
  const app = await buildApp(
    {
      db: handle.db,
      engine: handle.engine,
      config,
      clock,
      files: localStore(path.join(dataDir, 'files')),
      notifier: createNotifier([], () => clock.now()),
    },
    { webDir: null },
  );
  await app.ready();
  return {
    app,
    db: handle.db,
    clock,
    dataDir,
    async close() {
      await app.close();
      await handle.close();
      if (!opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
