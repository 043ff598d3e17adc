import { type SqlBool, sql } from 'kysely';
import { FINDING_RESOLUTIONS, HAZARD_GRADES, type HazardStatus } from '../../../../contracts/hazards.js';
import type { SummaryFact, SummaryFactsResponse, SummaryScope } from '../../../../contracts/summary.js';
import { inScope, siteScope } from '../../platform/access/actor.js';
import type { Ctx, Db } from '../../platform/context.js';
import { notFound } from '../../platform/http/errors.js';
import { FactBuilder, scopeSites, sumBy } from '../../platform/summary/facts.js';
import { checkPeriod } from '../../platform/summary/period.js';
import { dictionaryLabels } from '../system/index.js';
import { siteTimezones } from './common.js';
import { siteTodaySql } from './dates.js';
import { handledSql } from './findings.repository.js';
import { onTimeSql, overdueSql } from './hazards.repository.js';
import { HAZARD_GRADE_LABELS } from './hazards.state.js';
import './schema.js';

/**
 * The hazards module's summary facts (DOMAIN.md §5): problems found and handled (and
 * how), hazards found, rectified (销号), rectified on time, open and overdue — in total,
 * by category and by grade — and the rectification and on-time rates. The period
 * selects what was found in it; what became of those records is taken as of now.
 * Each family is one query grouped by site, so a total is the sum of its sites.
 */

const FINDINGS = '/hazards/findings';
const REGISTER = '/hazards/register';
/** every status but cancelled: a hazard registered in error was never a hazard */
const COUNTED: HazardStatus[] = ['registered', 'rectifying', 'submitted', 'pending_signoff', 'closed'];
const OPEN: HazardStatus[] = ['registered', 'rectifying', 'submitted', 'pending_signoff'];

interface MeasureScope {
  orgId: string;
  sites: 'all' | string[];
  from: string;
  to: string;
}

const n = (v: unknown) => Number(v ?? 0);
const percent = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 1000) / 10);
const sum = (cond: ReturnType<typeof sql<SqlBool>>) => sql<number>`coalesce(sum(case when ${cond} then 1 else 0 end), 0)`;

interface FindingCount {
  siteId: string;
  resolution: string;
  found: number;
  handled: number;
}

async function findingCounts(db: Db, s: MeasureScope): Promise<FindingCount[]> {
  let q = db
    .selectFrom('findings as f')
    .leftJoin('work_orders as w', 'w.id', 'f.work_order_id')
    .leftJoin('hazards as h', 'h.id', 'f.hazard_id')
    .select(['f.site_id', 'f.resolution', (eb) => eb.fn.countAll<number>().as('n'), sum(handledSql() as never).as('handled')])
    .where('f.org_id', '=', s.orgId)
    .where('f.found_at', '>=', s.from)
    .where('f.found_at', '<', s.to)
    .groupBy(['f.site_id', 'f.resolution']);
  if (s.sites !== 'all') q = s.sites.length ? q.where('f.site_id', 'in', s.sites) : q.where(sql<SqlBool>`1 = 0`);
  const rows = await q.execute();
  return rows.map((r) => ({ siteId: r.site_id, resolution: r.resolution, found: n(r.n), handled: n(r.handled) }));
}

interface HazardCount {
  siteId: string;
  category: string;
  grade: string;
  found: number;
  rectified: number;
  onTime: number;
  open: number;
  overdue: number;
}

async function hazardCounts(db: Db, s: MeasureScope, now: Date): Promise<HazardCount[]> {
  const today = siteTodaySql(await siteTimezones(db, s.orgId), now);
  let q = db
    .selectFrom('hazards as h')
    .innerJoin('sites as s', 's.id', 'h.site_id')
    .select([
      'h.site_id',
      'h.category',
      'h.grade',
      (eb) => eb.fn.countAll<number>().as('n'),
      sum(sql<SqlBool>`h.status = 'closed'`).as('rectified'),
      sum(onTimeSql() as never).as('on_time'),
      sum(sql<SqlBool>`h.status in ('registered', 'rectifying', 'submitted', 'pending_signoff')`).as('open'),
      sum(overdueSql(today) as never).as('overdue'),
    ])
    .where('h.org_id', '=', s.orgId)
    .where('h.status', '<>', 'cancelled')
    .where('h.found_at', '>=', s.from)
    .where('h.found_at', '<', s.to)
    .groupBy(['h.site_id', 'h.category', 'h.grade']);
  if (s.sites !== 'all') q = s.sites.length ? q.where('h.site_id', 'in', s.sites) : q.where(sql<SqlBool>`1 = 0`);
  const rows = await q.execute();
  return rows.map((r) => ({
    siteId: r.site_id,
    category: r.category,
    grade: r.grade,
    found: n(r.n),
    rectified: n(r.rectified),
    onTime: n(r.on_time),
    open: n(r.open),
    overdue: n(r.overdue),
  }));
}

/** The actor's readable sites intersected with the requested ones. */
function effectiveSites(ctx: Ctx, wanted: SummaryScope['siteIds']): 'all' | string[] {
  const readable = siteScope(ctx.actor, 'hazards:read');
  if (wanted === 'all') return readable;
  return readable === 'all' ? wanted : wanted.filter((id) => readable.includes(id));
}

const RESOLUTION_LABELS = {
  open: { zh: '待处理', en: 'Open' },
  fixed_on_spot: { zh: '当场整改', en: 'Fixed on the spot' },
  work_order: { zh: '转维修工单', en: 'Turned into a work order' },
  hazard: { zh: '登记为隐患', en: 'Registered as a hazard' },
} as const;

type Metric = 'found' | 'rectified' | 'on_time' | 'open' | 'overdue';
const METRICS: {
  key: Metric;
  value: (r: HazardCount) => number;
  zh: string;
  en: string;
  params: Record<string, string>;
  formula: string;
}[] = [
  {
    key: 'found',
    value: (r) => r.found,
    zh: '发现隐患',
    en: 'Hazards found',
    params: { status: COUNTED.join(',') },
    formula: '期间内发现（登记）的隐患数，不含已取消的',
  },
  {
    key: 'rectified',
    value: (r) => r.rectified,
    zh: '已整改销号',
    en: 'Hazards rectified',
    params: { status: 'closed' },
    formula: '期间内发现的隐患中，整改验收通过并销号（重大隐患含签批）的数量',
  },
  {
    key: 'on_time',
    value: (r) => r.onTime,
    zh: '按期整改',
    en: 'Rectified on time',
    params: { status: 'closed', onTime: '1' },
    formula: '已整改销号的隐患中，整改完成（最终通过验收的那次提交）不晚于整改期限当日（场所当地日期）的数量',
  },
  {
    key: 'open',
    value: (r) => r.open,
    zh: '未销号隐患',
    en: 'Hazards open',
    params: { status: OPEN.join(',') },
    formula: '期间内发现的隐患中，截至当前仍未销号（待落实、整改中、待验收、待签批）的数量',
  },
  {
    key: 'overdue',
    value: (r) => r.overdue,
    zh: '逾期未整改',
    en: 'Hazards overdue',
    params: { overdue: '1' },
    formula: '期间内发现的隐患中，截至当前仍未提交整改（待落实或整改中）且已过整改期限（场所当地日期）的数量',
  },
];

async function measuresFor(ctx: Ctx, scope: SummaryScope): Promise<SummaryFactsResponse> {
  const orgId = ctx.actor.orgId;
  const s: MeasureScope = { orgId, sites: effectiveSites(ctx, scope.siteIds), from: scope.from, to: scope.to };
  const now = ctx.clock.now();
  const db = ctx.db;
  const [sites, findings, hazards, categories] = await Promise.all([
    scopeSites(db, orgId, s.sites),
    findingCounts(db, s),
    hazardCounts(db, s, now),
    dictionaryLabels(db, orgId, 'hazard_category'),
  ]);
  const base: [string, string][] = scope.siteIds === 'all' ? [] : sites.map((x): [string, string] => ['siteId', x.id]);
  const period = { from: scope.from, to: scope.to };
  const f = new FactBuilder(sites, FINDINGS, base);
  const reg = new FactBuilder(sites, REGISTER, base);

  const foundN = sumBy(findings, (r) => r.found);
  const handledN = sumBy(findings, (r) => r.handled);
  f.count(
    'hazards.findings.found',
    { zh: '发现问题', en: 'Problems found' },
    foundN,
    f.link(period),
    '期间内发现的问题数（巡检、检查表、读数偏差与直接登记）',
  );
  f.count(
    'hazards.findings.handled',
    { zh: '已处理问题', en: 'Problems handled' },
    handledN,
    f.link({ ...period, handled: '1' }),
    '期间内发现的问题中，截至当前已处理的数量：当场整改，或所转维修工单已完工（含待验收），或所登记隐患已销号',
  );
  f.derived(
    'hazards.findings.handled_rate',
    { zh: '问题处理率', en: 'Problems handled rate' },
    'percent',
    [handledN, foundN],
    percent,
    f.link(period),
    '已处理问题 ÷ 发现问题',
  );
  for (const resolution of FINDING_RESOLUTIONS) {
    f.count(
      `hazards.findings.resolution.${resolution}`,
      { zh: `发现问题：${RESOLUTION_LABELS[resolution].zh}`, en: `Problems: ${RESOLUTION_LABELS[resolution].en}` },
      sumBy(
        findings,
        (r) => r.found,
        (r) => r.resolution === resolution,
      ),
      f.link({ ...period, resolution }),
      resolution === 'open'
        ? '期间内发现、截至当前尚未决定处理方式的问题数'
        : `期间内发现、处理方式为“${RESOLUTION_LABELS[resolution].zh}”的问题数`,
    );
  }

  const totals = new Map(METRICS.map((m) => [m.key, sumBy(hazards, m.value)]));
  for (const m of METRICS) {
    reg.count(
      `hazards.${m.key}`,
      { zh: m.zh, en: m.en },
      totals.get(m.key) as Map<string, number>,
      reg.link({ ...period, ...m.params }),
      m.formula,
    );
  }
  reg.derived(
    'hazards.rectification_rate',
    { zh: '隐患整改率', en: 'Hazard rectification rate' },
    'percent',
    [totals.get('rectified') as Map<string, number>, totals.get('found') as Map<string, number>],
    percent,
    reg.link({ ...period, status: 'closed' }),
    '已整改销号 ÷ 发现隐患（均为期间内发现、不含已取消的隐患）',
  );
  reg.derived(
    'hazards.on_time_rate',
    { zh: '隐患按期整改率', en: 'Hazard on-time rectification rate' },
    'percent',
    [totals.get('on_time') as Map<string, number>, totals.get('rectified') as Map<string, number>],
    percent,
    reg.link({ ...period, status: 'closed', onTime: '1' }),
    '按期整改 ÷ 已整改销号（整改完成不晚于整改期限当日为按期）',
  );

  // by category (every dictionary entry, and any other code the records carry) and by grade
  const codes = [...new Set([...categories.keys(), ...hazards.map((r) => r.category)])];
  const groups: { dim: 'category' | 'grade'; code: string; zh: string; en: string; match: (r: HazardCount) => boolean }[] = [
    ...codes.map((code) => ({
      dim: 'category' as const,
      code,
      zh: categories.get(code)?.zh ?? code,
      en: categories.get(code)?.en ?? code,
      match: (r: HazardCount) => r.category === code,
    })),
    ...HAZARD_GRADES.map((g) => ({
      dim: 'grade' as const,
      code: g as string,
      zh: `${HAZARD_GRADE_LABELS[g]}隐患`,
      en: g === 'major' ? 'major hazards' : 'general hazards',
      match: (r: HazardCount) => r.grade === g,
    })),
  ];
  for (const m of METRICS) {
    for (const g of groups) {
      reg.count(
        `hazards.${m.key}.${g.dim}.${g.code}`,
        { zh: `${m.zh}（${g.zh}）`, en: `${m.en} (${g.en})` },
        sumBy(hazards, m.value, g.match),
        reg.link({ ...period, ...m.params, [g.dim]: g.code }),
        `${m.formula}；${g.dim === 'category' ? '隐患类别' : '隐患等级'}为“${g.zh}”`,
      );
    }
  }

  return {
    scope: { from: scope.from, to: scope.to, sites },
    generatedAt: now.toISOString(),
    facts: [...f.facts, ...reg.facts],
  };
}

/** The module's summary facts (contracts/summary.ts) for the work summary and dashboards. */
export async function hazardFacts(ctx: Ctx, scope: SummaryScope): Promise<SummaryFact[]> {
  return (await measuresFor(ctx, scope)).facts;
}

export interface MeasuresQuery {
  from: string;
  to: string;
  siteId?: string[];
}

/**
 * GET /hazards/measures: the period is checked (both instants, from before to, at most
 * five years); the sites are the actor's readable ones narrowed by `siteId`, and a site
 * outside them answers 404 like any record outside the actor's scope.
 */
export async function hazardMeasures(ctx: Ctx, q: MeasuresQuery): Promise<SummaryFactsResponse> {
  const period = checkPeriod(q.from, q.to);
  const wanted = q.siteId?.length ? [...new Set(q.siteId)] : null;
  if (wanted) {
    const readable = siteScope(ctx.actor, 'hazards:read');
    if (wanted.some((id) => !inScope(readable, id))) throw notFound('场所');
    if ((await scopeSites(ctx.db, ctx.actor.orgId, wanted)).length !== wanted.length) throw notFound('场所');
  }
  return measuresFor(ctx, { siteIds: wanted ?? 'all', ...period });
}
