import type { ComplaintDetailDto, ComplaintDto, ComplaintEventDto } from '../../../../contracts/servicedesk.js';
import type { Page } from '../../../../contracts/types.js';
import { hasPermission, inScope, siteScope } from '../../platform/access/actor.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import { notFound } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { nextNumber } from '../../platform/numbering/numbering.js';
import { formatZoned, siteTimeZone } from '../../platform/numbering/time.js';
import { getWorkOrderRow } from '../workorders/index.js';
import { insertComplaintEvent, isSiteMember, PHONE, pastInstant, trimmed } from './common.js';
import {
  type ComplaintFilter,
  type ComplaintListRow,
  type ComplaintRow,
  complaintEvents,
  findComplaint,
  listComplaints,
} from './complaints.repository.js';
import { complaintActions, isOverdue, nextComplaintStatus } from './complaints.state.js';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CHANNELS,
  type ComplaintAction,
  type ComplaintCategory,
  type ComplaintChannel,
  SATISFACTION,
  type Satisfaction,
} from './schema.js';

/** default time to answer a complaint (DOMAIN: handled within three days) */
export const COMPLAINT_DEADLINE_DAYS = 3;
const DAY_MS = 86_400_000;

export interface ComplaintInput {
  siteId: string;
  workOrderId?: string | null;
  channel: ComplaintChannel;
  complainantName?: string | null;
  complainantPhone?: string | null;
  subject: string;
  content: string;
  category: ComplaintCategory;
  receivedAt?: string | null;
  deadlineAt?: string | null;
  handlerId?: string | null;
}

export function toComplaintDto(ctx: Ctx, r: ComplaintListRow): ComplaintDto {
  return {
    id: r.id,
    number: r.number,
    siteId: r.site_id,
    siteName: r.site_name,
    workOrderId: r.work_order_id,
    workOrderNumber: r.work_order_number,
    channel: r.channel,
    complainantName: r.complainant_name,
    complainantPhone: r.complainant_phone,
    subject: r.subject,
    content: r.content,
    category: r.category,
    status: r.status,
    receivedAt: r.received_at,
    deadlineAt: r.deadline_at,
    overdue: isOverdue(r, ctx.clock.now()),
    handlerId: r.handler_id,
    handlerName: r.handler_name,
    handlingNotes: r.handling_notes,
    resolution: r.resolution,
    resolvedAt: r.resolved_at,
    closedAt: r.closed_at,
    satisfaction: r.satisfaction,
    reopenCount: Number(r.reopen_count),
    sourceType: r.source_type,
    sourceId: r.source_id,
    createdBy: r.created_by,
    createdByName: r.created_by_name,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: Number(r.version),
    // every holder of complaints:manage on the site may take every step
    actions: complaintActions(r.status),
  };
}
export type { ComplaintDto };

/** A complaint of the actor's sites (complaints:manage), 404 otherwise. */
export async function readableComplaint(ctx: Ctx, id: string): Promise<ComplaintListRow> {
  const row = await findComplaint(ctx.db, ctx.actor.orgId, id);
  if (!row || !inScope(siteScope(ctx.actor, 'complaints:manage'), row.site_id)) throw notFound('投诉');
  return row;
}

export async function getComplaint(ctx: Ctx, id: string): Promise<ComplaintDetailDto> {
  const row = await readableComplaint(ctx, id);
  const events = await complaintEvents(ctx.db, id);
  return {
    ...toComplaintDto(ctx, row),
    events: events.map((e) => ({
      id: e.id,
      at: e.at,
      actorId: e.actor_id,
      actorName: e.actor_name,
      // the column holds 'create' or a ComplaintAction: only this module writes it
      action: e.action as ComplaintEventDto['action'],
      fromStatus: e.from_status,
      toStatus: e.to_status,
      note: e.note,
    })),
  };
}

export async function searchComplaints(ctx: Ctx, filter: ComplaintFilter): Promise<Page<ComplaintDto>> {
  const now = ctx.clock.now().toISOString();
  const page = await listComplaints(ctx.db, ctx.actor.orgId, siteScope(ctx.actor, 'complaints:manage'), now, filter);
  return { items: page.items.map((r) => toComplaintDto(ctx, r)), nextCursor: page.nextCursor };
}

export type ComplaintDraft = Omit<ComplaintRow, 'number'>;

/**
 * Checks what the schema cannot (site, work order, handler, times) and returns the row
 * to store, adding problems to `check` (fields named with `prefix` when the complaint is
 * part of a return visit or hotline call). Reads outside the transaction that stores
 * it: SQLite's one connection is held by an open transaction.
 */
export async function draftComplaint(ctx: Ctx, input: ComplaintInput, check: FieldCheck, prefix = ''): Promise<ComplaintDraft> {
  const f = (name: string) => `${prefix}${name}`;
  const now = ctx.clock.now();
  if (!hasPermission(ctx.actor, 'complaints:manage', input.siteId)) check.add(f('siteId'), '请选择你负责投诉处理的场所');
  if (!COMPLAINT_CHANNELS.includes(input.channel)) check.add(f('channel'), '请选择投诉渠道');
  if (!COMPLAINT_CATEGORIES.includes(input.category)) check.add(f('category'), '请选择投诉类别');
  if (!input.subject.trim()) check.add(f('subject'), '请填写投诉主题');
  if (!input.content.trim()) check.add(f('content'), '请填写投诉内容');
  if (input.complainantPhone?.trim() && !PHONE.test(input.complainantPhone.trim())) check.add(f('complainantPhone'), '联系电话格式不正确');
  if (input.workOrderId) {
    const wo = await getWorkOrderRow(ctx, input.workOrderId).catch(() => null);
    if (!wo) check.add(f('workOrderId'), '工单不存在或无权访问');
    else if (wo.row.site_id !== input.siteId) check.add(f('workOrderId'), '工单不属于该场所');
  }
  if (input.handlerId && !(await isSiteMember(ctx.db, ctx.actor.orgId, input.handlerId, input.siteId))) {
    check.add(f('handlerId'), '处理人不存在、已停用或不在该场所');
  }
  const receivedAt = pastInstant(check, f('receivedAt'), input.receivedAt, now) ?? now.toISOString();
  let deadlineAt = new Date(Date.parse(receivedAt) + COMPLAINT_DEADLINE_DAYS * DAY_MS).toISOString();
  if (input.deadlineAt) {
    const d = Date.parse(input.deadlineAt);
    if (Number.isNaN(d)) check.add(f('deadlineAt'), '处理期限格式不正确');
    else if (d <= Date.parse(receivedAt)) check.add(f('deadlineAt'), '处理期限必须晚于受理时间');
    else deadlineAt = new Date(d).toISOString();
  }
  const at = now.toISOString();
  return {
    id: newId(),
    org_id: ctx.actor.orgId,
    site_id: input.siteId,
    work_order_id: input.workOrderId ?? null,
    channel: input.channel,
    complainant_name: trimmed(input.complainantName),
    complainant_phone: trimmed(input.complainantPhone),
    subject: input.subject.trim(),
    content: input.content.trim(),
    category: input.category,
    status: 'open',
    received_at: receivedAt,
    deadline_at: deadlineAt,
    handler_id: input.handlerId ?? null,
    handling_notes: null,
    resolution: null,
    resolved_at: null,
    closed_at: null,
    satisfaction: null,
    reopen_count: 0,
    source_type: null,
    source_id: null,
    created_by: ctx.actor.userId,
    created_at: at,
    updated_at: at,
    version: 1,
  };
}

/**
 * Stores a checked complaint in the caller's transaction: numbered (TS rule), audited,
 * its first event written and the handler told. Return visits and hotline calls raise
 * theirs through here too.
 */
export async function storeComplaint(
  ctx: Ctx,
  tx: Tx,
  draft: ComplaintDraft,
  source?: { type: string; id: string },
): Promise<ComplaintRow> {
  const row: ComplaintRow = {
    ...draft,
    number: await nextNumber(tx, { orgId: ctx.actor.orgId, ruleCode: 'TS', siteId: draft.site_id, at: ctx.clock.now() }),
    source_type: source?.type ?? null,
    source_id: source?.id ?? null,
  };
  await tx.insertInto('complaints').values(row).execute();
  await insertComplaintEvent(ctx, tx, {
    orgId: row.org_id,
    complaintId: row.id,
    at: row.created_at,
    action: 'create',
    from: null,
    to: 'open',
    data: { channel: row.channel, source: source ?? null },
  });
  await writeAudit(ctx, tx, { entity: 'complaint', entityId: row.id, action: 'create', siteId: row.site_id, after: row });
  if (row.handler_id) await notifyHandler(ctx, tx, row, `投诉 ${row.number} 已指派给你`);
  return row;
}

export async function createComplaint(ctx: Ctx, input: ComplaintInput) {
  const check = new FieldCheck();
  const draft = await draftComplaint(ctx, input, check);
  check.throwIfAny();
  const id = await ctx.db.transaction().execute(async (tx) => (await storeComplaint(ctx, tx, draft)).id);
  return getComplaint(ctx, id);
}

async function notifyHandler(ctx: Ctx, tx: Tx, c: ComplaintRow, title: string): Promise<void> {
  if (!c.handler_id || c.handler_id === ctx.actor.userId) return;
  const tz = await siteTimeZone(tx, c.org_id, c.site_id);
  await ctx.notifier.send(tx, {
    orgId: c.org_id,
    userIds: [c.handler_id],
    kind: 'complaint',
    title,
    body: `${c.subject}：${c.content.slice(0, 80)}（处理期限 ${formatZoned(new Date(c.deadline_at), tz)}）`,
    link: `/complaints/${c.id}`,
  });
}

export interface ComplaintActionInput {
  version: number;
  note?: string | null;
  handlerId?: string | null;
  resolution?: string | null;
  satisfaction?: Satisfaction | null;
}

/** Checks the action's own fields and returns the columns it changes besides the status. */
async function actionPatch(ctx: Ctx, row: ComplaintRow, action: ComplaintAction, input: ComplaintActionInput, at: string) {
  const check = new FieldCheck();
  const me = ctx.actor.userId;
  const note = trimmed(input.note);
  const patch: Partial<ComplaintRow> = {};
  switch (action) {
    case 'assign':
      if (!input.handlerId) check.add('handlerId', '请选择处理人');
      else if (!(await isSiteMember(ctx.db, row.org_id, input.handlerId, row.site_id)))
        check.add('handlerId', '处理人不存在、已停用或不在该场所');
      patch.handler_id = input.handlerId ?? null;
      break;
    case 'handle':
      if (!note) check.add('note', '请填写处理情况');
      Object.assign(patch, { handling_notes: note, handler_id: row.handler_id ?? me });
      break;
    case 'resolve':
      if (!trimmed(input.resolution)) check.add('resolution', '请填写处理结果');
      Object.assign(patch, { resolution: trimmed(input.resolution), resolved_at: at, handler_id: row.handler_id ?? me });
      break;
    case 'close':
      if (input.satisfaction && !SATISFACTION.includes(input.satisfaction)) check.add('satisfaction', '请选择投诉人满意度');
      Object.assign(patch, { closed_at: at, satisfaction: input.satisfaction ?? null });
      break;
    case 'reopen':
      if (!note) check.add('note', '请填写重新处理的原因');
      Object.assign(patch, { resolved_at: null, closed_at: null, satisfaction: null, reopen_count: Number(row.reopen_count) + 1 });
      break;
  }
  check.throwIfAny();
  return patch;
}

/**
 * One step of the complaint's life cycle: the state machine says whether the status
 * allows it, then the step's fields, event, audit and the handler's notice commit
 * together. A stale `version` answers 409.
 */
export async function actOnComplaint(ctx: Ctx, id: string, action: ComplaintAction, input: ComplaintActionInput) {
  const row = await readableComplaint(ctx, id);
  const to = nextComplaintStatus(row.status, action);
  const at = ctx.clock.now().toISOString();
  const patch = { ...(await actionPatch(ctx, row, action, input, at)), status: to };
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'complaints', id, input.version, patch, at);
    const after: ComplaintRow = { ...row, ...patch, updated_at: at, version: input.version + 1 };
    await insertComplaintEvent(ctx, tx, {
      orgId: row.org_id,
      complaintId: id,
      at,
      action,
      from: row.status,
      to,
      note: trimmed(action === 'resolve' ? input.resolution : input.note),
      data: action === 'assign' ? { handlerId: input.handlerId } : action === 'close' ? { satisfaction: input.satisfaction ?? null } : null,
    });
    await writeAudit(ctx, tx, { entity: 'complaint', entityId: id, action, siteId: row.site_id, before: row, after });
    if (action === 'assign' && input.handlerId !== row.handler_id) await notifyHandler(ctx, tx, after, `投诉 ${row.number} 已指派给你`);
    if (action === 'reopen') await notifyHandler(ctx, tx, after, `投诉 ${row.number} 需重新处理`);
  });
  return getComplaint(ctx, id);
}
