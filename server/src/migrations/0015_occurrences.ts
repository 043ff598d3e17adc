import { type Db, notNull, recordTable, tsType } from './_helpers.js';

/**
 * The occurrence engine (DESIGN.md §4): one schedule per recurring thing (a maintenance
 * plan, a patrol plan, a reading point, a drill plan…, named by owner_type + owner_id),
 * its occurrences generated ahead and unique on (schedule, due time) so that two server
 * processes generating at once insert each one once, and the sites' holidays.
 */
export async function up(db: Db): Promise<void> {
  const ts = tsType(db);

  await recordTable(db, 'schedules', (t) =>
    t
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('owner_type', 'text', notNull)
      .addColumn('owner_id', 'text', notNull)
      // the Recurrence of contracts/occurrences.ts, as JSON
      .addColumn('recurrence', 'text', notNull)
      // an occurrence may be done until due + window; after that it is missed
      .addColumn('window_minutes', 'integer', notNull)
      // the owner's work item is created this long before the due time
      .addColumn('lead_minutes', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      // occurrences exist up to here (exclusive); the generator continues from it
      .addColumn('generated_until', ts)
      // floating rules count from the last completion
      .addColumn('last_completed_at', ts)
      .addUniqueConstraint('schedules_owner_uq', ['owner_type', 'owner_id']),
  ).execute();
  await db.schema.createIndex('schedules_active_idx').on('schedules').columns(['active', 'generated_until']).execute();
  await db.schema.createIndex('schedules_site_idx').on('schedules').columns(['site_id', 'owner_type']).execute();

  await db.schema
    .createTable('occurrences')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('schedule_id', 'text', (c) => c.notNull().references('schedules.id'))
    .addColumn('owner_type', 'text', notNull)
    .addColumn('owner_id', 'text', notNull)
    .addColumn('due_at', ts, (c) => c.notNull())
    .addColumn('window_end_at', ts, (c) => c.notNull())
    .addColumn('lead_at', ts, (c) => c.notNull())
    // open → done | missed | skipped | cancelled
    .addColumn('status', 'text', notNull)
    // the owner's work item for it (a work order, a round…), once created
    .addColumn('item_type', 'text')
    .addColumn('item_id', 'text')
    .addColumn('done_at', ts)
    .addColumn('done_by', 'text', (c) => c.references('users.id'))
    .addColumn('missed_at', ts)
    .addColumn('skip_reason', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('occurrences_schedule_due_uq', ['schedule_id', 'due_at'])
    .execute();
  // the missed sweep and the lead-time sweep read open occurrences by time
  await db.schema.createIndex('occurrences_open_window_idx').on('occurrences').columns(['status', 'window_end_at']).execute();
  await db.schema.createIndex('occurrences_open_lead_idx').on('occurrences').columns(['status', 'item_type', 'lead_at']).execute();
  // calendars and compliance per site and per owner
  await db.schema.createIndex('occurrences_site_due_idx').on('occurrences').columns(['site_id', 'due_at']).execute();
  await db.schema.createIndex('occurrences_owner_due_idx').on('occurrences').columns(['owner_type', 'owner_id', 'due_at']).execute();

  await db.schema
    .createTable('site_holidays')
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('date', 'text', notNull)
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('name', 'text', notNull)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('site_holidays_pk', ['site_id', 'date'])
    .execute();
}
