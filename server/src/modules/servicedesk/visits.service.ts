import type { ReturnVisitDto } from '../../../../contracts/servicedesk.js';
import type { Page } from '../../../../contracts/types.js';
import { hasPermission, inScope } from '../../platform/access/actor.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { AppError, forbidden, notFound } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { getWorkOrderRow, WORK_ORDER_STATUS_LABELS } from '../workorders/index.js';
import { pastInstant, trimmed, unionScope } from './common.js';
import { draftComplaint, storeComplaint } from './complaints.service.js';
import { SATISFACTION_LABELS } from './labels.js';
import type { ComplaintCategory, ComplaintChannel, Satisfaction, VisitMethod } from './schema.js';
import { findVisit, listVisits, type VisitFilter, type VisitListRow, type VisitRow } from './visits.repository.js';

/** who may read return visits: the site's dispatchers and every reader of its work orders */
const READ_PERMS = ['workorders:dispatch', 'workorders:read'] as const;
/** a visit is a follow-up of finished work */
const VISITABLE = new Set(['completed', 'rated']);
const CHANNEL_OF_METHOD: Record<VisitMethod, ComplaintChannel> = { phone: 'phone', on_site: 'walk_in', wechat: 'web' };

export interface VisitInput {
  visitedAt?: string | null;
  method: VisitMethod;
  result: Satisfaction;
  comment?: string | null;
  followUpNeeded?: boolean;
  /** raise a complaint in the same step (dissatisfied visits only) */
  complaint?: { subject?: string | null; content?: string | null; category?: ComplaintCategory | null; handlerId?: string | null } | null;
}

export function toVisitDto(r: VisitListRow): ReturnVisitDto {
  return {
    id: r.id,
    siteId: r.site_id,
    siteName: r.site_name,
    workOrderId: r.work_order_id,
    workOrderNumber: r.work_order_number,
    workOrderDescription: r.work_order_description,
    requesterName: r.requester_name,
    visitedAt: r.visited_at,
    visitedBy: r.visited_by,
    visitedByName: r.visited_by_name,
    method: r.method,
    result: r.result,
    comment: r.comment,
    followUpNeeded: r.follow_up_needed === 1,
    complaintId: r.complaint_id,
    complaintNumber: r.complaint_number,
    createdAt: r.created_at,
    version: Number(r.version),
  };
}
export type VisitDto = ReturnVisitDto;

function readScope(ctx: Ctx) {
  return unionScope(ctx, [...READ_PERMS]);
}

export async function searchVisits(ctx: Ctx, filter: VisitFilter): Promise<Page<VisitDto>> {
  const scope = readScope(ctx);
  if (scope !== 'all' && scope.length === 0) throw forbidden();
  const page = await listVisits(ctx.db, ctx.actor.orgId, scope, filter);
  return { items: page.items.map(toVisitDto), nextCursor: page.nextCursor };
}

/** The visits of one work order the actor can see; a requester without work-order reading rights is refused. */
export async function visitsOfWorkOrder(ctx: Ctx, workOrderId: string): Promise<VisitDto[]> {
  const { row } = await getWorkOrderRow(ctx, workOrderId);
  if (!inScope(readScope(ctx), row.site_id)) throw forbidden();
  const page = await listVisits(ctx.db, ctx.actor.orgId, [row.site_id], { workOrderId, limit: 200, sort: 'visitedAt' });
  return page.items.map(toVisitDto);
}

export async function getVisit(ctx: Ctx, id: string): Promise<VisitDto> {
  const row = await findVisit(ctx.db, ctx.actor.orgId, id);
  if (!row || !inScope(readScope(ctx), row.site_id)) throw notFound('回访记录');
  return toVisitDto(row);
}

/**
 * Records a return visit of a finished work order (已完成 / 已评价); a dissatisfied visit
 * may raise a complaint in the same transaction, linked both ways.
 */
export async function createVisit(ctx: Ctx, workOrderId: string, input: VisitInput): Promise<VisitDto> {
  const { row: wo } = await getWorkOrderRow(ctx, workOrderId);
  if (!hasPermission(ctx.actor, 'workorders:dispatch', wo.site_id)) throw forbidden('只有客服调度可以登记回访');
  if (!VISITABLE.has(wo.status)) {
    throw new AppError('ILLEGAL_TRANSITION', `工单${WORK_ORDER_STATUS_LABELS[wo.status]}，完成后才能回访`, {
      status: wo.status,
      action: 'return_visit',
    });
  }
  const me = ctx.actor.userId;
  if (!me) throw forbidden('回访须由具体的人登记');
  const now = ctx.clock.now();
  const check = new FieldCheck();
  const visitedAt = pastInstant(check, 'visitedAt', input.visitedAt, now) ?? now.toISOString();
  if (input.visitedAt && wo.completed_at && Date.parse(visitedAt) < Date.parse(wo.completed_at)) {
    check.add('visitedAt', '回访时间不能早于工单完成时间');
  }
  if (input.complaint) {
    if (input.result !== 'dissatisfied') check.add('complaint', '只有“不满意”的回访才能直接登记投诉');
    if (!hasPermission(ctx.actor, 'complaints:manage', wo.site_id)) check.add('complaint', '你没有登记投诉的权限');
  }
  const at = now.toISOString();
  const visit: VisitRow = {
    id: newId(),
    org_id: wo.org_id,
    site_id: wo.site_id,
    work_order_id: wo.id,
    visited_at: visitedAt,
    visited_by: me,
    method: input.method,
    result: input.result,
    comment: trimmed(input.comment),
    follow_up_needed: input.followUpNeeded || input.result === 'dissatisfied' ? 1 : 0,
    complaint_id: null,
    created_by: me,
    created_at: at,
    updated_at: at,
    version: 1,
  };
  const raise = input.complaint && input.result === 'dissatisfied' ? input.complaint : null;
  const draft = raise
    ? await draftComplaint(
        ctx,
        {
          siteId: wo.site_id,
          workOrderId: wo.id,
          channel: CHANNEL_OF_METHOD[input.method],
          complainantName: wo.requester_name,
          complainantPhone: wo.requester_phone,
          subject: trimmed(raise.subject) ?? `回访不满意：工单 ${wo.number}`,
          content: trimmed(raise.content) ?? visit.comment ?? `回访结果：${SATISFACTION_LABELS[input.result]}`,
          category: raise.category ?? 'quality',
          receivedAt: visitedAt,
          handlerId: raise.handlerId ?? null,
        },
        check,
        'complaint.',
      )
    : null;
  check.throwIfAny();
  await ctx.db.transaction().execute(async (tx) => {
    if (draft) visit.complaint_id = (await storeComplaint(ctx, tx, draft, { type: 'return_visit', id: visit.id })).id;
    await tx.insertInto('return_visits').values(visit).execute();
    await writeAudit(ctx, tx, { entity: 'return_visit', entityId: visit.id, action: 'create', siteId: visit.site_id, after: visit });
  });
  return getVisit(ctx, visit.id);
}
