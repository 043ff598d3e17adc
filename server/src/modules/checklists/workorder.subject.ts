import type {
  ChecklistFinding,
  ChecklistFollowUp,
  ChecklistItem,
  ChecklistResultDto,
  ChecklistResultInput,
} from '../../../../contracts/checklists.js';
import type { WorkOrderStatus } from '../../../../contracts/workorders.js';
import { hasPermission } from '../../platform/access/actor.js';
import type { Ctx } from '../../platform/context.js';
import type { Row } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/errors.js';
import { getWorkOrderRow, intake, WORK_ORDER_STATUS_LABELS, type WorkOrderHook } from '../workorders/index.js';
import { findResultOf } from './checklists.repository.js';
import { getChecklistResult, saveChecklistResult } from './results.service.js';
import { registerChecklistSubject } from './subjects.js';

/** checklist_results.subject_type of a maintenance work order's checklist */
export const WORK_ORDER_SUBJECT = 'work_order';

type WorkOrderRow = Row<'work_orders'>;
type OrderView = Awaited<ReturnType<typeof getWorkOrderRow>>['view'];

/** A maintenance order's checklist is filled while the technician is on the job. */
const FILLABLE: ReadonlySet<WorkOrderStatus> = new Set(['accepted', 'arrived', 'in_progress', 'paused']);

/**
 * Who fills a work order's checklist: the clerks and dispatchers of the site, and the
 * technician on it — the named assignee, or the team's members while nobody is named
 * (the work-order policy's rule for the worker steps).
 */
function mayFillOrder(ctx: Ctx, order: WorkOrderRow, view: OrderView): boolean {
  if (hasPermission(ctx.actor, 'workorders:dispatch', order.site_id)) return true;
  const onOrder = order.assignee_id ? order.assignee_id === view.userId : order.team_id !== null && view.teamIds.includes(order.team_id);
  return onOrder && hasPermission(ctx.actor, 'workorders:work', order.site_id);
}

const PASS_FAIL_TEXT: Record<string, string> = { pass: '合格', fail: '不合格', na: '不适用' };

/** `<项>（实测 <值>，标准 <范围>）；备注：<备注>` — what a finding was, for the record it becomes. */
export function findingFacts(f: ChecklistFinding, item: ChecklistItem | undefined): string {
  const unit = item?.kind === 'number' && item.unit ? ` ${item.unit}` : '';
  const value =
    typeof f.value === 'string' && PASS_FAIL_TEXT[f.value] && item?.kind === 'pass_fail' ? PASS_FAIL_TEXT[f.value] : `${f.value}${unit}`;
  const expected = f.expected ?? (item?.kind === 'pass_fail' ? '合格' : null);
  const facts = expected ? `实测 ${value}，标准 ${expected}` : `实测 ${value}`;
  return `${f.label}（${facts}）`;
}

/** `保养检查发现：<项>（实测 <值>，标准 <范围>），来自工单 <号>` */
export function findingDescription(f: ChecklistFinding, item: ChecklistItem | undefined, orderNumber: string): string {
  const note = f.note ? `；备注：${f.note}` : '';
  return `保养检查发现：${findingFacts(f, item)}，来自工单 ${orderNumber}${note}`;
}

/**
 * A maintenance work order as a checklist subject: filled by the people on the order while
 * it is being worked; each finding becomes a repair work order of the same place and
 * equipment, recorded as the finding's follow-up.
 */
export function registerWorkOrderChecklists(): void {
  registerChecklistSubject(WORK_ORDER_SUBJECT, {
    forbiddenMessage: '只有工单的维修人员或本场所调度员可以填写检查表',
    async resolve(ctx, orderId) {
      const { row: order, view } = await getWorkOrderRow(ctx, orderId);
      return {
        siteId: order.site_id,
        mayFill: mayFillOrder(ctx, order, view),
        blocked: FILLABLE.has(order.status)
          ? null
          : { message: `工单${WORK_ORDER_STATUS_LABELS[order.status]}，不能填写检查表`, details: { status: order.status } },
        async onFindings(tx, result, findings, items) {
          const followUps: ChecklistFollowUp[] = [];
          const byKey = new Map(items.map((i) => [i.key, i]));
          for (const f of findings) {
            const repair = await intake(
              ctx,
              tx,
              {
                siteId: order.site_id,
                locationId: order.location_id,
                assetId: order.asset_id,
                category: order.category,
                urgency: 'normal',
                description: findingDescription(f, byKey.get(f.key), order.number),
                kind: 'repair',
                sourceType: 'checklist_finding',
                sourceId: result.id,
              },
              { channel: 'maintenance', requesterId: null, ownerId: null },
            );
            followUps.push({ key: f.key, type: 'work_order', id: repair.id, number: repair.number });
          }
          return followUps;
        },
      };
    },
  });
}

export function getWorkOrderChecklist(ctx: Ctx, orderId: string): Promise<{ result: ChecklistResultDto | null }> {
  return getChecklistResult(ctx, WORK_ORDER_SUBJECT, orderId);
}

export function saveWorkOrderChecklist(
  ctx: Ctx,
  orderId: string,
  input: ChecklistResultInput,
): Promise<{ result: ChecklistResultDto | null }> {
  return saveChecklistResult(ctx, WORK_ORDER_SUBJECT, orderId, input);
}

/** A maintenance order with a checklist is finished only after the checklist is submitted. */
export const finishGuard: WorkOrderHook = {
  async before(_ctx, tx, row, action) {
    if (action !== 'finish') return;
    const result = await findResultOf(tx, WORK_ORDER_SUBJECT, row.id);
    if (result?.status === 'draft') {
      throw new AppError('VALIDATION', '请先填写并提交保养检查表', { fields: [{ field: 'checklist', message: '检查表未提交' }] });
    }
  },
};
