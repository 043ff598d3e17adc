import { active, type Db, notNull, recordTable, tsType } from './_helpers.js';

/**
 * Patrol and inspection plans (巡检计划) with their route of points, and the rounds (巡检记录)
 * the occurrence engine raises from them, each with its points as checked on the phone.
 * A plan's recurrence lives in its schedule (owner_type 'patrol_plan'); a point's
 * checklist is a checklist_results row of subject_type 'patrol_round_point'.
 */
export async function up(db: Db): Promise<void> {
  const ts = tsType(db);

  await recordTable(db, 'patrol_plans', (t) =>
    t
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('name', 'text', notNull)
      .addColumn('description', 'text')
      // patrol_level dictionary code
      .addColumn('level', 'text', notNull)
      .addColumn('kind', 'text', notNull)
      .addColumn('random_count', 'integer')
      .addColumn('every_hours_while_open', 'integer')
      .addColumn('window_minutes', 'integer', notNull)
      .addColumn('assignee_type', 'text', notNull)
      // a user or a team id (which one: assignee_type), so no foreign key
      .addColumn('assignee_id', 'text')
      .addColumn('assignee_role', 'text')
      .addColumn('supervisor_id', 'text', (c) => c.references('users.id'))
      .addColumn('active', 'integer', active)
      .addColumn('created_by', 'text', (c) => c.references('users.id')),
  ).execute();
  await db.schema.createIndex('patrol_plans_site_idx').on('patrol_plans').columns(['site_id', 'active', 'id']).execute();

  await db.schema
    .createTable('patrol_points')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('plan_id', 'text', (c) => c.notNull().references('patrol_plans.id'))
    .addColumn('seq', 'integer', notNull)
    .addColumn('target_type', 'text', notNull)
    .addColumn('target_id', 'text', notNull)
    .addColumn('checklist_template_id', 'text', (c) => c.references('checklist_templates.id'))
    .addUniqueConstraint('patrol_points_seq_uq', ['plan_id', 'seq'])
    .execute();
  await db.schema.createIndex('patrol_points_target_idx').on('patrol_points').columns(['target_type', 'target_id']).execute();

  await recordTable(db, 'patrol_rounds', (t) =>
    t
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('number', 'text', notNull)
      .addColumn('plan_id', 'text', (c) => c.notNull().references('patrol_plans.id'))
      // null for an ad-hoc round (a spot check started on the spot, not on the schedule)
      .addColumn('occurrence_id', 'text', (c) => c.references('occurrences.id'))
      .addColumn('level', 'text', notNull)
      .addColumn('kind', 'text', notNull)
      .addColumn('due_at', ts, (c) => c.notNull())
      .addColumn('window_end_at', ts, (c) => c.notNull())
      .addColumn('status', 'text', notNull)
      // the plan's assignee when the round was raised (a later plan change does not move open rounds)
      .addColumn('assignee_type', 'text', notNull)
      .addColumn('assignee_id', 'text')
      .addColumn('assignee_role', 'text')
      .addColumn('assignee_name', 'text', notNull)
      .addColumn('supervisor_id', 'text', (c) => c.references('users.id'))
      .addColumn('started_at', ts)
      .addColumn('finished_at', ts)
      .addColumn('done_by', 'text', (c) => c.references('users.id'))
      .addColumn('note', 'text')
      .addUniqueConstraint('patrol_rounds_occurrence_uq', ['occurrence_id'])
      .addUniqueConstraint('patrol_rounds_number_uq', ['org_id', 'number']),
  ).execute();
  // the list's default order and its filters: site × status × due, a person's rounds, a plan's history
  await db.schema.createIndex('patrol_rounds_site_idx').on('patrol_rounds').columns(['site_id', 'status', 'due_at']).execute();
  await db.schema.createIndex('patrol_rounds_site_due_idx').on('patrol_rounds').columns(['site_id', 'due_at', 'id']).execute();
  await db.schema
    .createIndex('patrol_rounds_assignee_idx')
    .on('patrol_rounds')
    .columns(['assignee_type', 'assignee_id', 'status', 'due_at'])
    .execute();
  await db.schema.createIndex('patrol_rounds_plan_idx').on('patrol_rounds').columns(['plan_id', 'due_at']).execute();
  await db.schema.createIndex('patrol_rounds_level_idx').on('patrol_rounds').columns(['org_id', 'level', 'due_at']).execute();

  await recordTable(db, 'patrol_round_points', (t) =>
    t
      .addColumn('round_id', 'text', (c) => c.notNull().references('patrol_rounds.id'))
      .addColumn('seq', 'integer', notNull)
      .addColumn('target_type', 'text', notNull)
      .addColumn('target_id', 'text', notNull)
      .addColumn('checklist_template_id', 'text', (c) => c.references('checklist_templates.id'))
      .addColumn('status', 'text', notNull)
      .addColumn('checked_in_at', ts)
      .addColumn('checked_in_by', 'text', (c) => c.references('users.id'))
      .addColumn('check_in_method', 'text')
      .addColumn('check_in_reason', 'text')
      .addColumn('out_of_order', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('skip_reason', 'text')
      .addColumn('checklist_result_id', 'text', (c) => c.references('checklist_results.id'))
      .addUniqueConstraint('patrol_round_points_seq_uq', ['round_id', 'seq']),
  ).execute();
  await db.schema
    .createIndex('patrol_round_points_target_idx')
    .on('patrol_round_points')
    .columns(['target_type', 'target_id', 'checked_in_at'])
    .execute();
}
