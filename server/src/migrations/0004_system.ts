import type { Db } from './_helpers.js';

/**
 * The audit page lists newest first (by `at`) and filters by site and time; the
 * dictionary picker reads one type in display order; numbering prefixes are unique.
 */
export async function up(db: Db): Promise<void> {
  await db.schema.createIndex('audit_org_at_idx').on('audit_log').columns(['org_id', 'at', 'id']).execute();
  await db.schema.createIndex('audit_site_at_idx').on('audit_log').columns(['site_id', 'at']).execute();
  await db.schema.createIndex('dictionaries_type_sort_idx').on('dictionaries').columns(['org_id', 'type', 'sort']).execute();
  // two rules with one prefix could print the same number for different documents
  await db.schema.createIndex('numbering_rules_org_prefix_uq').on('numbering_rules').columns(['org_id', 'prefix']).unique().execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('numbering_rules_org_prefix_uq').execute();
  await db.schema.dropIndex('dictionaries_type_sort_idx').execute();
  await db.schema.dropIndex('audit_site_at_idx').execute();
  await db.schema.dropIndex('audit_org_at_idx').execute();
}
