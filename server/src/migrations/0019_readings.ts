import { sql } from 'kysely';
import { active, type Db, isPg, notNull, recordTable, tsType } from './_helpers.js';

/**
 * Reading points, readings, deviations and meters (读数). Readings are the bulk of it (a
 * sensor every 30 minutes on 150 points is 2.6 million a year): they are never edited,
 * carry no version, and their two indexes serve the two hot reads — one point's series
 * for a chart, and one site's readings over a period for the in-band rate.
 */
export async function up(db: Db): Promise<void> {
  const ts = tsType(db);
  // a meter of 12,345,678.9 kWh needs more than float4's seven digits
  const float = isPg(db) ? sql`double precision` : sql`real`;

  await recordTable(db, 'reading_points', (t) =>
    t
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('code', 'text', notNull)
      .addColumn('name', 'text', notNull)
      .addColumn('target_type', 'text', notNull)
      .addColumn('target_id', 'text', notNull)
      .addColumn('kind', 'text', notNull)
      .addColumn('quantity', 'text', notNull)
      .addColumn('unit', 'text', notNull)
      .addColumn('meter_kind', 'text')
      .addColumn('target', float)
      .addColumn('tolerance', float)
      .addColumn('min', float)
      .addColumn('max', float)
      .addColumn('window_minutes', 'integer', notNull)
      .addColumn('recheck_minutes', 'integer', notNull)
      // a route of the patrols module (no foreign key: the bulk form only groups by it)
      .addColumn('patrol_plan_id', 'text')
      .addColumn('active', 'integer', active)
      // the latest reading by read_at, kept with each reading so lists need no per-point query
      .addColumn('last_value', float)
      .addColumn('last_read_at', ts)
      .addColumn('last_in_band', 'integer')
      // local day of the last missed-reading notice: at most one a day per point
      .addColumn('missed_notified_on', 'text')
      .addColumn('created_by', 'text', (c) => c.references('users.id'))
      .addUniqueConstraint('reading_points_code_uq', ['org_id', 'code']),
  ).execute();
  await db.schema.createIndex('reading_points_site_idx').on('reading_points').columns(['site_id', 'active', 'id']).execute();
  await db.schema.createIndex('reading_points_target_idx').on('reading_points').columns(['target_type', 'target_id']).execute();
  await db.schema.createIndex('reading_points_plan_idx').on('reading_points').columns(['patrol_plan_id']).execute();

  await db.schema
    .createTable('readings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('point_id', 'text', (c) => c.notNull().references('reading_points.id'))
    .addColumn('value', float, (c) => c.notNull())
    .addColumn('read_at', ts, (c) => c.notNull())
    .addColumn('read_by', 'text', (c) => c.references('users.id'))
    .addColumn('source', 'text', notNull)
    // null: the point has no band (a meter)
    .addColumn('in_band', 'integer')
    // cumulative points: the increase since the previous reading
    .addColumn('consumption', float)
    .addColumn('occurrence_id', 'text')
    .addColumn('deviation_id', 'text')
    .addColumn('is_recheck', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('note', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  // a point's chart and its previous reading; value rides along so a month's series is read from the index alone
  await db.schema.createIndex('readings_point_idx').on('readings').columns(['point_id', 'read_at', 'value']).execute();
  // a site's in-band rate over a year: counted from the index alone
  await db.schema.createIndex('readings_site_idx').on('readings').columns(['site_id', 'read_at', 'in_band']).execute();

  await recordTable(db, 'reading_deviations', (t) =>
    t
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('point_id', 'text', (c) => c.notNull().references('reading_points.id'))
      .addColumn('number', 'text', notNull)
      .addColumn('reading_id', 'text', (c) => c.notNull().references('readings.id'))
      .addColumn('status', 'text', notNull)
      .addColumn('opened_at', ts, (c) => c.notNull())
      .addColumn('recheck_due_at', ts, (c) => c.notNull())
      .addColumn('corrective_note', 'text')
      .addColumn('corrected_by', 'text', (c) => c.references('users.id'))
      .addColumn('corrected_at', ts)
      .addColumn('recheck_reading_id', 'text', (c) => c.references('readings.id'))
      .addColumn('closed_at', ts)
      .addColumn('failed_rechecks', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('overdue_notified_at', ts)
      .addUniqueConstraint('reading_deviations_number_uq', ['org_id', 'number']),
  ).execute();
  await db.schema.createIndex('reading_deviations_site_idx').on('reading_deviations').columns(['site_id', 'status', 'id']).execute();
  await db.schema.createIndex('reading_deviations_point_idx').on('reading_deviations').columns(['point_id', 'status']).execute();
  // the overdue job: unclosed deviations whose re-check time has passed and that were not told yet
  await db.schema.createIndex('reading_deviations_due_idx').on('reading_deviations').columns(['status', 'recheck_due_at']).execute();
  await db.schema.createIndex('reading_deviations_opened_idx').on('reading_deviations').columns(['site_id', 'opened_at']).execute();
}
