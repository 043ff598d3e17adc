import { sql } from 'kysely';
import { type Db, isPg, notNull, recordTable, tsType } from './_helpers.js';

/**
 * Etiquette checks (仪容仪表 / 礼貌礼仪检查): a checklist (checklist_results, subject_type
 * 'etiquette_check') filled about one person — a user, or a name written out for a vendor
 * counter's staff — with its score (passed ÷ applicable items × 100, one decimal) and the
 * labels of the failed items kept on the check for lists and the summary.
 */
export async function up(db: Db): Promise<void> {
  const ts = tsType(db);
  const float = isPg(db) ? sql`double precision` : sql`real`;

  await recordTable(db, 'etiquette_checks', (t) =>
    t
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('number', 'text', notNull)
      .addColumn('person_id', 'text', (c) => c.references('users.id'))
      .addColumn('person_name', 'text', notNull)
      .addColumn('person_unit', 'text')
      .addColumn('template_id', 'text', (c) => c.notNull().references('checklist_templates.id'))
      .addColumn('checklist_result_id', 'text', (c) => c.notNull().references('checklist_results.id'))
      .addColumn('score', float, (c) => c.notNull())
      // JSON string[]: the labels of the items that failed
      .addColumn('failed_items', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('note', 'text')
      .addColumn('checked_at', ts, (c) => c.notNull())
      .addColumn('checked_by', 'text', (c) => c.notNull().references('users.id'))
      // numbers count per site (the LY rule is per site)
      .addUniqueConstraint('etiquette_checks_site_number_uq', ['site_id', 'number']),
  ).execute();
  const indexes: [string, string[]][] = [
    // the list's default order and the summary's period
    ['etiquette_checks_site_checked_idx', ['site_id', 'checked_at', 'id']],
    // a person's history
    ['etiquette_checks_person_idx', ['person_id', 'checked_at', 'id']],
    ['etiquette_checks_template_idx', ['template_id', 'checked_at', 'id']],
  ];
  for (const [name, columns] of indexes) await db.schema.createIndex(name).on('etiquette_checks').columns(columns).execute();
}
