import { type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely, sql } from 'kysely';

/**
 * Column helpers shared by migrations only (migrations import nothing from app code,
 * so that old migrations keep working whatever the app becomes).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations work on an untyped schema
export type Db = Kysely<any>;

export function isPg(db: Db): boolean {
  return db.getExecutor().adapter.constructor.name.startsWith('Postgres');
}

export function tsType(db: Db) {
  return isPg(db) ? sql`timestamptz` : sql`text`;
}

type Builder = CreateTableBuilder<string, string>;
type Col = (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;

/** id, org_id, created_at, updated_at, version — the columns of every mutable record */
export function recordTable(db: Db, name: string, build: (t: Builder) => Builder, opts: { org?: boolean } = {}) {
  let t = db.schema.createTable(name).addColumn('id', 'text', (c) => c.primaryKey());
  if (opts.org !== false) t = t.addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'));
  t = build(t);
  return t
    .addColumn('created_at', tsType(db), (c) => c.notNull())
    .addColumn('updated_at', tsType(db), (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1));
}

export const notNull: Col = (c) => c.notNull();
export const active: Col = (c) => c.notNull().defaultTo(1);
