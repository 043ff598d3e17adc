import { active, type Db, notNull, recordTable, tsType } from './_helpers.js';

/**
 * Drill plans (演练计划) on the occurrence engine and drills (应急演练) with their record
 * (演练记录) and report (演练报告). A plan's recurrence lives in its schedule (owner_type
 * 'drill_plan'); a planned one-off drill has an event-driven schedule of its own (owner_type
 * 'drill'), so both become missed through the engine. Participants are a JSON list of
 * groups; their sum is kept in participant_count for the summary. Every list filter has an
 * index that starts with the site (or the plan, or the type) and ends with the planned time.
 */
export async function up(db: Db): Promise<void> {
  const ts = tsType(db);

  await recordTable(db, 'drill_plans', (t) =>
    t
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('name', 'text', notNull)
      // drill_type dictionary code
      .addColumn('type', 'text', notNull)
      .addColumn('scenario', 'text', notNull)
      .addColumn('location_id', 'text', (c) => c.references('locations.id'))
      .addColumn('place', 'text')
      .addColumn('commander_id', 'text', (c) => c.references('users.id'))
      .addColumn('window_hours', 'integer', notNull)
      .addColumn('lead_days', 'integer', notNull)
      .addColumn('active', 'integer', active)
      .addColumn('created_by', 'text', (c) => c.references('users.id')),
  ).execute();
  await db.schema.createIndex('drill_plans_site_idx').on('drill_plans').columns(['site_id', 'active', 'name', 'id']).execute();

  await recordTable(db, 'drills', (t) =>
    t
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('number', 'text', notNull)
      // null for a one-off drill
      .addColumn('plan_id', 'text', (c) => c.references('drill_plans.id'))
      // the occurrence it carries out (a plan's, or the one-off's own); null for a drill recorded at once
      .addColumn('occurrence_id', 'text', (c) => c.references('occurrences.id'))
      .addColumn('type', 'text', notNull)
      .addColumn('title', 'text', notNull)
      .addColumn('scenario', 'text', notNull)
      .addColumn('planned_at', ts, (c) => c.notNull())
      .addColumn('due_by', ts, (c) => c.notNull())
      .addColumn('status', 'text', notNull)
      .addColumn('location_id', 'text', (c) => c.references('locations.id'))
      .addColumn('place', 'text')
      .addColumn('commander_id', 'text', (c) => c.references('users.id'))
      .addColumn('started_at', ts)
      .addColumn('ended_at', ts)
      // JSON DrillParticipantGroup[]
      .addColumn('participants', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('participant_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('preparation', 'text')
      // the report (演练报告); purpose and course are required once it is filed
      .addColumn('purpose', 'text')
      .addColumn('course', 'text')
      .addColumn('problems', 'text')
      .addColumn('causes', 'text')
      .addColumn('lessons', 'text')
      .addColumn('evaluation', 'text')
      .addColumn('improvements', 'text')
      .addColumn('report_filed_at', ts)
      .addColumn('report_filed_by', 'text', (c) => c.references('users.id'))
      .addColumn('cancel_reason', 'text')
      .addColumn('recorded_by', 'text', (c) => c.references('users.id'))
      .addColumn('created_by', 'text', (c) => c.references('users.id'))
      // unique constraints allow several nulls on both engines: one drill per occurrence
      .addUniqueConstraint('drills_occurrence_uq', ['occurrence_id'])
      // numbers count per site (the YL rule is per site), so two sites share the same numbers
      .addUniqueConstraint('drills_site_number_uq', ['site_id', 'number']),
  ).execute();
  const indexes: [string, string[]][] = [
    // the list's default order and the summary's period: site × planned time
    ['drills_site_planned_idx', ['site_id', 'planned_at', 'id']],
    ['drills_site_status_idx', ['site_id', 'status', 'planned_at', 'id']],
    ['drills_type_idx', ['org_id', 'type', 'planned_at', 'id']],
    ['drills_plan_idx', ['plan_id', 'planned_at', 'id']],
  ];
  for (const [name, columns] of indexes) await db.schema.createIndex(name).on('drills').columns(columns).execute();
}
