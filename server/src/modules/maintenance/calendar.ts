import type {
  CalendarMonth,
  MaintenanceCalendarResponse,
  MaintenanceCalendarRow,
  MaintenanceProgressResponse,
  PlanSystem,
} from '../../../../contracts/maintenance.js';
import type { Recurrence } from '../../../../contracts/occurrences.js';
import { inScope, siteScope } from '../../platform/access/actor.js';
import type { Ctx, Db } from '../../platform/context.js';
import { notFound } from '../../platform/http/errors.js';
import { siteTimeZone, zonedParts } from '../../platform/numbering/time.js';
import { nextFloatingDue, occurrencesBetween } from '../../platform/occurrences/recurrence.js';
import { countStored, emptyYear, monthIndex, monthStarts, sumYears, yearTotal } from './measures.formulas.js';
import { PLAN_OWNER } from './schedule.js';
import './schema.js';

/**
 * The annual maintenance calendar (年度保养计划表) and plan-versus-done progress: every
 * plan's occurrences counted into the local months of its site. Stored occurrences give
 * what happened; beyond the generation horizon the schedule's rule is projected the way
 * the engine will generate it (same rule, zone and holidays), so a full future year shows
 * everything planned for it.
 */

/** a daily rule with several times of day stays far below this; it only stops a runaway floating chain */
const MAX_PROJECTED = 5000;

type ProjectionOpts = { timeZone: string; holidays?: ReadonlySet<string> };

interface SiteRow {
  id: string;
  name: string;
  timezone: string;
  active: number;
}

interface PlanCalendar {
  planId: string;
  planName: string;
  system: PlanSystem;
  siteId: string;
  months: CalendarMonth[];
}

/**
 * Every plan of the sites with its 12 months of `year`, each site in its own zone. A plan
 * inactive all year without an occurrence in it is left out.
 */
async function planCalendars(db: Db, orgId: string, sites: SiteRow[], year: number, now: Date): Promise<PlanCalendar[]> {
  if (!sites.length) return [];
  const siteIds = sites.map((s) => s.id);
  const starts = new Map(sites.map((s) => [s.id, monthStarts(year, s.timezone)]));
  const bounds = [...starts.values()];
  const lower = new Date(Math.min(...bounds.map((b) => b[0] as number))).toISOString();
  const upper = new Date(Math.max(...bounds.map((b) => b[12] as number))).toISOString();

  const [plans, schedules, stored, holidays] = await Promise.all([
    db
      .selectFrom('maintenance_plans')
      .select(['id', 'site_id', 'name', 'system', 'active'])
      .where('org_id', '=', orgId)
      .where('site_id', 'in', siteIds)
      .execute(),
    db
      .selectFrom('schedules')
      .select(['id', 'owner_id', 'site_id', 'recurrence', 'active', 'generated_until', 'last_completed_at'])
      .where('org_id', '=', orgId)
      .where('owner_type', '=', PLAN_OWNER)
      .where('site_id', 'in', siteIds)
      .execute(),
    db
      .selectFrom('occurrences')
      .select(['owner_id', 'site_id', 'schedule_id', 'due_at', 'window_end_at', 'status', 'done_at', 'missed_at'])
      .where('owner_type', '=', PLAN_OWNER)
      .where('site_id', 'in', siteIds)
      .where('org_id', '=', orgId)
      .where('due_at', '>=', lower)
      .where('due_at', '<', upper)
      .execute(),
    db.selectFrom('site_holidays').select(['site_id', 'date']).where('site_id', 'in', siteIds).execute(),
  ]);

  const months = new Map<string, CalendarMonth[]>();
  const monthsOf = (planId: string) => {
    const m = months.get(planId) ?? emptyYear();
    months.set(planId, m);
    return m;
  };
  const storedDue = new Map<string, Set<number>>();
  const withOccurrence = new Set<string>();
  for (const o of stored) {
    const due = Date.parse(o.due_at);
    const scheduleDue = storedDue.get(o.schedule_id) ?? new Set<number>();
    scheduleDue.add(due);
    storedDue.set(o.schedule_id, scheduleDue);
    const i = monthIndex(due, starts.get(o.site_id) ?? []);
    if (i < 0) continue;
    withOccurrence.add(o.owner_id);
    countStored(monthsOf(o.owner_id)[i] as CalendarMonth, {
      status: o.status,
      dueAt: o.due_at,
      windowEndAt: o.window_end_at,
      doneAt: o.done_at,
      missedAt: o.missed_at,
    });
  }

  const holidaysOf = new Map<string, Set<string>>();
  for (const h of holidays) {
    const set = holidaysOf.get(h.site_id) ?? new Set<string>();
    set.add(h.date);
    holidaysOf.set(h.site_id, set);
  }
  const activePlans = new Set(plans.filter((p) => p.active).map((p) => p.id));
  const openDue = schedules.some((s) => s.active && isFloating(s.recurrence))
    ? await latestOpenDue(db, orgId, siteIds)
    : new Map<string, string>();
  const zone = new Map(sites.map((s) => [s.id, s.timezone]));

  // the same rule in the same zone (plans seeded alike on every site) is computed once: zoned instants are the cost
  const years = new Map<string, Date[]>();
  const ruleYear = (siteId: string, json: string, rule: Recurrence, opts: ProjectionOpts, siteStarts: number[]) => {
    const key = `${opts.timeZone}|${rule.skipHolidays ? siteId : ''}|${json}`;
    const year =
      years.get(key) ??
      occurrencesBetween(rule, { from: new Date(siteStarts[0] as number), to: new Date(siteStarts[12] as number), ...opts });
    years.set(key, year);
    return year;
  };

  for (const s of schedules) {
    if (!s.active || !activePlans.has(s.owner_id)) continue;
    const rule = JSON.parse(s.recurrence) as Recurrence | null;
    // meter plans have no calendar: their occurrences exist once a reading reaches the interval
    if (!rule) continue;
    const siteStarts = starts.get(s.site_id) ?? [];
    const timeZone = zone.get(s.site_id) ?? 'Asia/Shanghai';
    const opts: ProjectionOpts = { timeZone, holidays: holidaysOf.get(s.site_id) };
    const known = storedDue.get(s.id) ?? new Set<number>();
    const projected =
      rule.anchor === 'floating'
        ? projectFloating(rule, opts, s.last_completed_at, openDue.get(s.id) ?? null, now, siteStarts[12] as number)
        : projectCalendar(() => ruleYear(s.site_id, s.recurrence, rule, opts, siteStarts), s.generated_until, now, siteStarts);
    for (const at of projected) {
      const ms = at.getTime();
      if (known.has(ms)) continue;
      const i = monthIndex(ms, siteStarts);
      if (i >= 0) (monthsOf(s.owner_id)[i] as CalendarMonth).planned++;
    }
  }

  return plans
    .filter((p) => p.active || withOccurrence.has(p.id))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id))
    .map((p) => ({ planId: p.id, planName: p.name, system: p.system, siteId: p.site_id, months: monthsOf(p.id) }));
}

function isFloating(recurrence: string): boolean {
  return (JSON.parse(recurrence) as Recurrence | null)?.anchor === 'floating';
}

/** The due time of each schedule's open occurrence on the sites (a floating schedule has at most one). */
async function latestOpenDue(db: Db, orgId: string, siteIds: string[]): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('occurrences')
    .select(['schedule_id', (eb) => eb.fn.max('due_at').as('due')])
    .where('owner_type', '=', PLAN_OWNER)
    .where('org_id', '=', orgId)
    .where('site_id', 'in', siteIds)
    .where('status', '=', 'open')
    .groupBy('schedule_id')
    .execute();
  return new Map(rows.filter((r) => r.due).map((r) => [r.schedule_id, String(r.due)]));
}

/**
 * A calendar rule beyond what is generated: the engine continues from `generated_until`
 * (from now for a schedule not generated yet), so the projection starts there too.
 * `yearOf` gives the rule's whole year, shared by the schedules with the same rule and zone.
 */
function projectCalendar(yearOf: () => Date[], generatedUntil: string | null, now: Date, starts: number[]): Date[] {
  const from = Math.max(starts[0] as number, generatedUntil ? Date.parse(generatedUntil) : now.getTime());
  if (from >= (starts[12] as number)) return [];
  return yearOf().filter((d) => d.getTime() >= from);
}

/**
 * A floating rule falls due `interval` after each completion, so its future is a guess:
 * each next one as if the one before were done when due (or now, when it is already due).
 * Without an open occurrence the engine's next generation is projected first.
 */
function projectFloating(
  rule: Recurrence,
  opts: ProjectionOpts,
  lastCompletedAt: string | null,
  openDue: string | null,
  now: Date,
  until: number,
): Date[] {
  const out: Date[] = [];
  let prev: Date | null = openDue ? new Date(openDue) : nextFloatingDue(rule, lastCompletedAt ? new Date(lastCompletedAt) : null, opts);
  if (prev && !openDue) out.push(prev);
  while (prev && prev.getTime() < until && out.length < MAX_PROJECTED) {
    const next = nextFloatingDue(rule, new Date(Math.max(prev.getTime(), now.getTime())), opts);
    if (!next || next.getTime() <= prev.getTime()) break;
    out.push(next);
    prev = next;
  }
  return out;
}

async function siteRows(db: Db, orgId: string, ids: 'all' | string[]): Promise<SiteRow[]> {
  if (ids !== 'all' && !ids.length) return [];
  let q = db.selectFrom('sites').select(['id', 'name', 'timezone', 'active']).where('org_id', '=', orgId).orderBy('code');
  if (ids !== 'all') q = q.where('id', 'in', ids);
  return q.execute();
}

const currentYear = (now: Date, timeZone: string) => zonedParts(now, timeZone).year;

export interface CalendarQuery {
  siteId: string;
  year?: number;
}

/** GET /maintenance/calendar: one site's plans × 12 local months; a site outside the reader's scope is 404. */
export async function maintenanceCalendar(ctx: Ctx, q: CalendarQuery): Promise<MaintenanceCalendarResponse> {
  if (!inScope(siteScope(ctx.actor, 'maintenance:read'), q.siteId)) throw notFound('场所');
  const [site] = await siteRows(ctx.db, ctx.actor.orgId, [q.siteId]);
  if (!site) throw notFound('场所');
  const now = ctx.clock.now();
  const year = q.year ?? currentYear(now, site.timezone);
  const plans = await planCalendars(ctx.db, ctx.actor.orgId, [site], year, now);
  const rows: MaintenanceCalendarRow[] = plans.map((p) => ({ planId: p.planId, planName: p.planName, system: p.system, months: p.months }));
  return { siteId: site.id, siteName: site.name, year, plans: rows, totals: sumYears(rows.map((r) => r.months)) };
}

export interface ProgressQuery {
  year?: number;
  siteId?: string[];
}

/**
 * GET /maintenance/progress: the calendar's counts per site and month over the reader's
 * sites (narrowed by `siteId`; a site outside them is 404), each site in its own zone;
 * the default year is the organisation's current one. A closed site appears only when it
 * has maintenance in the year.
 */
export async function maintenanceProgress(ctx: Ctx, q: ProgressQuery): Promise<MaintenanceProgressResponse> {
  const readable = siteScope(ctx.actor, 'maintenance:read');
  const wanted = q.siteId?.length ? [...new Set(q.siteId)] : null;
  if (wanted?.some((id) => !inScope(readable, id))) throw notFound('场所');
  const sites = await siteRows(ctx.db, ctx.actor.orgId, wanted ?? readable);
  if (wanted && sites.length !== wanted.length) throw notFound('场所');
  const now = ctx.clock.now();
  const year = q.year ?? currentYear(now, await siteTimeZone(ctx.db, ctx.actor.orgId, null));
  const plans = await planCalendars(ctx.db, ctx.actor.orgId, sites, year, now);
  const out: MaintenanceProgressResponse['sites'] = [];
  for (const s of sites) {
    const months = sumYears(plans.filter((p) => p.siteId === s.id).map((p) => p.months));
    const total = yearTotal(months);
    if (!s.active && total.planned === 0) continue;
    out.push({ siteId: s.id, siteName: s.name, months, total });
  }
  return { year, sites: out, total: yearTotal(out.map((s) => s.total)) };
}
