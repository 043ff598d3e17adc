import type { Db } from './_helpers.js';

const INDEXES: [name: string, columns: string[]][] = [
  // the default list order when no site is chosen (within one site the unique
  // (site_id, code) already serves it)
  ['locations_code_idx', ['code', 'id']],
  ['locations_name_idx', ['name', 'id']],
];

/**
 * Indexes that let location list pages be read in order straight from an index instead
 * of sorting every matching row (keyset paging orders by the sort column, then id).
 * None starts with org_id on purpose: SQLite, without statistics, would then prefer it
 * over the primary key for the `org_id = ? and id in (…)` look-ups every module makes,
 * walking the whole organisation's locations instead of reading a few rows. Nor with
 * site_id: on a young table PostgreSQL would take any narrower (site_id, …) index over
 * (site_id, path) for subtree ranges.
 */
export async function up(db: Db): Promise<void> {
  for (const [name, columns] of INDEXES) await db.schema.createIndex(name).on('locations').columns(columns).execute();
}

export async function down(db: Db): Promise<void> {
  for (const [name] of INDEXES) await db.schema.dropIndex(name).execute();
}
