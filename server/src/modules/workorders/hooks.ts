import type { WorkOrderAction } from '../../../../contracts/workorders.js';
import { systemActor } from '../../platform/access/actor.js';
import type { Ctx, Tx } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import type { ActionInput } from './actions.js';
import { applyAction } from './actions.js';
import { autoDispatch } from './dispatch.rules.js';
import type { WorkOrderRow } from './repository.js';
import { syncTimers } from './sla.timers.js';

/**
 * What other modules add to a work order's steps, inside the step's transaction: a
 * maintenance order may not be finished before its checklist is submitted, and finishing
 * it completes the plan's occurrence. `before` may throw to refuse the step.
 */
export interface WorkOrderHook {
  before?(ctx: Ctx, tx: Tx, row: WorkOrderRow, action: WorkOrderAction, input: ActionInput): Promise<void>;
  after?(ctx: Ctx, tx: Tx, before: WorkOrderRow, after: WorkOrderRow, action: WorkOrderAction): Promise<void>;
}

const hooks: WorkOrderHook[] = [];

/** Modules register their hooks when their routes are registered (like jobs); once per hook. */
export function registerWorkOrderHook(hook: WorkOrderHook): void {
  if (!hooks.includes(hook)) hooks.push(hook);
}

export async function beforeAction(ctx: Ctx, tx: Tx, row: WorkOrderRow, action: WorkOrderAction, input: ActionInput): Promise<void> {
  for (const h of hooks) await h.before?.(ctx, tx, row, action, input);
}

/** Who a new order goes to when its source names them (a maintenance plan's team or person). */
export interface AssignTo {
  teamId: string | null;
  assigneeId: string | null;
  /** the name the dispatch event shows, e.g. 保养计划 */
  actorName: string;
}

/**
 * What follows every new request and every step, inside the same transaction: dispatch
 * to the source's team or person when it names one (falling back to the dispatch rules
 * when that person or team can no longer take it), else automatic dispatch; then the
 * deadline timers.
 */
export async function afterCreate(ctx: Ctx, tx: Tx, row: WorkOrderRow, assignTo?: AssignTo | null): Promise<WorkOrderRow> {
  let dispatched: WorkOrderRow | null = null;
  if (assignTo && (assignTo.teamId || assignTo.assigneeId)) {
    const system: Ctx = { ...ctx, db: tx, actor: { ...systemActor(row.org_id), name: assignTo.actorName } };
    const target = { version: row.version, teamId: assignTo.teamId, assigneeId: assignTo.assigneeId };
    // the checks run before anything is written, so a refusal leaves the transaction usable
    dispatched = await applyAction(system, tx, row, null, 'dispatch', target, assignTo.actorName).catch((e: unknown) => {
      if (e instanceof AppError && e.code === 'VALIDATION') return null;
      throw e;
    });
  }
  dispatched ??= await autoDispatch(ctx, tx, row);
  const current = dispatched ?? row;
  await syncTimers(ctx, tx, current, null, { created: true });
  return current;
}

/** `action` is null for an edit that changed what the deadlines depend on (category, urgency). */
export async function afterTransition(
  ctx: Ctx,
  tx: Tx,
  before: WorkOrderRow,
  after: WorkOrderRow,
  action: WorkOrderAction | null,
): Promise<void> {
  await syncTimers(ctx, tx, after, action);
  if (action) for (const h of hooks) await h.after?.(ctx, tx, before, after, action);
}
