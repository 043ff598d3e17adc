import type { IncidentDto, IncidentInput, IncidentReviewInput, IncidentStatus } from '../../../../contracts/incidents.js';
import type { Page } from '../../../../contracts/types.js';
import { hasPermission, inScope, siteScope } from '../../platform/access/actor.js';
import { actionCounts } from '../../platform/actions/index.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Db, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import { AppError, forbidden, notFound } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { nextNumber } from '../../platform/numbering/numbering.js';
import { formatZoned } from '../../platform/numbering/time.js';
import { usersWithPermission } from '../identity/index.js';
import { activeDictionaryPairs } from '../system/index.js';
import { attachmentIds, CLOCK_SKEW_MS, instant, locationOnSite, locationPaths, readScope, siteMembers, text } from './common.js';
import { fixedInTime, incidentDeadline } from './deadline.js';
import { findIncident, type IncidentFilter, type IncidentListRow, type IncidentRow, listIncidents } from './incidents.repository.js';
import { incidentSettings } from './settings.js';

/** 意外事件 numbers: SJ-20260312-0001, per site, daily (seeded by seedIncidentDefaults). */
export const INCIDENT_NUMBERING = {
  code: 'SJ',
  name: '意外事件处理报告单',
  prefix: 'SJ',
  dateFormat: 'YYYYMMDD',
  seqWidth: 4,
  reset: 'daily',
  perSite: true,
} as const;

export const INCIDENT_STATUS_LABELS: Record<IncidentStatus, string> = {
  draft: '草稿',
  submitted: '待审核',
  returned: '已退回',
  reviewed: '已审核',
};

/** what the web opens from a notification or an action item */
export const incidentLink = (id: string) => `/incidents/${id}`;

/** the largest loss a form may record: ¥1 billion, in fen */
const MAX_LOSS_FEN = 100_000_000_000;
/** statuses the author may still change */
const AUTHOR_EDITABLE: IncidentStatus[] = ['draft', 'returned'];

const me = (ctx: Ctx) => ctx.actor.userId;
const reviews = (ctx: Ctx, row: Pick<IncidentRow, 'site_id'>) => hasPermission(ctx.actor, 'incidents:review', row.site_id);

/** Whoever reads safety records on the site, and the author (who may hold no safety:read there). */
function mayRead(ctx: Ctx, row: IncidentRow): boolean {
  return (me(ctx) !== null && row.author_id === me(ctx)) || inScope(readScope(ctx), row.site_id);
}

/** The author while it is a draft or returned (still holding incidents:report there), or a reviewer of the site until it is reviewed. */
export function mayEdit(ctx: Ctx, row: IncidentRow): boolean {
  if (row.status === 'reviewed') return false;
  if (reviews(ctx, row)) return true;
  return row.author_id === me(ctx) && AUTHOR_EDITABLE.includes(row.status) && hasPermission(ctx.actor, 'incidents:report', row.site_id);
}

/** incidents:review on the site, and not the report's own author. */
export function mayReview(ctx: Ctx, row: IncidentRow): boolean {
  return row.status === 'submitted' && reviews(ctx, row) && row.author_id !== me(ctx);
}

/** Its action items: the author until it is reviewed, or a reviewer of the site. */
export function mayManageActions(ctx: Ctx, row: IncidentRow): boolean {
  return (me(ctx) !== null && row.author_id === me(ctx) && row.status !== 'reviewed') || reviews(ctx, row);
}

/** An incident the actor may see; 404 otherwise (also for other organisations' and sites' ids). */
export async function readableIncident(ctx: Ctx, id: string): Promise<IncidentListRow> {
  const row = await findReadableIncident(ctx, ctx.db, id);
  if (!row) throw notFound('意外事件报告');
  return row;
}

/** The same, undefined when missing or out of scope; `db` may be the caller's transaction. */
export async function findReadableIncident(ctx: Ctx, db: Db | Tx, id: string): Promise<IncidentListRow | undefined> {
  const row = await findIncident(db, ctx.actor.orgId, id);
  return row && mayRead(ctx, row) ? row : undefined;
}

export async function toIncidentDtos(ctx: Ctx, rows: IncidentListRow[]): Promise<IncidentDto[]> {
  if (!rows.length) return [];
  const orgId = ctx.actor.orgId;
  const now = ctx.clock.now();
  const ids = rows.map((r) => r.id);
  const [paths, files, counts] = await Promise.all([
    locationPaths(
      ctx.db,
      orgId,
      rows.map((r) => r.location_id),
    ),
    attachmentIds(ctx.db, orgId, 'incident', ids),
    actionCounts(ctx.db, 'incident', ids),
  ]);
  return rows.map((r) => {
    const c = counts.get(r.id);
    return {
      id: r.id,
      number: r.number,
      siteId: r.site_id,
      siteName: r.site_name,
      title: r.title,
      type: r.type,
      occurredAt: r.occurred_at,
      locationId: r.location_id,
      locationPath: r.location_id ? (paths.get(r.location_id) ?? null) : null,
      place: r.place,
      responsibleId: r.responsible_id,
      responsibleName: r.responsible_user_name ?? r.responsible_name,
      summary: r.summary,
      course: r.course,
      handling: r.handling,
      losses: r.losses,
      lossFen: r.loss_fen === null ? null : Number(r.loss_fen),
      causeAnalysis: r.cause_analysis,
      resolvedAt: r.resolved_at,
      deadlineAt: r.deadline_at,
      fixedInTime: fixedInTime(r.deadline_at, r.resolved_at, now),
      workOrderId: r.work_order_id,
      workOrderNumber: r.work_order_number,
      attachmentIds: files.get(r.id) ?? [],
      authorId: r.author_id,
      authorName: r.author_name,
      submittedAt: r.submitted_at,
      reviewerId: r.reviewer_id,
      reviewerName: r.reviewer_name,
      reviewedAt: r.reviewed_at,
      reviewNote: r.review_note,
      status: r.status,
      actionsTotal: c?.total ?? 0,
      actionsOpen: c?.open ?? 0,
      canEdit: mayEdit(ctx, r),
      canReview: mayReview(ctx, r),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      version: Number(r.version),
    };
  });
}

export interface IncidentSearch extends Omit<IncidentFilter, 'authorId' | 'awaitingReviewBy'> {
  /** `me`: the actor's own reports */
  author?: 'me';
  /** the submitted reports the actor may review (not their own) */
  awaitingReview?: boolean;
}

export async function searchIncidents(ctx: Ctx, search: IncidentSearch): Promise<Page<IncidentDto>> {
  const { author, awaitingReview, ...filter } = search;
  const user = me(ctx);
  const f: IncidentFilter = {
    ...filter,
    // stored instants are UTC text on SQLite: a bound with an offset (+08:00) compares only once normalised
    from: instant(filter.from) ?? undefined,
    to: instant(filter.to) ?? undefined,
    // a caller without a user (the system) has no reports of its own: nothing matches
    ...(author === 'me' && { authorId: user ?? '-' }),
    ...(awaitingReview && { awaitingReviewBy: { userId: user, sites: siteScope(ctx.actor, 'incidents:review') } }),
  };
  const page = await listIncidents(ctx.db, ctx.actor.orgId, readScope(ctx), user, f, ctx.clock.now());
  return { items: await toIncidentDtos(ctx, page.items), nextCursor: page.nextCursor };
}

export async function getIncident(ctx: Ctx, id: string): Promise<IncidentDto> {
  const [dto] = await toIncidentDtos(ctx, [await readableIncident(ctx, id)]);
  return dto as IncidentDto;
}

/** The columns a report's form writes. */
type Written = Pick<
  IncidentRow,
  | 'title'
  | 'type'
  | 'occurred_at'
  | 'location_id'
  | 'place'
  | 'responsible_id'
  | 'responsible_name'
  | 'summary'
  | 'course'
  | 'handling'
  | 'losses'
  | 'loss_fen'
  | 'cause_analysis'
  | 'resolved_at'
  | 'deadline_at'
  | 'work_order_id'
>;

/**
 * Checks the form together, so every problem is listed, and answers the columns to
 * store with the deadline computed from the settings in the site's zone.
 */
async function checkInput(
  ctx: Ctx,
  db: Db | Tx,
  siteId: string,
  timeZone: string,
  input: Partial<IncidentInput>,
  check: FieldCheck,
): Promise<Written> {
  const orgId = ctx.actor.orgId;
  const now = ctx.clock.now().getTime();
  const title = text(input.title);
  if (!title) check.add('title', '请填写事件标题');
  const summary = text(input.summary);
  if (!summary) check.add('summary', '请填写事件概要');
  const type = input.type ?? '';
  const active = type ? await activeDictionaryPairs(db as Db, orgId, [{ type: 'incident_type', code: type }]) : new Set<string>();
  if (!active.has(`incident_type:${type}`)) check.add('type', '请选择有效的事件类型');
  const occurredAt = instant(input.occurredAt);
  if (!occurredAt) check.add('occurredAt', '请填写事发时间');
  else if (new Date(occurredAt).getTime() > now + CLOCK_SKEW_MS) check.add('occurredAt', '事发时间不能晚于当前时间');
  const resolvedAt = input.resolvedAt ? instant(input.resolvedAt) : null;
  if (input.resolvedAt && !resolvedAt) check.add('resolvedAt', '处理完成时间格式无效');
  else if (resolvedAt && occurredAt && resolvedAt < occurredAt) check.add('resolvedAt', '处理完成时间不能早于事发时间');
  else if (resolvedAt && new Date(resolvedAt).getTime() > now + CLOCK_SKEW_MS) check.add('resolvedAt', '处理完成时间不能晚于当前时间');
  const locationId = input.locationId ?? null;
  if (locationId && !(await locationOnSite(db, orgId, siteId, locationId))) check.add('locationId', '位置不存在或不属于该场所');
  const responsibleId = input.responsibleId ?? null;
  if (responsibleId && !(await siteMembers(db, orgId, siteId, [responsibleId])).has(responsibleId)) {
    check.add('responsibleId', '责任人须为该场所的在职人员；外单位人员请直接填写姓名');
  }
  const lossFen = input.lossFen ?? null;
  if (lossFen !== null && (!Number.isInteger(lossFen) || lossFen < 0 || lossFen > MAX_LOSS_FEN)) {
    check.add('lossFen', '损失金额须为 0 至 10 亿元之间的金额（分）');
  }
  const workOrderId = input.workOrderId ?? null;
  if (workOrderId) {
    const order = await db
      .selectFrom('work_orders')
      .select('site_id')
      .where('org_id', '=', orgId)
      .where('id', '=', workOrderId)
      .executeTakeFirst();
    if (order?.site_id !== siteId) check.add('workOrderId', '维修工单不存在或不属于该场所');
  }
  const settings = await incidentSettings(db, orgId);
  const deadline = occurredAt ? incidentDeadline(type, new Date(occurredAt), settings, timeZone) : null;
  return {
    title: title ?? '',
    type,
    occurred_at: occurredAt ?? '',
    location_id: locationId,
    place: text(input.place),
    responsible_id: responsibleId,
    // a user is named by the account; a name is written out only for someone without one (a vendor's staff)
    responsible_name: responsibleId ? null : text(input.responsibleName),
    summary: summary ?? '',
    course: text(input.course),
    handling: text(input.handling),
    losses: text(input.losses),
    loss_fen: lossFen,
    cause_analysis: text(input.causeAnalysis),
    resolved_at: resolvedAt,
    deadline_at: deadline?.toISOString() ?? null,
    work_order_id: workOrderId,
  };
}

/** What a submitted report must say beyond a draft: where, what happened, how it was handled and why it happened. */
function checkComplete(w: Written, check: FieldCheck): void {
  if (!w.location_id && !w.place) check.add('place', '提交前请选择事发位置或填写事发地点');
  if (!w.course) check.add('course', '提交前请填写事件经过');
  if (!w.handling) check.add('handling', '提交前请填写处理情况及结果');
  if (!w.cause_analysis) check.add('causeAnalysis', '提交前请填写原因分析');
}

/** POST /incidents: incidents:report on the site; a draft, or submitted at once. */
export async function createIncident(ctx: Ctx, input: IncidentInput): Promise<IncidentDto> {
  const user = me(ctx);
  if (!user || !hasPermission(ctx.actor, 'incidents:report', input.siteId)) {
    throw new AppError('VALIDATION', '场所不存在或无权填报意外事件', {
      fields: [{ field: 'siteId', message: '请选择您可填报意外事件的场所' }],
    });
  }
  const orgId = ctx.actor.orgId;
  const site = await ctx.db
    .selectFrom('sites')
    .select('timezone')
    .where('org_id', '=', orgId)
    .where('id', '=', input.siteId)
    .executeTakeFirst();
  if (!site) throw notFound('场所');
  const check = new FieldCheck();
  const written = await checkInput(ctx, ctx.db, input.siteId, site.timezone, input, check);
  if (input.submit) checkComplete(written, check);
  check.throwIfAny();
  const at = ctx.clock.now().toISOString();
  const id = await ctx.db.transaction().execute(async (tx) => {
    const row: IncidentRow = {
      ...written,
      id: newId(),
      org_id: orgId,
      site_id: input.siteId,
      // the day it happened: SJ-20260312-0002 is an incident of 12 March
      number: await nextNumber(tx, { orgId, ruleCode: INCIDENT_NUMBERING.code, siteId: input.siteId, at: new Date(written.occurred_at) }),
      author_id: user,
      submitted_at: input.submit ? at : null,
      reviewer_id: null,
      reviewed_at: null,
      review_note: null,
      returned_count: 0,
      status: input.submit ? 'submitted' : 'draft',
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await tx.insertInto('incidents').values(row).execute();
    await writeAudit(ctx, tx, { entity: 'incident', entityId: row.id, action: 'create', siteId: row.site_id, after: row });
    if (input.submit) await notifySubmitted(ctx, tx, row);
    return row.id;
  });
  return getIncident(ctx, id);
}

/** The stored columns of a list row (without the joined names), for audit diffs. */
function stored(r: IncidentListRow): IncidentRow {
  const {
    site_name: _a,
    site_timezone: _b,
    responsible_user_name: _c,
    author_name: _d,
    reviewer_name: _e,
    work_order_number: _f,
    ...row
  } = r;
  return row;
}

function notEditable(row: IncidentRow, action: string): AppError {
  const why =
    row.status === 'reviewed'
      ? '报告已审核，不能修改'
      : row.status === 'submitted'
        ? '报告已提交待审核；如需修改，请审核人退回'
        : '报告不能修改';
  return new AppError('ILLEGAL_TRANSITION', why, { status: row.status, action });
}

/**
 * Who may change a report, in order: one that is reviewed (or submitted, for its author)
 * answers 409; someone who may neither write it nor review it 403.
 */
function assertEditable(ctx: Ctx, row: IncidentRow, action: 'update' | 'submit'): void {
  if (mayEdit(ctx, row)) {
    if (action === 'submit' && !AUTHOR_EDITABLE.includes(row.status)) throw notEditable(row, action);
    return;
  }
  const author = row.author_id === me(ctx);
  if (row.status === 'reviewed' || (author && row.status === 'submitted')) throw notEditable(row, action);
  throw forbidden(author ? '没有在该场所填报意外事件的权限' : '只有报告人或该场所的审核人可以修改报告');
}

/** PUT /incidents/:id: the author while a draft or returned, a reviewer of the site until reviewed; `submit: true` submits it. */
export async function updateIncident(ctx: Ctx, id: string, input: Partial<IncidentInput> & { version: number }): Promise<IncidentDto> {
  const before = await readableIncident(ctx, id);
  assertEditable(ctx, before, input.submit ? 'submit' : 'update');
  const check = new FieldCheck();
  if (input.siteId !== undefined && input.siteId !== before.site_id) check.add('siteId', '报告的场所不能更改；请在正确的场所重新填报');
  const written = await checkInput(ctx, ctx.db, before.site_id, before.site_timezone, input, check);
  if (input.submit) checkComplete(written, check);
  check.throwIfAny();
  const at = ctx.clock.now().toISOString();
  const patch: Partial<IncidentRow> = { ...written, ...(input.submit && { status: 'submitted' as const, submitted_at: at }) };
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'incidents', id, input.version, patch, at);
    const after = { ...stored(before), ...patch };
    await writeAudit(ctx, tx, {
      entity: 'incident',
      entityId: id,
      action: input.submit ? 'submit' : 'update',
      siteId: before.site_id,
      before: stored(before),
      after,
    });
    if (input.submit) await notifySubmitted(ctx, tx, after);
  });
  return getIncident(ctx, id);
}

/** POST /incidents/:id/submit: a draft or a returned report, complete, goes to the site's reviewers. */
export async function submitIncident(ctx: Ctx, id: string, body: { version: number }): Promise<IncidentDto> {
  const row = await readableIncident(ctx, id);
  assertEditable(ctx, row, 'submit');
  const check = new FieldCheck();
  checkComplete(row, check);
  check.throwIfAny();
  const at = ctx.clock.now().toISOString();
  const patch: Partial<IncidentRow> = { status: 'submitted', submitted_at: at };
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'incidents', id, body.version, patch, at);
    const after = { ...stored(row), ...patch };
    await writeAudit(ctx, tx, { entity: 'incident', entityId: id, action: 'submit', siteId: row.site_id, before: stored(row), after });
    await notifySubmitted(ctx, tx, after);
  });
  return getIncident(ctx, id);
}

/**
 * POST /incidents/:id/review: approve (审核通过) or return for changes (退回, with the
 * reason) — incidents:review on the site, never by the report's own author.
 */
export async function reviewIncident(ctx: Ctx, id: string, input: IncidentReviewInput): Promise<IncidentDto> {
  const row = await readableIncident(ctx, id);
  if (row.status !== 'submitted') {
    throw new AppError('ILLEGAL_TRANSITION', `报告${INCIDENT_STATUS_LABELS[row.status]}，不能审核`, {
      status: row.status,
      action: input.decision,
    });
  }
  if (!reviews(ctx, row)) throw forbidden('没有审核该场所意外事件报告的权限');
  if (row.author_id === me(ctx)) throw forbidden('不能审核自己填报的报告，请由其他审核人审核');
  const note = text(input.note);
  if (input.decision === 'return' && !note) {
    new FieldCheck().add('note', '请填写退回原因，说明需要补充或修改的内容').throwIfAny();
  }
  const at = ctx.clock.now().toISOString();
  const patch: Partial<IncidentRow> =
    input.decision === 'approve'
      ? { status: 'reviewed', reviewer_id: me(ctx), reviewed_at: at, review_note: note }
      : { status: 'returned', reviewer_id: me(ctx), reviewed_at: at, review_note: note, returned_count: Number(row.returned_count) + 1 };
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'incidents', id, input.version, patch, at);
    const after = { ...stored(row), ...patch };
    await writeAudit(ctx, tx, {
      entity: 'incident',
      entityId: id,
      action: input.decision,
      siteId: row.site_id,
      before: stored(row),
      after,
    });
    const approved = input.decision === 'approve';
    await notify(ctx, tx, after, [row.author_id], {
      title: `意外事件报告 ${row.number} ${approved ? '已审核通过' : '被退回'}`,
      body: approved
        ? `${row.title}${note ? `。审核意见：${note.slice(0, 100)}` : ''}`
        : `${row.title}。退回原因：${(note ?? '').slice(0, 100)}。请修改后重新提交。`,
    });
  });
  return getIncident(ctx, id);
}

async function notify(ctx: Ctx, tx: Tx, row: IncidentRow, userIds: string[], msg: { title: string; body: string }): Promise<void> {
  const to = [...new Set(userIds.filter((u) => u !== me(ctx)))];
  if (!to.length) return;
  await ctx.notifier.send(tx, { orgId: row.org_id, userIds: to, kind: 'incident', ...msg, link: incidentLink(row.id) });
}

/** A submitted report goes to the site's reviewers (not its author, who may review elsewhere). */
async function notifySubmitted(ctx: Ctx, tx: Tx, row: IncidentRow): Promise<void> {
  const reviewers = (await usersWithPermission(tx, row.org_id, 'incidents:review', row.site_id)).map((u) => u.id);
  const tz = await tx.selectFrom('sites').select('timezone').where('id', '=', row.site_id).executeTakeFirstOrThrow();
  await notify(
    ctx,
    tx,
    row,
    reviewers.filter((u) => u !== row.author_id),
    {
      title: `意外事件报告 ${row.number} 待审核`,
      body: `${row.title}（${formatZoned(new Date(row.occurred_at), tz.timezone)}）：${row.summary.slice(0, 80)}`,
    },
  );
}
