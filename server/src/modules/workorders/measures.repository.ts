import { type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import './schema.js';

/**
 * The queries behind the work-order measures: one grouped query per family of figures,
 * each grouped by site so that totals are sums over sites. Time differences (MTTR,
 * backlog age) are computed in JavaScript over narrow rows, because date arithmetic is
 * engine-specific and dialect.ts has no epoch helper yet.
 */
export interface MeasureScope {
  orgId: string;
  /** 'all' or the site ids the figures cover (already narrowed to what the actor reads) */
  sites: 'all' | string[];
  from: string;
  to: string;
  /**
   * a department: only orders whose assignee (the technician responsible) is on its staff
   * (users.department_id) count — unassigned orders have no department and drop out
   */
  departmentId?: string | null;
}

type Eb = ExpressionBuilder<Database & { w: Database['work_orders'] }, 'w'>;

/** The one where-clause of every measure query: the organisation, the sites, the department. */
function inScope(eb: Eb, s: MeasureScope) {
  if (s.sites !== 'all' && !s.sites.length) return sql<SqlBool>`1 = 0`;
  const where = [eb('w.org_id', '=', s.orgId)];
  if (s.sites !== 'all') where.push(eb('w.site_id', 'in', s.sites));
  if (s.departmentId) {
    const staff = eb
      .selectFrom('users as du')
      .select('du.id')
      .where('du.org_id', '=', s.orgId)
      .where('du.department_id', '=', s.departmentId);
    where.push(eb('w.assignee_id', 'in', staff));
  }
  // without a department the clause stays what it was: one comparison, or two joined by and
  return where.length === 1 ? (where[0] as (typeof where)[number]) : eb.and(where);
}

const n = (v: unknown) => Number(v ?? 0);

export interface ReceivedRow {
  siteId: string;
  channel: string;
  category: string;
  count: number;
}

/** Requests received in the period (created_at), by site × channel × category. */
export async function receivedCounts(db: Db, s: MeasureScope): Promise<ReceivedRow[]> {
  const rows = await db
    .selectFrom('work_orders as w')
    .select(['w.site_id', 'w.channel', 'w.category', (eb) => eb.fn.countAll<number>().as('n')])
    .where((eb) => inScope(eb as unknown as Eb, s))
    .where('w.created_at', '>=', s.from)
    .where('w.created_at', '<', s.to)
    .groupBy(['w.site_id', 'w.channel', 'w.category'])
    .execute();
  return rows.map((r) => ({ siteId: r.site_id, channel: r.channel, category: r.category, count: n(r.n) }));
}

export interface ResolvedRow {
  siteId: string;
  resolved: number;
  reworked: number;
}

/** Work finished (resolved_at) in the period, and how many of those were reworked at least once. */
export async function resolvedCounts(db: Db, s: MeasureScope): Promise<ResolvedRow[]> {
  const rows = await db
    .selectFrom('work_orders as w')
    .select([
      'w.site_id',
      (eb) => eb.fn.countAll<number>().as('resolved'),
      sql<number>`coalesce(sum(case when w.rework_count > 0 then 1 else 0 end), 0)`.as('reworked'),
    ])
    .where((eb) => inScope(eb as unknown as Eb, s))
    .where('w.resolved_at', '>=', s.from)
    .where('w.resolved_at', '<', s.to)
    .groupBy('w.site_id')
    .execute();
  return rows.map((r) => ({ siteId: r.site_id, resolved: n(r.resolved), reworked: n(r.reworked) }));
}

export interface TimerRow {
  siteId: string;
  kind: 'response' | 'arrival' | 'resolution';
  decided: number;
  onTime: number;
}

const ON_TIME = sql<number>`coalesce(sum(case when t.met_at is not null and t.met_at <= t.due_at and t.breached_at is null then 1 else 0 end), 0)`;
/**
 * Resolution on time also needs no earlier breach: rework starts a new deadline and
 * clears the timer's breach, but the late first repair stays a fact in the event log.
 */
const RESOLVED_ON_TIME = sql<number>`coalesce(sum(case when t.met_at is not null and t.met_at <= t.due_at and t.breached_at is null
  and not exists (select 1 from work_order_events e where e.work_order_id = w.id and e.action = 'sla_breach'
    and e.data like '%"kind":"resolution"%') then 1 else 0 end), 0)`;

/**
 * Deadline outcomes. Resolution: orders finished in the period that carry a resolution
 * timer. Response and arrival: orders received in the period whose timer is decided —
 * met, or breached while still running.
 */
export async function timerCounts(db: Db, s: MeasureScope): Promise<TimerRow[]> {
  const resolution = await db
    .selectFrom('work_orders as w')
    .innerJoin('work_order_timers as t', (j) => j.onRef('t.work_order_id', '=', 'w.id').on('t.kind', '=', 'resolution'))
    .select(['w.site_id', (eb) => eb.fn.countAll<number>().as('decided'), RESOLVED_ON_TIME.as('on_time')])
    .where((eb) => inScope(eb as unknown as Eb, s))
    .where('w.resolved_at', '>=', s.from)
    .where('w.resolved_at', '<', s.to)
    .groupBy('w.site_id')
    .execute();
  const early = await db
    .selectFrom('work_orders as w')
    .innerJoin('work_order_timers as t', 't.work_order_id', 'w.id')
    .select(['w.site_id', 't.kind', (eb) => eb.fn.countAll<number>().as('decided'), ON_TIME.as('on_time')])
    .where((eb) => inScope(eb as unknown as Eb, s))
    .where('w.created_at', '>=', s.from)
    .where('w.created_at', '<', s.to)
    .where('t.kind', 'in', ['response', 'arrival'])
    // cancelling closes running timers; that is not a deadline met
    .where('w.status', '!=', 'cancelled')
    .where((eb) => eb.or([eb('t.met_at', 'is not', null), eb('t.breached_at', 'is not', null)]))
    .groupBy(['w.site_id', 't.kind'])
    .execute();
  return [
    ...resolution.map((r) => ({ siteId: r.site_id, kind: 'resolution' as const, decided: n(r.decided), onTime: n(r.on_time) })),
    ...early.map((r) => ({ siteId: r.site_id, kind: r.kind, decided: n(r.decided), onTime: n(r.on_time) })),
  ];
}

export interface RepairSpan {
  siteId: string;
  createdAt: string;
  resolvedAt: string;
}

/** Asset repairs finished in the period: the rows MTTR averages over. */
export async function assetRepairSpans(db: Db, s: MeasureScope): Promise<RepairSpan[]> {
  const rows = await db
    .selectFrom('work_orders as w')
    .select(['w.site_id', 'w.created_at', 'w.resolved_at'])
    .where((eb) => inScope(eb as unknown as Eb, s))
    .where('w.resolved_at', '>=', s.from)
    .where('w.resolved_at', '<', s.to)
    .where('w.asset_id', 'is not', null)
    .where('w.kind', '!=', 'maintenance')
    .execute();
  return rows.map((r) => ({ siteId: r.site_id, createdAt: r.created_at, resolvedAt: r.resolved_at as string }));
}

export interface LabourRow {
  siteId: string;
  allMinutes: number;
  effectiveMinutes: number;
}

/** Labour logged in the period (its start, or when it was entered if it has none), by the order's site. */
export async function labourMinutes(db: Db, s: MeasureScope): Promise<LabourRow[]> {
  const rows = await db
    .selectFrom('work_order_labour as l')
    .innerJoin('work_orders as w', 'w.id', 'l.work_order_id')
    .select([
      'w.site_id',
      sql<number>`coalesce(sum(l.minutes), 0)`.as('all_minutes'),
      sql<number>`coalesce(sum(case when l.kind = 'effective' then l.minutes else 0 end), 0)`.as('effective_minutes'),
    ])
    .where((eb) => inScope(eb as unknown as Eb, s))
    .where('l.deleted_at', 'is', null)
    .where(sql`coalesce(l.started_at, l.created_at)`, '>=', s.from)
    .where(sql`coalesce(l.started_at, l.created_at)`, '<', s.to)
    .groupBy('w.site_id')
    .execute();
  return rows.map((r) => ({ siteId: r.site_id, allMinutes: n(r.all_minutes), effectiveMinutes: n(r.effective_minutes) }));
}

export interface StandardRow {
  siteId: string;
  standardMinutes: number;
  effectiveMinutes: number;
}

/**
 * Orders finished in the period whose category has an active standard time and that have
 * effective labour logged: standard minutes against the effective minutes actually spent.
 */
export async function standardVsActual(db: Db, s: MeasureScope): Promise<StandardRow[]> {
  // effective minutes summed per order of the period only (a correlated subquery on the
  // labour index), not over every order's labour ever logged
  const perOrder = db
    .selectFrom('work_orders as w')
    .innerJoin('work_standards as ws', (j) =>
      j.onRef('ws.org_id', '=', 'w.org_id').onRef('ws.category', '=', 'w.category').on('ws.active', '=', 1),
    )
    .select((eb) => [
      'w.site_id',
      'ws.standard_minutes as standard',
      eb
        .selectFrom('work_order_labour as l')
        .select(sql<number>`sum(l.minutes)`.as('m'))
        .whereRef('l.work_order_id', '=', 'w.id')
        .where('l.deleted_at', 'is', null)
        .where('l.kind', '=', 'effective')
        .as('minutes'),
    ])
    .where((eb) => inScope(eb as unknown as Eb, s))
    .where('w.resolved_at', '>=', s.from)
    .where('w.resolved_at', '<', s.to)
    .as('o');
  const rows = await db
    .selectFrom(perOrder)
    .select(['o.site_id', sql<number>`sum(o.standard)`.as('standard'), sql<number>`sum(o.minutes)`.as('effective')])
    .where('o.minutes', '>', 0)
    .groupBy('o.site_id')
    .execute();
  return rows.map((r) => ({ siteId: r.site_id, standardMinutes: n(r.standard), effectiveMinutes: n(r.effective) }));
}

export interface RatingRow {
  siteId: string;
  /** the repair category: the rows add up per category as well as per site */
  category: string;
  rated: number;
  /** sum over rated orders of attitude + quality + efficiency */
  points: number;
}

/** Ratings given in the period (rated_at), by site × repair category. */
export async function ratingSums(db: Db, s: MeasureScope): Promise<RatingRow[]> {
  const rows = await db
    .selectFrom('work_orders as w')
    .select([
      'w.site_id',
      'w.category',
      (eb) => eb.fn.countAll<number>().as('rated'),
      sql<number>`coalesce(sum(w.rating_attitude + w.rating_quality + w.rating_efficiency), 0)`.as('points'),
    ])
    .where((eb) => inScope(eb as unknown as Eb, s))
    .where('w.rated_at', '>=', s.from)
    .where('w.rated_at', '<', s.to)
    .where('w.rating_attitude', 'is not', null)
    .where('w.rating_quality', 'is not', null)
    .where('w.rating_efficiency', 'is not', null)
    .groupBy(['w.site_id', 'w.category'])
    .execute();
  return rows.map((r) => ({ siteId: r.site_id, category: r.category, rated: n(r.rated), points: n(r.points) }));
}

export interface BacklogOrder {
  siteId: string;
  createdAt: string;
  category: string;
}

/**
 * Orders open as of instant `at` (events at `at` included): received by then and
 * neither finished nor cancelled by then. With `at` = now this is exactly the open list.
 */
export async function openOrdersAt(db: Db, s: MeasureScope, at: string): Promise<BacklogOrder[]> {
  const rows = await db
    .selectFrom('work_orders as w')
    .select(['w.site_id', 'w.created_at', 'w.category'])
    .where((eb) => inScope(eb as unknown as Eb, s))
    .where('w.created_at', '<=', at)
    .where((eb) => eb.or([eb('w.resolved_at', 'is', null), eb('w.resolved_at', '>', at)]))
    .where((eb) => eb.or([eb('w.cancelled_at', 'is', null), eb('w.cancelled_at', '>', at)]))
    .execute();
  return rows.map((r) => ({ siteId: r.site_id, createdAt: r.created_at, category: r.category }));
}

export interface OverdueRow {
  siteId: string;
  count: number;
}

/**
 * Orders open as of instant `at` (as openOrdersAt) with a deadline breached and still
 * running then: a timer breached by `at` and not met (nor closed by a cancellation)
 * before it. With `at` = now this is the work-order list's `overdue` filter (a timer
 * with breached_at and no met_at) over the open statuses. A past instant is read from
 * the timers as they are now: a resolution timer restarted by a later reopen has lost
 * its earlier breach (the sla_breach event keeps it), as the backlog reads resolved_at
 * as it is now.
 */
export async function overdueCounts(db: Db, s: MeasureScope, at: string): Promise<OverdueRow[]> {
  const rows = await db
    .selectFrom('work_orders as w')
    .select(['w.site_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where((eb) => inScope(eb as unknown as Eb, s))
    .where('w.created_at', '<=', at)
    .where((eb) => eb.or([eb('w.resolved_at', 'is', null), eb('w.resolved_at', '>', at)]))
    .where((eb) => eb.or([eb('w.cancelled_at', 'is', null), eb('w.cancelled_at', '>', at)]))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('work_order_timers as t')
          .select('t.kind')
          .whereRef('t.work_order_id', '=', 'w.id')
          .where('t.breached_at', '<=', at)
          .where((tb) => tb.or([tb('t.met_at', 'is', null), tb('t.met_at', '>', at)])),
      ),
    )
    .groupBy('w.site_id')
    .execute();
  return rows.map((r) => ({ siteId: r.site_id, count: n(r.n) }));
}

/** Active standard minutes per repair category. */
export async function standardMinutes(db: Db, orgId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('work_standards')
    .select(['category', 'standard_minutes'])
    .where('org_id', '=', orgId)
    .where('active', '=', 1)
    .execute();
  return new Map(rows.map((r) => [r.category, n(r.standard_minutes)]));
}
