import type { FieldError } from '../../../../contracts/errors.js';
import { unknownTokens } from '../../../../contracts/figures.js';
import type { Permission } from '../../../../contracts/permissions.js';
import type {
  ReportFactsDto,
  ResolvedPeriod,
  SummaryBlock,
  SummaryBody,
  SummaryLang,
  SummaryVersionDto,
  SummaryVersionKind,
  WorkSummaryCreateInput,
  WorkSummaryDetailDto,
  WorkSummaryDto,
  WorkSummaryEditInput,
  WorkSummaryStatus,
} from '../../../../contracts/reports.js';
import type { Page } from '../../../../contracts/types.js';
import { type Actor, inScope, siteScope } from '../../platform/access/actor.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import { AppError, forbidden, notFound, staleVersion, validation } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { nextNumber } from '../../platform/numbering/numbering.js';
import { scopeSites } from '../../platform/summary/facts.js';
import { composeSummary } from './compose.js';
import { checkConsistency } from './consistency.js';
import { departmentOf, gatherFacts, periodOf } from './gather.js';
import { SUMMARY_NUMBERING } from './seed.js';
import {
  findSummary,
  findVersion,
  holdersOnEverySite,
  listSummaries,
  listVersions,
  type SummaryFilter,
  type SummaryListRow,
  type SummaryRow,
  siteNames,
  type VersionRow,
} from './summaries.repository.js';

/**
 * Work summaries (工作总结): written by Houqin from the modules' facts, edited by people
 * in versions, submitted and approved. A summary belongs to its sites: a reader sees it
 * only when they read reports on every one of them (an all-sites summary: on every site
 * of the organisation). The site switcher does not hide a summary from its detail page,
 * only from the list.
 */

export const SUMMARY_STATUS_LABELS: Record<WorkSummaryStatus, string> = {
  draft: '编辑中',
  submitted: '待审批',
  approved: '已审批',
  returned: '已退回',
};

export const summaryLink = (id: string) => `/summaries/${id}`;

/** the statuses whose prose may change */
const EDITABLE: WorkSummaryStatus[] = ['draft', 'returned'];
const LANGS: SummaryLang[] = ['zh', 'en'];

const me = (ctx: Ctx) => ctx.actor.userId;
/** the actor without the site switcher: a summary's own page and actions do not depend on it */
const unswitched = (actor: Actor): Actor => ({ ...actor, selectedSiteId: null });
const sitesOf = (row: Pick<SummaryRow, 'site_ids'>) => JSON.parse(row.site_ids) as string[];

/** `perm` on every site of the summary; on every site of the organisation for an all-sites one. */
function holdsOnAll(ctx: Ctx, perm: Permission, siteIds: string[]): boolean {
  const scope = siteScope(unswitched(ctx.actor), perm);
  if (!siteIds.length) return scope === 'all';
  return siteIds.every((id) => inScope(scope, id));
}

const mayRead = (ctx: Ctx, row: SummaryRow) => holdsOnAll(ctx, 'reports:read', sitesOf(row));
const writes = (ctx: Ctx, row: SummaryRow) => holdsOnAll(ctx, 'summaries:write', sitesOf(row));
const approves = (ctx: Ctx, row: SummaryRow) => holdsOnAll(ctx, 'summaries:approve', sitesOf(row));
export const mayEdit = (ctx: Ctx, row: SummaryRow) => EDITABLE.includes(row.status) && writes(ctx, row);
export const mayApprove = (ctx: Ctx, row: SummaryRow) => row.status === 'submitted' && approves(ctx, row) && row.author_id !== me(ctx);

/** A summary the actor may read, or 404 (also for another organisation's or a wider scope's). */
export async function readableSummary(ctx: Ctx, id: string): Promise<SummaryListRow> {
  const row = await findSummary(ctx.db, ctx.actor.orgId, id);
  if (!row || !mayRead(ctx, row)) throw notFound('工作总结');
  return row;
}

/** The stored columns of a list row (without the joined names), for audit diffs. */
function stored(r: SummaryListRow): SummaryRow {
  const { author_name: _a, approved_by_name: _b, department_name: _c, ...row } = r;
  return row;
}

/** Audit entries of a one-site summary belong to that site; of a wider one, to the organisation. */
const auditSite = (row: SummaryRow) => {
  const sites = sitesOf(row);
  return sites.length === 1 ? (sites[0] ?? null) : null;
};

const periodOfRow = (r: SummaryRow): ResolvedPeriod => ({
  kind: r.period_kind,
  from: r.period_from,
  to: r.period_to,
  startDate: r.start_date,
  endDate: r.end_date,
  label: { zh: r.label_zh, en: r.label_en },
});

export async function toSummaryDtos(ctx: Ctx, rows: SummaryListRow[]): Promise<WorkSummaryDto[]> {
  if (!rows.length) return [];
  const names = await siteNames(ctx.db, ctx.actor.orgId, [...new Set(rows.flatMap(sitesOf))]);
  return rows.map((r) => {
    const siteIds = sitesOf(r);
    return {
      id: r.id,
      number: r.number,
      title: r.title,
      period: periodOfRow(r),
      siteIds,
      // an all-sites summary names none: the web shows 全部场所
      siteNames: siteIds.map((id) => names.get(id) ?? id),
      departmentId: r.department_id,
      departmentName: r.department_name,
      status: r.status,
      currentVersionNo: Number(r.current_version_no),
      authorId: r.author_id,
      authorName: r.author_name,
      submittedAt: r.submitted_at,
      approvedAt: r.approved_at,
      approvedBy: r.approved_by,
      approvedByName: r.approved_by_name,
      returnReason: r.return_reason,
      approvalNote: r.approval_note,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      canEdit: mayEdit(ctx, r),
      canSubmit: mayEdit(ctx, r),
      canApprove: mayApprove(ctx, r),
      canReopen: r.status === 'approved' && approves(ctx, r),
      version: Number(r.version),
    };
  });
}

/** GET /summaries: the summaries the actor reads (the site switcher narrows the list). */
export async function searchSummaries(ctx: Ctx, f: SummaryFilter): Promise<Page<WorkSummaryDto>> {
  const page = await listSummaries(ctx.db, ctx.actor.orgId, siteScope(ctx.actor, 'reports:read'), f);
  return { items: await toSummaryDtos(ctx, page.items), nextCursor: page.nextCursor };
}

export interface SummaryVersionContent {
  summary: WorkSummaryDto;
  versionNo: number;
  body: Record<SummaryLang, SummaryBody>;
  facts: ReportFactsDto;
}

/** One version's content (the current one unless `versionNo` names another); 404 for a version that does not exist. */
export async function summaryVersion(ctx: Ctx, id: string, versionNo?: number): Promise<SummaryVersionContent & { row: SummaryListRow }> {
  const row = await readableSummary(ctx, id);
  const no = versionNo ?? Number(row.current_version_no);
  const version = await findVersion(ctx.db, id, no);
  if (!version) throw notFound('版本');
  const [summary] = await toSummaryDtos(ctx, [row]);
  return { row, summary: summary as WorkSummaryDto, versionNo: no, ...content(version) };
}

function content(v: VersionRow): { body: Record<SummaryLang, SummaryBody>; facts: ReportFactsDto } {
  return { body: JSON.parse(v.body) as Record<SummaryLang, SummaryBody>, facts: JSON.parse(v.facts) as ReportFactsDto };
}

/** GET /summaries/:id[?version=n] */
export async function getSummary(ctx: Ctx, id: string, versionNo?: number): Promise<WorkSummaryDetailDto> {
  const [shown, versions] = await Promise.all([summaryVersion(ctx, id, versionNo), listVersions(ctx.db, id)]);
  return {
    ...shown.summary,
    versionNo: shown.versionNo,
    body: shown.body,
    facts: shown.facts,
    versions: versions.map(
      (v): SummaryVersionDto => ({
        no: Number(v.no),
        kind: v.kind,
        note: v.note,
        createdAt: v.created_at,
        createdBy: v.created_by,
        createdByName: v.created_by_name,
      }),
    ),
  };
}

/**
 * The sites a new summary covers: those asked for, each one the author reads and writes
 * summaries for (400 otherwise); without any, every site the author may — stored as []
 * (every site of the organisation) for an organisation-wide author.
 */
async function summarySites(ctx: Ctx, wanted: string[] | undefined): Promise<string[]> {
  const actor = unswitched(ctx.actor);
  const readable = siteScope(actor, 'reports:read');
  const writable = siteScope(actor, 'summaries:write');
  const ids = [...new Set(wanted ?? [])];
  if (ids.length) {
    const known = await scopeSites(ctx.db, ctx.actor.orgId, ids);
    if (known.length !== ids.length || ids.some((id) => !inScope(readable, id) || !inScope(writable, id))) {
      new FieldCheck().add('siteIds', '请选择您可查看并编写工作总结的场所').throwIfAny();
    }
    // display order (by site code), whatever the order asked in
    return known.map((s) => s.id);
  }
  if (readable === 'all' && writable === 'all') return [];
  const mine = readable === 'all' ? (writable as string[]) : writable === 'all' ? readable : readable.filter((id) => writable.includes(id));
  if (!mine.length) new FieldCheck().add('siteIds', '没有您可查看并编写工作总结的场所').throwIfAny();
  return (await scopeSites(ctx.db, ctx.actor.orgId, mine)).map((s) => s.id);
}

/**
 * The facts of a summary's scope gathered now, checked, and written up in both
 * languages. A consistency problem (a breakdown that does not add up) is a module's bug:
 * nothing is stored and the request fails with the problems listed.
 */
async function writeUp(
  ctx: Ctx,
  scope: { period: ResolvedPeriod; siteIds: string[]; departmentId: string | null; departmentName: string | null },
  title: string | undefined,
): Promise<{ facts: ReportFactsDto; body: Record<SummaryLang, SummaryBody> }> {
  const facts = await gatherFacts(
    { ...ctx, actor: unswitched(ctx.actor) },
    { period: scope.period, siteIds: scope.siteIds.length ? scope.siteIds : 'all', departmentId: scope.departmentId },
  );
  const problems = checkConsistency(facts);
  if (problems.length) {
    throw new AppError('INTERNAL', `数据不一致，工作总结未保存，请联系管理员：${problems.join('；')}`, { problems });
  }
  const departmentName = scope.departmentName;
  return {
    facts,
    body: {
      // a title the author chose is Chinese: the English text keeps its own
      zh: composeSummary(facts, 'zh', { title, departmentName }),
      en: composeSummary(facts, 'en', { departmentName }),
    },
  };
}

/** A title trimmed, or the problem noted when only blanks were sent (its length is the route schema's). */
function cleanTitle(raw: string | undefined, field: string, problems: FieldError[]): string | undefined {
  if (raw === undefined) return undefined;
  const title = raw.trim();
  if (!title) problems.push({ field, message: '请填写标题' });
  return title || undefined;
}

async function insertVersion(
  ctx: Ctx,
  tx: Tx,
  summaryId: string,
  no: number,
  kind: SummaryVersionKind,
  note: string | null,
  data: { body: Record<SummaryLang, SummaryBody>; facts: ReportFactsDto },
  at: string,
): Promise<void> {
  await tx
    .insertInto('work_summary_versions')
    .values({
      id: newId(),
      summary_id: summaryId,
      no,
      kind,
      note,
      body: JSON.stringify(data.body),
      facts: JSON.stringify(data.facts),
      created_by: me(ctx) as string,
      created_at: at,
    })
    .execute();
}

/** POST /summaries: gathers the facts, writes both languages, stores version 1 (generated). */
export async function createSummary(ctx: Ctx, input: WorkSummaryCreateInput): Promise<WorkSummaryDetailDto> {
  const user = me(ctx);
  if (!user) throw forbidden('只有用户可以编写工作总结');
  const problems: FieldError[] = [];
  const title = cleanTitle(input.title, 'title', problems);
  if (problems.length) throw validation(problems);
  const period = await periodOf(ctx, input.period, 'period.');
  const [siteIds, department] = await Promise.all([summarySites(ctx, input.siteIds), departmentOf(ctx, input.departmentId)]);
  const { facts, body } = await writeUp(
    ctx,
    { period, siteIds, departmentId: department?.id ?? null, departmentName: department?.name ?? null },
    title,
  );
  const orgId = ctx.actor.orgId;
  const at = ctx.clock.now().toISOString();
  const id = newId();
  await ctx.db.transaction().execute(async (tx) => {
    const row: SummaryRow = {
      id,
      org_id: orgId,
      number: await nextNumber(tx, { orgId, ruleCode: SUMMARY_NUMBERING.code, siteId: null, at: new Date(at) }),
      title: title ?? body.zh.title,
      period_kind: period.kind,
      period_from: period.from,
      period_to: period.to,
      start_date: period.startDate,
      end_date: period.endDate,
      label_zh: period.label.zh,
      label_en: period.label.en,
      site_ids: JSON.stringify(siteIds),
      department_id: department?.id ?? null,
      status: 'draft',
      current_version_no: 1,
      author_id: user,
      submitted_at: null,
      approved_at: null,
      approved_by: null,
      return_reason: null,
      approval_note: null,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await tx.insertInto('work_summaries').values(row).execute();
    if (siteIds.length) {
      await tx
        .insertInto('work_summary_sites')
        .values(siteIds.map((siteId) => ({ summary_id: id, site_id: siteId })))
        .execute();
    }
    await insertVersion(ctx, tx, id, 1, 'generated', null, { body, facts }, at);
    await writeAudit(ctx, tx, { entity: 'work_summary', entityId: id, action: 'create', siteId: auditSite(row), after: row });
  });
  return getSummary(ctx, id);
}

function notEditable(row: SummaryRow, action: string): AppError {
  const why =
    row.status === 'submitted'
      ? '总结已提交待审批；如需修改，请审批人退回'
      : row.status === 'approved'
        ? '总结已审批；如需修改，请审批人重新打开'
        : '总结不能修改';
  return new AppError('ILLEGAL_TRANSITION', why, { status: row.status, action });
}

/** The writer's steps (edit, regenerate, restore, submit, delete): 403 without summaries:write on its sites, 409 once submitted. */
async function editable(ctx: Ctx, id: string, action: string): Promise<SummaryListRow> {
  const row = await readableSummary(ctx, id);
  if (!writes(ctx, row)) throw forbidden('没有编写该范围工作总结的权限');
  if (!EDITABLE.includes(row.status)) throw notEditable(row, action);
  return row;
}

/** Stores a new version and moves the summary's current version to it, in one transaction with its audit entry. */
async function addVersion(
  ctx: Ctx,
  row: SummaryListRow,
  expected: number,
  kind: SummaryVersionKind,
  note: string | null,
  data: { body: Record<SummaryLang, SummaryBody>; facts: ReportFactsDto },
  audit: { action: string; patch?: Partial<SummaryRow> },
): Promise<WorkSummaryDetailDto> {
  const at = ctx.clock.now().toISOString();
  const no = Number(row.current_version_no) + 1;
  const patch: Partial<SummaryRow> = { ...audit.patch, current_version_no: no };
  await ctx.db.transaction().execute(async (tx) => {
    // the version check comes first: of two saves on the same version, the second is refused before it writes
    await updateVersioned(tx, 'work_summaries', row.id, expected, patch, at);
    await insertVersion(ctx, tx, row.id, no, kind, note, data, at);
    await writeAudit(ctx, tx, {
      entity: 'work_summary',
      entityId: row.id,
      action: audit.action,
      siteId: auditSite(row),
      before: stored(row),
      after: { ...stored(row), ...patch, version_kind: kind, version_note: note },
    });
  });
  return getSummary(ctx, row.id);
}

/** Only the fields a body has: whatever else a client sends is not stored. */
function cleanBody(b: SummaryBody): SummaryBody {
  const block = (x: SummaryBlock): SummaryBlock => {
    switch (x.type) {
      case 'paragraph':
        return { type: 'paragraph', text: x.text };
      case 'list':
        return { type: 'list', items: [...x.items] };
      case 'table':
        return { type: 'table', title: x.title, keys: [...x.keys] };
      default:
        return { type: 'chart', title: x.title, keys: [...x.keys], kind: x.kind };
    }
  };
  return {
    title: b.title.trim(),
    subtitle: b.subtitle,
    sections: b.sections.map((s) => ({ key: s.key, title: s.title, blocks: s.blocks.map(block) })),
  };
}

/** Every figure token of a text and every key of a table or chart must be among the facts. */
function unknownReferences(body: SummaryBody, facts: ReportFactsDto): string[] {
  const known = new Set(facts.facts.map((f) => f.key));
  const bad: string[] = [];
  const texts = (b: SummaryBlock): string[] => (b.type === 'paragraph' ? [b.text] : b.type === 'list' ? b.items : []);
  for (const section of body.sections) {
    for (const block of section.blocks) {
      for (const text of texts(block)) bad.push(...unknownTokens(text, facts));
      if (block.type === 'table' || block.type === 'chart') bad.push(...block.keys.filter((k) => !known.has(k)).map((k) => `{{${k}}}`));
    }
    bad.push(...unknownTokens(section.title, facts));
  }
  bad.push(...unknownTokens(body.title, facts), ...unknownTokens(body.subtitle, facts));
  return bad;
}

/**
 * PUT /summaries/:id: the edited prose as a new version (edited), over the facts of the
 * current version — every figure token must name one of them (400 listing the unknown
 * ones). Languages not sent keep the current version's text.
 */
export async function editSummary(ctx: Ctx, id: string, input: WorkSummaryEditInput): Promise<WorkSummaryDetailDto> {
  const row = await editable(ctx, id, 'update');
  const current = await findVersion(ctx.db, id, Number(row.current_version_no));
  if (!current) throw notFound('版本');
  const { body, facts } = content(current);
  const fields: FieldError[] = [];
  const tokens = new Set<string>();
  const title = cleanTitle(input.title, 'title', fields);
  for (const lang of LANGS) {
    const edited = input.body[lang];
    if (!edited) continue;
    cleanTitle(edited.title, `body.${lang}.title`, fields);
    const bad = [...new Set(unknownReferences(edited, facts))];
    if (bad.length) fields.push({ field: `body.${lang}`, message: `未知的数据引用：${bad.join('、')}` });
    for (const t of bad) tokens.add(t);
    body[lang] = cleanBody(edited);
  }
  if (tokens.size) throw new AppError('VALIDATION', `未知的数据引用：${[...tokens].join('、')}`, { fields, tokens: [...tokens] });
  if (fields.length) throw validation(fields);
  const note = input.note?.trim() || null;
  return addVersion(ctx, row, input.version, 'edited', note, { body, facts }, { action: 'update', ...(title && { patch: { title } }) });
}

/** POST /summaries/:id/regenerate: the facts gathered again now and the prose written again (edits are replaced). */
export async function regenerateSummary(ctx: Ctx, id: string, input: { version: number }): Promise<WorkSummaryDetailDto> {
  const row = await editable(ctx, id, 'regenerate');
  const data = await writeUp(
    ctx,
    { period: periodOfRow(row), siteIds: sitesOf(row), departmentId: row.department_id, departmentName: row.department_name },
    row.title,
  );
  return addVersion(ctx, row, input.version, 'regenerated', null, data, { action: 'regenerate' });
}

/** POST /summaries/:id/restore: a new version copying an older one (text and figures). */
export async function restoreSummary(ctx: Ctx, id: string, input: { version: number; versionNo: number }): Promise<WorkSummaryDetailDto> {
  const row = await editable(ctx, id, 'restore');
  const check = new FieldCheck();
  if (input.versionNo === Number(row.current_version_no)) check.add('versionNo', '该版本已是当前版本');
  const old = await findVersion(ctx.db, id, input.versionNo);
  if (!old) check.add('versionNo', '版本不存在');
  check.throwIfAny();
  const note = `恢复第 ${input.versionNo} 版`;
  return addVersion(ctx, row, input.version, 'edited', note, content(old as VersionRow), { action: 'restore' });
}

/** A state change of the summary (no new version), audited and with its notification, in one transaction. */
async function transition(
  ctx: Ctx,
  row: SummaryListRow,
  expected: number,
  action: string,
  patch: Partial<SummaryRow>,
  extra: Record<string, unknown>,
  notify: (tx: Tx, after: SummaryRow) => Promise<void>,
): Promise<WorkSummaryDetailDto> {
  const at = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'work_summaries', row.id, expected, patch, at);
    const after = { ...stored(row), ...patch };
    await writeAudit(ctx, tx, {
      entity: 'work_summary',
      entityId: row.id,
      action,
      siteId: auditSite(row),
      before: stored(row),
      after: { ...after, ...extra },
    });
    await notify(tx, after);
  });
  return getSummary(ctx, row.id);
}

async function send(ctx: Ctx, tx: Tx, row: SummaryRow, userIds: string[], msg: { title: string; body: string }): Promise<void> {
  const to = [...new Set(userIds.filter((u) => u !== me(ctx)))];
  if (!to.length) return;
  await ctx.notifier.send(tx, { orgId: row.org_id, userIds: to, kind: 'work_summary', ...msg, link: summaryLink(row.id) });
}

/** POST /summaries/:id/submit: to the people who approve summaries on all its sites (not its author). */
export async function submitSummary(ctx: Ctx, id: string, input: { version: number }): Promise<WorkSummaryDetailDto> {
  const row = await editable(ctx, id, 'submit');
  const patch: Partial<SummaryRow> = { status: 'submitted', submitted_at: ctx.clock.now().toISOString(), return_reason: null };
  return transition(ctx, row, input.version, 'submit', patch, {}, async (tx, after) => {
    const approvers = await holdersOnEverySite(tx, after.org_id, 'summaries:approve', sitesOf(after));
    await send(
      ctx,
      tx,
      after,
      approvers.filter((u) => u !== after.author_id),
      {
        title: `工作总结 ${after.number} 待审批`,
        body: `${after.title}（${after.label_zh}），编写人：${row.author_name}`,
      },
    );
  });
}

/** The approver's steps: 409 unless the summary is in `from`, 403 without summaries:approve on all its sites (or for its author). */
async function reviewable(ctx: Ctx, id: string, from: WorkSummaryStatus, action: string, authorMay: boolean): Promise<SummaryListRow> {
  const row = await readableSummary(ctx, id);
  if (row.status !== from) {
    throw new AppError('ILLEGAL_TRANSITION', `总结${SUMMARY_STATUS_LABELS[row.status]}，不能${ACTION_WORDS[action]}`, {
      status: row.status,
      action,
    });
  }
  if (!approves(ctx, row)) throw forbidden('没有审批该范围工作总结的权限');
  if (!authorMay && row.author_id === me(ctx)) throw forbidden('不能审批自己编写的工作总结，请由其他审批人审批');
  return row;
}

const ACTION_WORDS: Record<string, string> = { approve: '审批', return: '退回', reopen: '重新打开' };

/** POST /summaries/:id/approve: summaries:approve on all its sites, never by its author. */
export async function approveSummary(
  ctx: Ctx,
  id: string,
  input: { version: number; note?: string | null },
): Promise<WorkSummaryDetailDto> {
  const row = await reviewable(ctx, id, 'submitted', 'approve', false);
  const note = input.note?.trim() || null;
  const patch: Partial<SummaryRow> = {
    status: 'approved',
    approved_at: ctx.clock.now().toISOString(),
    approved_by: me(ctx),
    approval_note: note,
  };
  return transition(ctx, row, input.version, 'approve', patch, {}, (tx, after) =>
    send(ctx, tx, after, [after.author_id], {
      title: `工作总结 ${after.number} 已审批通过`,
      body: `${after.title}${note ? `。审批意见：${note.slice(0, 100)}` : ''}`,
    }),
  );
}

/** POST /summaries/:id/return: back to its author with the reason, editable again. */
export async function returnSummary(ctx: Ctx, id: string, input: { version: number; reason?: string }): Promise<WorkSummaryDetailDto> {
  const row = await reviewable(ctx, id, 'submitted', 'return', false);
  const reason = input.reason?.trim();
  if (!reason) new FieldCheck().add('reason', '请填写退回原因，说明需要补充或修改的内容').throwIfAny();
  const patch: Partial<SummaryRow> = { status: 'returned', return_reason: reason as string };
  return transition(ctx, row, input.version, 'return', patch, {}, (tx, after) =>
    send(ctx, tx, after, [after.author_id], {
      title: `工作总结 ${after.number} 被退回`,
      body: `${after.title}。退回原因：${(reason as string).slice(0, 100)}。请修改后重新提交。`,
    }),
  );
}

/** POST /summaries/:id/reopen: an approved summary becomes a draft again (its author is told). */
export async function reopenSummary(ctx: Ctx, id: string, input: { version: number }): Promise<WorkSummaryDetailDto> {
  const row = await reviewable(ctx, id, 'approved', 'reopen', true);
  const patch: Partial<SummaryRow> = { status: 'draft', approved_at: null, approved_by: null, approval_note: null };
  return transition(ctx, row, input.version, 'reopen', patch, {}, (tx, after) =>
    send(ctx, tx, after, [after.author_id], {
      title: `工作总结 ${after.number} 已重新打开`,
      body: `${after.title}已退回编辑状态，可修改后重新提交审批。`,
    }),
  );
}

/** DELETE /summaries/:id?version=n: only a draft that was never submitted; its versions go with it. */
export async function deleteSummary(ctx: Ctx, id: string, version: number): Promise<void> {
  const row = await editable(ctx, id, 'delete');
  if (row.status !== 'draft' || row.submitted_at !== null) {
    throw new AppError('ILLEGAL_TRANSITION', '总结已提交过审批，不能删除', { status: row.status, action: 'delete' });
  }
  await ctx.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('work_summary_versions').where('summary_id', '=', id).execute();
    await tx.deleteFrom('work_summary_sites').where('summary_id', '=', id).execute();
    // a stale version deletes nothing: the error rolls the versions back too
    const res = await tx.deleteFrom('work_summaries').where('id', '=', id).where('version', '=', version).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw staleVersion();
    await writeAudit(ctx, tx, { entity: 'work_summary', entityId: id, action: 'delete', siteId: auditSite(row), before: stored(row) });
  });
}
