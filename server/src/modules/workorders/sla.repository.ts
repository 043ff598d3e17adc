import type { Page } from '../../../../contracts/types.js';
import type { SlaKind } from '../../../../contracts/workorders.js';
import type { SiteScope } from '../../platform/access/actor.js';
import type { Db, Tx } from '../../platform/context.js';
import { matchesAny, ts } from '../../platform/db/dialect.js';
import type { Row } from '../../platform/db/schema.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';
import type { SiteHours } from './sla.calc.js';
import './schema.js';

export type SlaPolicyRow = Row<'sla_policies'>;
export type SlaPolicyListRow = SlaPolicyRow & { site_name: string | null };
export type TimerRow = Row<'work_order_timers'>;

export interface SlaPolicyFilter extends PageQuery {
  q?: string;
  id?: string;
  siteId?: string;
  /** only the organisation-wide policies (no site) */
  orgWide?: boolean;
  category?: string;
  urgency?: string;
  active?: boolean;
}

const SORT: SortSpec = { columns: { name: 'p.name', createdAt: 'p.created_at', id: 'p.id' }, default: 'name', id: 'p.id' };

export function findPolicy(db: Db | Tx, orgId: string, id: string): Promise<SlaPolicyRow | undefined> {
  return db.selectFrom('sla_policies').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

/** Policies the actor may see: organisation-wide ones, and those of sites in `scope`. */
export function listPolicies(db: Db, orgId: string, scope: SiteScope, f: SlaPolicyFilter): Promise<Page<SlaPolicyListRow>> {
  let q = db
    .selectFrom('sla_policies as p')
    .leftJoin('sites as s', 's.id', 'p.site_id')
    .selectAll('p')
    .select('s.name as site_name')
    .where('p.org_id', '=', orgId);
  if (scope !== 'all') q = q.where((eb) => eb.or([eb('p.site_id', 'is', null), ...(scope.length ? [eb('p.site_id', 'in', scope)] : [])]));
  if (f.id) q = q.where('p.id', '=', f.id);
  if (f.siteId) q = q.where('p.site_id', '=', f.siteId);
  if (f.orgWide) q = q.where('p.site_id', 'is', null);
  if (f.category) q = q.where('p.category', '=', f.category);
  if (f.urgency) q = q.where('p.urgency', '=', f.urgency);
  if (f.active !== undefined) q = q.where('p.active', '=', f.active ? 1 : 0);
  if (f.q) q = q.where(matchesAny(db, ['p.name'], f.q));
  return keysetPage<SlaPolicyListRow>(q, SORT, f, (r, key) => (key === 'createdAt' ? r.created_at : key === 'id' ? r.id : r.name));
}

/** Active policies that could apply to an order of this site (the calc picks the most specific). */
export function candidatePolicies(db: Db | Tx, orgId: string, siteId: string): Promise<SlaPolicyRow[]> {
  return db
    .selectFrom('sla_policies')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('active', '=', 1)
    .where((eb) => eb.or([eb('site_id', 'is', null), eb('site_id', '=', siteId)]))
    .execute();
}

export function countPolicies(db: Db | Tx, orgId: string): Promise<number> {
  return db
    .selectFrom('sla_policies')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

export async function siteHours(db: Db | Tx, siteId: string): Promise<SiteHours> {
  const s = await db.selectFrom('sites').select(['timezone', 'opening_hours']).where('id', '=', siteId).executeTakeFirstOrThrow();
  return { timeZone: s.timezone, openingHours: s.opening_hours };
}

export async function siteHoursMany(db: Db | Tx, siteIds: string[]): Promise<Map<string, SiteHours>> {
  if (!siteIds.length) return new Map();
  const rows = await db.selectFrom('sites').select(['id', 'timezone', 'opening_hours']).where('id', 'in', siteIds).execute();
  return new Map(rows.map((s) => [s.id, { timeZone: s.timezone, openingHours: s.opening_hours }]));
}

export async function policiesByIds(db: Db | Tx, ids: string[]): Promise<Map<string, SlaPolicyRow>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('sla_policies').selectAll().where('id', 'in', ids).execute();
  return new Map(rows.map((p) => [p.id, p]));
}

export function timersOfOrder(db: Db | Tx, workOrderId: string): Promise<TimerRow[]> {
  return db.selectFrom('work_order_timers').selectAll().where('work_order_id', '=', workOrderId).execute();
}

/** The steps of the log that move the resolution clock (reopen / reject, pause / resume). */
export function clockEvents(db: Db | Tx, workOrderId: string) {
  return db
    .selectFrom('work_order_events')
    .select(['at', 'action'])
    .where('work_order_id', '=', workOrderId)
    .where('action', 'in', ['pause', 'resume', 'reopen', 'reject'])
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export async function upsertTimer(tx: Tx, row: TimerRow, exists: boolean): Promise<void> {
  if (!exists) {
    await tx.insertInto('work_order_timers').values(row).execute();
    return;
  }
  const { work_order_id, kind, ...rest } = row;
  await tx.updateTable('work_order_timers').set(rest).where('work_order_id', '=', work_order_id).where('kind', '=', kind).execute();
}

export async function deleteTimer(tx: Tx, workOrderId: string, kind: SlaKind): Promise<void> {
  await tx.deleteFrom('work_order_timers').where('work_order_id', '=', workOrderId).where('kind', '=', kind).execute();
}

export async function setOrderPolicy(tx: Tx, workOrderId: string, policyId: string | null): Promise<void> {
  await tx.updateTable('work_orders').set({ sla_policy_id: policyId }).where('id', '=', workOrderId).execute();
}

export interface DueTimer {
  work_order_id: string;
  kind: SlaKind;
  org_id: string;
  due_at: string;
}

/**
 * Open timers whose warning (or deadline) time has come and that nobody has warned
 * (or escalated) yet. The deadline of an order paused under a policy that excludes
 * pauses is frozen, so it is left alone until work resumes.
 */
export function dueTimers(db: Db, stage: 'warn' | 'breach', now: string, limit: number): Promise<DueTimer[]> {
  let q = db
    .selectFrom('work_order_timers as t')
    .innerJoin('work_orders as w', 'w.id', 't.work_order_id')
    .leftJoin('sla_policies as p', 'p.id', 'w.sla_policy_id')
    .select(['t.work_order_id', 't.kind', 't.org_id', 't.due_at'])
    .where('t.met_at', 'is', null)
    .where('t.breached_at', 'is', null)
    .where((eb) => eb.or([eb('w.paused_at', 'is', null), eb('t.kind', '!=', 'resolution'), eb('p.exclude_paused', '=', 0)]));
  q =
    stage === 'warn'
      ? q.where('t.warned_at', 'is', null).where('t.warn_at', 'is not', null).where('t.warn_at', '<=', ts(db, now))
      : q.where('t.due_at', '<=', ts(db, now));
  return q.orderBy('t.due_at').orderBy('t.work_order_id').limit(limit).execute();
}

/**
 * Claims one warning or escalation: the update succeeds for exactly one caller, however
 * many server processes run the tick at once (the row lock on PostgreSQL, the single
 * writer on SQLite, and the `is null` condition re-checked after either). It must be the
 * first statement of its transaction: on SQLite a transaction that read first cannot
 * take the write lock once another process has written (SQLITE_BUSY, no waiting).
 * A warning is never claimed for a deadline another process has already escalated: one
 * process alone never warns after a breach (breaches are handled first in each tick).
 */
export async function claimTimer(tx: Tx, t: DueTimer, stage: 'warn' | 'breach', now: string): Promise<boolean> {
  let q = tx
    .updateTable('work_order_timers')
    .set(stage === 'warn' ? { warned_at: now } : { breached_at: now })
    .where('work_order_id', '=', t.work_order_id)
    .where('kind', '=', t.kind)
    .where('met_at', 'is', null)
    .where('breached_at', 'is', null);
  if (stage === 'warn') q = q.where('warned_at', 'is', null).where('warn_at', '<=', ts(tx, now));
  else q = q.where('due_at', '<=', ts(tx, now));
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * The order's team leader. The one place this module reads an org table directly: the
 * org module's getTeam needs a request actor and reads outside the caller's transaction.
 */
export async function teamLeaderId(db: Db | Tx, teamId: string | null): Promise<string | null> {
  if (!teamId) return null;
  const team = await db.selectFrom('teams').select('leader_id').where('id', '=', teamId).executeTakeFirst();
  return team?.leader_id ?? null;
}

/**
 * Claims an order for auto-acceptance: a conditional update that changes nothing but
 * locks the row, so it is the transaction's first write. On PostgreSQL a second process
 * waits for the first to commit, re-checks `status = resolved` and gets no row (it never
 * reaches the version check); on SQLite the write lock is taken before anything is read,
 * so a transaction never holds a snapshot another process has written past.
 */
export async function claimAutoAcceptance(tx: Tx, orgId: string, id: string, resolvedBefore: string): Promise<boolean> {
  const res = await tx
    .updateTable('work_orders')
    .set((eb) => ({ version: eb.ref('version') }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('status', '=', 'resolved')
    .where('resolved_at', '<=', ts(tx, resolvedBefore))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Orders waiting for acceptance since before `resolvedBefore`, per organisation. */
export function ordersToAutoAccept(db: Db, orgId: string, resolvedBefore: string, limit: number) {
  return db
    .selectFrom('work_orders')
    .select(['id'])
    .where('org_id', '=', orgId)
    .where('status', '=', 'resolved')
    .where('resolved_at', '<=', ts(db, resolvedBefore))
    .orderBy('resolved_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export function allSettings(db: Db) {
  return db.selectFrom('work_order_settings').select(['org_id', 'auto_accept_days']).execute();
}
