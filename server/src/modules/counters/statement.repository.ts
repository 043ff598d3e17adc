import { sql } from 'kysely';
import type { Db } from '../../platform/context.js';
import type { MaterialLine } from './charges.js';

/**
 * Read-only queries on the work-order tables for the monthly statement. The work-order
 * module exports no reader for material and labour lines yet; these read nothing else
 * and write nothing, and move behind a workorders export once one exists.
 */
export interface PaidOrderRow {
  id: string;
  number: string;
  description: string;
  completed_at: string;
}

/** The counter's repairs (kind counter_repair) accepted within [from, to): cancelled or reopened ones are not billed. */
export function paidOrdersOf(db: Db, orgId: string, counterId: string, from: string, to: string): Promise<PaidOrderRow[]> {
  return db
    .selectFrom('work_orders')
    .select(['id', 'number', 'description', 'completed_at'])
    .where('org_id', '=', orgId)
    .where('counter_id', '=', counterId)
    .where('kind', '=', 'counter_repair')
    .where('status', 'in', ['completed', 'rated'])
    .where('completed_at', '>=', from)
    .where('completed_at', '<', to)
    .orderBy('completed_at')
    .orderBy('id')
    .execute() as Promise<PaidOrderRow[]>;
}

export async function materialsOf(db: Db, workOrderIds: string[]): Promise<Map<string, MaterialLine[]>> {
  const out = new Map<string, MaterialLine[]>();
  if (!workOrderIds.length) return out;
  const rows = await db
    .selectFrom('work_order_materials')
    .select(['id', 'work_order_id', 'name', 'spec', 'quantity', 'unit', 'unit_price', 'supplied_by'])
    .where('work_order_id', 'in', workOrderIds)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.work_order_id) ?? [];
    list.push({
      id: r.id,
      name: r.name,
      spec: r.spec,
      quantity: Number(r.quantity),
      unit: r.unit,
      unitPrice: Number(r.unit_price),
      suppliedBy: r.supplied_by,
    });
    out.set(r.work_order_id, list);
  }
  return out;
}

/** Effective labour minutes per order (waiting, travel, fetching material and standby are not billed). */
export async function effectiveMinutesOf(db: Db, workOrderIds: string[]): Promise<Map<string, number>> {
  if (!workOrderIds.length) return new Map();
  const rows = await db
    .selectFrom('work_order_labour')
    .select(['work_order_id', sql<number>`coalesce(sum(minutes), 0)`.as('minutes')])
    .where('work_order_id', 'in', workOrderIds)
    .where('kind', '=', 'effective')
    .where('deleted_at', 'is', null)
    .groupBy('work_order_id')
    .execute();
  return new Map(rows.map((r) => [r.work_order_id, Number(r.minutes)]));
}
