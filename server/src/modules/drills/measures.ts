import { type SqlBool, sql } from 'kysely';
import type { SafetyEventDto } from '../../../../contracts/safety.js';
import type { SummaryFact, SummaryScope } from '../../../../contracts/summary.js';
import { type SiteScope, siteScope } from '../../platform/access/actor.js';
import type { Ctx, Db } from '../../platform/context.js';
import { FactBuilder, scopeSites, sumBy } from '../../platform/summary/facts.js';
import { dictionaryLabels } from '../system/index.js';
import { drillLink, PLAN_OWNER, planLink } from './common.js';
import './schema.js';

/**
 * The drills' summary facts and calendar events. The period selects drills by their
 * planned time; their status is taken as of now, so a missed drill made up late counts as
 * done (and no longer as missed). Each family is one query grouped by site, so a total is
 * the sum of its sites.
 */

const LIST = '/drills';

/** The actor's sites for safety records, narrowed by the ones asked for. */
function effectiveSites(ctx: Ctx, wanted: SiteScope | null | undefined): SiteScope {
  const readable = siteScope(ctx.actor, 'safety:read');
  if (!wanted || wanted === 'all') return readable;
  return readable === 'all' ? wanted : wanted.filter((id) => readable.includes(id));
}

interface DrillCount {
  siteId: string;
  type: string;
  status: string;
  n: number;
  reports: number;
  participants: number;
}

const n = (v: unknown) => Number(v ?? 0);

async function drillCounts(db: Db, orgId: string, sites: SiteScope, from: string, to: string): Promise<DrillCount[]> {
  let q = db
    .selectFrom('drills as d')
    .select([
      'd.site_id',
      'd.type',
      'd.status',
      (eb) => eb.fn.countAll<number>().as('n'),
      sql<number>`coalesce(sum(case when d.report_filed_at is not null then 1 else 0 end), 0)`.as('reports'),
      sql<number>`coalesce(sum(d.participant_count), 0)`.as('participants'),
    ])
    .where('d.org_id', '=', orgId)
    .where('d.planned_at', '>=', from)
    .where('d.planned_at', '<', to)
    .groupBy(['d.site_id', 'd.type', 'd.status']);
  if (sites !== 'all') q = sites.length ? q.where('d.site_id', 'in', sites) : q.where(sql<SqlBool>`1 = 0`);
  const rows = await q.execute();
  return rows.map((r) => ({
    siteId: r.site_id,
    type: r.type,
    status: r.status,
    n: n(r.n),
    reports: n(r.reports),
    participants: n(r.participants),
  }));
}

/** The drills' summary facts (contracts/summary.ts) for the safety overview, the work summary and dashboards. */
export async function drillFacts(ctx: Ctx, scope: SummaryScope): Promise<SummaryFact[]> {
  const orgId = ctx.actor.orgId;
  const sitesIn = effectiveSites(ctx, scope.siteIds);
  const [sites, counts, types] = await Promise.all([
    scopeSites(ctx.db, orgId, sitesIn),
    drillCounts(ctx.db, orgId, sitesIn, scope.from, scope.to),
    dictionaryLabels(ctx.db, orgId, 'drill_type'),
  ]);
  const base: [string, string][] = scope.siteIds === 'all' ? [] : sites.map((s): [string, string] => ['siteId', s.id]);
  const period = { from: scope.from, to: scope.to };
  const f = new FactBuilder(sites, LIST, base);
  const done = (r: DrillCount) => r.status === 'done';

  f.count(
    'drills.done',
    { zh: '完成演练', en: 'Drills carried out' },
    sumBy(counts, (r) => r.n, done),
    f.link({ ...period, status: 'done' }),
    '计划时间在期间内、已进行并登记演练记录的演练次数（含未按期后补做的）',
  );
  const codes = [...new Set([...types.keys(), ...counts.map((r) => r.type)])];
  for (const code of codes) {
    const label = types.get(code);
    f.count(
      `drills.done.type.${code}`,
      { zh: `完成演练（${label?.zh ?? code}）`, en: `Drills carried out (${label?.en ?? code})` },
      sumBy(
        counts,
        (r) => r.n,
        (r) => done(r) && r.type === code,
      ),
      f.link({ ...period, status: 'done', type: code }),
      `计划时间在期间内、已完成的“${label?.zh ?? code}”演练次数`,
    );
  }
  f.count(
    'drills.missed',
    { zh: '未按期演练', en: 'Drills missed' },
    sumBy(
      counts,
      (r) => r.n,
      (r) => r.status === 'missed',
    ),
    f.link({ ...period, status: 'missed' }),
    '计划时间在期间内、到期限仍未登记演练记录且至今未补做的演练次数',
  );
  f.count(
    'drills.planned',
    { zh: '待进行演练', en: 'Drills planned' },
    sumBy(
      counts,
      (r) => r.n,
      (r) => r.status === 'planned',
    ),
    f.link({ ...period, status: 'planned' }),
    '计划时间在期间内、尚未进行（未到期限）的演练次数',
  );
  f.count(
    'drills.reports_filed',
    { zh: '已填写演练报告', en: 'Drill reports filed' },
    sumBy(counts, (r) => r.reports, done),
    f.link({ ...period, status: 'done', report: '1' }),
    '期间内已完成的演练中，已填写演练报告的次数',
  );
  f.count(
    'drills.participants',
    { zh: '参演人次', en: 'Drill participants' },
    sumBy(counts, (r) => r.participants, done),
    f.link({ ...period, status: 'done' }),
    '期间内已完成演练的参演人数之和（按演练记录的各组人数）',
  );
  return f.facts;
}

export interface EventRange {
  from: string;
  to: string;
  /** the sites asked for (null or 'all': every site the actor reads safety records of) */
  siteIds?: SiteScope | null;
}

/**
 * The safety calendar's drills in [from, to): every drill but the cancelled ones, at its
 * planned time, and a plan's occurrences not raised as drills yet (status `scheduled`,
 * linking to the plan), so the calendar shows the plan beyond its lead time.
 */
export async function drillEvents(ctx: Ctx, range: EventRange): Promise<SafetyEventDto[]> {
  const sites = effectiveSites(ctx, range.siteIds);
  if (sites !== 'all' && !sites.length) return [];
  const orgId = ctx.actor.orgId;
  let drills = ctx.db
    .selectFrom('drills as d')
    .innerJoin('sites as s', 's.id', 'd.site_id')
    .select(['d.id', 'd.site_id', 's.name as site_name', 'd.planned_at', 'd.title', 'd.type', 'd.status'])
    .where('d.org_id', '=', orgId)
    .where('d.planned_at', '>=', range.from)
    .where('d.planned_at', '<', range.to)
    .where('d.status', '<>', 'cancelled');
  let upcoming = ctx.db
    .selectFrom('occurrences as o')
    .innerJoin('drill_plans as p', 'p.id', 'o.owner_id')
    .innerJoin('sites as s', 's.id', 'o.site_id')
    .select(['o.id', 'o.site_id', 's.name as site_name', 'o.due_at', 'p.id as plan_id', 'p.name', 'p.type'])
    .where('o.org_id', '=', orgId)
    .where('o.owner_type', '=', PLAN_OWNER)
    .where('o.status', '=', 'open')
    .where('o.item_id', 'is', null)
    .where('o.due_at', '>=', range.from)
    .where('o.due_at', '<', range.to);
  if (sites !== 'all') {
    drills = drills.where('d.site_id', 'in', sites);
    upcoming = upcoming.where('o.site_id', 'in', sites);
  }
  const [raised, scheduled] = await Promise.all([drills.execute(), upcoming.execute()]);
  const events: SafetyEventDto[] = [
    ...raised.map(
      (d): SafetyEventDto => ({
        kind: 'drill',
        id: d.id,
        siteId: d.site_id,
        siteName: d.site_name,
        at: d.planned_at,
        endAt: null,
        title: d.title,
        type: d.type,
        status: d.status,
        link: drillLink(d.id),
      }),
    ),
    ...scheduled.map(
      (o): SafetyEventDto => ({
        kind: 'drill',
        id: o.id,
        siteId: o.site_id,
        siteName: o.site_name,
        at: o.due_at,
        endAt: null,
        title: o.name,
        type: o.type,
        status: 'scheduled',
        link: planLink(o.plan_id),
      }),
    ),
  ];
  return events.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}
