import { type Db, isPg, notNull, recordTable, tsType } from './_helpers.js';

/**
 * Renovation and construction projects (改造施工项目): the project with budget,
 * contractor, planned and actual dates, progress and acceptance, and its progress log
 * (every progress report and every life-cycle step, in order).
 *
 * Calendar dates (planned/actual start and end, accepted_on) are `YYYY-MM-DD` text in
 * the site's time zone on both engines, so period counts compare plain strings.
 */
export async function up(db: Db): Promise<void> {
  const ts = tsType(db);
  const money = isPg(db) ? 'bigint' : 'integer';

  await recordTable(db, 'projects', (t) =>
    t
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('location_id', 'text', (c) => c.references('locations.id'))
      .addColumn('number', 'text', notNull)
      .addColumn('name', 'text', notNull)
      .addColumn('type', 'text', notNull)
      .addColumn('description', 'text')
      .addColumn('budget', money, (c) => c.notNull().defaultTo(0))
      .addColumn('contractor', 'text')
      .addColumn('contractor_contact', 'text')
      .addColumn('manager_id', 'text', (c) => c.references('users.id'))
      .addColumn('planned_start', 'text')
      .addColumn('planned_end', 'text')
      .addColumn('actual_start', 'text')
      .addColumn('actual_end', 'text')
      .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('status', 'text', notNull)
      .addColumn('acceptance_note', 'text')
      .addColumn('accepted_by', 'text', (c) => c.references('users.id'))
      .addColumn('accepted_at', ts)
      .addColumn('accepted_on', 'text')
      .addColumn('actual_cost', money)
      .addColumn('cancel_reason', 'text')
      .addColumn('cancelled_at', ts)
      .addColumn('created_by', 'text', (c) => c.references('users.id'))
      .addUniqueConstraint('projects_org_number_uq', ['org_id', 'number']),
  ).execute();
  // one index per list filter, each ending in id for keyset paging; the date indexes
  // serve the period counts of the work summary (started / accepted / due per site)
  await db.schema.createIndex('projects_site_idx').on('projects').columns(['site_id', 'id']).execute();
  await db.schema.createIndex('projects_site_status_idx').on('projects').columns(['site_id', 'status', 'id']).execute();
  await db.schema.createIndex('projects_org_status_idx').on('projects').columns(['org_id', 'status', 'id']).execute();
  await db.schema.createIndex('projects_site_type_idx').on('projects').columns(['site_id', 'type', 'id']).execute();
  await db.schema.createIndex('projects_manager_idx').on('projects').columns(['manager_id', 'id']).execute();
  await db.schema.createIndex('projects_location_idx').on('projects').columns(['location_id', 'id']).execute();
  await db.schema.createIndex('projects_site_planned_start_idx').on('projects').columns(['site_id', 'planned_start']).execute();
  await db.schema.createIndex('projects_site_planned_end_idx').on('projects').columns(['site_id', 'planned_end']).execute();
  await db.schema.createIndex('projects_site_actual_start_idx').on('projects').columns(['site_id', 'actual_start']).execute();
  await db.schema.createIndex('projects_site_accepted_on_idx').on('projects').columns(['site_id', 'accepted_on']).execute();

  await db.schema
    .createTable('project_updates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('at', ts, notNull)
    .addColumn('author_id', 'text', (c) => c.references('users.id'))
    .addColumn('author_name', 'text')
    .addColumn('kind', 'text', notNull)
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('progress', 'integer')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('project_updates_project_idx').on('project_updates').columns(['project_id', 'at', 'id']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('project_updates').execute();
  await db.schema.dropTable('projects').execute();
}
