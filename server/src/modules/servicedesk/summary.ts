import { sql } from 'kysely';
import type { Ctx } from '../../platform/context.js';
import { ts } from '../../platform/db/dialect.js';
import { OUTCOME_LABELS } from './labels.js';
import { HOTLINE_OUTCOMES, type HotlineOutcome } from './schema.js';

/**
 * What the service desk contributes to the work summary (工作总结): complaints received,
 * resolved and resolved on time, return visits and the satisfied share, hotline calls
 * by outcome. Each figure carries the web path (with query) of the records behind it.
 */
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

const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : null);

export async function serviceDeskFacts(ctx: Ctx, scope: FactScope): Promise<ServiceDeskFacts> {
  const { db } = ctx;
  const orgId = ctx.actor.orgId;
  const sites = scope.siteIds.length ? scope.siteIds : [''];
  const from = ts(db, scope.from);
  const to = ts(db, scope.to);
  const now = ts(db, ctx.clock.now().toISOString());
  // list filters take an inclusive upper bound
  const last = new Date(Date.parse(scope.to) - 1).toISOString();
  const link = (path: string, extra: Record<string, string> = {}, dates: [string, string] = ['from', 'to']) => {
    const q = new URLSearchParams({ [dates[0]]: scope.from, [dates[1]]: last, ...extra });
    if (scope.siteIds.length === 1) q.set('siteId', scope.siteIds[0] as string);
    return `${path}?${q.toString()}`;
  };
  const n = (v: unknown) => Number(v ?? 0);

  const [received, resolved, visits, calls] = await Promise.all([
    db
      .selectFrom('complaints as c')
      .select([
        sql<number>`count(*)`.as('total'),
        sql<number>`sum(case when (c.status in ('open', 'handling') and c.deadline_at < ${now}) or c.resolved_at > c.deadline_at then 1 else 0 end)`.as(
          'overdue',
        ),
      ])
      .where('c.org_id', '=', orgId)
      .where('c.site_id', 'in', sites)
      .where('c.received_at', '>=', from)
      .where('c.received_at', '<', to)
      .executeTakeFirst(),
    db
      .selectFrom('complaints as c')
      .select([
        sql<number>`count(*)`.as('total'),
        sql<number>`sum(case when c.resolved_at <= c.deadline_at then 1 else 0 end)`.as('on_time'),
      ])
      .where('c.org_id', '=', orgId)
      .where('c.site_id', 'in', sites)
      .where('c.resolved_at', '>=', from)
      .where('c.resolved_at', '<', to)
      .executeTakeFirst(),
    db
      .selectFrom('return_visits as v')
      .select(['v.result', sql<number>`count(*)`.as('n')])
      .where('v.org_id', '=', orgId)
      .where('v.site_id', 'in', sites)
      .where('v.visited_at', '>=', from)
      .where('v.visited_at', '<', to)
      .groupBy('v.result')
      .execute(),
    db
      .selectFrom('hotline_calls as h')
      .select(['h.outcome', sql<number>`count(*)`.as('n')])
      .where('h.org_id', '=', orgId)
      .where('h.site_id', 'in', sites)
      .where('h.received_at', '>=', from)
      .where('h.received_at', '<', to)
      .groupBy('h.outcome')
      .execute(),
  ]);

  const visitCount = (r: string) => n(visits.find((v) => v.result === r)?.n);
  const visitTotal = visits.reduce((sum, v) => sum + n(v.n), 0);
  const callTotal = calls.reduce((sum, c) => sum + n(c.n), 0);
  const resolvedTotal = n(resolved?.total);
  const onTime = n(resolved?.on_time);
  const resolvedDates: [string, string] = ['resolvedFrom', 'resolvedTo'];
  const fact = (key: string, label: string, value: number | null, path: string, unit: ServiceDeskFact['unit'] = 'count') => ({
    key,
    label,
    value,
    unit,
    link: path,
  });

  const byOutcome = Object.fromEntries(
    HOTLINE_OUTCOMES.map((o) => [
      o,
      fact(
        `hotline.${o}`,
        `热线来电：${OUTCOME_LABELS[o]}`,
        n(calls.find((c) => c.outcome === o)?.n),
        link('/hotline-calls', { outcome: o }),
      ),
    ]),
  ) as Record<HotlineOutcome, ServiceDeskFact>;

  return {
    period: { from: scope.from, to: scope.to },
    complaints: {
      received: fact('complaints.received', '受理投诉', n(received?.total), link('/complaints')),
      overdue: fact('complaints.overdue', '受理的投诉中超期', n(received?.overdue), link('/complaints', { overdue: '1' })),
      resolved: fact('complaints.resolved', '解决投诉', resolvedTotal, link('/complaints', {}, resolvedDates)),
      resolvedOnTime: fact('complaints.resolvedOnTime', '按期解决投诉', onTime, link('/complaints', { onTime: '1' }, resolvedDates)),
      onTimeRate: fact(
        'complaints.onTimeRate',
        '投诉按期解决率',
        share(onTime, resolvedTotal),
        link('/complaints', {}, resolvedDates),
        'percent',
      ),
    },
    returnVisits: {
      total: fact('returnVisits.total', '回访次数', visitTotal, link('/return-visits')),
      satisfied: fact('returnVisits.satisfied', '回访满意', visitCount('satisfied'), link('/return-visits', { result: 'satisfied' })),
      dissatisfied: fact(
        'returnVisits.dissatisfied',
        '回访不满意',
        visitCount('dissatisfied'),
        link('/return-visits', { result: 'dissatisfied' }),
      ),
      satisfiedShare: fact(
        'returnVisits.satisfiedShare',
        '回访满意率',
        share(visitCount('satisfied'), visitTotal),
        link('/return-visits'),
        'percent',
      ),
    },
    hotline: { total: fact('hotline.total', '热线来电', callTotal, link('/hotline-calls')), byOutcome },
  };
}
