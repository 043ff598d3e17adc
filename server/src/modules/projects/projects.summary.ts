import { sql } from 'kysely';
import type { SummaryFact, SummaryScope } from '../../../../contracts/summary.js';
import { siteScope } from '../../platform/access/actor.js';
import type { Ctx } from '../../platform/context.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { siteTimeZone, zonedDate } from '../../platform/numbering/time.js';
import { FactBuilder } from '../../platform/summary/facts.js';
import { isCalendarDate } from './projects.dates.js';
import { lateSql, siteTimezones, siteTodaySql } from './projects.repository.js';
import type { CalendarDate } from './schema.js';

/**
 * The figures this module gives the work summary (工作总结): projects started and
 * completed (accepted) in a period, budget against actual cost of the completed ones,
 * and projects that passed their planned end without acceptance — per site, and a total
 * that is the sum of the site rows by construction (篇1 reports 247 projects while its
 * sites add up to 147; a figure computed twice can disagree, a sum cannot).
 */
export interface Figure {
  value: number;
  unit: 'count' | 'fen';
  /** the web list of the records behind the figure */
  link: string;
}

export interface ProjectFigures {
  /** actual start day in the period */
  started: Figure;
  /** accepted in the period (acceptance day, site time) */
  completed: Figure;
  /** budgets of the projects completed in the period */
  budget: Figure;
  /** settled costs of the projects completed in the period (unrecorded cost counts as 0) */
  actualCost: Figure;
  /** completed in the period without a recorded actual cost */
  costMissing: Figure;
  /** planned end in the period, passed, and not accepted by that day (cancelled projects excluded) */
  overdue: Figure;
}

export interface ProjectSiteFacts extends ProjectFigures {
  siteId: string;
  siteCode: string;
  siteName: string;
}

export interface ProjectFacts {
  period: { from: CalendarDate; to: CalendarDate };
  sites: ProjectSiteFacts[];
  total: ProjectFigures;
}

export interface FactsQuery {
  /** the sites to report; absent = every site the actor reads projects on */
  siteIds?: string[] | null;
  from: CalendarDate;
  to: CalendarDate;
}

const FIGURES = ['started', 'completed', 'budget', 'actualCost', 'costMissing', 'overdue'] as const;
const UNITS: Record<(typeof FIGURES)[number], Figure['unit']> = {
  started: 'count',
  completed: 'count',
  budget: 'fen',
  actualCost: 'fen',
  costMissing: 'count',
  overdue: 'count',
};

/** Web list links; `siteIds` null = every site in the reader's scope (the list's default). */
function links(from: string, to: string, siteIds: string[] | null): Record<(typeof FIGURES)[number], string> {
  const q = (params: Record<string, string>) => {
    const all = new URLSearchParams();
    for (const id of siteIds ?? []) all.append('siteId', id);
    for (const [k, v] of Object.entries(params)) all.append(k, v);
    return `/projects?${all.toString()}`;
  };
  const completed = q({ acceptedFrom: from, acceptedTo: to });
  return {
    started: q({ startedFrom: from, startedTo: to }),
    completed,
    budget: completed,
    actualCost: completed,
    costMissing: completed,
    overdue: q({ dueFrom: from, dueTo: to, late: '1' }),
  };
}

function figures(values: Record<(typeof FIGURES)[number], number>, link: Record<(typeof FIGURES)[number], string>): ProjectFigures {
  return Object.fromEntries(FIGURES.map((k) => [k, { value: values[k], unit: UNITS[k], link: link[k] }])) as unknown as ProjectFigures;
}

export async function projectFacts(ctx: Ctx, query: FactsQuery): Promise<ProjectFacts> {
  const { from, to } = query;
  const check = new FieldCheck();
  if (!isCalendarDate(from)) check.add('from', '日期格式应为 YYYY-MM-DD');
  if (!isCalendarDate(to)) check.add('to', '日期格式应为 YYYY-MM-DD');
  else if (isCalendarDate(from) && to < from) check.add('to', '结束日期不能早于开始日期');
  check.throwIfAny();

  const scope = siteScope(ctx.actor, 'projects:read');
  const wanted = query.siteIds ?? null;
  const orgId = ctx.actor.orgId;
  const today = siteTodaySql(await siteTimezones(ctx.db, orgId), ctx.clock.now());
  const inPeriod = (col: string) => sql`(${sql.ref(col)} >= ${from} and ${sql.ref(col)} <= ${to})`;
  const completed = sql`(p.status = 'accepted' and ${inPeriod('p.accepted_on')})`;
  const sum = (cond: ReturnType<typeof sql>, value: ReturnType<typeof sql> = sql`1`) =>
    sql<number>`coalesce(sum(case when ${cond} then ${value} else 0 end), 0)`;

  let q = ctx.db
    .selectFrom('sites as s')
    .leftJoin('projects as p', 'p.site_id', 's.id')
    .select([
      's.id as site_id',
      's.code as site_code',
      's.name as site_name',
      sum(inPeriod('p.actual_start')).as('started'),
      sum(completed).as('completed'),
      sum(completed, sql`p.budget`).as('budget'),
      sum(completed, sql`coalesce(p.actual_cost, 0)`).as('actual_cost'),
      sum(sql`(${completed} and p.actual_cost is null)`).as('cost_missing'),
      sum(sql`(${inPeriod('p.planned_end')} and ${lateSql(today)})`).as('overdue'),
    ])
    .where('s.org_id', '=', orgId)
    .groupBy(['s.id', 's.code', 's.name', 's.active'])
    // a closed site still reports the projects it had; an empty closed site is left out
    .having((eb) => eb.or([eb('s.active', '=', 1), eb(eb.fn.count('p.id'), '>', 0)]))
    .orderBy('s.code');
  if (scope !== 'all') q = scope.length ? q.where('s.id', 'in', scope) : q.where('s.id', '=', '');
  if (wanted) q = wanted.length ? q.where('s.id', 'in', wanted) : q.where('s.id', '=', '');
  const rows = await q.execute();

  const sites: ProjectSiteFacts[] = rows.map((r) => ({
    siteId: r.site_id,
    siteCode: r.site_code,
    siteName: r.site_name,
    ...figures(
      {
        started: Number(r.started),
        completed: Number(r.completed),
        budget: Number(r.budget),
        actualCost: Number(r.actual_cost),
        costMissing: Number(r.cost_missing),
        overdue: Number(r.overdue),
      },
      links(from, to, [r.site_id]),
    ),
  }));
  const totals = Object.fromEntries(FIGURES.map((k) => [k, sites.reduce((n, s) => n + s[k].value, 0)])) as Record<
    (typeof FIGURES)[number],
    number
  >;
  // the total's links name the reported sites only when a subset was asked for
  const totalSites = wanted ? sites.map((s) => s.siteId) : null;
  return { period: { from, to }, sites, total: figures(totals, links(from, to, totalSites)) };
}

const SUMMARY_FACTS: Record<(typeof FIGURES)[number], { key: string; label: SummaryFact['label']; formula: string }> = {
  started: {
    key: 'projects.started',
    label: { zh: '开工项目', en: 'Projects started' },
    formula: '实际开工日期在期间内的工程项目数',
  },
  completed: {
    key: 'projects.completed',
    label: { zh: '竣工验收项目', en: 'Projects completed (accepted)' },
    formula: '期间内验收通过（验收日期在期间内）的工程项目数',
  },
  budget: {
    key: 'projects.budget',
    label: { zh: '竣工项目预算', en: 'Budget of projects completed' },
    formula: '期间内验收通过的工程项目的预算金额之和',
  },
  actualCost: {
    key: 'projects.actual_cost',
    label: { zh: '竣工项目实际费用', en: 'Actual cost of projects completed' },
    formula: '期间内验收通过的工程项目的结算（实际）费用之和；未登记实际费用的按 0 计',
  },
  costMissing: {
    key: 'projects.cost_missing',
    label: { zh: '未登记实际费用的竣工项目', en: 'Projects completed without a recorded cost' },
    formula: '期间内验收通过、尚未登记实际费用的工程项目数',
  },
  overdue: {
    key: 'projects.overdue',
    label: { zh: '逾期项目', en: 'Projects overdue' },
    formula: '计划完工日期在期间内且早于场所当天、未在计划完工日期当天或之前验收的工程项目数（含至今未验收的）；已取消的不计',
  },
};

/**
 * The module's summary facts (contracts/summary.ts), `projects.*`, per site and in total,
 * from `projectFacts` above. Its records carry calendar dates, so the period's instants
 * [from, to) become the local dates from's day … the day of the last instant before `to`,
 * in the organisation's zone — the zone the summary's period was drawn in, so a month
 * comes back as its own first and last day. Sites: the ones asked for that the actor
 * reads projects on ('all' = every such site). A department scope does not apply.
 */
export async function projectSummaryFacts(ctx: Ctx, scope: SummaryScope): Promise<SummaryFact[]> {
  const zone = await siteTimeZone(ctx.db, ctx.actor.orgId, null);
  const from = zonedDate(new Date(scope.from), zone);
  const to = zonedDate(new Date(Date.parse(scope.to) - 1), zone);
  const facts = await projectFacts(ctx, { siteIds: scope.siteIds === 'all' ? null : scope.siteIds, from, to });
  const perSite = (k: (typeof FIGURES)[number]) => new Map(facts.sites.map((x) => [x.siteId, x[k].value]));
  const b = new FactBuilder(
    facts.sites.map((x) => ({ id: x.siteId, name: x.siteName })),
    '/projects',
    [],
  );
  for (const k of FIGURES) {
    const { key, label, formula } = SUMMARY_FACTS[k];
    b.count(key, label, perSite(k), facts.total[k].link, formula, UNITS[k]);
  }
  return b.facts;
}
