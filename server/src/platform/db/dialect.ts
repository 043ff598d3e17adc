import { type Kysely, type RawBuilder, sql } from 'kysely';
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
