import { type SqlBool, sql } from 'kysely';
import type { IncidentStatus } from '../../../../contracts/incidents.js';
import type { SummaryFact, SummaryScope } from '../../../../contracts/summary.js';
import { siteScope } from '../../platform/access/actor.js';
import type { Ctx, Db } from '../../platform/context.js';
import { FactBuilder, type PerSite, scopeSites, sumBy } from '../../platform/summary/facts.js';
import { dictionaryLabels } from '../system/index.js';
import { instant } from './common.js';
import { fixedInTimeSql } from './incidents.repository.js';
import './schema.js';

/**
 * The summary facts of incidents and the security log (DOMAIN.md: incidents by type,
 * fire-alarm faults fixed in time, alerts, apprehensions, commendations). The period
 * selects incidents by the time they occurred and alerts by the time they were received;
 * what became of them (reviewed, fixed) is taken as of now. Each family is one query
 * grouped by site, so a total is the sum of its sites.
 */

const INCIDENTS = '/incidents';
const ALERTS = '/security-alerts';
/** a draft is a report still being written: the facts count reports that were handed in */
const REPORTED: IncidentStatus[] = ['submitted', 'returned', 'reviewed'];
export const FIRE_ALARM_FAULT = 'fire_alarm_fault';

const n = (v: unknown) => Number(v ?? 0);
const percent = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 1000) / 10);
const sum = (cond: ReturnType<typeof sql<SqlBool>>) => sql<number>`coalesce(sum(case when ${cond} then 1 else 0 end), 0)`;

interface Scope {
  orgId: string;
  sites: 'all' | string[];
  from: string;
  to: string;
}

interface IncidentCount {
  siteId: string;
  type: string;
  status: IncidentStatus;
  n: number;
  fixedInTime: number;
}

async function incidentCounts(db: Db, s: Scope): Promise<IncidentCount[]> {
  let q = db
    .selectFrom('incidents as i')
    .select(['i.site_id', 'i.type', 'i.status', (eb) => eb.fn.countAll<number>().as('n'), sum(fixedInTimeSql() as never).as('fixed')])
    .where('i.org_id', '=', s.orgId)
    .where('i.status', 'in', REPORTED)
    .where('i.occurred_at', '>=', s.from)
    .where('i.occurred_at', '<', s.to)
    .groupBy(['i.site_id', 'i.type', 'i.status']);
  if (s.sites !== 'all') q = q.where('i.site_id', 'in', s.sites);
  const rows = await q.execute();
  return rows.map((r) => ({ siteId: r.site_id, type: r.type, status: r.status, n: n(r.n), fixedInTime: n(r.fixed) }));
}

interface AlertCount {
  siteId: string;
  type: string;
  outcome: string;
  n: number;
  caught: number;
}

async function alertCounts(db: Db, s: Scope): Promise<AlertCount[]> {
  let q = db
    .selectFrom('security_alerts as a')
    .select([
      'a.site_id',
      'a.type',
      'a.outcome',
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.coalesce(eb.fn.sum<number>('a.apprehended_count'), eb.lit(0)).as('caught'),
    ])
    .where('a.org_id', '=', s.orgId)
    .where('a.received_at', '>=', s.from)
    .where('a.received_at', '<', s.to)
    .groupBy(['a.site_id', 'a.type', 'a.outcome']);
  if (s.sites !== 'all') q = q.where('a.site_id', 'in', s.sites);
  const rows = await q.execute();
  return rows.map((r) => ({ siteId: r.site_id, type: r.type, outcome: r.outcome, n: n(r.n), caught: n(r.caught) }));
}

async function commendationCounts(db: Db, s: Scope): Promise<PerSite> {
  let q = db
    .selectFrom('security_commendations as c')
    .innerJoin('security_alerts as a', 'a.id', 'c.alert_id')
    .select(['a.site_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('a.org_id', '=', s.orgId)
    .where('a.received_at', '>=', s.from)
    .where('a.received_at', '<', s.to)
    .groupBy('a.site_id');
  if (s.sites !== 'all') q = q.where('a.site_id', 'in', s.sites);
  return new Map((await q.execute()).map((r) => [r.site_id, n(r.n)]));
}

/** The actor's readable sites (safety:read) intersected with the requested ones. */
function effectiveSites(ctx: Ctx, wanted: SummaryScope['siteIds']): 'all' | string[] {
  const readable = siteScope(ctx.actor, 'safety:read');
  if (wanted === 'all') return readable;
  return readable === 'all' ? wanted : wanted.filter((id) => readable.includes(id));
}

/** The module's summary facts (contracts/summary.ts) for the safety overview, the work summary and dashboards. */
export async function incidentFacts(ctx: Ctx, scope: SummaryScope): Promise<SummaryFact[]> {
  const orgId = ctx.actor.orgId;
  // stored instants are UTC text on SQLite: the bounds compare only once normalised
  const from = instant(scope.from) ?? scope.from;
  const to = instant(scope.to) ?? scope.to;
  const s: Scope = { orgId, sites: effectiveSites(ctx, scope.siteIds), from, to };
  const db = ctx.db;
  // a reader of no site still gets every fact, each zero, so the keys are always there
  const none = s.sites !== 'all' && !s.sites.length;
  const [sites, incidents, alerts, commendations, incidentTypes, alertTypes] = await Promise.all([
    scopeSites(db, orgId, s.sites),
    none ? [] : incidentCounts(db, s),
    none ? [] : alertCounts(db, s),
    none ? new Map<string, number>() : commendationCounts(db, s),
    dictionaryLabels(db, orgId, 'incident_type'),
    dictionaryLabels(db, orgId, 'security_alert_type'),
  ]);
  const base: [string, string][] = scope.siteIds === 'all' ? [] : sites.map((x): [string, string] => ['siteId', x.id]);
  const period = { from: scope.from, to: scope.to };
  const reported = { ...period, status: REPORTED.join(',') };
  const inc = new FactBuilder(sites, INCIDENTS, base);
  const sec = new FactBuilder(sites, ALERTS, base);

  inc.count(
    'incidents.total',
    { zh: '意外事件', en: 'Incidents' },
    sumBy(incidents, (r) => r.n),
    inc.link(reported),
    '期间内发生、报告已提交（待审核、已退回或已审核）的意外事件数；草稿不计',
  );
  const types = [...new Set([...incidentTypes.keys(), ...incidents.map((r) => r.type)])];
  for (const code of types) {
    const label = incidentTypes.get(code);
    inc.count(
      `incidents.type.${code}`,
      { zh: `意外事件（${label?.zh ?? code}）`, en: `Incidents (${label?.en ?? code})` },
      sumBy(
        incidents,
        (r) => r.n,
        (r) => r.type === code,
      ),
      inc.link({ ...reported, type: code }),
      `期间内发生、报告已提交的意外事件中，类型为“${label?.zh ?? code}”的数量`,
    );
  }
  inc.count(
    'incidents.awaiting_review',
    { zh: '待审核报告', en: 'Reports awaiting review' },
    sumBy(
      incidents,
      (r) => r.n,
      (r) => r.status === 'submitted',
    ),
    inc.link({ ...period, status: 'submitted' }),
    '期间内发生的意外事件中，报告已提交、截至当前尚未审核（也未退回）的数量',
  );
  const faults = sumBy(
    incidents,
    (r) => r.n,
    (r) => r.type === FIRE_ALARM_FAULT,
  );
  const fixed = sumBy(
    incidents,
    (r) => r.fixedInTime,
    (r) => r.type === FIRE_ALARM_FAULT,
  );
  inc.count(
    'incidents.fire_alarm_faults',
    { zh: '消防报警故障', en: 'Fire alarm faults' },
    faults,
    inc.link({ ...reported, type: FIRE_ALARM_FAULT }),
    '期间内发生、报告已提交的消防报警故障数',
  );
  inc.count(
    'incidents.fire_alarm_faults.fixed_in_time',
    { zh: '消防报警故障按时修复', en: 'Fire alarm faults fixed in time' },
    fixed,
    inc.link({ ...reported, type: FIRE_ALARM_FAULT, fixedInTime: '1' }),
    '其中处理完成时间不晚于处理时限（默认“不过夜”：发生当日场所当地时间 24 点前）的数量',
  );
  inc.derived(
    'incidents.fire_alarm_faults.fixed_in_time_rate',
    { zh: '消防报警故障按时修复率', en: 'Fire alarm faults fixed-in-time rate' },
    'percent',
    [fixed, faults],
    percent,
    inc.link({ ...reported, type: FIRE_ALARM_FAULT, fixedInTime: '1' }),
    '按时修复的消防报警故障 ÷ 消防报警故障（尚未修复的计入分母）',
  );

  sec.count(
    'security.alerts',
    { zh: '接警', en: 'Security alerts' },
    sumBy(alerts, (r) => r.n),
    sec.link(period),
    '期间内接警登记的警情数',
  );
  const alertCodes = [...new Set([...alertTypes.keys(), ...alerts.map((r) => r.type)])];
  for (const code of alertCodes) {
    const label = alertTypes.get(code);
    sec.count(
      `security.alerts.type.${code}`,
      { zh: `接警（${label?.zh ?? code}）`, en: `Security alerts (${label?.en ?? code})` },
      sumBy(
        alerts,
        (r) => r.n,
        (r) => r.type === code,
      ),
      sec.link({ ...period, type: code }),
      `期间内接警登记、警情类型为“${label?.zh ?? code}”的数量`,
    );
  }
  sec.count(
    'security.apprehended',
    { zh: '抓获人数', en: 'People apprehended' },
    sumBy(alerts, (r) => r.caught),
    sec.link({ ...period, outcome: 'apprehended,handed_to_police' }),
    '期间内接警的警情中，处置结果为“抓获”或“移交公安”的警情所抓获的人数之和',
  );
  sec.count(
    'security.handed_to_police',
    { zh: '移交公安人数', en: 'People handed to the police' },
    sumBy(
      alerts,
      (r) => r.caught,
      (r) => r.outcome === 'handed_to_police',
    ),
    sec.link({ ...period, outcome: 'handed_to_police' }),
    '期间内接警的警情中，处置结果为“移交公安”的警情所抓获并移交的人数之和',
  );
  sec.count(
    'security.commendations',
    { zh: '表扬', en: 'Commendations' },
    commendations,
    sec.link({ ...period, commended: '1' }),
    '期间内接警的警情中，出警人员所获表扬的次数',
  );
  return [...inc.facts, ...sec.facts];
}
