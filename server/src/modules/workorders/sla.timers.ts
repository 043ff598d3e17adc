import type { SlaTimerDto, WorkOrderAction } from '../../../../contracts/workorders.js';
import type { Ctx, Tx } from '../../platform/context.js';
import type { Row } from '../../platform/db/schema.js';
import type { WorkOrderRow } from './repository.js';

/**
 * Deadline timers of a work order (response / arrival / resolution).
 * TODO(issue 4, SLA helper): policies, business hours, pauses, 不过夜, warnings, breaches.
 */
export async function syncTimers(_ctx: Ctx, _tx: Tx, _row: WorkOrderRow, _action: WorkOrderAction | null): Promise<void> {}

export function timerDtos(_row: WorkOrderRow, timers: Row<'work_order_timers'>[], now: Date): SlaTimerDto[] {
  return timers.map((t) => ({
    kind: t.kind,
    dueAt: t.due_at,
    metAt: t.met_at,
    warnedAt: t.warned_at,
    breachedAt: t.breached_at,
    remainingMs: t.met_at ? null : Date.parse(t.due_at) - now.getTime(),
  }));
}
