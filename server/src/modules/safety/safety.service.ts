import type { ActionItemDto } from '../../../../contracts/actions.js';
import type { SafetyCalendarDto, SafetyEventDto, SafetyOverviewDto, SafetySiteCountsDto } from '../../../../contracts/safety.js';
import type { SummaryFact, SummaryFactsResponse, SummaryScope } from '../../../../contracts/summary.js';
import { actionTiming } from '../../platform/actions/index.js';
import type { Ctx } from '../../platform/context.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { zonedDate, zonedDayStart } from '../../platform/numbering/time.js';
import { scopeSites } from '../../platform/summary/facts.js';
import { checkPeriod } from '../../platform/summary/period.js';
import { drillEvents, drillFacts } from '../drills/index.js';
import { addDays } from '../hazards/dates.js';
import { incidentFacts } from '../incidents/index.js';
import { etiquetteFacts, trainingEvents, trainingFacts } from '../training/index.js';
import { actionFacts } from './actions.measures.js';
import { ownerOf, ownerViews, searchActionItems } from './actions.service.js';
import { effectiveSites, requestedSites } from './scope.js';

/**
 * The safety page (安全管理): the calendar of every safety event, the counts per site
 * mapped from each area's summary facts, and /safety/measures — every area's facts
 * together. Each area computes its own figures and events; this module only gathers them.
 */

const DAY = 86_400_000;
/** the safety page looks this far ahead */
export const UPCOMING_DAYS = 14;
/** the longest calendar one request may ask for */
const MAX_CALENDAR_DAYS = 400;
/** the overdue items the page lists (the full list is /safety/actions?overdue=1) */
const OVERDUE_LIST_MAX = 50;

/** A range of events: instants [from, to) and the sites (already narrowed to the actor's safety:read sites). */
export interface EventRange {
  from: string;
  to: string;
  siteIds: 'all' | string[];
}

/** Every safety fact of the scope: action items and each area's (incidents, security log, drills, training, etiquette). */
export async function safetyFacts(ctx: Ctx, scope: SummaryScope): Promise<SummaryFact[]> {
  const areas = [incidentFacts, drillFacts, trainingFacts, etiquetteFacts, actionFacts];
  return (await Promise.all(areas.map((facts) => facts(ctx, scope)))).flat();
}

/** Action items due in the range (not cancelled), each at its due date's local midnight. */
export async function actionEvents(ctx: Ctx, range: EventRange): Promise<SafetyEventDto[]> {
  if (range.siteIds !== 'all' && !range.siteIds.length) return [];
  // every zone's local day of the range lies within a day of its UTC dates; the exact test follows
  let q = ctx.db
    .selectFrom('action_items as i')
    .innerJoin('sites as s', 's.id', 'i.site_id')
    .select(['i.id', 'i.site_id', 'i.owner_type', 'i.owner_id', 'i.kind', 'i.title', 'i.status', 'i.due_date', 'i.submitted_on'])
    .select(['s.name as site_name', 's.timezone as site_timezone'])
    .where('i.org_id', '=', ctx.actor.orgId)
    .where('i.status', '<>', 'cancelled')
    .where('i.due_date', '>=', addDays(range.from.slice(0, 10), -1))
    .where('i.due_date', '<=', addDays(range.to.slice(0, 10), 1))
    .orderBy('i.due_date')
    .orderBy('i.id');
  if (range.siteIds !== 'all') q = q.where('i.site_id', 'in', range.siteIds);
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  const rows = (await q.execute())
    .map((r) => ({ ...r, at: zonedDayStart(r.due_date, r.site_timezone) }))
    .filter((r) => r.at.getTime() >= from && r.at.getTime() < to);
  const owners = await ownerViews(ctx, rows);
  const today = new Map<string, string>();
  const now = ctx.clock.now();
  return rows.map((r) => {
    if (!today.has(r.site_timezone)) today.set(r.site_timezone, zonedDate(now, r.site_timezone));
    const { overdue } = actionTiming(r, today.get(r.site_timezone) as string);
    return {
      kind: 'action',
      id: r.id,
      siteId: r.site_id,
      siteName: r.site_name,
      at: r.at.toISOString(),
      endAt: null,
      title: r.title,
      type: r.kind,
      status: overdue ? 'overdue' : r.status,
      link: ownerOf(owners, r).link,
    };
  });
}

/** Every area's events of the range, by time. */
async function events(ctx: Ctx, range: EventRange): Promise<SafetyEventDto[]> {
  const all = (await Promise.all([drillEvents(ctx, range), trainingEvents(ctx, range), actionEvents(ctx, range)])).flat();
  return all.sort((a, b) => a.at.localeCompare(b.at) || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));
}

export interface PeriodQuery {
  from: string;
  to: string;
  siteId?: string[];
}

/** GET /safety/calendar: the period checked (at most 400 days), the sites the actor reads narrowed by `siteId`. */
export async function safetyCalendar(ctx: Ctx, q: PeriodQuery): Promise<SafetyCalendarDto> {
  const period = checkPeriod(q.from, q.to);
  if (Date.parse(period.to) - Date.parse(period.from) > MAX_CALENDAR_DAYS * DAY) {
    new FieldCheck().add('to', `日历一次最多查询 ${MAX_CALENDAR_DAYS} 天`).throwIfAny();
  }
  const siteIds = effectiveSites(ctx, await requestedSites(ctx, q.siteId));
  return { ...period, events: await events(ctx, { ...period, siteIds }) };
}

/** GET /safety/measures: every safety fact of the period and sites. */
export async function safetyMeasures(ctx: Ctx, q: PeriodQuery): Promise<SummaryFactsResponse> {
  const period = checkPeriod(q.from, q.to);
  const wanted = await requestedSites(ctx, q.siteId);
  const [facts, sites] = await Promise.all([
    safetyFacts(ctx, { siteIds: wanted, ...period }),
    scopeSites(ctx.db, ctx.actor.orgId, effectiveSites(ctx, wanted)),
  ]);
  return { scope: { ...period, sites }, generatedAt: ctx.clock.now().toISOString(), facts };
}

type CountField = Exclude<keyof SafetySiteCountsDto, 'siteId' | 'siteName' | 'spotCheckPassRate' | 'etiquetteAverage'>;

/** Which fact each count of the safety page shows (a missing fact counts 0, a missing rate null). */
const COUNT_FACTS: Record<CountField, string> = {
  incidents: 'incidents.total',
  incidentsAwaitingReview: 'incidents.awaiting_review',
  alerts: 'security.alerts',
  apprehended: 'security.apprehended',
  drillsDone: 'drills.done',
  drillsMissed: 'drills.missed',
  drillsPlanned: 'drills.planned',
  drillReportsFiled: 'drills.reports_filed',
  trainingSessions: 'training.sessions',
  trainingAttendance: 'training.attendance',
  spotCheckAttempts: 'training.spot_checks.attempts',
  etiquetteChecks: 'etiquette.checks',
  actionsOpen: 'actions.open',
  actionsOverdue: 'actions.overdue',
};
const RATE_FACTS = { spotCheckPassRate: 'training.spot_checks.pass_rate', etiquetteAverage: 'etiquette.average_score' } as const;

/** One site's counts (or the total, siteId null) read from the facts. */
export function countsFromFacts(facts: SummaryFact[], siteId: string | null, siteName: string): SafetySiteCountsDto {
  const byKey = new Map(facts.map((f) => [f.key, f]));
  const value = (key: string): number | null => {
    const fact = byKey.get(key);
    if (!fact) return null;
    return siteId === null ? fact.value : (fact.bySite?.find((s) => s.siteId === siteId)?.value ?? null);
  };
  const counts = Object.fromEntries(Object.entries(COUNT_FACTS).map(([field, key]) => [field, value(key) ?? 0])) as Record<
    CountField,
    number
  >;
  return {
    siteId,
    siteName,
    ...counts,
    spotCheckPassRate: value(RATE_FACTS.spotCheckPassRate),
    etiquetteAverage: value(RATE_FACTS.etiquetteAverage),
  };
}

/**
 * GET /safety/overview: the counts of the period per site and in total, the events of the
 * next 14 days still to happen or be done, and the overdue action items.
 */
export async function safetyOverview(ctx: Ctx, q: PeriodQuery): Promise<SafetyOverviewDto> {
  const period = checkPeriod(q.from, q.to);
  const wanted = await requestedSites(ctx, q.siteId);
  const siteIds = effectiveSites(ctx, wanted);
  const now = ctx.clock.now();
  // from a day back: today's action items sit at this morning's local midnight
  const ahead = {
    from: new Date(now.getTime() - DAY).toISOString(),
    to: new Date(now.getTime() + UPCOMING_DAYS * DAY).toISOString(),
    siteIds,
  };
  const [facts, sites, coming, overdue] = await Promise.all([
    safetyFacts(ctx, { siteIds: wanted, ...period }),
    scopeSites(ctx.db, ctx.actor.orgId, siteIds),
    events(ctx, ahead),
    overdueActions(ctx, siteIds),
  ]);
  return {
    ...period,
    total: countsFromFacts(facts, null, '合计'),
    sites: sites.map((s) => countsFromFacts(facts, s.id, s.name)),
    // still to come: an action item not yet done nor overdue, anything else not yet over
    upcoming: coming.filter((e) =>
      e.kind === 'action' ? e.status === 'open' || e.status === 'submitted' : (e.endAt ?? e.at) >= now.toISOString(),
    ),
    overdueActions: overdue,
  };
}

async function overdueActions(ctx: Ctx, siteIds: 'all' | string[]): Promise<ActionItemDto[]> {
  if (siteIds !== 'all' && !siteIds.length) return [];
  const page = await searchActionItems(ctx, {
    overdue: true,
    limit: OVERDUE_LIST_MAX,
    ...(siteIds !== 'all' && { siteId: siteIds }),
  });
  return page.items;
}
