import type { Cause, PauseReason, WorkOrderAction, WorkOrderDto } from '../../../../contracts/workorders.js';
import { hasPermission } from '../../platform/access/actor.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Tx } from '../../platform/context.js';
import { updateVersioned } from '../../platform/db/records.js';
import { forbidden } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { usersWithPermission } from '../identity/index.js';
import { afterTransition, beforeAction } from './hooks.js';
import { type ActorView, mayAct } from './policy.js';
import { insertEvent, type WorkOrderRow } from './repository.js';
import { getWorkOrder, getWorkOrderRow } from './service.js';
import { ACTION_LABELS, nextStatus, REASON_REQUIRED, REWORK_ACTIONS, STATUS_LABELS } from './state.js';

export interface ActionInput {
  version: number;
  reason?: string | null;
  assigneeId?: string | null;
  teamId?: string | null;
  pauseReason?: PauseReason | null;
  cause?: Cause | null;
  result?: string | null;
  ratingAttitude?: number;
  ratingQuality?: number;
  ratingEfficiency?: number;
  comment?: string | null;
}

/** Checks the action's own fields and returns the columns it changes besides the status. */
async function actionPatch(ctx: Ctx, tx: Tx, row: WorkOrderRow, action: WorkOrderAction, input: ActionInput, at: string) {
  const check = new FieldCheck();
  if (REASON_REQUIRED.has(action) && !input.reason?.trim()) check.add('reason', '请填写原因');
  const patch: Partial<WorkOrderRow> = {};
  const me = ctx.actor.userId;
  switch (action) {
    case 'dispatch':
    case 'transfer': {
      if (!input.assigneeId && !input.teamId) check.add('assigneeId', '请选择维修人员或班组');
      if (input.teamId) {
        // read through the transaction: on SQLite a read on another connection would wait for this one
        const team = await tx
          .selectFrom('teams')
          .select(['site_id', 'active'])
          .where('org_id', '=', row.org_id)
          .where('id', '=', input.teamId)
          .executeTakeFirst();
        if (team?.active !== 1 || (team.site_id !== null && team.site_id !== row.site_id)) check.add('teamId', '班组不存在或不属于该场所');
      }
      if (input.assigneeId) {
        // only someone who may work orders on this site (and sees it) can be sent
        const workers = await usersWithPermission(tx, row.org_id, 'workorders:work', row.site_id);
        if (!workers.some((u) => u.id === input.assigneeId)) check.add('assigneeId', '维修人员不在该场所或没有维修权限');
        else if (input.teamId) {
          const member = await tx
            .selectFrom('team_members')
            .select('user_id')
            .where('team_id', '=', input.teamId)
            .where('user_id', '=', input.assigneeId)
            .executeTakeFirst();
          if (!member) check.add('assigneeId', '维修人员不是该班组成员');
        }
      }
      Object.assign(patch, {
        team_id: input.teamId ?? null,
        assignee_id: input.assigneeId ?? null,
        in_pool: 0,
        dispatched_at: row.dispatched_at ?? at,
        owner_id: row.owner_id ?? (hasPermission(ctx.actor, 'workorders:dispatch', row.site_id) ? me : null),
      });
      break;
    }
    case 'pool':
      Object.assign(patch, { in_pool: 1, team_id: null, assignee_id: null, owner_id: row.owner_id ?? me });
      break;
    case 'claim':
      Object.assign(patch, { in_pool: 0, assignee_id: me, dispatched_at: row.dispatched_at ?? at, accepted_at: row.accepted_at ?? at });
      break;
    case 'accept':
      Object.assign(patch, { assignee_id: row.assignee_id ?? me, accepted_at: row.accepted_at ?? at });
      break;
    case 'send_back':
      Object.assign(patch, { assignee_id: null, team_id: null, in_pool: 0 });
      break;
    case 'arrive':
      patch.arrived_at = row.arrived_at ?? at;
      break;
    case 'start':
      patch.started_at = row.started_at ?? at;
      break;
    case 'pause':
      if (!input.pauseReason) check.add('pauseReason', '请选择暂停原因');
      Object.assign(patch, { pause_reason: input.pauseReason ?? null, paused_at: at });
      break;
    case 'resume':
      Object.assign(patch, {
        pause_reason: null,
        paused_at: null,
        paused_ms: Number(row.paused_ms) + Math.max(0, Date.parse(at) - Date.parse(row.paused_at ?? at)),
      });
      break;
    case 'finish':
      if (!input.result?.trim()) check.add('result', '请填写维修结果');
      Object.assign(patch, { resolved_at: at, cause: input.cause ?? row.cause, result: input.result?.trim() ?? row.result });
      break;
    case 'approve':
    case 'auto_approve':
      patch.completed_at = at;
      break;
    case 'reject':
      Object.assign(patch, { resolved_at: null, rework_count: Number(row.rework_count) + 1 });
      break;
    case 'reopen':
      // the repair will be rated again; the earlier rating stays in the event log
      Object.assign(patch, {
        resolved_at: null,
        completed_at: null,
        rework_count: Number(row.rework_count) + 1,
        rating_attitude: null,
        rating_quality: null,
        rating_efficiency: null,
        rating_comment: null,
        rated_at: null,
      });
      break;
    case 'rate':
      for (const [field, v] of [
        ['ratingAttitude', input.ratingAttitude],
        ['ratingQuality', input.ratingQuality],
        ['ratingEfficiency', input.ratingEfficiency],
      ] as const) {
        if (v === undefined || !Number.isInteger(v) || v < 1 || v > 5) check.add(field, '请给出 1–5 分');
      }
      Object.assign(patch, {
        rating_attitude: input.ratingAttitude,
        rating_quality: input.ratingQuality,
        rating_efficiency: input.ratingEfficiency,
        rating_comment: input.comment?.trim() || null,
        rated_at: at,
      });
      break;
    case 'cancel':
      Object.assign(patch, { cancelled_at: at, cancel_reason: input.reason?.trim() ?? null });
      break;
  }
  check.throwIfAny();
  return patch;
}

/**
 * Takes one step of the life cycle: the state machine says whether the status allows it,
 * the policy whether this actor may, then the step's fields, event, audit, deadlines and
 * notifications commit together. A stale `version` answers 409.
 */
export async function act(ctx: Ctx, id: string, action: WorkOrderAction, input: ActionInput): Promise<WorkOrderDto> {
  const { row: current, view } = await getWorkOrderRow(ctx, id);
  await ctx.db.transaction().execute((tx) => applyAction(ctx, tx, current, view, action, input));
  return getWorkOrder(ctx, id, view);
}

export async function applyAction(
  ctx: Ctx,
  tx: Tx,
  row: WorkOrderRow,
  view: ActorView | null,
  action: WorkOrderAction,
  input: ActionInput,
  actorName?: string,
): Promise<WorkOrderRow> {
  const to = nextStatus(row.status, action);
  if (view && !mayAct(ctx, view, row, action)) throw forbidden();
  await beforeAction(ctx, tx, row, action, input);
  const at = ctx.clock.now().toISOString();
  const patch = { ...(await actionPatch(ctx, tx, row, action, input, at)), status: to };
  await updateVersioned(tx, 'work_orders', row.id, input.version, patch, at);
  const after: WorkOrderRow = { ...row, ...patch, updated_at: at, version: input.version + 1 };
  await insertEvent(tx, {
    orgId: row.org_id,
    workOrderId: row.id,
    at,
    actorId: ctx.actor.userId,
    actorName: actorName ?? ctx.actor.name,
    action,
    fromStatus: row.status,
    toStatus: to,
    reason: input.reason?.trim() || (action === 'pause' ? (input.pauseReason ?? null) : null),
    data: eventData(action, input, row),
  });
  await writeAudit(ctx, tx, { entity: 'work_order', entityId: row.id, action, siteId: row.site_id, before: row, after });
  await notifyStep(ctx, tx, after, action);
  await afterTransition(ctx, tx, row, after, action);
  return after;
}

function eventData(action: WorkOrderAction, input: ActionInput, before: WorkOrderRow): Record<string, unknown> | null {
  if (action === 'dispatch' || action === 'transfer') return { assigneeId: input.assigneeId ?? null, teamId: input.teamId ?? null };
  if (action === 'rate') return { attitude: input.ratingAttitude, quality: input.ratingQuality, efficiency: input.ratingEfficiency };
  if (action === 'reopen' && before.rated_at) {
    const earlier = { attitude: before.rating_attitude, quality: before.rating_quality, efficiency: before.rating_efficiency };
    return { rework: true, earlierRating: { ...earlier, comment: before.rating_comment, ratedAt: before.rated_at } };
  }
  if (REWORK_ACTIONS.has(action)) return { rework: true };
  return null;
}

/** Tells the next person in the loop: the technician (or team) on dispatch, the requester when work is done. */
async function notifyStep(ctx: Ctx, tx: Tx, wo: WorkOrderRow, action: WorkOrderAction): Promise<void> {
  let userIds: string[] = [];
  let title = '';
  if (action === 'dispatch' || action === 'transfer' || action === 'reject' || action === 'reopen') {
    userIds = wo.assignee_id
      ? [wo.assignee_id]
      : wo.team_id
        ? (await tx.selectFrom('team_members').select('user_id').where('team_id', '=', wo.team_id).execute()).map((m) => m.user_id)
        : [];
    title = action === 'reject' || action === 'reopen' ? `工单 ${wo.number} 需返修` : `新工单 ${wo.number} 已派给你`;
  } else if (action === 'finish' && wo.requester_id) {
    userIds = [wo.requester_id];
    title = `工单 ${wo.number} 已完工，请验收评价`;
  } else if (action === 'send_back' && wo.owner_id) {
    userIds = [wo.owner_id];
    title = `工单 ${wo.number} 被退回，请重新派单`;
  }
  userIds = userIds.filter((u) => u !== ctx.actor.userId);
  if (!userIds.length) return;
  await ctx.notifier.send(tx, {
    orgId: wo.org_id,
    userIds,
    kind: 'work_order',
    title,
    body: `${STATUS_LABELS[wo.status]}：${wo.description.slice(0, 80)}（${ACTION_LABELS[action]}）`,
    link: `/work-orders/${wo.id}`,
  });
}
