import type {
  ChecklistAnswer,
  ChecklistFinding,
  ChecklistFollowUp,
  ChecklistItem,
  ChecklistResultDto,
  ChecklistResultInput,
} from '../../../../contracts/checklists.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { evaluateChecklist } from '../../platform/checklists/evaluate.js';
import type { Ctx, Db, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import { AppError, forbidden, notFound } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { registerAttachmentOwner } from '../attachments/index.js';
import { findResultById, findResultOf, findTemplateVersion, type ResultRow, resultNames, usablePhotoIds } from './checklists.repository.js';
import { type ChecklistSubject, type ChecklistSubjectAccess, checklistSubject } from './subjects.js';
import { findTemplate } from './templates.service.js';

/**
 * The checklist core: one evaluation, photo check, audit and 409 handling for every
 * subject a checklist is filled for (subjects.ts). Subject modules wrap these in their
 * own routes (a work order's checklist, a patrol point's checklist).
 */

/** The result of a subject (a work order…), for other modules' measures and guards. */
export function checklistResultOf(db: Db | Tx, subjectType: string, subjectId: string): Promise<ResultRow | undefined> {
  return findResultOf(db, subjectType, subjectId);
}

/**
 * Gives a subject (a maintenance work order, a patrol point…) a draft checklist on the
 * template's current version, in the caller's transaction, and answers the result's id.
 * A subject has one checklist: a second call keeps (and answers) the first.
 */
export async function attachChecklist(
  ctx: Ctx,
  tx: Tx,
  subject: { type: string; id: string; siteId: string },
  templateId: string,
): Promise<string> {
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
  if (Number(res.numInsertedOrUpdatedRows ?? 0) === 0) {
    const existing = await findResultOf(tx, subject.type, subject.id);
    if (!existing) throw new Error(`checklist of ${subject.type} ${subject.id} vanished`);
    return existing.id;
  }
  await writeAudit(ctx, tx, { entity: 'checklist_result', entityId: row.id, siteId: row.site_id, action: 'create', after: row });
  return row.id;
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

const fillableNow = (access: ChecklistSubjectAccess, result: ResultRow) =>
  result.status === 'draft' && access.mayFill && access.blocked === null;

function subjectOf(type: string): ChecklistSubject {
  const subject = checklistSubject(type);
  if (!subject) throw new Error(`checklist subject type ${type} is not registered`);
  return subject;
}

/** A subject's checklist as the actor sees it (404 when the actor cannot see the subject). */
export async function getChecklistResult(ctx: Ctx, subjectType: string, subjectId: string): Promise<{ result: ChecklistResultDto | null }> {
  const access = await subjectOf(subjectType).resolve(ctx, subjectId);
  const result = await findResultOf(ctx.db, subjectType, subjectId);
  if (!result) return { result: null };
  return { result: await toResultDto(ctx.db, result, fillableNow(access, result)) };
}

const clean = (a: ChecklistAnswer): ChecklistAnswer => ({
  key: a.key,
  value: typeof a.value === 'string' ? a.value.trim() : (a.value ?? null),
  photoIds: [...new Set(a.photoIds ?? [])],
  note: a.note?.trim() ? a.note.trim() : null,
});

/**
 * Saves a subject's checklist as a draft (anything may still be missing) or submits it:
 * then every required item must be answered, and the findings go to the subject's module
 * (`onFindings`), whose follow-ups are recorded on the result. A stale version answers 409.
 */
export async function saveChecklistResult(
  ctx: Ctx,
  subjectType: string,
  subjectId: string,
  input: ChecklistResultInput,
): Promise<{ result: ChecklistResultDto | null }> {
  const subject = subjectOf(subjectType);
  const access = await subject.resolve(ctx, subjectId);
  const result = await findResultOf(ctx.db, subjectType, subjectId);
  if (!result) throw notFound('检查表');
  if (!access.mayFill) throw forbidden(subject.forbiddenMessage);
  if (result.status === 'submitted') throw new AppError('CONFLICT', '检查表已提交，不能再修改');
  if (access.blocked) throw new AppError('CONFLICT', access.blocked.message, access.blocked.details);
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
    subjectId,
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
    const followUps = findings.length ? await access.onFindings(tx, result, findings, items) : [];
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
  return getChecklistResult(ctx, subjectType, subjectId);
}

/**
 * Photos taken for a checklist (ownerType checklist_result): seen by whoever sees its
 * subject, added by whoever may fill the checklist now — the subject's module decides.
 */
export function registerChecklistAttachments(): void {
  registerAttachmentOwner('checklist_result', {
    label: '检查表照片',
    // never consulted: resolve answers `self` or refuses, because the subject decides
    readPermission: 'workorders:read',
    writePermission: 'files:upload',
    async resolve(ctx, ownerId, mode) {
      const result = await findResultById(ctx.db, ctx.actor.orgId, ownerId);
      const subject = result ? checklistSubject(result.subject_type) : undefined;
      if (!result || !subject) throw notFound('检查表');
      const access = await subject.resolve(ctx, result.subject_id);
      if (mode === 'read' || fillableNow(access, result)) return { siteId: access.siteId, self: true };
      throw forbidden();
    },
  });
}
