import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresDialect,
  type SqliteDatabase,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  sql,
} from 'kysely';
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

/** What the metrics endpoint reports about a database connection, read when asked. */
export type DbStats =
  | { engine: 'postgres'; total: number; idle: number; waiting: number; max: number }
  | { engine: 'sqlite'; fileBytes: number; walBytes: number };

/**
 * Keyed by the Kysely adapter, which a connection creates once and every instance derived
 * from it shares (`withPlugin`, `withSchema`, transactions), so that whoever holds a `db`
 * (AppDeps) can ask without the handle.
 */
const statsOf = new WeakMap<object, () => DbStats>();

/** Pool figures (PostgreSQL) or file sizes (SQLite) of a database opened by this module; null otherwise. */
export function dbStats(db: Kysely<Database>): DbStats | null {
  return statsOf.get(db.getExecutor().adapter)?.() ?? null;
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    // no WAL file between a checkpoint-on-close and the next write
    return 0;
  }
}

export function connect(opts: { databaseUrl: string | null; dataDir: string; poolSize?: number }): DbHandle {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // The work-order row query joins 8 tables; at the default join_collapse_limit (8)
    // PostgreSQL searches every join order and spent 75–190 ms planning a 0.4 ms query,
    // on every execution. Its joins are primary-key lookups written in the right order,
    // so 4 loses nothing (bench/README.md, issue 5). Queued before the pool hands the
    // new connection out, so it runs first.
    pool.on('connect', (client) => {
      client.query('set join_collapse_limit = 4').catch(() => {
        // a connection that cannot take the setting fails its first real query visibly
      });
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const max = opts.poolSize ?? 10;
    statsOf.set(db.getExecutor().adapter, () => ({
      engine: 'postgres',
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
      max,
    }));
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
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(database) }) });
  statsOf.set(db.getExecutor().adapter, () => ({ engine: 'sqlite', fileBytes: fileSize(file), walBytes: fileSize(`${file}-wal`) }));
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

/**
 * Transactions take SQLite's write lock when they begin (`begin immediate`) instead of at
 * their first write. With a deferred `begin`, a transaction that reads and then writes
 * while another process (a second server on the same file, `npm run backup`) has written
 * in between cannot upgrade its stale snapshot and fails at once with SQLITE_BUSY;
 * taking the lock first makes it wait (busy_timeout) and then see current data. Within
 * one process nothing changes: Kysely already runs one transaction at a time on the
 * single connection.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
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
