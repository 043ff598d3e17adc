import { type Db, notNull, recordTable, tsType } from './_helpers.js';

/**
 * Complaints (投诉), the 24-hour hotline log (热线记录) and return visits (回访): the
 * customer-service side of the repair loop. Complaints follow their own small life
 * cycle with an event log; hotline calls and visits link to the work order or
 * complaint they led to.
 */
export async function up(db: Db): Promise<void> {
  const ts = tsType(db);

  await recordTable(db, 'complaints', (t) =>
    t
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('number', 'text', notNull)
      .addColumn('work_order_id', 'text', (c) => c.references('work_orders.id'))
      .addColumn('channel', 'text', notNull)
      .addColumn('complainant_name', 'text')
      .addColumn('complainant_phone', 'text')
      .addColumn('subject', 'text', notNull)
      .addColumn('content', 'text', notNull)
      .addColumn('category', 'text', notNull)
      .addColumn('status', 'text', notNull)
      .addColumn('received_at', ts, notNull)
      .addColumn('deadline_at', ts, notNull)
      .addColumn('handler_id', 'text', (c) => c.references('users.id'))
      .addColumn('handling_notes', 'text')
      .addColumn('resolution', 'text')
      .addColumn('resolved_at', ts)
      .addColumn('closed_at', ts)
      .addColumn('satisfaction', 'text')
      .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('source_type', 'text')
      .addColumn('source_id', 'text')
      .addColumn('created_by', 'text', (c) => c.references('users.id'))
      .addUniqueConstraint('complaints_site_number_uq', ['site_id', 'number']),
  ).execute();
  // one index per list filter, each ending in the keyset tie-breaker
  await db.schema.createIndex('complaints_site_received_idx').on('complaints').columns(['site_id', 'received_at', 'id']).execute();
  await db.schema.createIndex('complaints_org_received_idx').on('complaints').columns(['org_id', 'received_at', 'id']).execute();
  await db.schema.createIndex('complaints_site_status_idx').on('complaints').columns(['site_id', 'status', 'deadline_at']).execute();
  await db.schema.createIndex('complaints_handler_idx').on('complaints').columns(['handler_id', 'status', 'id']).execute();
  await db.schema.createIndex('complaints_work_order_idx').on('complaints').columns(['work_order_id']).execute();
  await db.schema.createIndex('complaints_number_idx').on('complaints').columns(['org_id', 'number']).execute();
  await db.schema.createIndex('complaints_site_resolved_idx').on('complaints').columns(['site_id', 'resolved_at']).execute();

  await db.schema
    .createTable('complaint_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('complaint_id', 'text', (c) => c.notNull().references('complaints.id'))
    .addColumn('at', ts, notNull)
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('actor_name', 'text')
    .addColumn('action', 'text', notNull)
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('note', 'text')
    .addColumn('data', 'text')
    .execute();
  await db.schema.createIndex('complaint_events_complaint_idx').on('complaint_events').columns(['complaint_id', 'at']).execute();

  await recordTable(db, 'return_visits', (t) =>
    t
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('work_order_id', 'text', (c) => c.notNull().references('work_orders.id'))
      .addColumn('visited_at', ts, notNull)
      .addColumn('visited_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('method', 'text', notNull)
      .addColumn('result', 'text', notNull)
      .addColumn('comment', 'text')
      .addColumn('follow_up_needed', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('complaint_id', 'text', (c) => c.references('complaints.id'))
      .addColumn('created_by', 'text', (c) => c.references('users.id')),
  ).execute();
  await db.schema.createIndex('return_visits_site_visited_idx').on('return_visits').columns(['site_id', 'visited_at', 'id']).execute();
  await db.schema.createIndex('return_visits_org_visited_idx').on('return_visits').columns(['org_id', 'visited_at', 'id']).execute();
  await db.schema.createIndex('return_visits_site_result_idx').on('return_visits').columns(['site_id', 'result', 'visited_at']).execute();
  await db.schema.createIndex('return_visits_work_order_idx').on('return_visits').columns(['work_order_id', 'visited_at']).execute();

  await recordTable(db, 'hotline_calls', (t) =>
    t
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('received_at', ts, notNull)
      .addColumn('caller_name', 'text')
      .addColumn('caller_phone', 'text')
      .addColumn('content', 'text', notNull)
      .addColumn('outcome', 'text', notNull)
      .addColumn('note', 'text')
      .addColumn('work_order_id', 'text', (c) => c.references('work_orders.id'))
      .addColumn('complaint_id', 'text', (c) => c.references('complaints.id'))
      .addColumn('taken_by', 'text', (c) => c.notNull().references('users.id')),
  ).execute();
  await db.schema.createIndex('hotline_calls_site_received_idx').on('hotline_calls').columns(['site_id', 'received_at', 'id']).execute();
  await db.schema.createIndex('hotline_calls_org_received_idx').on('hotline_calls').columns(['org_id', 'received_at', 'id']).execute();
  await db.schema
    .createIndex('hotline_calls_site_outcome_idx')
    .on('hotline_calls')
    .columns(['site_id', 'outcome', 'received_at'])
    .execute();
  await db.schema.createIndex('hotline_calls_taken_by_idx').on('hotline_calls').columns(['taken_by', 'received_at']).execute();
  await db.schema.createIndex('hotline_calls_work_order_idx').on('hotline_calls').columns(['work_order_id']).execute();
  await db.schema.createIndex('hotline_calls_complaint_idx').on('hotline_calls').columns(['complaint_id']).execute();
}

export async function down(db: Db): Promise<void> {
  for (const t of ['hotline_calls', 'return_visits', 'complaint_events', 'complaints']) {
    await db.schema.dropTable(t).execute();
  }
}
