import { hasPermission } from '../../platform/access/actor.js';
import type { Ctx } from '../../platform/context.js';
import { AppError, forbidden } from '../../platform/http/errors.js';
import { usersWithPermission } from '../identity/index.js';
import { isWorker } from './policy.js';
import type { WorkOrderRow } from './repository.js';
import { getWorkOrderRow } from './service.js';
import { STATUS_LABELS } from './state.js';

/**
 * Who may record work done (labour and materials) on an order:
 * - the technician doing it (assignee, or a member of the order's team while nobody is
 *   named) records their own, while the order is open or awaiting acceptance;
 * - dispatchers (workorders:dispatch on the site) record for anyone on the order and may
 *   correct the record after it closed, because figures are read from it.
 * Everyone who can see the order can read the record.
 */
const CLOSED: ReadonlySet<WorkOrderRow['status']> = new Set(['completed', 'rated', 'cancelled']);

export interface WorkAccess {
  row: WorkOrderRow;
  dispatcher: boolean;
}

export async function readableOrder(ctx: Ctx, id: string): Promise<WorkOrderRow> {
  return (await getWorkOrderRow(ctx, id)).row;
}

/** The order (404 when not visible) after checking the actor may record on it now. */
export async function writableOrder(ctx: Ctx, id: string, what: 'labour' | 'materials'): Promise<WorkAccess> {
  const { row, view } = await getWorkOrderRow(ctx, id);
  const dispatcher = hasPermission(ctx.actor, 'workorders:dispatch', row.site_id);
  const worker = isWorker(view, row) && hasPermission(ctx.actor, 'workorders:work', row.site_id);
  if (!dispatcher && !worker) throw forbidden();
  if (!dispatcher && CLOSED.has(row.status)) {
    throw new AppError('ILLEGAL_TRANSITION', `工单${STATUS_LABELS[row.status]}，不能再修改${what === 'labour' ? '工时' : '材料'}`, {
      status: row.status,
      action: what,
    });
  }
  return { row, dispatcher };
}

/** Whether `userId` can have labour on the order: its assignee, or someone who works on the order's site. */
export async function mayWorkOn(ctx: Ctx, row: WorkOrderRow, userId: string): Promise<boolean> {
  if (userId === row.assignee_id) return true;
  const workers = await usersWithPermission(ctx.db, row.org_id, 'workorders:work', row.site_id);
  return workers.some((w) => w.id === userId);
}
