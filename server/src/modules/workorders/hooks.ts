import type { WorkOrderAction } from '../../../../contracts/workorders.js';
import type { Ctx, Tx } from '../../platform/context.js';
import { autoDispatch } from './dispatch.rules.js';
import type { WorkOrderRow } from './repository.js';
import { syncTimers } from './sla.timers.js';

/**
 * What follows every new request and every step, inside the same transaction:
 * automatic dispatch for new requests, then the deadline timers.
 */
export async function afterCreate(ctx: Ctx, tx: Tx, row: WorkOrderRow): Promise<WorkOrderRow> {
  const dispatched = await autoDispatch(ctx, tx, row);
  const current = dispatched ?? row;
  await syncTimers(ctx, tx, current, null, { created: true });
  return current;
}

/** `action` is null for an edit that changed what the deadlines depend on (category, urgency). */
export async function afterTransition(
  ctx: Ctx,
  tx: Tx,
  _before: WorkOrderRow,
  after: WorkOrderRow,
  action: WorkOrderAction | null,
): Promise<void> {
  await syncTimers(ctx, tx, after, action);
}
