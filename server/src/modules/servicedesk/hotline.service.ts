import type { FieldError } from '../../../../contracts/errors.js';
import type { HotlineCallDto } from '../../../../contracts/servicedesk.js';
import type { Page } from '../../../../contracts/types.js';
import { hasPermission, inScope, siteScope } from '../../platform/access/actor.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { AppError, forbidden, notFound } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { getWorkOrderRow, intake } from '../workorders/index.js';
import { PHONE, pastInstant, trimmed } from './common.js';
import { findComplaint } from './complaints.repository.js';
import { draftComplaint, storeComplaint } from './complaints.service.js';
import { type CallFilter, type CallListRow, type CallRow, findCall, listCalls } from './hotline.repository.js';
import type { ComplaintCategory, HotlineOutcome } from './schema.js';

export interface CallInput {
  siteId: string;
  receivedAt?: string | null;
  callerName?: string | null;
  callerPhone?: string | null;
  content: string;
  outcome: HotlineOutcome;
  note?: string | null;
  /** link an existing work order / complaint the call was about */
  workOrderId?: string | null;
  complaintId?: string | null;
  /** create a work order in the same step (outcome work_order) */
  workOrder?: {
    category: string;
    urgency: string;
    description?: string | null;
    locationId?: string | null;
    assetId?: string | null;
    appointmentAt?: string | null;
    requesterDepartment?: string | null;
  } | null;
  /** create a complaint in the same step (outcome complaint) */
  complaint?: {
    subject?: string | null;
    category?: ComplaintCategory | null;
    handlerId?: string | null;
    deadlineAt?: string | null;
  } | null;
}

export function toCallDto(r: CallListRow): HotlineCallDto {
  return {
    id: r.id,
    siteId: r.site_id,
    siteName: r.site_name,
    receivedAt: r.received_at,
    callerName: r.caller_name,
    callerPhone: r.caller_phone,
    content: r.content,
    outcome: r.outcome,
    note: r.note,
    workOrderId: r.work_order_id,
    workOrderNumber: r.work_order_number,
    workOrderStatus: r.work_order_status,
    complaintId: r.complaint_id,
    complaintNumber: r.complaint_number,
    complaintStatus: r.complaint_status,
    takenBy: r.taken_by,
    takenByName: r.taken_by_name,
    createdAt: r.created_at,
    version: Number(r.version),
  };
}
export type CallDto = HotlineCallDto;

const scopeOf = (ctx: Ctx) => siteScope(ctx.actor, 'complaints:manage');

export async function searchCalls(ctx: Ctx, filter: CallFilter): Promise<Page<CallDto>> {
  const page = await listCalls(ctx.db, ctx.actor.orgId, scopeOf(ctx), filter);
  return { items: page.items.map(toCallDto), nextCursor: page.nextCursor };
}

export async function getCall(ctx: Ctx, id: string): Promise<CallDto> {
  const row = await findCall(ctx.db, ctx.actor.orgId, id);
  if (!row || !inScope(scopeOf(ctx), row.site_id)) throw notFound('热线记录');
  return toCallDto(row);
}

/** The call's own fields and links; what it creates is checked by the work-order intake or the complaint. */
async function checkCall(ctx: Ctx, input: CallInput, check: FieldCheck): Promise<void> {
  const { outcome, siteId } = input;
  if (!hasPermission(ctx.actor, 'complaints:manage', siteId)) check.add('siteId', '请选择你负责热线登记的场所');
  if (!input.content.trim()) check.add('content', '请填写来电内容');
  if (input.callerPhone?.trim() && !PHONE.test(input.callerPhone.trim())) check.add('callerPhone', '来电号码格式不正确');
  if (outcome === 'transfer' && !trimmed(input.note)) check.add('note', '请填写转接去向');
  if (input.workOrder && outcome !== 'work_order') check.add('workOrder', '只有处理结果为“生成维修工单”时才能填写报修信息');
  if (input.complaint && outcome !== 'complaint') check.add('complaint', '只有处理结果为“登记投诉”时才能填写投诉信息');
  if (input.workOrder && input.workOrderId) check.add('workOrderId', '新建工单与关联已有工单只能选一项');
  if (input.complaint && input.complaintId) check.add('complaintId', '新建投诉与关联已有投诉只能选一项');
  if (outcome === 'work_order' && !input.workOrder && !input.workOrderId) check.add('workOrder', '请填写报修信息或选择已有工单');
  if (outcome === 'complaint' && !input.complaint && !input.complaintId) check.add('complaint', '请填写投诉信息或选择已有投诉');
  if (input.workOrder && !hasPermission(ctx.actor, 'workorders:dispatch', siteId)) check.add('workOrder', '你没有受理报修的权限');
  if (input.workOrderId) {
    const wo = await getWorkOrderRow(ctx, input.workOrderId).catch(() => null);
    if (!wo) check.add('workOrderId', '工单不存在或无权访问');
    else if (wo.row.site_id !== siteId) check.add('workOrderId', '工单不属于该场所');
  }
  if (input.complaintId) {
    const c = await findComplaint(ctx.db, ctx.actor.orgId, input.complaintId);
    if (!c || !inScope(scopeOf(ctx), c.site_id)) check.add('complaintId', '投诉不存在或无权访问');
    else if (c.site_id !== siteId) check.add('complaintId', '投诉不属于该场所');
  }
}

/** The intake's field errors, renamed to where the hotline form shows them. */
function intakeErrors(err: unknown, check: FieldCheck, taken: Set<string>): void {
  if (!(err instanceof AppError) || err.code !== 'VALIDATION') throw err;
  const fields = (err.details as { fields?: FieldError[] } | undefined)?.fields ?? [];
  for (const f of fields) {
    const field = f.field === 'requesterPhone' ? 'callerPhone' : `workOrder.${f.field}`;
    if (!taken.has(field)) check.add(field, f.message);
  }
}

/**
 * Logs a hotline call. The clerk on the phone may turn it into a work order (through
 * the one work-order intake, channel 24小时热线, the clerk as 首问负责人) or a complaint
 * in the same transaction, or link what the caller asked about.
 */
export async function createCall(ctx: Ctx, input: CallInput): Promise<CallDto> {
  const me = ctx.actor.userId;
  if (!me) throw forbidden('热线须由具体的人登记');
  const now = ctx.clock.now();
  const check = new FieldCheck();
  const receivedAt = pastInstant(check, 'receivedAt', input.receivedAt, now) ?? now.toISOString();
  await checkCall(ctx, input, check);
  // the caller's phone is the work order's requester phone: the intake's copy of its message is not repeated
  const taken = new Set(input.callerPhone?.trim() && !PHONE.test(input.callerPhone.trim()) ? ['callerPhone'] : []);
  const at = now.toISOString();
  const call: CallRow = {
    id: newId(),
    org_id: ctx.actor.orgId,
    site_id: input.siteId,
    received_at: receivedAt,
    caller_name: trimmed(input.callerName),
    caller_phone: trimmed(input.callerPhone),
    content: input.content.trim(),
    outcome: input.outcome,
    note: trimmed(input.note),
    work_order_id: input.workOrderId ?? null,
    complaint_id: input.complaintId ?? null,
    taken_by: me,
    created_at: at,
    updated_at: at,
    version: 1,
  };
  const raise = input.complaint && input.outcome === 'complaint' ? input.complaint : null;
  const draft = raise
    ? await draftComplaint(
        ctx,
        {
          siteId: input.siteId,
          workOrderId: input.workOrderId ?? null,
          channel: 'hotline',
          complainantName: call.caller_name,
          complainantPhone: call.caller_phone,
          subject: trimmed(raise.subject) ?? call.content.slice(0, 50),
          content: call.content,
          category: raise.category ?? 'other',
          receivedAt,
          deadlineAt: raise.deadlineAt ?? null,
          handlerId: raise.handlerId ?? null,
        },
        check,
        'complaint.',
      )
    : null;
  await ctx.db.transaction().execute(async (tx) => {
    if (input.workOrder && input.outcome === 'work_order') call.work_order_id = await createWorkOrder(ctx, tx, input, call, check, taken);
    // the intake's own checks run inside the transaction; every problem is answered together
    check.throwIfAny();
    if (draft) call.complaint_id = (await storeComplaint(ctx, tx, draft, { type: 'hotline_call', id: call.id })).id;
    await tx.insertInto('hotline_calls').values(call).execute();
    await writeAudit(ctx, tx, { entity: 'hotline_call', entityId: call.id, action: 'create', siteId: call.site_id, after: call });
  });
  return getCall(ctx, call.id);
}

async function createWorkOrder(ctx: Ctx, tx: Tx, input: CallInput, call: CallRow, check: FieldCheck, taken: Set<string>) {
  const w = input.workOrder as NonNullable<CallInput['workOrder']>;
  try {
    const wo = await intake(
      ctx,
      tx,
      {
        siteId: input.siteId,
        locationId: w.locationId ?? null,
        assetId: w.assetId ?? null,
        category: w.category,
        urgency: w.urgency,
        description: trimmed(w.description) ?? call.content,
        appointmentAt: w.appointmentAt ?? null,
        requesterName: call.caller_name,
        requesterPhone: call.caller_phone,
        requesterDepartment: trimmed(w.requesterDepartment),
        sourceType: 'hotline_call',
        sourceId: call.id,
      },
      { channel: 'hotline', requesterId: null, ownerId: ctx.actor.userId },
    );
    return wo.id;
  } catch (err) {
    intakeErrors(err, check, taken);
    return null;
  }
}
