import { type Db, notNull, recordTable, tsType } from './_helpers.js';

/**
 * Work summaries (工作总结): the summary with its period, scope and approval state; its
 * versions, each holding the prose in both languages and the facts it was written from
 * (so that every version prints the same figures however the records change later); and
 * the summary's sites as rows, so that the site filter and the reader's site check are
 * index lookups rather than JSON scans. The lists page by (created_at, id) or
 * (period_from, id), each filter with an index that ends with that order.
 */
export async function up(db: Db): Promise<void> {
  const ts = tsType(db);

  await recordTable(db, 'work_summaries', (t) =>
    t
      .addColumn('number', 'text', notNull)
      .addColumn('title', 'text', notNull)
      // month | quarter | half | year | custom; [period_from, period_to) in instants, start/end the inclusive local dates
      .addColumn('period_kind', 'text', notNull)
      .addColumn('period_from', ts, notNull)
      .addColumn('period_to', ts, notNull)
      .addColumn('start_date', 'text', notNull)
      .addColumn('end_date', 'text', notNull)
      .addColumn('label_zh', 'text', notNull)
      .addColumn('label_en', 'text', notNull)
      // JSON string[] in display order; [] = every site of the organisation
      .addColumn('site_ids', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('department_id', 'text', (c) => c.references('departments.id'))
      .addColumn('status', 'text', notNull)
      .addColumn('current_version_no', 'integer', notNull)
      .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
      // the last submission (kept after a return or a reopening: a summary once submitted is never deleted)
      .addColumn('submitted_at', ts)
      .addColumn('approved_at', ts)
      .addColumn('approved_by', 'text', (c) => c.references('users.id'))
      .addColumn('return_reason', 'text')
      .addColumn('approval_note', 'text')
      .addUniqueConstraint('work_summaries_org_number_uq', ['org_id', 'number']),
  ).execute();
  const summaryIndexes: [string, string[]][] = [
    // the list's default order, and each filter with it
    ['work_summaries_org_created_idx', ['org_id', 'created_at', 'id']],
    ['work_summaries_org_status_idx', ['org_id', 'status', 'created_at', 'id']],
    ['work_summaries_org_kind_idx', ['org_id', 'period_kind', 'created_at', 'id']],
    // ordered by period
    ['work_summaries_org_period_idx', ['org_id', 'period_from', 'id']],
    ['work_summaries_author_idx', ['author_id', 'created_at', 'id']],
  ];
  for (const [name, columns] of summaryIndexes) await db.schema.createIndex(name).on('work_summaries').columns(columns).execute();

  await db.schema
    .createTable('work_summary_sites')
    .addColumn('summary_id', 'text', (c) => c.notNull().references('work_summaries.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addPrimaryKeyConstraint('work_summary_sites_pk', ['summary_id', 'site_id'])
    .execute();
  // the summaries of a site (the site filter)
  await db.schema.createIndex('work_summary_sites_site_idx').on('work_summary_sites').columns(['site_id', 'summary_id']).execute();

  await db.schema
    .createTable('work_summary_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('summary_id', 'text', (c) => c.notNull().references('work_summaries.id'))
    .addColumn('no', 'integer', notNull)
    // generated | edited | regenerated
    .addColumn('kind', 'text', notNull)
    .addColumn('note', 'text')
    // JSON { zh: SummaryBody, en: SummaryBody }
    .addColumn('body', 'text', notNull)
    // JSON ReportFactsDto: the figures the version was written from
    .addColumn('facts', 'text', notNull)
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', ts, notNull)
    .addUniqueConstraint('work_summary_versions_no_uq', ['summary_id', 'no'])
    .execute();
}
