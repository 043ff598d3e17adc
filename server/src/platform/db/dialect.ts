import { type Expression, type ExpressionBuilder, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from './schema.js';

/**
 * Every engine-specific SQL fragment lives here, so modules never branch on the engine.
 */
export type Engine = 'sqlite' | 'postgres';

export function engineOf(db: Kysely<Database>): Engine {
  const adapter = db.getExecutor().adapter.constructor.name;
  return adapter.startsWith('Postgres') ? 'postgres' : 'sqlite';
}

/** Case-insensitive "contains" (ILIKE on PostgreSQL; SQLite LIKE is already case-insensitive for ASCII). */
export function containsOp(db: Kysely<Database>): 'ilike' | 'like' {
  return engineOf(db) === 'postgres' ? 'ilike' : 'like';
}

/** Escape LIKE wildcards in user input; use with `escape '\\'`. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Cast a text parameter to the timestamp column type for comparisons. */
export function ts(db: Kysely<Database>, iso: string): RawBuilder<string> {
  return engineOf(db) === 'postgres' ? sql<string>`${iso}::timestamptz` : sql<string>`${iso}`;
}

/**
 * Whole seconds from `fromIso` to a timestamp column (SQLite keeps ISO text, PostgreSQL
 * timestamptz), e.g. to cut a range into time buckets in SQL. `fromIso` must already be a
 * normalised ISO instant: it is written as a literal, because PostgreSQL matches a grouped
 * expression to the selected one by its text and parameters would differ.
 */
export function secondsSince(db: Kysely<Database>, column: string, fromIso: string): RawBuilder<number> {
  return engineOf(db) === 'postgres'
    ? sql<number>`extract(epoch from (${sql.ref(column)} - ${sql.lit(fromIso)}::timestamptz))`
    : sql<number>`(strftime('%s', ${sql.ref(column)}) - strftime('%s', ${sql.lit(fromIso)}))`;
}

/**
 * `q` search over several text columns: any column contains the term, case-insensitive
 * (ILIKE on PostgreSQL, LIKE on SQLite). The explicit ESCAPE keeps `%` and `_` typed by
 * a user literal on both engines — SQLite's LIKE has no default escape character.
 */
export function matchesAny(db: Kysely<Database>, columns: string[], term: string) {
  const op = sql.raw(containsOp(db));
  const pattern = likePattern(term);
  // biome-ignore lint/suspicious/noExplicitAny: applies to any table's query builder
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> =>
    eb.or(columns.map((c) => sql<SqlBool>`${sql.ref(c)} ${op} ${pattern} escape '\\'`));
}
