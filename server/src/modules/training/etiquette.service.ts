import type { ChecklistAnswer, ChecklistItem, ChecklistPurpose, ChecklistResultDto } from '../../../../contracts/checklists.js';
import type { EtiquetteCheckDetailDto, EtiquetteCheckDto, EtiquetteCheckInput } from '../../../../contracts/training.js';
import type { Page } from '../../../../contracts/types.js';
import { hasPermission, inScope, type SiteScope, siteScope } from '../../platform/access/actor.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Db, Tx } from '../../platform/context.js';
import { matchesAny } from '../../platform/db/dialect.js';
import { newId } from '../../platform/db/ids.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { nextNumber } from '../../platform/numbering/numbering.js';
import { attachChecklist, getChecklistResult, registerChecklistSubject, saveChecklistResult } from '../checklists/index.js';
import type { EtiquetteCheckRow } from './etiquette.schema.js';
import { etiquetteScore } from './etiquette.score.js';
import { staffOf } from './sessions.repository.js';
import '../checklists/schema.js';
import './etiquette.schema.js';

/**
 * Etiquette checks (仪容仪表 / 礼貌礼仪检查): a checklist of the checklist engine (subject
 * `etiquette_check`) filled about one person in one form. The check is written with its
 * draft checklist first, then the answers are submitted through the checklist core
 * (`saveChecklistResult`: evaluation, photos, audit); the score is the share of applicable
 * items passed (etiquette.score.ts). Everything the core would refuse is checked before
 * anything is written, so a refusal leaves nothing behind.
 */

export const ETIQUETTE_SUBJECT = 'etiquette_check';

/** numbering_rules of etiquette checks: LY-YYYYMMDD-01, per site and day */
export const ETIQUETTE_NUMBERING = {
  code: 'LY',
  name: '礼仪检查',
  prefix: 'LY',
  dateFormat: 'YYYYMMDD',
  seqWidth: 2,
  reset: 'daily',
  perSite: true,
} as const;

/** the template purposes an etiquette check may be filled on */
const PURPOSES: ChecklistPurpose[] = ['inspection', 'other'];

export const etiquetteLink = (id: string) => `/etiquette/${id}`;

const text = (v: string | null | undefined): string | null => (v?.trim() ? v.trim() : null);

type ListRow = EtiquetteCheckRow & { site_name: string; template_name: string; checked_by_name: string };

export interface EtiquetteFilter extends PageQuery {
  siteId?: string | string[];
  personId?: string;
  templateId?: string;
  /** the person checked is a user on this department's staff (a name written out has no department) */
  departmentId?: string;
  /** checked from (inclusive), an ISO instant already checked */
  from?: string;
  /** checked to (exclusive) */
  to?: string;
  q?: string;
}

const SORT: SortSpec = {
  columns: { checkedAt: 'e.checked_at', score: 'e.score', number: 'e.number', id: 'e.id' },
  default: '-checkedAt',
  id: 'e.id',
};
const SORT_VALUE: Record<string, (r: ListRow) => unknown> = {
  checkedAt: (r) => r.checked_at,
  score: (r) => r.score,
  number: (r) => r.number,
  id: (r) => r.id,
};

function baseQuery(db: Db | Tx, orgId: string) {
  return db
    .selectFrom('etiquette_checks as e')
    .innerJoin('sites as s', 's.id', 'e.site_id')
    .innerJoin('checklist_templates as tpl', 'tpl.id', 'e.template_id')
    .innerJoin('users as cb', 'cb.id', 'e.checked_by')
    .selectAll('e')
    .select(['s.name as site_name', 'tpl.name as template_name', 'cb.name as checked_by_name'])
    .where('e.org_id', '=', orgId);
}

function toDto(r: ListRow): EtiquetteCheckDto {
  return {
    id: r.id,
    number: r.number,
    siteId: r.site_id,
    siteName: r.site_name,
    personId: r.person_id,
    personName: r.person_name,
    personUnit: r.person_unit,
    templateId: r.template_id,
    templateName: r.template_name,
    checklistResultId: r.checklist_result_id,
    score: Number(r.score),
    failedItems: JSON.parse(r.failed_items) as string[],
    note: r.note,
    checkedAt: r.checked_at,
    checkedBy: r.checked_by,
    checkedByName: r.checked_by_name,
    createdAt: r.created_at,
  };
}

const readScope = (ctx: Ctx): SiteScope => siteScope(ctx.actor, 'safety:read');

/** A check of a site where the actor reads safety records; 404 otherwise (also for other sites' ids). */
async function readableCheck(ctx: Ctx, id: string): Promise<ListRow> {
  const row = await baseQuery(ctx.db, ctx.actor.orgId).where('e.id', '=', id).executeTakeFirst();
  if (!row || !inScope(readScope(ctx), row.site_id)) throw notFound('礼仪检查');
  return row;
}

export async function getEtiquetteCheck(ctx: Ctx, id: string): Promise<EtiquetteCheckDetailDto> {
  const row = await readableCheck(ctx, id);
  const { result } = await getChecklistResult(ctx, ETIQUETTE_SUBJECT, id);
  return { ...toDto(row), result: result as ChecklistResultDto };
}

export async function searchEtiquetteChecks(ctx: Ctx, f: EtiquetteFilter): Promise<Page<EtiquetteCheckDto>> {
  const scope = readScope(ctx);
  let q = baseQuery(ctx.db, ctx.actor.orgId);
  if (scope !== 'all') q = scope.length ? q.where('e.site_id', 'in', scope) : q.where('e.id', '=', '');
  if (typeof f.siteId === 'string') q = q.where('e.site_id', '=', f.siteId);
  else if (f.siteId?.length) q = q.where('e.site_id', 'in', f.siteId);
  if (f.personId) q = q.where('e.person_id', '=', f.personId);
  if (f.templateId) q = q.where('e.template_id', '=', f.templateId);
  if (f.departmentId) q = q.where('e.person_id', 'in', staffOf(ctx.db, ctx.actor.orgId, f.departmentId));
  if (f.from) q = q.where('e.checked_at', '>=', f.from);
  if (f.to) q = q.where('e.checked_at', '<', f.to);
  if (f.q) q = q.where(matchesAny(ctx.db, ['e.number', 'e.person_name', 'e.person_unit'], f.q));
  const page = await keysetPage<ListRow>(q, SORT, f, (row, key) => SORT_VALUE[key]?.(row) ?? row.id);
  return { items: page.items.map(toDto), nextCursor: page.nextCursor };
}

/**
 * The checklist engine's side of an etiquette check: seen by whoever reads the site's
 * safety records, filled (once, when the check is made) by whoever manages training there.
 * Failed items stay on the check as its failed items; they raise nothing else.
 */
export function registerEtiquetteSubject(): void {
  registerChecklistSubject(ETIQUETTE_SUBJECT, {
    forbiddenMessage: '只有该场所的培训管理人员可以填写礼仪检查',
    async resolve(ctx, subjectId) {
      const row = await readableCheck(ctx, subjectId);
      return {
        siteId: row.site_id,
        mayFill: hasPermission(ctx.actor, 'training:manage', row.site_id),
        blocked: null,
        onFindings: async () => [],
      };
    },
  });
}

/** The answers as the checklist core stores them (trimmed), so the score is computed on the same values. */
const clean = (a: ChecklistAnswer): ChecklistAnswer => ({
  key: a.key,
  value: typeof a.value === 'string' ? a.value.trim() : (a.value ?? null),
  photoIds: [...new Set(a.photoIds ?? [])],
  note: a.note?.trim() ? a.note.trim() : null,
});

interface Template {
  id: string;
  version: number;
  items: ChecklistItem[];
}

/** An active template meant for inspections, with the items of its current version. */
async function usableTemplate(db: Db | Tx, orgId: string, id: string): Promise<Template | null> {
  const row = await db
    .selectFrom('checklist_templates as t')
    .innerJoin('checklist_template_versions as v', (j) =>
      j.onRef('v.template_id', '=', 't.id').onRef('v.template_version', '=', 't.current_version'),
    )
    .select(['t.id', 't.current_version', 't.active', 't.purpose', 'v.items'])
    .where('t.org_id', '=', orgId)
    .where('t.id', '=', id)
    .executeTakeFirst();
  if (row?.active !== 1 || !PURPOSES.includes(row.purpose)) return null;
  return { id: row.id, version: row.current_version, items: JSON.parse(row.items) as ChecklistItem[] };
}

/** The person checked: an active user with a role on the site, or a name written out. */
async function checkPerson(
  ctx: Ctx,
  input: EtiquetteCheckInput,
  siteOk: boolean,
  check: FieldCheck,
): Promise<{ id: string | null; name: string; unit: string | null }> {
  let unit = text(input.personUnit);
  if (unit && unit.length > 100) check.add('personUnit', '部门或专柜不能超过 100 个字');
  if (input.personId) {
    const user = await ctx.db
      .selectFrom('users as u')
      .leftJoin('departments as d', 'd.id', 'u.department_id')
      .select(['u.id', 'u.name', 'u.active', 'd.name as department'])
      .where('u.org_id', '=', ctx.actor.orgId)
      .where('u.id', '=', input.personId)
      .executeTakeFirst();
    if (user?.active !== 1) {
      check.add('personId', '被检查人不存在或已停用');
      return { id: null, name: '', unit };
    }
    if (siteOk) {
      const member = await ctx.db
        .selectFrom('memberships')
        .select('id')
        .where('user_id', '=', user.id)
        .where((eb) => eb.or([eb('site_id', 'is', null), eb('site_id', '=', input.siteId)]))
        .executeTakeFirst();
      if (!member) check.add('personId', '被检查人不在该场所');
    }
    unit ??= user.department;
    return { id: user.id, name: user.name, unit };
  }
  const name = text(input.personName);
  if (!name) check.add('personName', '请选择被检查人，或填写其姓名');
  else if (name.length > 50) check.add('personName', '姓名不能超过 50 个字');
  return { id: null, name: name ?? '', unit };
}

/**
 * POST /training/etiquette-checks: the check and its answers in one form. Every problem
 * (site, person, template, each answer, photos) is answered at once in Chinese before
 * anything is written.
 */
export async function createEtiquetteCheck(ctx: Ctx, input: EtiquetteCheckInput): Promise<EtiquetteCheckDetailDto> {
  const orgId = ctx.actor.orgId;
  const check = new FieldCheck();
  const site = await ctx.db.selectFrom('sites').select('id').where('org_id', '=', orgId).where('id', '=', input.siteId).executeTakeFirst();
  const siteOk = site !== undefined && hasPermission(ctx.actor, 'training:manage', site.id);
  if (!siteOk) check.add('siteId', '场所不存在，或您无权在该场所进行礼仪检查');
  const person = await checkPerson(ctx, input, siteOk, check);
  const note = text(input.note);
  if (note && note.length > 2000) check.add('note', '备注不能超过 2000 个字');
  const template = await usableTemplate(ctx.db, orgId, input.templateId);
  const answers = input.answers.map(clean);
  let score: ReturnType<typeof etiquetteScore> | null = null;
  if (!template) check.add('templateId', '请选择有效的礼仪检查表（已启用、用途为“检查”的模板）');
  else {
    score = etiquetteScore(template.items, answers);
    for (const p of score.evaluation.problems) check.add(p.field, p.message);
    if (!score.evaluation.problems.length && score.score === null) check.add('answers', '请至少评定一项（合格或不合格），才能计算得分');
  }
  // no result exists yet: the photos are the checker's own uploads, as the checklist core allows
  const photoIds = [...new Set(answers.flatMap((a) => a.photoIds ?? []))];
  if (photoIds.length) {
    const own = await ctx.db
      .selectFrom('attachments')
      .select('id')
      .where('org_id', '=', orgId)
      .where('id', 'in', photoIds)
      .where('deleted_at', 'is', null)
      .where('created_by', '=', ctx.actor.userId ?? '')
      .execute();
    const usable = new Set(own.map((r) => r.id));
    for (const a of answers) {
      if ((a.photoIds ?? []).some((id) => !usable.has(id))) check.add(`answers.${a.key}`, '照片不存在或已删除，请重新上传');
    }
  }
  check.throwIfAny();
  const t = template as Template;
  const s = score as ReturnType<typeof etiquetteScore>;

  const now = ctx.clock.now();
  const at = now.toISOString();
  const row: EtiquetteCheckRow = {
    id: newId(),
    org_id: orgId,
    site_id: input.siteId,
    number: '',
    person_id: person.id,
    person_name: person.name,
    person_unit: person.unit,
    template_id: t.id,
    checklist_result_id: '',
    score: s.score as number,
    failed_items: JSON.stringify(s.failedItems),
    note,
    checked_at: at,
    checked_by: ctx.actor.userId as string,
    created_at: at,
    updated_at: at,
    version: 1,
  };
  await ctx.db.transaction().execute(async (tx) => {
    row.checklist_result_id = await attachChecklist(ctx, tx, { type: ETIQUETTE_SUBJECT, id: row.id, siteId: row.site_id }, t.id);
    const attached = await tx
      .selectFrom('checklist_results')
      .select('template_version')
      .where('id', '=', row.checklist_result_id)
      .executeTakeFirstOrThrow();
    // the template got a new version between the check and now: its items are not the ones scored
    if (attached.template_version !== t.version) throw new AppError('CONFLICT', '检查表模板刚刚更新，请刷新后重新填写');
    row.number = await nextNumber(tx, { orgId, ruleCode: ETIQUETTE_NUMBERING.code, siteId: row.site_id, at: now });
    await tx.insertInto('etiquette_checks').values(row).execute();
    await writeAudit(ctx, tx, { entity: 'etiquette_check', entityId: row.id, siteId: row.site_id, action: 'create', after: row });
  });
  try {
    await saveChecklistResult(ctx, ETIQUETTE_SUBJECT, row.id, { answers, submit: true, version: 1 });
  } catch (err) {
    // checked above, so only a failure of the database gets here: the half-made check goes
    await discard(ctx, row);
    throw err;
  }
  return getEtiquetteCheck(ctx, row.id);
}

/** Removes a check whose answers could not be submitted, with its draft checklist. */
async function discard(ctx: Ctx, row: EtiquetteCheckRow): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('etiquette_checks').where('id', '=', row.id).execute();
    await tx.deleteFrom('checklist_results').where('id', '=', row.checklist_result_id).where('status', '=', 'draft').execute();
    await writeAudit(ctx, tx, { entity: 'etiquette_check', entityId: row.id, siteId: row.site_id, action: 'discard', before: row });
  });
}
