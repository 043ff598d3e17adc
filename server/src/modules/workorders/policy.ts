import type { WorkOrderAction } from '../../../../contracts/workorders.js';
import { hasPermission, siteScope } from '../../platform/access/actor.js';
import type { Ctx } from '../../platform/context.js';
import { notFound } from '../../platform/http/errors.js';
import { counterIdsOfUser } from '../counters/index.js';
import { teamsOfUser } from '../org/index.js';
import type { Visibility, WorkOrderRow } from './repository.js';
import { allowedActions } from './state.js';

/**
 * Who may do what to a work order:
 * - clerks and dispatchers (workorders:dispatch on the site) may take every step, so the
 *   clerk who took a request can carry it to the end (首问负责制);
 * - technicians (workorders:work) do the work on orders assigned to them or their team,
 *   and claim from the pool;
 * - the requester — or the staff of the vendor counter it was raised for — accepts,
 *   rejects, rates, reopens, and may cancel while nobody has been sent yet.
 */
export interface ActorView extends Visibility {
  teamIds: string[];
}

const WORKER_ACTIONS: ReadonlySet<WorkOrderAction> = new Set([
  'accept',
  'send_back',
  'transfer',
  'arrive',
  'start',
  'pause',
  'resume',
  'finish',
]);
const REQUESTER_ACTIONS: ReadonlySet<WorkOrderAction> = new Set(['approve', 'reject', 'rate', 'reopen']);

export async function actorView(ctx: Ctx): Promise<ActorView> {
  const userId = ctx.actor.userId;
  const [teams, counterIds] = userId
    ? await Promise.all([teamsOfUser(ctx.db, ctx.actor.orgId, userId), counterIdsOfUser(ctx.db, userId)])
    : [[], []];
  return { sites: siteScope(ctx.actor, 'workorders:read'), userId, counterIds, teamIds: teams.map((t) => t.id) };
}

export function isRequester(view: ActorView, row: WorkOrderRow): boolean {
  return (
    (row.requester_id !== null && row.requester_id === view.userId) || (row.counter_id !== null && view.counterIds.includes(row.counter_id))
  );
}

export function isWorker(view: ActorView, row: WorkOrderRow): boolean {
  if (row.assignee_id) return row.assignee_id === view.userId;
  return row.team_id !== null && view.teamIds.includes(row.team_id);
}

export function canSee(view: ActorView, row: WorkOrderRow): boolean {
  const bySite = view.sites === 'all' || view.sites.includes(row.site_id);
  return bySite || isRequester(view, row);
}

export function assertVisible(view: ActorView, row: WorkOrderRow | undefined): asserts row is WorkOrderRow {
  if (!row || !canSee(view, row)) throw notFound('工单');
}

/** Whether this actor may take `action` now (the status must allow it too). */
export function mayAct(ctx: Ctx, view: ActorView, row: WorkOrderRow, action: WorkOrderAction): boolean {
  if (action === 'auto_approve') return false; // the scheduler's
  if (hasPermission(ctx.actor, 'workorders:dispatch', row.site_id)) return true;
  if (action === 'claim') return row.in_pool === 1 && hasPermission(ctx.actor, 'workorders:work', row.site_id);
  if (WORKER_ACTIONS.has(action)) return isWorker(view, row) && hasPermission(ctx.actor, 'workorders:work', row.site_id);
  if (REQUESTER_ACTIONS.has(action)) return isRequester(view, row);
  // a counter's staff may not cancel the paid repair raised against their counter
  if (action === 'cancel') return row.requester_id !== null && row.requester_id === view.userId && row.status === 'pending';
  return false;
}

export function actionsFor(ctx: Ctx, view: ActorView, row: WorkOrderRow): WorkOrderAction[] {
  return allowedActions(row.status).filter((a) => mayAct(ctx, view, row, a));
}
