import { sql } from 'kysely';
import type { SummaryFact, SummaryScope } from '../../../../contracts/summary.js';
import { type SiteScope, siteScope } from '../../platform/access/actor.js';
import type { Ctx } from '../../platform/context.js';
import { ts } from '../../platform/db/dialect.js';
import { FactBuilder, type PerSite, scopeSites, sumBy } from '../../platform/summary/facts.js';
import { unionScope } from './common.js';
import { OUTCOME_LABELS, SATISFACTION_LABELS } from './labels.js';
import { HOTLINE_OUTCOMES, type HotlineOutcome } from './schema.js';

/**
 * What the service desk contributes to the work summary (工作总结): complaints received,
 * resolved and resolved on time, return visits and the satisfied share, hotline calls
 * by outcome. Each family is one query grouped by site, so a total is the sum of its
 * sites and a rate is recomputed from the summed parts; each figure carries the web path
 * (with query) of the records behind it. The period selects complaints by when they were
 * received (overdue: as of now) or resolved, visits by when they were made, calls by when
 * they came in. The records name the clerks who handled them, not a department's staff,
 * so a department scope leaves these figures as they are.
 */

const COMPLAINTS = '/complaints';
const VISITS = '/return-visits';
const CALLS = '/hotline-calls';

const OUTCOME_EN: Record<HotlineOutcome, string> = {
  work_order: 'work order raised',
  complaint: 'complaint registered',
  info: 'answered',
  transfer: 'transferred',
  other: 'other',
};

const n = (v: unknown) => Number(v ?? 0);
const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : null);

interface Scope {
  orgId: string;
  sites: SiteScope;
  /** the sites of return visits: within `sites`, where the actor reads visits too */
  visitSites: SiteScope;
  /** ISO instants, [from, to) */
  from: string;
  to: string;
}

interface Counts {
  received: { siteId: string; total: number; overdue: number }[];
  resolved: { siteId: string; total: number; onTime: number }[];
  visits: { siteId: string; result: string; n: number }[];
  calls: { siteId: string; outcome: string; n: number }[];
}

async function counts(ctx: Ctx, s: Scope): Promise<Counts> {
  if (s.sites !== 'all' && !s.sites.length) return { received: [], resolved: [], visits: [], calls: [] };
  const db = ctx.db;
  const { sites, visitSites } = s;
  const from = ts(db, s.from);
  const to = ts(db, s.to);
  const now = ts(db, ctx.clock.now().toISOString());
  const [received, resolved, visits, calls] = await Promise.all([
    db
      .selectFrom('complaints as c')
      .select([
        'c.site_id',
        sql<number>`count(*)`.as('total'),
        sql<number>`coalesce(sum(case when (c.status in ('open', 'handling') and c.deadline_at < ${now}) or c.resolved_at > c.deadline_at then 1 else 0 end), 0)`.as(
          'overdue',
        ),
      ])
      .where('c.org_id', '=', s.orgId)
      .$if(sites !== 'all', (q) => q.where('c.site_id', 'in', sites as string[]))
      .where('c.received_at', '>=', from)
      .where('c.received_at', '<', to)
      .groupBy('c.site_id')
      .execute(),
    db
      .selectFrom('complaints as c')
      .select([
        'c.site_id',
        sql<number>`count(*)`.as('total'),
        sql<number>`coalesce(sum(case when c.resolved_at <= c.deadline_at then 1 else 0 end), 0)`.as('on_time'),
      ])
      .where('c.org_id', '=', s.orgId)
      .$if(sites !== 'all', (q) => q.where('c.site_id', 'in', sites as string[]))
      .where('c.resolved_at', '>=', from)
      .where('c.resolved_at', '<', to)
      .groupBy('c.site_id')
      .execute(),
    visitSites !== 'all' && !visitSites.length
      ? []
      : db
          .selectFrom('return_visits as v')
          .select(['v.site_id', 'v.result', sql<number>`count(*)`.as('n')])
          .where('v.org_id', '=', s.orgId)
          .$if(visitSites !== 'all', (q) => q.where('v.site_id', 'in', visitSites as string[]))
          .where('v.visited_at', '>=', from)
          .where('v.visited_at', '<', to)
          .groupBy(['v.site_id', 'v.result'])
          .execute(),
    db
      .selectFrom('hotline_calls as h')
      .select(['h.site_id', 'h.outcome', sql<number>`count(*)`.as('n')])
      .where('h.org_id', '=', s.orgId)
      .$if(sites !== 'all', (q) => q.where('h.site_id', 'in', sites as string[]))
      .where('h.received_at', '>=', from)
      .where('h.received_at', '<', to)
      .groupBy(['h.site_id', 'h.outcome'])
      .execute(),
  ]);
  return {
    received: received.map((r) => ({ siteId: r.site_id, total: n(r.total), overdue: n(r.overdue) })),
    resolved: resolved.map((r) => ({ siteId: r.site_id, total: n(r.total), onTime: n(r.on_time) })),
    visits: visits.map((r) => ({ siteId: r.site_id, result: r.result, n: n(r.n) })),
    calls: calls.map((r) => ({ siteId: r.site_id, outcome: r.outcome, n: n(r.n) })),
  };
}

function intersect(a: SiteScope, b: SiteScope): SiteScope {
  if (a === 'all') return b;
  return b === 'all' ? a : a.filter((id) => b.includes(id));
}

/**
 * The actor's readable sites intersected with the requested ones: complaints:manage reads
 * complaints and the hotline log; return visits are read with the work orders they follow.
 */
function effectiveSites(ctx: Ctx, wanted: SummaryScope['siteIds']): { sites: SiteScope; visitSites: SiteScope } {
  const sites = intersect(wanted, siteScope(ctx.actor, 'complaints:manage'));
  return { sites, visitSites: intersect(sites, unionScope(ctx, ['workorders:dispatch', 'workorders:read'])) };
}

/** an instant as stored (UTC, milliseconds, `Z`): SQLite compares the text */
const instant = (iso: string) => new Date(iso).toISOString();

/** The facts over sites taken as given (the callers narrow them). */
async function factsOver(
  ctx: Ctx,
  { sites, visitSites }: { sites: SiteScope; visitSites: SiteScope },
  period: { from: string; to: string },
): Promise<SummaryFact[]> {
  const orgId = ctx.actor.orgId;
  const from = instant(period.from);
  const to = instant(period.to);
  const [siteList, c] = await Promise.all([scopeSites(ctx.db, orgId, sites), counts(ctx, { orgId, sites, visitSites, from, to })]);
  const visitSiteList = siteList.filter((x) => visitSites === 'all' || visitSites.includes(x.id));
  // the lists take one siteId (default: every site the reader sees) and an inclusive upper bound
  const single = (of: SiteScope): [string, string][] => (of !== 'all' && of.length === 1 ? [['siteId', of[0] as string]] : []);
  const base = single(sites);
  const last = new Date(Date.parse(to) - 1).toISOString();
  const receivedIn = { from, to: last };
  const resolvedIn = { resolvedFrom: from, resolvedTo: last };
  const complaints = new FactBuilder(siteList, COMPLAINTS, base);
  const visits = new FactBuilder(visitSiteList, VISITS, single(visitSites));
  const calls = new FactBuilder(siteList, CALLS, base);

  complaints.count(
    'servicedesk.complaints.received',
    { zh: '受理投诉', en: 'Complaints received' },
    sumBy(c.received, (r) => r.total),
    complaints.link(receivedIn),
    '受理时间在期间内的投诉数',
  );
  complaints.count(
    'servicedesk.complaints.overdue',
    { zh: '受理的投诉中超期', en: 'Complaints received, overdue' },
    sumBy(c.received, (r) => r.overdue),
    complaints.link({ ...receivedIn, overdue: '1' }),
    '期间内受理的投诉中，截至当前已过处理期限仍未解决，或解决时间晚于处理期限的数量',
  );
  const resolved: PerSite = sumBy(c.resolved, (r) => r.total);
  const onTime: PerSite = sumBy(c.resolved, (r) => r.onTime);
  complaints.count(
    'servicedesk.complaints.resolved',
    { zh: '解决投诉', en: 'Complaints resolved' },
    resolved,
    complaints.link(resolvedIn),
    '解决时间在期间内的投诉数（含期间以前受理的）',
  );
  complaints.count(
    'servicedesk.complaints.resolved_on_time',
    { zh: '按期解决投诉', en: 'Complaints resolved on time' },
    onTime,
    complaints.link({ ...resolvedIn, onTime: '1' }),
    '期间内解决的投诉中，解决时间不晚于处理期限的数量',
  );
  complaints.derived(
    'servicedesk.complaints.on_time_rate',
    { zh: '投诉按期解决率', en: 'Complaints resolved on time (rate)' },
    'percent',
    [onTime, resolved],
    share,
    complaints.link(resolvedIn),
    '按期解决的投诉 ÷ 期间内解决的投诉',
  );

  const visitsOf = (result?: string) =>
    sumBy(
      c.visits,
      (r) => r.n,
      (r) => result === undefined || r.result === result,
    );
  const visitTotal = visitsOf();
  visits.count(
    'servicedesk.return_visits',
    { zh: '回访次数', en: 'Return visits' },
    visitTotal,
    visits.link(receivedIn),
    '回访时间在期间内的回访次数（电话、上门、微信）',
  );
  const visitResults = [
    ['satisfied', 'Return visits: satisfied'],
    ['basically', 'Return visits: basically satisfied'],
    ['dissatisfied', 'Return visits: dissatisfied'],
  ] as const;
  for (const [result, en] of visitResults) {
    visits.count(
      `servicedesk.return_visits.${result}`,
      { zh: `回访${SATISFACTION_LABELS[result]}`, en },
      visitsOf(result),
      visits.link({ ...receivedIn, result }),
      `期间内的回访中，结果为“${SATISFACTION_LABELS[result]}”的次数`,
    );
  }
  visits.derived(
    'servicedesk.return_visits.satisfied_share',
    { zh: '回访满意率', en: 'Return visits: satisfied share' },
    'percent',
    [visitsOf('satisfied'), visitTotal],
    share,
    visits.link(receivedIn),
    '回访结果为“满意”的次数 ÷ 期间内的回访次数（“基本满意”不计入满意）',
  );

  calls.count(
    'servicedesk.hotline.calls',
    { zh: '热线来电', en: 'Hotline calls' },
    sumBy(c.calls, (r) => r.n),
    calls.link(receivedIn),
    '来电时间在期间内的24小时服务热线来电登记数',
  );
  for (const outcome of HOTLINE_OUTCOMES) {
    calls.count(
      `servicedesk.hotline.calls.outcome.${outcome}`,
      { zh: `热线来电（${OUTCOME_LABELS[outcome]}）`, en: `Hotline calls (${OUTCOME_EN[outcome]})` },
      sumBy(
        c.calls,
        (r) => r.n,
        (r) => r.outcome === outcome,
      ),
      calls.link({ ...receivedIn, outcome }),
      `期间内的热线来电中，处理结果为“${OUTCOME_LABELS[outcome]}”的数量`,
    );
  }
  return [...complaints.facts, ...visits.facts, ...calls.facts];
}

/**
 * The module's summary facts (contracts/summary.ts), `servicedesk.*`: per site of the
 * scope and in total, on the sites the actor reads complaints and the hotline log of.
 */
export async function serviceDeskSummaryFacts(ctx: Ctx, scope: SummaryScope): Promise<SummaryFact[]> {
  return factsOver(ctx, effectiveSites(ctx, scope.siteIds), scope);
}

/** One figure of the service desk's own report shape (ServiceDeskFacts). */
export interface ServiceDeskFact {
  key: string;
  label: string;
  /** a count, or a percentage with one decimal; null when there is nothing to divide by */
  value: number | null;
  unit: 'count' | 'percent';
  link: string;
}

export interface ServiceDeskFacts {
  period: { from: string; to: string };
  complaints: {
    received: ServiceDeskFact;
    overdue: ServiceDeskFact;
    resolved: ServiceDeskFact;
    resolvedOnTime: ServiceDeskFact;
    onTimeRate: ServiceDeskFact;
  };
  returnVisits: { total: ServiceDeskFact; satisfied: ServiceDeskFact; dissatisfied: ServiceDeskFact; satisfiedShare: ServiceDeskFact };
  hotline: { total: ServiceDeskFact; byOutcome: Record<HotlineOutcome, ServiceDeskFact> };
}

export interface FactScope {
  /** the sites to count; taken as given — the caller narrows them to what the reader may see */
  siteIds: string[];
  /** ISO instants, [from, to) */
  from: string;
  to: string;
}

/**
 * The same figures in the service desk's own shape, totals only, over the sites given:
 * read from the summary facts above, so the two can never disagree.
 */
export async function serviceDeskFacts(ctx: Ctx, scope: FactScope): Promise<ServiceDeskFacts> {
  const sites = scope.siteIds;
  const facts = new Map((await factsOver(ctx, { sites, visitSites: sites }, scope)).map((f) => [f.key, f]));
  const fact = (key: string, legacyKey: string): ServiceDeskFact => {
    const f = facts.get(`servicedesk.${key}`);
    if (!f) throw new Error(`service-desk fact ${key} missing`);
    return { key: legacyKey, label: f.label.zh, value: f.value, unit: f.unit === 'percent' ? 'percent' : 'count', link: f.link };
  };
  const byOutcome = Object.fromEntries(HOTLINE_OUTCOMES.map((o) => [o, fact(`hotline.calls.outcome.${o}`, `hotline.${o}`)])) as Record<
    HotlineOutcome,
    ServiceDeskFact
  >;
  return {
    period: { from: scope.from, to: scope.to },
    complaints: {
      received: fact('complaints.received', 'complaints.received'),
      overdue: fact('complaints.overdue', 'complaints.overdue'),
      resolved: fact('complaints.resolved', 'complaints.resolved'),
      resolvedOnTime: fact('complaints.resolved_on_time', 'complaints.resolvedOnTime'),
      onTimeRate: fact('complaints.on_time_rate', 'complaints.onTimeRate'),
    },
    returnVisits: {
      total: fact('return_visits', 'returnVisits.total'),
      satisfied: fact('return_visits.satisfied', 'returnVisits.satisfied'),
      dissatisfied: fact('return_visits.dissatisfied', 'returnVisits.dissatisfied'),
      satisfiedShare: fact('return_visits.satisfied_share', 'returnVisits.satisfiedShare'),
    },
    hotline: { total: fact('hotline.calls', 'hotline.total'), byOutcome },
  };
}
