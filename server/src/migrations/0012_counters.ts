import { type Db, isPg, notNull, recordTable, tsType } from './_helpers.js';

/**
 * Vendor-counter rectification notices (整改通知) and charge rules (专柜收费). The
 * counters and their members were created with the work orders (0010); this adds the
 * indexes their list filters need.
 */
export async function up(db: Db): Promise<void> {
  const ts = tsType(db);
  const money = isPg(db) ? 'bigint' : 'integer';

  // list filters: organisation-wide and per site, each with `active` and ending in id for keyset paging
  await db.schema.createIndex('counters_org_active_idx').on('counters').columns(['org_id', 'active', 'id']).execute();
  await db.schema.createIndex('counters_site_active_idx').on('counters').columns(['site_id', 'active', 'id']).execute();

  await recordTable(db, 'counter_notices', (t) =>
    t
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('number', 'text', notNull)
      .addColumn('counter_id', 'text', (c) => c.notNull().references('counters.id'))
      .addColumn('location_id', 'text', (c) => c.references('locations.id'))
      .addColumn('found_at', ts, notNull)
      .addColumn('description', 'text', notNull)
      .addColumn('requirement', 'text', notNull)
      .addColumn('deadline', ts, notNull)
      .addColumn('status', 'text', notNull)
      .addColumn('issued_by', 'text', (c) => c.references('users.id'))
      .addColumn('rectified_at', ts)
      .addColumn('rectified_by', 'text', (c) => c.references('users.id'))
      .addColumn('rectify_note', 'text')
      .addColumn('verified_at', ts)
      .addColumn('verified_by', 'text', (c) => c.references('users.id'))
      .addColumn('reject_reason', 'text')
      .addColumn('overdue_at', ts)
      .addColumn('converted_at', ts)
      .addColumn('work_order_id', 'text', (c) => c.references('work_orders.id'))
      .addColumn('cancelled_at', ts)
      .addColumn('cancel_reason', 'text')
      .addUniqueConstraint('counter_notices_site_number_uq', ['site_id', 'number']),
  ).execute();
  await db.schema.createIndex('counter_notices_org_idx').on('counter_notices').columns(['org_id', 'status', 'id']).execute();
  await db.schema.createIndex('counter_notices_site_idx').on('counter_notices').columns(['site_id', 'status', 'id']).execute();
  await db.schema.createIndex('counter_notices_counter_idx').on('counter_notices').columns(['counter_id', 'status', 'id']).execute();
  await db.schema.createIndex('counter_notices_number_idx').on('counter_notices').columns(['org_id', 'number']).execute();
  await db.schema.createIndex('counter_notices_deadline_idx').on('counter_notices').columns(['org_id', 'deadline']).execute();
  // the overdue job scans open notices by deadline across organisations
  await db.schema.createIndex('counter_notices_due_idx').on('counter_notices').columns(['status', 'deadline']).execute();
  await db.schema.createIndex('counter_notices_wo_idx').on('counter_notices').columns(['work_order_id']).execute();

  // one row per (organisation, material supplier): whether materials and labour are charged
  await recordTable(db, 'counter_charge_rules', (t) =>
    t
      .addColumn('supplier', 'text', notNull)
      .addColumn('charge_materials', 'integer', notNull)
      .addColumn('charge_labour', 'integer', notNull)
      .addColumn('labour_rate', money, (c) => c.notNull().defaultTo(0))
      .addUniqueConstraint('counter_charge_rules_org_supplier_uq', ['org_id', 'supplier']),
  ).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('counter_charge_rules').execute();
  await db.schema.dropTable('counter_notices').execute();
  await db.schema.dropIndex('counters_site_active_idx').execute();
  await db.schema.dropIndex('counters_org_active_idx').execute();
}
