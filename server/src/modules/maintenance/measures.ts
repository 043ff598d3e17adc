import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { SummaryFactsResponse, SummaryScope } from '../../../../contracts/summary.js';
import { inScope, siteScope } from '../../platform/access/actor.js';
import type { Ctx, Db } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { notFound } from '../../platform/http/errors.js';
import { FactBuilder, sumBy } from '../../platform/summary/facts.js';
import { checkPeriod } from '../../platform/summary/period.js';
import { graceDays } from './grace.js';
import { doneOnDueDay, hours, percent } from './measures.formulas.js';
import { PLAN_OWNER } from './schedule.js';
import { maintenanceSettings } from './settings.js';
import './schema.js';

/**
 * The maintenance module's summary facts (DOMAIN.md §5): PM compliance (SMRP 5.4.14)
 * with the configured grace, schedule compliance, overdue maintenance, hours planned
 * against hours spent, checklist findings, and the same compliance for fire-system
 * maintenance on its own. Each family is one query grouped by site (the occurrences
 * index on owner_type, site_id, due_at), so a total is the sum of its sites.
 */

const LIST = '/maintenance/occurrences';

interface MeasureScope {
  orgId: string;
  sites: 'all' | string[];
  from: string;
  to: string;
  /** the instant the figures are taken at: a window that has not ended by then is not yet decided */
  now: string;
}

type Eb = ExpressionBuilder<Database & { o: Database['occurrences'] }, 'o'>;

/**
 * The occurrences a period's compliance is measured on: due in the period, not skipped
 * or cancelled, and decided — done, or their window (due + grace) has ended.
 */
function dueInPeriod(eb: Eb, s: MeasureScope) {
  const conds: Expression<SqlBool>[] = [
    eb('o.owner_type', '=', PLAN_OWNER),
    eb('o.org_id', '=', s.orgId),
    eb('o.due_at', '>=', s.from),
    eb('o.due_at', '<', s.to),
    eb('o.status', 'not in', ['skipped', 'cancelled']),
    eb.or([eb('o.status', '=', 'done'), eb('o.window_end_at', '<=', s.now)]),
  ];
  if (s.sites !== 'all') conds.push(s.sites.length ? eb('o.site_id', 'in', s.sites) : sql<SqlBool>`1 = 0`);
  return eb.and(conds);
}

const n = (v: unknown) => Number(v ?? 0);

interface DueRow {
  siteId: string;
  system: string;
  due: number;
  done: number;
  onTime: number;
  missed: number;
  plannedMinutes: number;
}

/** Due, done, on time, missed and the planned effort, by site × system. */
async function dueCounts(db: Db, s: MeasureScope): Promise<DueRow[]> {
  const rows = await db
    .selectFrom('occurrences as o')
    .innerJoin('maintenance_plans as p', 'p.id', 'o.owner_id')
    .select([
      'o.site_id',
      'p.system',
      (eb) => eb.fn.countAll<number>().as('due'),
      sql<number>`coalesce(sum(case when o.status = 'done' then 1 else 0 end), 0)`.as('done'),
      // onTimeOf of occurrences.ts, in SQL
      sql<number>`coalesce(sum(case when o.status = 'done' and o.missed_at is null and o.done_at <= o.window_end_at then 1 else 0 end), 0)`.as(
        'on_time',
      ),
      sql<number>`coalesce(sum(case when o.status = 'missed' then 1 else 0 end), 0)`.as('missed'),
      sql<number>`coalesce(sum(p.estimated_minutes), 0)`.as('planned'),
    ])
    .where((eb) => dueInPeriod(eb as unknown as Eb, s))
    .groupBy(['o.site_id', 'p.system'])
    .execute();
  return rows.map((r) => ({
    siteId: r.site_id,
    system: r.system,
    due: n(r.due),
    done: n(r.done),
    onTime: n(r.on_time),
    missed: n(r.missed),
    plannedMinutes: n(r.planned),
  }));
}

/**
 * The done ones among the due, narrow: "done by the end of the due day" needs the local
 * day in each site's zone, which is date arithmetic the engines do not share.
 */
async function doneRows(db: Db, s: MeasureScope): Promise<{ siteId: string; dueAt: string; doneAt: string }[]> {
  const rows = await db
    .selectFrom('occurrences as o')
    .select(['o.site_id', 'o.due_at', 'o.done_at'])
    .where((eb) => dueInPeriod(eb as unknown as Eb, s))
    .where('o.status', '=', 'done')
    .execute();
  return rows.map((r) => ({ siteId: r.site_id, dueAt: r.due_at, doneAt: r.done_at as string }));
}

/** Effective labour logged on the due occurrences' work orders, by site. */
async function labourMinutes(db: Db, s: MeasureScope): Promise<{ siteId: string; minutes: number }[]> {
  const rows = await db
    .selectFrom('occurrences as o')
    .innerJoin('work_order_labour as l', 'l.work_order_id', 'o.item_id')
    .select(['o.site_id', sql<number>`coalesce(sum(l.minutes), 0)`.as('minutes')])
    .where((eb) => dueInPeriod(eb as unknown as Eb, s))
    .where('o.item_type', '=', 'work_order')
    .where('l.deleted_at', 'is', null)
    .where('l.kind', '=', 'effective')
    .groupBy('o.site_id')
    .execute();
  return rows.map((r) => ({ siteId: r.site_id, minutes: n(r.minutes) }));
}

/** Findings and follow-ups of the submitted checklists of the due occurrences' work orders. */
async function checklistCounts(db: Db, s: MeasureScope): Promise<{ siteId: string; findings: number; followUps: number }[]> {
  const rows = await db
    .selectFrom('occurrences as o')
    .innerJoin('checklist_results as c', (j) => j.onRef('c.subject_id', '=', 'o.item_id').on('c.subject_type', '=', 'work_order'))
    .select(['o.site_id', 'c.findings', 'c.follow_ups'])
    .where((eb) => dueInPeriod(eb as unknown as Eb, s))
    .where('o.item_type', '=', 'work_order')
    .where('c.submitted_at', 'is not', null)
    .execute();
  // JSON array lengths are counted here: the engines spell json_array_length differently
  const length = (json: string) => {
    try {
      const v = JSON.parse(json) as unknown;
      return Array.isArray(v) ? v.length : 0;
    } catch {
      return 0;
    }
  };
  return rows.map((r) => ({ siteId: r.site_id, findings: length(r.findings), followUps: length(r.follow_ups) }));
}

/**
 * Occurrences due in [from, at) that were not done as of `at` (open or missed then;
 * skipped and cancelled ones are no longer owed).
 */
async function overdueCounts(db: Db, s: MeasureScope, at: string): Promise<{ siteId: string; count: number }[]> {
  let q = db
    .selectFrom('occurrences as o')
    .select(['o.site_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('o.owner_type', '=', PLAN_OWNER)
    .where('o.org_id', '=', s.orgId)
    .where('o.due_at', '>=', s.from)
    .where('o.due_at', '<', at)
    .where((eb) => eb.or([eb('o.status', 'in', ['open', 'missed']), eb.and([eb('o.status', '=', 'done'), eb('o.done_at', '>', at)])]))
    .groupBy('o.site_id');
  if (s.sites !== 'all') q = s.sites.length ? q.where('o.site_id', 'in', s.sites) : q.where(sql<SqlBool>`1 = 0`);
  const rows = await q.execute();
  return rows.map((r) => ({ siteId: r.site_id, count: n(r.n) }));
}

/** The sites a scope covers, with names and zones, in code order (closed ones too: their records still count). */
async function scopeSites(db: Db, orgId: string, sites: 'all' | string[]): Promise<{ id: string; name: string; timezone: string }[]> {
  if (sites !== 'all' && !sites.length) return [];
  let q = db.selectFrom('sites').select(['id', 'name', 'timezone']).where('org_id', '=', orgId).orderBy('code');
  if (sites !== 'all') q = q.where('id', 'in', sites);
  return q.execute();
}

/** The actor's readable sites intersected with the requested ones. */
function effectiveSites(ctx: Ctx, wanted: SummaryScope['siteIds']): 'all' | string[] {
  const readable = siteScope(ctx.actor, 'maintenance:read');
  if (wanted === 'all') return readable;
  return readable === 'all' ? wanted : wanted.filter((id) => readable.includes(id));
}

/** The maintenance facts of a scope (only sites the actor reads maintenance on count). */
export async function maintenanceFacts(ctx: Ctx, scope: SummaryScope): Promise<SummaryFactsResponse> {
  const orgId = ctx.actor.orgId;
  const nowDate = ctx.clock.now();
  const now = nowDate.toISOString();
  const s: MeasureScope = { orgId, sites: effectiveSites(ctx, scope.siteIds), from: scope.from, to: scope.to, now };
  // overdue as of the period's end, or now while the period is still running
  const current = Date.parse(scope.to) > nowDate.getTime();
  const asOf = current ? now : scope.to;
  const db = ctx.db;
  const [sites, due, done, labour, checklists, overdue, settings] = await Promise.all([
    scopeSites(db, orgId, s.sites),
    dueCounts(db, s),
    doneRows(db, s),
    labourMinutes(db, s),
    checklistCounts(db, s),
    overdueCounts(db, s, asOf),
    maintenanceSettings(db, orgId),
  ]);
  const zone = new Map(sites.map((x) => [x.id, x.timezone]));
  const base: [string, string][] = scope.siteIds === 'all' ? [] : sites.map((x): [string, string] => ['siteId', x.id]);
  const f = new FactBuilder(sites, LIST, base);
  const period = { from: scope.from, to: scope.to };

  const dueN = sumBy(due, (r) => r.due);
  const doneN = sumBy(due, (r) => r.done);
  const onTimeN = sumBy(due, (r) => r.onTime);
  const lateN = sumBy(due, (r) => r.done - r.onTime);
  const missedN = sumBy(due, (r) => r.missed);
  const decided = '到期时间在期间内、已完成或完成期限（到期日加宽限期）已过的保养（不含跳过和取消的）';
  f.count('maintenance.due', { zh: '应完成保养', en: 'Maintenance due' }, dueN, f.link(period), `${decided}数`);
  f.count(
    'maintenance.done',
    { zh: '已完成保养', en: 'Maintenance done' },
    doneN,
    f.link({ ...period, status: 'done' }),
    '应完成保养中已完成的数量（含逾期完成）',
  );
  f.count(
    'maintenance.on_time',
    { zh: '按时完成', en: 'Done on time' },
    onTimeN,
    f.link({ ...period, status: 'done', onTime: '1' }),
    '应完成保养中在完成期限（到期日加宽限期）内完成的数量',
  );
  f.count(
    'maintenance.late',
    { zh: '逾期完成', en: 'Done late' },
    lateN,
    f.link({ ...period, status: 'done', onTime: '0' }),
    '应完成保养中超过完成期限才完成的数量（已记为漏做后补做的也算逾期完成）',
  );
  f.count(
    'maintenance.missed',
    { zh: '漏做保养', en: 'Maintenance missed' },
    missedN,
    f.link({ ...period, status: 'missed' }),
    '应完成保养中完成期限已过、记为漏做且至今未完成的数量',
  );

  const example = (freq: 'weekly' | 'monthly' | 'quarterly' | 'yearly') => graceDays({ freq, interval: 1 }, settings);
  const grace =
    `宽限期为保养周期的 ${settings.gracePercent}%，最长 ${settings.graceCapDays} 天（按日计，向下取整：` +
    `每周 ${example('weekly')} 天、每月 ${example('monthly')} 天、每季度 ${example('quarterly')} 天、每年 ${example('yearly')} 天）；` +
    `按计量触发的保养须在 ${settings.meterWindowDays} 天内完成`;
  f.derived(
    'maintenance.pm_compliance',
    { zh: '预防性维护完成率（PM 合规率）', en: 'PM compliance' },
    'percent',
    [onTimeN, dueN],
    percent,
    f.link(period),
    `SMRP 5.4.14：按时完成数 ÷ 应完成保养数。按时 = 不晚于到期当日结束再加宽限期完成；${grace}。应完成保养为${decided}`,
  );

  const onDueDay = sumBy(done, (r) =>
    doneOnDueDay({ status: 'done', dueAt: r.dueAt, doneAt: r.doneAt }, zone.get(r.siteId) ?? 'Asia/Shanghai') ? 1 : 0,
  );
  f.derived(
    'maintenance.schedule_compliance',
    { zh: '计划执行率（按计划日完成）', en: 'Schedule compliance' },
    'percent',
    [onDueDay, dueN],
    percent,
    f.link(period),
    `在到期当日（场所当地时间）结束前完成的保养数 ÷ 应完成保养数（不计宽限期）。应完成保养为${decided}`,
  );

  const overdueN = sumBy(overdue, (r) => r.count);
  const asOfText = current ? '当前' : '期末';
  f.count(
    'maintenance.overdue',
    { zh: '超期未完成保养', en: 'Overdue maintenance' },
    overdueN,
    f.link({ from: scope.from, ...(current ? {} : { to: scope.to }), overdue: '1' }),
    `到期时间在期间内且早于${asOfText}、截至${asOfText}仍未完成（待做或已记漏做）的保养数，不含跳过和取消的`,
  );

  const plannedMin = sumBy(due, (r) => r.plannedMinutes);
  const spentMin = sumBy(labour, (r) => r.minutes);
  f.derived(
    'maintenance.hours_planned',
    { zh: '计划保养工时', en: 'Hours planned' },
    'hours',
    [plannedMin, plannedMin],
    hours,
    f.link(period),
    '应完成保养按其保养计划的预计工时合计（小时）',
  );
  f.derived(
    'maintenance.hours_spent',
    { zh: '实际保养工时', en: 'Hours spent' },
    'hours',
    [spentMin, spentMin],
    hours,
    f.link(period),
    '应完成保养的保养工单上登记的有效工时合计（小时；等待、路途、取料、待命不计）',
  );
  f.derived(
    'maintenance.hours_ratio',
    { zh: '实际工时 ÷ 计划工时', en: 'Hours spent vs planned' },
    'percent',
    [spentMin, plannedMin],
    percent,
    f.link(period),
    '实际保养工时 ÷ 计划保养工时',
  );

  const doneLink = f.link({ ...period, status: 'done' });
  f.count(
    'maintenance.findings',
    { zh: '保养发现问题', en: 'Checklist findings' },
    sumBy(checklists, (r) => r.findings),
    doneLink,
    '应完成保养的工单上已提交的检查表中，不合格或超出范围的检查项数',
  );
  f.count(
    'maintenance.follow_ups',
    { zh: '问题转维修', en: 'Findings followed up' },
    sumBy(checklists, (r) => r.followUps),
    doneLink,
    '上述发现问题中已转为维修工单等后续处理的数量',
  );

  const fire = (r: { system: string }) => r.system === 'fire';
  const fireDue = sumBy(due, (r) => r.due, fire);
  const firePeriod = { ...period, system: 'fire' };
  f.count(
    'maintenance.fire.due',
    { zh: '消防设施应完成维保', en: 'Fire-system maintenance due' },
    fireDue,
    f.link(firePeriod),
    `消防系统的${decided}数`,
  );
  f.count(
    'maintenance.fire.done',
    { zh: '消防设施已完成维保', en: 'Fire-system maintenance done' },
    sumBy(due, (r) => r.done, fire),
    f.link({ ...firePeriod, status: 'done' }),
    '消防系统应完成维保中已完成的数量（含逾期完成）',
  );
  f.derived(
    'maintenance.fire.pm_compliance',
    { zh: '消防设施维保按时完成率', en: 'Fire-system PM compliance' },
    'percent',
    [sumBy(due, (r) => r.onTime, fire), fireDue],
    percent,
    f.link(firePeriod),
    `消防系统的保养单独统计：按时完成数 ÷ 应完成数，口径同预防性维护完成率（SMRP 5.4.14，${grace}）`,
  );

  return {
    scope: { from: scope.from, to: scope.to, sites: sites.map((x) => ({ id: x.id, name: x.name })) },
    generatedAt: now,
    facts: f.facts,
  };
}

export interface MeasuresQuery {
  from: string;
  to: string;
  siteId?: string[];
}

/**
 * GET /maintenance/measures: the period is checked (both instants, from before to, at
 * most five years); the sites are the actor's readable ones narrowed by `siteId`, and a
 * site outside them answers 404 like any record outside the actor's scope.
 */
export async function maintenanceMeasures(ctx: Ctx, q: MeasuresQuery): Promise<SummaryFactsResponse> {
  const period = checkPeriod(q.from, q.to);
  const wanted = q.siteId?.length ? [...new Set(q.siteId)] : null;
  if (wanted) {
    const readable = siteScope(ctx.actor, 'maintenance:read');
    if (wanted.some((id) => !inScope(readable, id))) throw notFound('场所');
    if ((await scopeSites(ctx.db, ctx.actor.orgId, wanted)).length !== wanted.length) throw notFound('场所');
  }
  return maintenanceFacts(ctx, { siteIds: wanted ?? 'all', ...period });
}
