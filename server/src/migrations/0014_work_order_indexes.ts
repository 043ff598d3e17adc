import { sql } from 'kysely';
import type { Db } from './_helpers.js';

/**
 * Indexes found by the load scenarios of issue 5 (bench/README.md):
 *
 * - status lists sorted newest first (the dispatch board's pending and pool columns, the
 *   "open orders" lists) walked the whole organisation in created_at order because the
 *   status index ended in id; (…, status, created_at, id) serves the filter and the
 * *   sort, and replaces the (…, status, id) indexes;
 * - satisfaction over all sites reads ratings by (org_id, rated_at);
 * - labour "logged in the period" filters on coalesce(started_at, created_at), which
 *   no column index can serve: an expression index does, on both engines.
 */
export async function up(db: Db): Promise<void> {
  await db.schema.dropIndex('work_orders_site_status_idx').execute();
  await db.schema.dropIndex('work_orders_org_status_idx').execute();
  await db.schema
    .createIndex('work_orders_site_status_created_idx')
    .on('work_orders')
    .columns(['site_id', 'status', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('work_orders_org_status_created_idx')
    .on('work_orders')
    .columns(['org_id', 'status', 'created_at', 'id'])
    .execute();
  // satisfaction over all sites: PostgreSQL cannot skip-scan the (site_id, rated_at) index as SQLite does
  await db.schema.createIndex('work_orders_org_rated_idx').on('work_orders').columns(['org_id', 'rated_at']).execute();
  // the doubled parentheses are PostgreSQL's syntax for an expression (COALESCE is not a plain function call); SQLite accepts them
  await sql`create index work_order_labour_at_idx on work_order_labour ((coalesce(started_at, created_at)))`.execute(db);
}
