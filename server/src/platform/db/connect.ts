import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, type SqliteDatabase, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Engine } from './dialect.js';
import type { Database } from './schema.js';

// PostgreSQL returns timestamptz as Date and bigint as string; normalise both so rows
// look the same on either engine (ISO strings and numbers).
pg.types.setTypeParser(1184, (v) => new Date(v).toISOString());
pg.types.setTypeParser(1114, (v) => new Date(`${v}Z`).toISOString());
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export interface DbHandle {
  db: Kysely<Database>;
  engine: Engine;
  close(): Promise<void>;
}

export function connect(opts: { databaseUrl: string | null; dataDir: string; poolSize?: number }): DbHandle {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', close: () => db.destroy() };
  }
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const file = path.join(opts.dataDir, 'houqin.db');
  return connectSqlite(file);
}

/**
 * A 32 MiB page cache (negative = KiB; the default is 2 MiB) keeps the hot part of a
 * million-row database in memory, and temporary sort b-trees stay in RAM. No mmap:
 * mapped pages count towards the process's resident memory, which is a budget.
 */
const SQLITE_PRAGMAS = [
  'journal_mode = WAL',
  'synchronous = NORMAL',
  'foreign_keys = ON',
  'busy_timeout = 5000',
  'cache_size = -32768',
  'temp_store = MEMORY',
];

/** How often a long-running server refreshes SQLite's planner statistics. */
const OPTIMIZE_EVERY_MS = 60 * 60_000;

/**
 * SQLite plans by table statistics when it has them and by fixed guesses when it does
 * not; the guesses take any `org_id = ?` index for selective, so `org_id = ? and id in
 * (six or more ids)` walked the organisation's every row instead of the primary key.
 * `pragma optimize` (bounded work, only tables whose size changed a lot) gathers them:
 * at open, hourly, and at close, as SQLite recommends for long-lived connections.
 */
export function connectSqlite(file: string): DbHandle {
  const database = new SQLite(file);
  for (const pragma of SQLITE_PRAGMAS) database.pragma(pragma);
  database.pragma('optimize = 0x10002');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  // through Kysely, so that it queues behind (never inside) a transaction in progress
  const optimize = () => sql`pragma optimize`.execute(db);
  const timer = setInterval(() => {
    optimize().catch(() => {
      // statistics are an optimisation: a busy or closing database just skips this round
    });
  }, OPTIMIZE_EVERY_MS);
  timer.unref();
  return {
    db,
    engine: 'sqlite',
    close: async () => {
      clearInterval(timer);
      await optimize();
      await db.destroy();
    },
  };
}

/** Distinct SQL texts kept prepared; `in (…)` lists of every length make the set open-ended. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver prepares every query afresh, and preparing costs more than
 * running the small indexed queries a request makes. Prepared statements are reusable
 * (and re-prepared by SQLite itself after a schema change), so the same SQL text gets
 * the same statement back, least recently used ones dropped beyond the cap. Safe
 * because the driver runs one query at a time on its single connection.
 */
export function withStatementCache(database: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      cache.clear();
      database.close();
    },
    prepare(sqlText: string) {
      let stmt = cache.get(sqlText);
      if (stmt) {
        // refresh its place in the insertion order the eviction walks
        cache.delete(sqlText);
      } else {
        stmt = database.prepare(sqlText);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sqlText, stmt);
      return stmt;
    },
  };
}
