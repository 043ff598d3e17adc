import type { SummaryFact, SummaryFactsResponse, SummaryScope } from '../../../../contracts/summary.js';
import { CHANNELS, OPEN_STATUSES } from '../../../../contracts/workorders.js';
import { siteScope } from '../../platform/access/actor.js';
import type { Ctx } from '../../platform/context.js';
import { notFound } from '../../platform/http/errors.js';
import { FactBuilder, type PerSite, scopeSites, sumBy } from '../../platform/summary/facts.js';
import { checkPeriod } from '../../platform/summary/period.js';
import { dictionaryLabels } from '../system/index.js';
import { CHANNEL_LABELS } from './measures.facts.js';
import { backlogFigures, meanHours, percent, repairTotals, round1, round2, satisfactionIndex } from './measures.formulas.js';
import {
  assetRepairSpans,
  labourMinutes,
  type MeasureScope,
  openOrdersAt,
  overdueCounts,
  type RatingRow,
  ratingSums,
  receivedCounts,
  resolvedCounts,
  standardMinutes,
  standardVsActual,
  timerCounts,
} from './measures.repository.js';

const DEPARTMENT_NOTE = '按部门统计：只计维修人（负责的维修人员）属于该部门的工单，未派工的工单不计。';

/** The actor's readable sites intersected with the requested ones. */
function effectiveSites(ctx: Ctx, wanted: SummaryScope['siteIds']): 'all' | string[] {
  const readable = siteScope(ctx.actor, 'workorders:read');
  if (wanted === 'all') return readable;
  return readable === 'all' ? wanted : wanted.filter((id) => readable.includes(id));
}

/**
 * The work-order module's summary facts (DOMAIN.md §5) for a scope: counts by channel,
 * category and site; timely-repair, response and arrival rates; MTTR; rework rate;
 * 工时工效 and standard-time efficiency; satisfaction index and ratings, also per repair
 * category; backlog and the open orders past a deadline. Only sites the
 * actor reads are counted; with a department, only the orders its staff are assigned.
 */
export async function workOrderFacts(ctx: Ctx, scope: SummaryScope): Promise<SummaryFact[]> {
  return (await measuresFor(ctx, scope)).facts;
}

async function measuresFor(ctx: Ctx, scope: SummaryScope): Promise<SummaryFactsResponse> {
  const orgId = ctx.actor.orgId;
  const s: MeasureScope = {
    orgId,
    sites: effectiveSites(ctx, scope.siteIds),
    from: scope.from,
    to: scope.to,
    departmentId: scope.departmentId ?? null,
  };
  const nowDate = ctx.clock.now();
  const now = nowDate.toISOString();
  // the backlog of a past period is what was open at its end (the last instant before `to`); of the current one, what is open now
  const current = Date.parse(scope.to) > nowDate.getTime();
  const backlogAt = current ? now : new Date(Date.parse(scope.to) - 1).toISOString();
  const db = ctx.db;
  const [sites, received, resolved, timers, spans, labour, standardRows, ratings, open, overdue, standards, categories] = await Promise.all(
    [
      scopeSites(db, orgId, s.sites),
      receivedCounts(db, s),
      resolvedCounts(db, s),
      timerCounts(db, s),
      assetRepairSpans(db, s),
      labourMinutes(db, s),
      standardVsActual(db, s),
      ratingSums(db, s),
      openOrdersAt(db, s, backlogAt),
      overdueCounts(db, s, backlogAt),
      standardMinutes(db, orgId),
      dictionaryLabels(db, orgId, 'repair_category'),
    ],
  );
  const single: Record<string, string> = s.sites !== 'all' && s.sites.length === 1 ? { siteId: s.sites[0] as string } : {};
  // with a department every link lists only its staff's orders, the same ones counted
  const department: Record<string, string> = s.departmentId ? { assigneeDepartmentId: s.departmentId } : {};
  const b = new FactBuilder(sites, '/work-orders', Object.entries({ ...single, ...department }));
  const createdIn = { createdFrom: scope.from, createdTo: scope.to };
  const resolvedIn = { resolvedFrom: scope.from, resolvedTo: scope.to };

  b.count(
    'workorders.received',
    { zh: '报修总数', en: 'Requests received' },
    sumBy(received, (r) => r.count),
    b.link(createdIn),
    '报修时间在期间内的工单数（含已取消）',
  );
  for (const ch of CHANNELS) {
    const m = sumBy(
      received,
      (r) => r.count,
      (r) => r.channel === ch,
    );
    if (!m.size) continue;
    const label = CHANNEL_LABELS[ch] ?? { zh: ch, en: ch };
    b.count(`workorders.received.channel.${ch}`, label, m, b.link({ ...createdIn, channel: ch }), `期间内经“${label.zh}”渠道报修的工单数`);
  }
  /** the categories among some rows, in the dictionary's order (codes it lacks last) */
  const categoryOrder = (codes: string[]) =>
    [...new Set(codes)].sort((x, y) => (categories.get(x)?.sort ?? 1e9) - (categories.get(y)?.sort ?? 1e9) || x.localeCompare(y));
  const categoryLabel = (code: string) => {
    const dict = categories.get(code);
    return { zh: dict?.zh ?? code, en: dict?.en ?? code };
  };
  for (const code of categoryOrder(received.map((r) => r.category))) {
    const label = categoryLabel(code);
    const m = sumBy(
      received,
      (r) => r.count,
      (r) => r.category === code,
    );
    b.count(
      `workorders.received.category.${code}`,
      label,
      m,
      b.link({ ...createdIn, category: code }),
      `期间内类别为“${label.zh}”的报修数`,
    );
  }

  const resolvedN = sumBy(resolved, (r) => r.resolved);
  b.count('workorders.completed', { zh: '完工数', en: 'Repairs finished' }, resolvedN, b.link(resolvedIn), '完工时间在期间内的工单数');
  const timer = (kind: string) =>
    [
      sumBy(
        timers,
        (r) => r.onTime,
        (r) => r.kind === kind,
      ),
      sumBy(
        timers,
        (r) => r.decided,
        (r) => r.kind === kind,
      ),
    ] as [PerSite, PerSite];
  b.derived(
    'workorders.timelyRepairRate',
    { zh: '维修及时率', en: 'Timely-repair rate' },
    'percent',
    timer('resolution'),
    percent,
    b.link(resolvedIn),
    '期间内完工且有维修时限的工单中，在时限内完工（完工时间 ≤ 时限，且未记超时）的比例',
  );
  b.derived(
    'workorders.responseOnTimeRate',
    { zh: '响应及时率', en: 'On-time response rate' },
    'percent',
    timer('response'),
    percent,
    b.link(createdIn),
    '期间内报修、响应时限已有结果（已响应或已超时）的工单中按时响应的比例',
  );
  b.derived(
    'workorders.arrivalOnTimeRate',
    { zh: '到场及时率', en: 'On-time arrival rate' },
    'percent',
    timer('arrival'),
    percent,
    b.link(createdIn),
    '期间内报修、到场时限已有结果（已到场或已超时）的工单中按时到场的比例',
  );

  const spanHours = new Map<string, number>();
  const spanCount = new Map<string, number>();
  for (const site of sites) {
    const t = repairTotals(spans.filter((r) => r.siteId === site.id));
    spanHours.set(site.id, t.hours);
    spanCount.set(site.id, t.repairs);
  }
  b.derived(
    'workorders.mttr',
    { zh: '平均修复时间（MTTR）', en: 'Mean time to repair (MTTR)' },
    'hours',
    [spanHours, spanCount],
    meanHours,
    b.link({ ...resolvedIn, hasAsset: '1' }),
    'SMRP 3.5.2：期间内完工的设备维修工单（不含保养），（完工时间 − 报修时间）的平均值，单位小时。以报修时间为停机起点、完工（交付验收）为修复终点；等待配件、外协或报修人的暂停时间照计（设备在此期间仍停机）。',
  );
  b.derived(
    'workorders.reworkRate',
    { zh: '返修率', en: 'Rework rate' },
    'percent',
    [sumBy(resolved, (r) => r.reworked), resolvedN],
    percent,
    b.link({ ...resolvedIn, reworked: '1' }),
    '期间内完工的工单中返修过（验收不通过或重开）的比例',
  );

  const workedIn = { workedFrom: scope.from, workedTo: scope.to };
  const effective = sumBy(labour, (r) => r.effectiveMinutes);
  const all = sumBy(labour, (r) => r.allMinutes);
  b.derived(
    'workorders.effectiveHoursRatio',
    { zh: '工时工效', en: 'Effective-hours ratio' },
    'percent',
    [effective, all],
    percent,
    b.link(workedIn),
    '期间内登记的工时中有效维修/保养工时所占比例（等待、路途、取料、待命不计入有效工时）',
  );
  const hours = (minutes: number) => round2(minutes / 60);
  b.derived(
    'workorders.loggedHours',
    { zh: '登记工时', en: 'Hours logged' },
    'hours',
    [all, all],
    hours,
    b.link(workedIn),
    '期间内登记的全部工时（小时）',
  );
  b.derived(
    'workorders.effectiveHours',
    { zh: '有效工时', en: 'Effective hours' },
    'hours',
    [effective, effective],
    hours,
    b.link(workedIn),
    '期间内登记的有效维修/保养工时（小时）',
  );
  b.derived(
    'workorders.standardEfficiency',
    { zh: '标准工时效率', en: 'Standard-time efficiency' },
    'percent',
    [sumBy(standardRows, (r) => r.standardMinutes), sumBy(standardRows, (r) => r.effectiveMinutes)],
    percent,
    b.link(resolvedIn),
    '期间内完工、类别设有标准工时且登记了有效工时的工单：标准工时合计 ÷ 实际有效工时合计',
  );

  const ratedIn = { ratedFrom: scope.from, ratedTo: scope.to };
  const rated = sumBy(ratings, (r) => r.rated);
  b.derived(
    'workorders.satisfaction',
    { zh: '满意度指数', en: 'Satisfaction index' },
    'score',
    [sumBy(ratings, (r) => r.points), rated],
    satisfactionIndex,
    b.link(ratedIn),
    '期间内评价的工单：态度、质量、效率三项评分（1–5 分）的平均值 ÷ 5 × 100',
  );
  b.count('workorders.rated', { zh: '评价数', en: 'Ratings received' }, rated, b.link(ratedIn), '评价时间在期间内的工单数');
  // per repair category, from the same rating sums (grouped by category too): each
  // category's index is computed from its own sums, and its counts add up to workorders.rated
  const ratedCategories = categoryOrder(ratings.map((r) => r.category));
  const ofCategory = (code: string) => (r: RatingRow) => r.category === code;
  for (const code of ratedCategories) {
    const label = categoryLabel(code);
    b.derived(
      `workorders.satisfaction.category.${code}`,
      { zh: `满意度指数（${label.zh}）`, en: `Satisfaction index (${label.en})` },
      'score',
      [sumBy(ratings, (r) => r.points, ofCategory(code)), sumBy(ratings, (r) => r.rated, ofCategory(code))],
      satisfactionIndex,
      b.link({ ...ratedIn, category: code }),
      `期间内评价的“${label.zh}”类工单：态度、质量、效率三项评分（1–5 分）的平均值 ÷ 5 × 100`,
    );
  }
  for (const code of ratedCategories) {
    const label = categoryLabel(code);
    b.count(
      `workorders.rated.category.${code}`,
      { zh: `评价数（${label.zh}）`, en: `Ratings received (${label.en})` },
      sumBy(ratings, (r) => r.rated, ofCategory(code)),
      b.link({ ...ratedIn, category: code }),
      `评价时间在期间内、类别为“${label.zh}”的工单数`,
    );
  }

  const backlog = new Map(
    sites.map((site) => [
      site.id,
      backlogFigures(
        open.filter((o) => o.siteId === site.id),
        backlogAt,
        standards,
      ),
    ]),
  );
  const pick = (f: (x: ReturnType<typeof backlogFigures>) => number) => new Map([...backlog].map(([id, x]) => [id, f(x)]));
  const openLink = b.link({ status: OPEN_STATUSES.join(','), ...(current ? {} : { createdTo: scope.to }) });
  const asOf = current ? '当前' : '期末';
  b.count(
    'workorders.backlog',
    { zh: '未完工工单', en: 'Backlog (open orders)' },
    pick((x) => x.open),
    openLink,
    `截至${asOf}已报修、尚未完工也未取消的工单数`,
  );
  // the list's overdue filter shows the deadlines as they stand now: for a past period the
  // link lists the orders received before its end that are overdue now, and says so
  b.count(
    'workorders.overdue',
    { zh: '逾期未完工工单', en: 'Overdue open orders' },
    sumBy(overdue, (r) => r.count),
    b.link({ status: OPEN_STATUSES.join(','), overdue: '1', ...(current ? {} : { createdTo: scope.to }) }),
    `截至${asOf}未完工（未取消）的工单中，响应、到场或维修时限已超时且仍未达成的工单数` +
      (current ? '' : '；列表只能按当前状态筛选，链接列出的是期末前报修、目前仍逾期未完工的工单'),
  );
  b.derived(
    'workorders.backlogMeanAge',
    { zh: '未完工平均时长', en: 'Backlog mean age' },
    'hours',
    [pick((x) => x.ageHours), pick((x) => x.open)],
    (h, c) => (c > 0 ? round1(h / c) : null),
    openLink,
    `截至${asOf}未完工工单自报修起的平均时长（小时）`,
  );
  const oldest = [...backlog.values()].map((x) => x.oldestHours).filter((h): h is number => h !== null);
  b.value(
    'workorders.backlogOldestAge',
    { zh: '最久未完工时长', en: 'Oldest open order age' },
    'hours',
    (id) => {
      const h = backlog.get(id)?.oldestHours;
      return h === null || h === undefined ? null : round1(h);
    },
    oldest.length ? round1(Math.max(...oldest)) : null,
    openLink,
    `截至${asOf}最早报修的未完工工单已等待的时长（小时）`,
  );
  b.derived(
    'workorders.backlogHours',
    { zh: '未完工标准工时', en: 'Backlog hours (standard)' },
    'hours',
    [pick((x) => x.standardHours), pick((x) => x.standardHours)],
    (h) => round2(h),
    openLink,
    `截至${asOf}未完工工单按类别标准工时合计（小时）；${[...backlog.values()].reduce((a, x) => a + x.withStandard, 0)} 单的类别设有标准工时，其余不计`,
  );

  // the links filter by the department too; the formula says which orders that leaves
  const facts = s.departmentId ? b.facts.map((f) => ({ ...f, formula: `${f.formula?.replace(/。$/, '')}。${DEPARTMENT_NOTE}` })) : b.facts;
  return { scope: { from: scope.from, to: scope.to, sites }, generatedAt: now, facts };
}

export interface MeasuresQuery {
  from: string;
  to: string;
  siteId?: string;
}

/** Longest period one request may cover (five years of days). */

/**
 * GET /work-orders/measures: the period is checked (both instants, from before to, at
 * most five years), the sites are the actor's readable ones narrowed by `siteId`; a site
 * outside them answers 404 like any record outside the actor's scope.
 */
export async function workOrderMeasures(ctx: Ctx, q: MeasuresQuery): Promise<SummaryFactsResponse> {
  const period = checkPeriod(q.from, q.to);
  const readable = siteScope(ctx.actor, 'workorders:read');
  if (q.siteId && readable !== 'all' && !readable.includes(q.siteId)) throw notFound('场所');
  const scope: SummaryScope = { siteIds: q.siteId ? [q.siteId] : 'all', ...period };
  if (q.siteId) {
    const [site] = await scopeSites(ctx.db, ctx.actor.orgId, [q.siteId]);
    if (!site) throw notFound('场所');
  }
  return measuresFor(ctx, scope);
}
