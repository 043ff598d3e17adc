import { type Expression, type SqlBool, sql } from 'kysely';
import type { SpotCheckDto, SpotCheckInput, SpotCheckParticipantDto, SpotCheckStatus } from '../../../../contracts/training.js';
import type { Page } from '../../../../contracts/types.js';
import { inScope } from '../../platform/access/actor.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Db, Tx } from '../../platform/context.js';
import { matchesAny } from '../../platform/db/dialect.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import type { Row } from '../../platform/db/schema.js';
import { AppError, forbidden, notFound, staleVersion } from '../../platform/http/errors.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { nextNumber } from '../../platform/numbering/numbering.js';
import { findBank } from './banks.service.js';
import { instant, mayManage, mean, percent, period, readScope, scopeFilter, text } from './common.js';
import { staffOf } from './sessions.repository.js';
import { checkPeople } from './sessions.service.js';
import './schema.js';

/** 知识抽查 numbers: CC-20260315-01, per site, by the day the check is made. */
export const SPOT_CHECK_NUMBERING = {
  code: 'CC',
  name: '知识抽查',
  prefix: 'CC',
  dateFormat: 'YYYYMMDD',
  seqWidth: 2,
  reset: 'daily',
  perSite: true,
} as const;

/** the most questions one quiz may draw */
export const MAX_DRAWN = 100;

export type SpotCheckRow = Row<'spot_checks'>;
export type SpotCheckListRow = SpotCheckRow & { site_name: string; site_timezone: string; bank_name: string; created_by_name: string };

/** open until closed by hand or past its due time (no job: computed when read) */
export function spotCheckStatus(row: Pick<SpotCheckRow, 'status' | 'due_at'>, nowMs: number): SpotCheckStatus {
  return row.status === 'closed' || Date.parse(row.due_at) <= nowMs ? 'closed' : 'open';
}

export function spotCheckStatusSql(status: SpotCheckStatus, now: string): Expression<SqlBool> {
  return status === 'closed'
    ? sql<SqlBool>`(c.status = 'closed' or c.due_at <= ${now})`
    : sql<SqlBool>`(c.status = 'open' and c.due_at > ${now})`;
}

function baseQuery(db: Db | Tx, orgId: string) {
  return db
    .selectFrom('spot_checks as c')
    .innerJoin('sites as s', 's.id', 'c.site_id')
    .innerJoin('question_banks as b', 'b.id', 'c.bank_id')
    .innerJoin('users as u', 'u.id', 'c.created_by')
    .selectAll('c')
    .select(['s.name as site_name', 's.timezone as site_timezone', 'b.name as bank_name', 'u.name as created_by_name'])
    .where('c.org_id', '=', orgId);
}

export function findSpotCheck(db: Db | Tx, orgId: string, id: string): Promise<SpotCheckListRow | undefined> {
  return baseQuery(db, orgId).where('c.id', '=', id).executeTakeFirst();
}

export function spotChecksByIds(db: Db | Tx, orgId: string, ids: string[]): Promise<SpotCheckListRow[]> {
  if (!ids.length) return Promise.resolve([]);
  return baseQuery(db, orgId).where('c.id', 'in', ids).orderBy('c.due_at').orderBy('c.id').execute();
}

interface ParticipantRow {
  spot_check_id: string;
  user_id: string;
  name: string;
  attempt_id: string | null;
  submitted_at: string | null;
  score: number | null;
  passed: number | null;
}

async function participantsOf(db: Db | Tx, ids: string[]): Promise<ParticipantRow[]> {
  if (!ids.length) return [];
  return db
    .selectFrom('spot_check_participants as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .leftJoin('quiz_attempts as a', (j) => j.onRef('a.spot_check_id', '=', 'p.spot_check_id').onRef('a.user_id', '=', 'p.user_id'))
    .select(['p.spot_check_id', 'p.user_id', 'u.name', 'a.id as attempt_id', 'a.submitted_at', 'a.score', 'a.passed'])
    .where('p.spot_check_id', 'in', ids)
    .orderBy('p.spot_check_id')
    .orderBy('u.name')
    .orderBy('p.user_id')
    .execute();
}

export async function spotCheckDtos(ctx: Ctx, rows: SpotCheckListRow[]): Promise<SpotCheckDto[]> {
  const people = await participantsOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const byCheck = new Map<string, SpotCheckParticipantDto[]>();
  for (const p of people) {
    const list = byCheck.get(p.spot_check_id) ?? [];
    const submitted = p.submitted_at !== null;
    list.push({
      userId: p.user_id,
      name: p.name,
      attemptId: p.attempt_id,
      submittedAt: p.submitted_at,
      score: submitted && p.score !== null ? Number(p.score) : null,
      passed: submitted && p.passed !== null ? p.passed === 1 : null,
    });
    byCheck.set(p.spot_check_id, list);
  }
  const now = ctx.clock.now().getTime();
  return rows.map((r): SpotCheckDto => {
    const participants = byCheck.get(r.id) ?? [];
    const taken = participants.filter((p) => p.submittedAt !== null);
    const passed = taken.filter((p) => p.passed).length;
    return {
      id: r.id,
      number: r.number,
      siteId: r.site_id,
      siteName: r.site_name,
      title: r.title,
      bankId: r.bank_id,
      bankName: r.bank_name,
      topic: r.topic,
      questionCount: r.question_count,
      passMark: r.pass_mark,
      dueAt: r.due_at,
      participants,
      participantCount: participants.length,
      takenCount: taken.length,
      passedCount: passed,
      passRate: percent(passed, taken.length),
      averageScore: mean(
        taken.reduce((a, p) => a + (p.score ?? 0), 0),
        taken.length,
      ),
      status: spotCheckStatus(r, now),
      createdBy: r.created_by,
      createdByName: r.created_by_name,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      version: Number(r.version),
    };
  });
}

/** A spot check of a site where the actor reads training; 404 otherwise. */
export async function readableSpotCheck(ctx: Ctx, id: string): Promise<SpotCheckListRow> {
  const row = await findSpotCheck(ctx.db, ctx.actor.orgId, id);
  if (!row || !inScope(readScope(ctx), row.site_id)) throw notFound('知识抽查');
  return row;
}

export async function getSpotCheck(ctx: Ctx, id: string): Promise<SpotCheckDto> {
  const [dto] = await spotCheckDtos(ctx, [await readableSpotCheck(ctx, id)]);
  return dto as SpotCheckDto;
}

export interface SpotCheckFilter extends PageQuery {
  siteId?: string[];
  status?: SpotCheckStatus[];
  topic?: string;
  bankId?: string;
  /** created in [from, to) */
  from?: string;
  to?: string;
  /** with an attempt submitted in [submittedFrom, submittedTo) (the summary facts' links) */
  submittedFrom?: string;
  submittedTo?: string;
  /** with an attempt submitted (in that period, if given) by someone on this department's staff */
  departmentId?: string;
  q?: string;
}

const SORT: SortSpec = {
  columns: { createdAt: 'c.created_at', dueAt: 'c.due_at', number: 'c.number', id: 'c.id' },
  default: '-createdAt',
  id: 'c.id',
};
const SORT_VALUE: Record<string, (r: SpotCheckListRow) => unknown> = {
  createdAt: (r) => r.created_at,
  dueAt: (r) => r.due_at,
  number: (r) => r.number,
};

export async function searchSpotChecks(ctx: Ctx, f: SpotCheckFilter): Promise<Page<SpotCheckDto>> {
  const { from, to } = period(f);
  const submitted = period({ from: f.submittedFrom, to: f.submittedTo }, { from: 'submittedFrom', to: 'submittedTo' });
  const sites = scopeFilter(readScope(ctx));
  let q = baseQuery(ctx.db, ctx.actor.orgId);
  if (sites !== null) q = sites.length ? q.where('c.site_id', 'in', sites) : q.where(sql<SqlBool>`1 = 0`);
  if (f.siteId?.length) q = q.where('c.site_id', 'in', f.siteId);
  const now = ctx.clock.now().toISOString();
  if (f.status?.length) {
    const statuses = f.status;
    q = q.where((eb) => eb.or(statuses.map((s) => spotCheckStatusSql(s, now))));
  }
  if (f.topic) q = q.where('c.topic', '=', f.topic);
  if (f.bankId) q = q.where('c.bank_id', '=', f.bankId);
  if (from) q = q.where('c.created_at', '>=', from);
  if (to) q = q.where('c.created_at', '<', to);
  if (submitted.from || submitted.to || f.departmentId) {
    const { departmentId } = f;
    q = q.where((eb) => {
      let sub = eb
        .selectFrom('quiz_attempts as a')
        .select('a.id')
        .whereRef('a.spot_check_id', '=', 'c.id')
        .where('a.submitted_at', 'is not', null);
      if (submitted.from) sub = sub.where('a.submitted_at', '>=', submitted.from);
      if (submitted.to) sub = sub.where('a.submitted_at', '<', submitted.to);
      // one attempt both in the period and by the department's staff, as the figures count them
      if (departmentId) sub = sub.where('a.user_id', 'in', staffOf(ctx.db, ctx.actor.orgId, departmentId));
      return eb.exists(sub);
    });
  }
  const term = f.q?.trim();
  if (term) q = q.where(matchesAny(ctx.db, ['c.title', 'c.number'], term));
  const page = await keysetPage<SpotCheckListRow>(q, SORT, f, (row, key) => SORT_VALUE[key]?.(row) ?? row.id);
  return { items: await spotCheckDtos(ctx, page.items), nextCursor: page.nextCursor };
}

export async function createSpotCheck(ctx: Ctx, input: SpotCheckInput): Promise<SpotCheckDto> {
  const check = new FieldCheck();
  const db = ctx.db;
  const orgId = ctx.actor.orgId;
  const site = await db.selectFrom('sites').select('id').where('org_id', '=', orgId).where('id', '=', input.siteId).executeTakeFirst();
  const siteOk = site !== undefined && mayManage(ctx, site.id);
  if (!siteOk) check.add('siteId', '场所不存在，或您无权在该场所管理培训');
  const title = text(input.title);
  if (!title) check.add('title', '请填写抽查名称');
  const bank = await findBank(db, orgId, input.bankId);
  if (!bank) check.add('bankId', '题库不存在');
  else if (bank.active !== 1) check.add('bankId', '题库已停用');
  else if (bank.question_count === 0) check.add('bankId', '题库中还没有题目');
  if (!Number.isInteger(input.questionCount) || input.questionCount < 1) check.add('questionCount', '抽题数量至少 1 道');
  else if (input.questionCount > MAX_DRAWN) check.add('questionCount', `抽题数量最多 ${MAX_DRAWN} 道`);
  else if (bank?.active === 1 && bank.question_count > 0 && input.questionCount > bank.question_count) {
    check.add('questionCount', `抽题数量不能超过题库的题目数（${bank.question_count} 道）`);
  }
  if (!Number.isInteger(input.passMark) || input.passMark < 0 || input.passMark > 100) check.add('passMark', '及格分应为 0 到 100 的整数');
  const dueAt = instant(check, 'dueAt', input.dueAt, '截止时间');
  const now = ctx.clock.now();
  if (dueAt && Date.parse(dueAt) <= now.getTime()) check.add('dueAt', '截止时间须晚于当前时间');
  const participants = siteOk ? await checkPeople(ctx, input.siteId, input.participantIds, 'participantIds', check) : [];
  if (!input.participantIds.length) check.add('participantIds', '请选择参加抽查的人员');
  check.throwIfAny();
  const at = now.toISOString();
  const id = newId();
  await db.transaction().execute(async (tx) => {
    const number = await nextNumber(tx, { orgId, ruleCode: SPOT_CHECK_NUMBERING.code, siteId: input.siteId, at: now });
    const row = {
      id,
      org_id: orgId,
      site_id: input.siteId,
      number,
      title: title as string,
      bank_id: input.bankId,
      topic: bank?.topic as string,
      question_count: input.questionCount,
      pass_mark: input.passMark,
      due_at: dueAt as string,
      status: 'open' as const,
      closed_at: null,
      created_by: ctx.actor.userId as string,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await tx.insertInto('spot_checks').values(row).execute();
    await tx
      .insertInto('spot_check_participants')
      .values(participants.map((userId) => ({ id: newId(), org_id: orgId, spot_check_id: id, user_id: userId, created_at: at })))
      .execute();
    await writeAudit(ctx, tx, {
      entity: 'spot_check',
      entityId: id,
      siteId: input.siteId,
      action: 'create',
      after: { ...row, participant_ids: participants },
    });
  });
  return getSpotCheck(ctx, id);
}

/** Closed by hand before its due time: nobody may start or submit an attempt afterwards. */
export async function closeSpotCheck(ctx: Ctx, id: string, version: number): Promise<SpotCheckDto> {
  const row = await readableSpotCheck(ctx, id);
  if (!mayManage(ctx, row.site_id)) throw forbidden('您无权管理该场所的知识抽查');
  if (Number(row.version) !== version) throw staleVersion();
  const now = ctx.clock.now();
  if (spotCheckStatus(row, now.getTime()) === 'closed') throw new AppError('CONFLICT', '抽查已截止', { status: 'closed' });
  const at = now.toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'spot_checks', id, version, { status: 'closed', closed_at: at }, at);
    await writeAudit(ctx, tx, {
      entity: 'spot_check',
      entityId: id,
      siteId: row.site_id,
      action: 'close',
      before: { status: row.status },
      after: { status: 'closed', closed_at: at },
    });
  });
  return getSpotCheck(ctx, id);
}
