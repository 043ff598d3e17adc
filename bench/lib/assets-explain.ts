import SQLite from 'better-sqlite3';
import { type CompiledQuery, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { assetDtos } from '../../server/src/modules/equipment/assets.dto.js';
import { type AssetFilter, listAssets } from '../../server/src/modules/equipment/assets.repository.js';
import type { Database } from '../../server/src/platform/db/schema.js';
import { percentile } from './assets-http.js';

/**
 * `npx tsx bench/assets.ts --explain`: the queries one asset-list page makes (the
 * repository's list query and the DTOs' look-ups, captured from Kysely's log), each with
 * its plan — `EXPLAIN QUERY PLAN` on SQLite, `EXPLAIN (ANALYZE, BUFFERS)` on PostgreSQL —
 * and its median time over a few runs in this process, so database time can be told
 * apart from HTTP, JSON and the event loop.
 */

interface Target {
  engine: 'sqlite' | 'postgres';
  sqliteFile?: string;
  databaseUrl?: string;
}

export interface ExplainCase {
  name: string;
  filter: AssetFilter;
}

function open(target: Target, log: (q: CompiledQuery) => void) {
  if (target.engine === 'sqlite') {
    const database = new SQLite(target.sqliteFile as string, { readonly: true });
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database }),
      log: (e) => {
        if (e.level === 'query') log(e.query);
      },
    });
    const run = async (sqlText: string, params: readonly unknown[]) => database.prepare(sqlText).all(...(params as unknown[]));
    return { db, run, close: () => db.destroy() };
  }
  const pool = new pg.Pool({ connectionString: target.databaseUrl, max: 2 });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (e) => {
      if (e.level === 'query') log(e.query);
    },
  });
  const run = async (sqlText: string, params: readonly unknown[]) => (await pool.query(sqlText, params as unknown[])).rows;
  return { db, run, close: () => db.destroy() };
}

async function timed(run: () => Promise<unknown>, times: number): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    await run();
    ms.push(performance.now() - t);
  }
  return percentile(ms, 0.5);
}

export async function explainCases(target: Target, orgId: string, cases: ExplainCase[], print: (line: string) => void): Promise<void> {
  let captured: CompiledQuery[] = [];
  const { db, run, close } = open(target, (q) => captured.push(q));
  try {
    for (const c of cases) {
      captured = [];
      const page = await listAssets(db, orgId, 'all', c.filter);
      await assetDtos(db, orgId, page.items);
      const queries = captured;
      print(`\n### ${target.engine}: ${c.name} (${page.items.length} rows${page.nextCursor ? ', more' : ''})`);
      for (const q of queries) {
        const ms = await timed(() => run(q.sql, q.parameters), 5);
        print(`\n-- ${ms.toFixed(2)} ms (median of 5)\n${q.sql}`);
        const plan =
          target.engine === 'sqlite'
            ? ((await run(`explain query plan ${q.sql}`, q.parameters)) as { id: number; parent: number; detail: string }[]).map(
                (r) => `${r.parent ? '  ' : ''}${r.detail}`,
              )
            : ((await run(`explain (analyze, buffers) ${q.sql}`, q.parameters)) as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']);
        print(plan.map((l) => `   ${l}`).join('\n'));
      }
    }
  } finally {
    await close();
  }
}
