import type {
  ChecklistAnswer,
  ChecklistFinding,
  ChecklistFollowUp,
  ChecklistItem,
  ChecklistResultDto,
  ChecklistResultInput,
} from '../../../../contracts/checklists.js';
import type { WorkOrderStatus } from '../../../../contracts/workorders.js';
import { hasPermission } from '../../platform/access/actor.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { evaluateChecklist } from '../../platform/checklists/evaluate.js';
import type { Ctx, Db, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import type { Row } from '../../platform/db/schema.js';
import { AppError, forbidden, notFound } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { registerAttachmentOwner } from '../attachments/index.js';
import { getWorkOrderRow, intake, WORK_ORDER_STATUS_LABELS, type WorkOrderHook } from '../workorders/index.js';
import { findResultById, findResultOf, findTemplateVersion, type ResultRow, resultNames, usablePhotoIds } from './checklists.repository.js';
import { findTemplate } from './templates.service.js';

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

/** The result of a subject (a work order…), for other modules' measures and guards. */
export function checklistResultOf(db: Db | Tx, subjectType: string, subjectId: string): Promise<ResultRow | undefined> {
  return findResultOf(db, subjectType, subjectId);
}

/**
 * Gives a subject (a maintenance work order…) a draft checklist on the template's current
 * version, in the caller's transaction. A subject has one checklist: a second call keeps
 * the first.
 */
export async function attachChecklist(
  ctx: Ctx,
  tx: Tx,
  subject: { type: string; id: string; siteId: string },
  templateId: string,
): Promise<void> {
  const template = await findTemplate(tx, ctx.actor.orgId, templateId);
  if (!template) throw notFound('检查表模板');
  const at = ctx.clock.now().toISOString();
  const row: ResultRow = {
    id: newId(),
    org_id: ctx.actor.orgId,
    site_id: subject.siteId,
    subject_type: subject.type,
    subject_id: subject.id,
    template_id: template.id,
    template_version: template.currentVersion,
    answers: '[]',
    findings: '[]',
    follow_ups: '[]',
    status: 'draft',
    filled_by: null,
    submitted_at: null,
    created_at: at,
    updated_at: at,
    version: 1,
  };
  // the unique (subject_type, subject_id) makes two concurrent attaches one
  const res = await tx
    .insertInto('checklist_results')
    .values(row)
    .onConflict((oc) => oc.columns(['subject_type', 'subject_id']).doNothing())
    .executeTakeFirst();
  if (Number(res.numInsertedOrUpdatedRows ?? 0) === 0) return;
  await writeAudit(ctx, tx, { entity: 'checklist_result', entityId: row.id, siteId: row.site_id, action: 'create', after: row });
}

async function itemsOf(db: Db | Tx, row: ResultRow): Promise<ChecklistItem[]> {
  const version = await findTemplateVersion(db, row.org_id, row.template_id, row.template_version);
  if (!version) throw new Error(`checklist template ${row.template_id} has no version ${row.template_version}`);
  return JSON.parse(version.items) as ChecklistItem[];
}

async function toResultDto(db: Db | Tx, row: ResultRow, canFill: boolean): Promise<ChecklistResultDto> {
  const [items, names] = await Promise.all([itemsOf(db, row), resultNames(db, row)]);
  return {
    id: row.id,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    templateId: row.template_id,
    templateCode: names.templateCode,
    templateName: names.templateName,
    templateVersion: row.template_version,
    items,
    answers: JSON.parse(row.answers) as ChecklistAnswer[],
    findings: JSON.parse(row.findings) as ChecklistFinding[],
    followUps: JSON.parse(row.follow_ups) as ChecklistFollowUp[],
    status: row.status,
    filledBy: row.filled_by,
    filledByName: names.filledByName,
    submittedAt: row.submitted_at,
    canFill,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

const fillableNow = (ctx: Ctx, order: WorkOrderRow, view: OrderView, result: ResultRow) =>
  result.status === 'draft' && FILLABLE.has(order.status) && mayFillOrder(ctx, order, view);

export async function getWorkOrderChecklist(ctx: Ctx, orderId: string): Promise<{ result: ChecklistResultDto | null }> {
  const { row: order, view } = await getWorkOrderRow(ctx, orderId);
  const result = await findResultOf(ctx.db, 'work_order', order.id);
  if (!result) return { result: null };
  return { result: await toResultDto(ctx.db, result, fillableNow(ctx, order, view, result)) };
}

const clean = (a: ChecklistAnswer): ChecklistAnswer => ({
  key: a.key,
  value: typeof a.value === 'string' ? a.value.trim() : (a.value ?? null),
  photoIds: [...new Set(a.photoIds ?? [])],
  note: a.note?.trim() ? a.note.trim() : null,
});

const PASS_FAIL_TEXT: Record<string, string> = { pass: '合格', fail: '不合格', na: '不适用' };

/** `保养检查发现：<项>（实测 <值>，标准 <范围>），来自工单 <号>` */
export function findingDescription(f: ChecklistFinding, item: ChecklistItem | undefined, orderNumber: string): string {
  const unit = item?.kind === 'number' && item.unit ? ` ${item.unit}` : '';
  const value =
    typeof f.value === 'string' && PASS_FAIL_TEXT[f.value] && item?.kind === 'pass_fail' ? PASS_FAIL_TEXT[f.value] : `${f.value}${unit}`;
  const expected = f.expected ?? (item?.kind === 'pass_fail' ? '合格' : null);
  const facts = expected ? `实测 ${value}，标准 ${expected}` : `实测 ${value}`;
  const note = f.note ? `；备注：${f.note}` : '';
  return `保养检查发现：${f.label}（${facts}），来自工单 ${orderNumber}${note}`;
}

/**
 * Saves a work order's checklist as a draft (anything may still be missing) or submits
 * it: then every required item must be answered, and each finding becomes a repair work
 * order of the same place and equipment, recorded as the finding's follow-up.
 */
export async function saveWorkOrderChecklist(
  ctx: Ctx,
  orderId: string,
  input: ChecklistResultInput,
): Promise<{ result: ChecklistResultDto | null }> {
  const { row: order, view } = await getWorkOrderRow(ctx, orderId);
  const result = await findResultOf(ctx.db, 'work_order', order.id);
  if (!result) throw notFound('检查表');
  if (!mayFillOrder(ctx, order, view)) throw forbidden('只有工单的维修人员或本场所调度员可以填写检查表');
  if (result.status === 'submitted') throw new AppError('CONFLICT', '检查表已提交，不能再修改');
  if (!FILLABLE.has(order.status)) {
    throw new AppError('CONFLICT', `工单${WORK_ORDER_STATUS_LABELS[order.status]}，不能填写检查表`, { status: order.status });
  }
  const items = await itemsOf(ctx.db, result);
  const answers = input.answers.map(clean);
  // a draft is checked for what is wrong, not for what is still missing
  const evaluated = input.submit
    ? evaluateChecklist(items, answers)
    : evaluateChecklist(
        items.map((i) => ({ ...i, required: false, photoOnFail: false })),
        answers,
      );
  const check = new FieldCheck();
  for (const p of evaluated.problems) check.add(p.field, p.message);
  const photoIds = answers.flatMap((a) => a.photoIds ?? []);
  const usable = await usablePhotoIds(ctx.db, ctx.actor.orgId, photoIds, {
    resultId: result.id,
    subjectId: order.id,
    userId: ctx.actor.userId,
  });
  for (const a of answers) {
    if ((a.photoIds ?? []).some((id) => !usable.has(id))) check.add(`answers.${a.key}`, '照片不存在或已删除，请重新上传');
  }
  check.throwIfAny();

  const at = ctx.clock.now().toISOString();
  const findings = input.submit ? evaluated.findings : [];
  const patch = {
    answers: JSON.stringify(answers),
    findings: JSON.stringify(findings),
    status: input.submit ? ('submitted' as const) : ('draft' as const),
    filled_by: ctx.actor.userId,
    submitted_at: input.submit ? at : null,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'checklist_results', result.id, input.version, patch, at);
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
    if (followUps.length) {
      await tx
        .updateTable('checklist_results')
        .set({ follow_ups: JSON.stringify(followUps) })
        .where('id', '=', result.id)
        .execute();
    }
    await writeAudit(ctx, tx, {
      entity: 'checklist_result',
      entityId: result.id,
      siteId: result.site_id,
      action: input.submit ? 'submit' : 'update',
      before: result,
      after: { ...result, ...patch, follow_ups: JSON.stringify(followUps) },
    });
  });
  return getWorkOrderChecklist(ctx, orderId);
}

/** A maintenance order with a checklist is finished only after the checklist is submitted. */
export const finishGuard: WorkOrderHook = {
  async before(_ctx, tx, row, action) {
    if (action !== 'finish') return;
    const result = await findResultOf(tx, 'work_order', row.id);
    if (result?.status === 'draft') {
      throw new AppError('VALIDATION', '请先填写并提交保养检查表', { fields: [{ field: 'checklist', message: '检查表未提交' }] });
    }
  },
};

/**
 * Photos taken for a checklist (ownerType checklist_result): seen by whoever sees the
 * work order, added by whoever may fill the checklist now.
 */
export function registerChecklistAttachments(): void {
  registerAttachmentOwner('checklist_result', {
    label: '检查表照片',
    readPermission: 'workorders:read',
    writePermission: 'files:upload',
    async resolve(ctx, ownerId, mode) {
      const result = await findResultById(ctx.db, ctx.actor.orgId, ownerId);
      if (result?.subject_type !== 'work_order') throw notFound('检查表');
      const { row, view } = await getWorkOrderRow(ctx, result.subject_id);
      if (mode === 'read' || fillableNow(ctx, row, view, result)) return { siteId: row.site_id, self: true };
      throw forbidden();
    },
  });
}
