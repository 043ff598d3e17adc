import { sql } from 'kysely';
import { active, type Db, isPg, notNull, recordTable, tsType } from './_helpers.js';

/**
 * The checklist engine's tables (versioned templates and results, DESIGN.md §4) and the
 * first module on the occurrence engine: maintenance plans (保养计划) with their settings
 * and the meter readings that drive meter-based plans.
 */
export async function up(db: Db): Promise<void> {
  const ts = tsType(db);
  // float4 would turn a meter reading of 12,345.6 hours into 12,345.599
  const float = isPg(db) ? sql`double precision` : sql`real`;

  await recordTable(db, 'checklist_templates', (t) =>
    t
      .addColumn('code', 'text', notNull)
      .addColumn('name', 'text', notNull)
      .addColumn('purpose', 'text', notNull)
      .addColumn('description', 'text')
      .addColumn('current_version', 'integer', notNull)
      .addColumn('active', 'integer', active)
      .addUniqueConstraint('checklist_templates_code_uq', ['org_id', 'code']),
  ).execute();

  await db.schema
    .createTable('checklist_template_versions')
    .addColumn('template_id', 'text', (c) => c.notNull().references('checklist_templates.id'))
    .addColumn('template_version', 'integer', notNull)
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    // ChecklistItem[] as JSON: a version never changes once written
    .addColumn('items', 'text', notNull)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addPrimaryKeyConstraint('checklist_template_versions_pk', ['template_id', 'template_version'])
    .execute();

  await recordTable(db, 'checklist_results', (t) =>
    t
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      // what it was filled for: 'work_order' now; patrol points, readings… later
      .addColumn('subject_type', 'text', notNull)
      .addColumn('subject_id', 'text', notNull)
      .addColumn('template_id', 'text', (c) => c.notNull().references('checklist_templates.id'))
      .addColumn('template_version', 'integer', notNull)
      .addColumn('answers', 'text', notNull)
      .addColumn('findings', 'text', notNull)
      .addColumn('follow_ups', 'text', notNull)
      .addColumn('status', 'text', notNull)
      .addColumn('filled_by', 'text', (c) => c.references('users.id'))
      .addColumn('submitted_at', ts)
      .addUniqueConstraint('checklist_results_subject_uq', ['subject_type', 'subject_id']),
  ).execute();
  await db.schema
    .createIndex('checklist_results_template_idx')
    .on('checklist_results')
    .columns(['template_id', 'template_version'])
    .execute();
  await db.schema.createIndex('checklist_results_site_idx').on('checklist_results').columns(['site_id', 'submitted_at']).execute();

  await recordTable(db, 'maintenance_plans', (t) =>
    t
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('name', 'text', notNull)
      .addColumn('description', 'text')
      .addColumn('system', 'text', notNull)
      .addColumn('target', 'text', notNull)
      .addColumn('asset_id', 'text', (c) => c.references('assets.id'))
      .addColumn('category_id', 'text', (c) => c.references('asset_categories.id'))
      // JSON array of location ids whose subtrees a category plan covers ([] = the whole site)
      .addColumn('location_ids', 'text', notNull)
      .addColumn('checklist_template_id', 'text', (c) => c.references('checklist_templates.id'))
      .addColumn('team_id', 'text', (c) => c.references('teams.id'))
      .addColumn('assignee_id', 'text', (c) => c.references('users.id'))
      .addColumn('work_category', 'text', notNull)
      .addColumn('estimated_minutes', 'integer', notNull)
      .addColumn('lead_days', 'integer', notNull)
      .addColumn('trigger', 'text', notNull)
      .addColumn('meter_name', 'text')
      .addColumn('meter_unit', 'text')
      .addColumn('meter_interval', float)
      .addColumn('meter_baseline', float)
      .addColumn('active', 'integer', active)
      .addColumn('created_by', 'text', (c) => c.references('users.id')),
  ).execute();
  await db.schema.createIndex('maintenance_plans_site_idx').on('maintenance_plans').columns(['site_id', 'active', 'id']).execute();
  await db.schema.createIndex('maintenance_plans_asset_idx').on('maintenance_plans').columns(['asset_id', 'trigger']).execute();

  await db.schema
    .createTable('maintenance_settings')
    .addColumn('org_id', 'text', (c) => c.primaryKey().references('organizations.id'))
    .addColumn('grace_percent', 'integer', notNull)
    .addColumn('grace_cap_days', 'integer', notNull)
    .addColumn('meter_window_days', 'integer', notNull)
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('asset_meter_readings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('asset_id', 'text', (c) => c.notNull().references('assets.id'))
    .addColumn('meter_name', 'text', notNull)
    .addColumn('unit', 'text')
    .addColumn('value', float, (c) => c.notNull())
    .addColumn('read_at', ts, (c) => c.notNull())
    .addColumn('read_by', 'text', (c) => c.references('users.id'))
    .addColumn('note', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('asset_meter_readings_asset_idx')
    .on('asset_meter_readings')
    .columns(['asset_id', 'meter_name', 'read_at'])
    .execute();

  // a schedule's own occurrences by status (floating rules: the open one, the last missed):
  // without it SQLite's planner takes the (status, window_end_at) index and walks every open row
  await db.schema.createIndex('occurrences_schedule_status_idx').on('occurrences').columns(['schedule_id', 'status', 'due_at']).execute();
  // PM measures read a site's maintenance orders by kind and time
  await db.schema.createIndex('occurrences_owner_type_site_idx').on('occurrences').columns(['owner_type', 'site_id', 'due_at']).execute();
}
