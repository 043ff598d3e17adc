import { active, type Db, isPg, notNull, recordTable, tsType } from './_helpers.js';

/**
 * Repair requests and work orders (维修工单): the work order (request + work in one
 * record), its event log, labour and material lines, deadline timers, deadline
 * policies, automatic dispatch rules, standard hours, per-organisation settings and
 * the vendor counters (专柜) whose staff report and pay for repairs.
 */
export async function up(db: Db): Promise<void> {
  const ts = tsType(db);
  const money = isPg(db) ? 'bigint' : 'integer';

  await recordTable(db, 'counters', (t) =>
    t
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('location_id', 'text', (c) => c.references('locations.id'))
      .addColumn('code', 'text', notNull)
      .addColumn('name', 'text', notNull)
      .addColumn('contact_name', 'text')
      .addColumn('contact_phone', 'text')
      .addColumn('notes', 'text')
      .addColumn('active', 'integer', active)
      .addUniqueConstraint('counters_site_code_uq', ['site_id', 'code']),
  ).execute();
  await db.schema.createIndex('counters_site_idx').on('counters').columns(['site_id', 'id']).execute();
  await db.schema
    .createTable('counter_members')
    .addColumn('counter_id', 'text', (c) => c.notNull().references('counters.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('counter_members_pk', ['counter_id', 'user_id'])
    .execute();
  await db.schema.createIndex('counter_members_user_idx').on('counter_members').columns(['user_id']).execute();

  await recordTable(db, 'sla_policies', (t) =>
    t
      .addColumn('site_id', 'text', (c) => c.references('sites.id'))
      .addColumn('category', 'text')
      .addColumn('urgency', 'text')
      .addColumn('name', 'text', notNull)
      .addColumn('response_minutes', 'integer')
      .addColumn('arrival_minutes', 'integer')
      .addColumn('resolution_minutes', 'integer')
      .addColumn('not_overnight', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('business_hours', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('exclude_paused', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('warn_before_minutes', 'integer', (c) => c.notNull().defaultTo(30))
      .addColumn('active', 'integer', active),
  ).execute();
  await db.schema.createIndex('sla_policies_org_idx').on('sla_policies').columns(['org_id', 'active']).execute();

  await recordTable(db, 'dispatch_rules', (t) =>
    t
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('category', 'text')
      .addColumn('location_id', 'text', (c) => c.references('locations.id'))
      .addColumn('team_id', 'text', (c) => c.references('teams.id'))
      .addColumn('assignee_id', 'text', (c) => c.references('users.id'))
      .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_assignee_id', 'text', (c) => c.references('users.id'))
      .addColumn('active', 'integer', active),
  ).execute();
  await db.schema.createIndex('dispatch_rules_site_idx').on('dispatch_rules').columns(['site_id', 'active', 'sort']).execute();

  await recordTable(db, 'work_standards', (t) =>
    t
      .addColumn('category', 'text', notNull)
      .addColumn('name', 'text', notNull)
      .addColumn('standard_minutes', 'integer', notNull)
      .addColumn('active', 'integer', active)
      .addUniqueConstraint('work_standards_org_category_uq', ['org_id', 'category']),
  ).execute();

  await db.schema
    .createTable('work_order_settings')
    .addColumn('org_id', 'text', (c) => c.primaryKey().references('organizations.id'))
    .addColumn('auto_accept_days', 'integer', (c) => c.notNull().defaultTo(3))
    .addColumn('public_intake', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', ts, notNull)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await recordTable(db, 'work_orders', (t) =>
    t
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('number', 'text', notNull)
      .addColumn('kind', 'text', notNull)
      .addColumn('channel', 'text', notNull)
      .addColumn('status', 'text', notNull)
      .addColumn('pause_reason', 'text')
      .addColumn('category', 'text', notNull)
      .addColumn('urgency', 'text', notNull)
      .addColumn('location_id', 'text', (c) => c.references('locations.id'))
      .addColumn('asset_id', 'text', (c) => c.references('assets.id'))
      .addColumn('description', 'text', notNull)
      .addColumn('requester_id', 'text', (c) => c.references('users.id'))
      .addColumn('requester_name', 'text')
      .addColumn('requester_phone', 'text')
      .addColumn('requester_department', 'text')
      .addColumn('counter_id', 'text', (c) => c.references('counters.id'))
      .addColumn('appointment_at', ts)
      .addColumn('owner_id', 'text', (c) => c.references('users.id'))
      .addColumn('team_id', 'text', (c) => c.references('teams.id'))
      .addColumn('assignee_id', 'text', (c) => c.references('users.id'))
      .addColumn('in_pool', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('dispatched_at', ts)
      .addColumn('accepted_at', ts)
      .addColumn('arrived_at', ts)
      .addColumn('started_at', ts)
      .addColumn('paused_at', ts)
      .addColumn('paused_ms', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('resolved_at', ts)
      .addColumn('completed_at', ts)
      .addColumn('cancelled_at', ts)
      .addColumn('cancel_reason', 'text')
      .addColumn('rework_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('cause', 'text')
      .addColumn('result', 'text')
      .addColumn('rating_attitude', 'integer')
      .addColumn('rating_quality', 'integer')
      .addColumn('rating_efficiency', 'integer')
      .addColumn('rating_comment', 'text')
      .addColumn('rated_at', ts)
      .addColumn('material_cost', money, (c) => c.notNull().defaultTo(0))
      .addColumn('sla_policy_id', 'text', (c) => c.references('sla_policies.id'))
      .addColumn('source_type', 'text')
      .addColumn('source_id', 'text')
      .addColumn('tracking_token', 'text', notNull)
      .addColumn('created_by', 'text', (c) => c.references('users.id'))
      .addUniqueConstraint('work_orders_site_number_uq', ['site_id', 'number'])
      .addUniqueConstraint('work_orders_tracking_uq', ['tracking_token']),
  ).execute();
  // one index per list filter, each ending in id for keyset paging
  await db.schema.createIndex('work_orders_site_idx').on('work_orders').columns(['site_id', 'id']).execute();
  await db.schema.createIndex('work_orders_number_idx').on('work_orders').columns(['org_id', 'number']).execute();
  await db.schema.createIndex('work_orders_site_status_idx').on('work_orders').columns(['site_id', 'status', 'id']).execute();
  await db.schema.createIndex('work_orders_org_status_idx').on('work_orders').columns(['org_id', 'status', 'id']).execute();
  await db.schema.createIndex('work_orders_assignee_idx').on('work_orders').columns(['assignee_id', 'status', 'id']).execute();
  await db.schema.createIndex('work_orders_team_idx').on('work_orders').columns(['team_id', 'status', 'id']).execute();
  await db.schema.createIndex('work_orders_owner_idx').on('work_orders').columns(['owner_id', 'id']).execute();
  await db.schema.createIndex('work_orders_requester_idx').on('work_orders').columns(['requester_id', 'id']).execute();
  await db.schema.createIndex('work_orders_counter_idx').on('work_orders').columns(['counter_id', 'id']).execute();
  await db.schema.createIndex('work_orders_asset_idx').on('work_orders').columns(['asset_id', 'id']).execute();
  await db.schema.createIndex('work_orders_location_idx').on('work_orders').columns(['location_id', 'id']).execute();
  await db.schema.createIndex('work_orders_site_created_idx').on('work_orders').columns(['site_id', 'created_at']).execute();
  await db.schema.createIndex('work_orders_site_resolved_idx').on('work_orders').columns(['site_id', 'resolved_at']).execute();
  // the all-sites view (head, leaders) sorts and counts by time across the organisation
  await db.schema.createIndex('work_orders_org_created_idx').on('work_orders').columns(['org_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('work_orders_org_resolved_idx').on('work_orders').columns(['org_id', 'resolved_at']).execute();
  await db.schema.createIndex('work_orders_site_rated_idx').on('work_orders').columns(['site_id', 'rated_at']).execute();
  await db.schema.createIndex('work_orders_source_idx').on('work_orders').columns(['source_type', 'source_id']).execute();

  await db.schema
    .createTable('work_order_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('work_order_id', 'text', (c) => c.notNull().references('work_orders.id'))
    .addColumn('at', ts, notNull)
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('actor_name', 'text')
    .addColumn('action', 'text', notNull)
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('reason', 'text')
    .addColumn('data', 'text')
    .execute();
  await db.schema.createIndex('work_order_events_wo_idx').on('work_order_events').columns(['work_order_id', 'at']).execute();
  await db.schema.createIndex('work_order_events_org_at_idx').on('work_order_events').columns(['org_id', 'action', 'at']).execute();

  await recordTable(db, 'work_order_labour', (t) =>
    t
      .addColumn('work_order_id', 'text', (c) => c.notNull().references('work_orders.id'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('kind', 'text', notNull)
      .addColumn('started_at', ts)
      .addColumn('ended_at', ts)
      .addColumn('minutes', 'integer', notNull)
      .addColumn('note', 'text')
      .addColumn('deleted_at', ts),
  ).execute();
  await db.schema.createIndex('work_order_labour_wo_idx').on('work_order_labour').columns(['work_order_id']).execute();
  await db.schema.createIndex('work_order_labour_user_idx').on('work_order_labour').columns(['user_id', 'started_at']).execute();

  await recordTable(db, 'work_order_materials', (t) =>
    t
      .addColumn('work_order_id', 'text', (c) => c.notNull().references('work_orders.id'))
      .addColumn('name', 'text', notNull)
      .addColumn('spec', 'text')
      .addColumn('quantity', 'real', notNull)
      .addColumn('unit', 'text', notNull)
      .addColumn('unit_price', money, notNull)
      .addColumn('supplied_by', 'text', notNull)
      .addColumn('item_id', 'text')
      .addColumn('deleted_at', ts),
  ).execute();
  await db.schema.createIndex('work_order_materials_wo_idx').on('work_order_materials').columns(['work_order_id']).execute();

  // one row per (work order, deadline kind): the scheduler claims warnings and breaches
  // with a conditional update, so two server processes never send the same escalation
  await db.schema
    .createTable('work_order_timers')
    .addColumn('work_order_id', 'text', (c) => c.notNull().references('work_orders.id'))
    .addColumn('kind', 'text', notNull)
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('due_at', ts, notNull)
    .addColumn('warn_at', ts)
    .addColumn('met_at', ts)
    .addColumn('warned_at', ts)
    .addColumn('breached_at', ts)
    .addPrimaryKeyConstraint('work_order_timers_pk', ['work_order_id', 'kind'])
    .execute();
  await db.schema.createIndex('work_order_timers_due_idx').on('work_order_timers').columns(['met_at', 'breached_at', 'due_at']).execute();
  await db.schema.createIndex('work_order_timers_warn_idx').on('work_order_timers').columns(['met_at', 'warned_at', 'warn_at']).execute();
  await db.schema.createIndex('work_order_timers_site_idx').on('work_order_timers').columns(['site_id', 'breached_at']).execute();
}

export async function down(db: Db): Promise<void> {
  for (const t of [
    'work_order_timers',
    'work_order_materials',
    'work_order_labour',
    'work_order_events',
    'work_orders',
    'work_order_settings',
    'work_standards',
    'dispatch_rules',
    'sla_policies',
    'counter_members',
    'counters',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
