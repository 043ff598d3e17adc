import type { PatrolKind } from '../../../../contracts/patrols.js';
import type { Page } from '../../../../contracts/types.js';
import type { SiteScope } from '../../platform/access/actor.js';
import type { Db, Tx } from '../../platform/context.js';
import { matchesAny } from '../../platform/db/dialect.js';
import type { Row } from '../../platform/db/schema.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';
import { PLAN_OWNER, type PlanRow } from './schedule.js';
import './schema.js';

export type PointRow = Row<'patrol_points'>;

export type PlanListRow = PlanRow & {
  site_name: string;
  site_timezone: string;
  site_opening_hours: string | null;
  assignee_user_name: string | null;
  assignee_team_name: string | null;
  supervisor_name: string | null;
  recurrence: string | null;
};

export interface PlanFilter extends PageQuery {
  siteId?: string | string[];
  level?: string;
  kind?: PatrolKind;
  active?: boolean;
  q?: string;
}

const SORT: SortSpec = {
  columns: { name: 'p.name', createdAt: 'p.created_at', updatedAt: 'p.updated_at', id: 'p.id' },
  default: 'name',
  id: 'p.id',
};

const SORT_VALUE: Record<string, (r: PlanListRow) => unknown> = {
  name: (r) => r.name,
  createdAt: (r) => r.created_at,
  updatedAt: (r) => r.updated_at,
  id: (r) => r.id,
};

function baseQuery(db: Db | Tx, orgId: string) {
  return db
    .selectFrom('patrol_plans as p')
    .innerJoin('sites as s', 's.id', 'p.site_id')
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'p.assignee_id').on('p.assignee_type', '=', 'user'))
    .leftJoin('teams as tm', (j) => j.onRef('tm.id', '=', 'p.assignee_id').on('p.assignee_type', '=', 'team'))
    .leftJoin('users as sv', 'sv.id', 'p.supervisor_id')
    .leftJoin('schedules as sc', (j) => j.onRef('sc.owner_id', '=', 'p.id').on('sc.owner_type', '=', PLAN_OWNER))
    .selectAll('p')
    .select([
      's.name as site_name',
      's.timezone as site_timezone',
      's.opening_hours as site_opening_hours',
      'u.name as assignee_user_name',
      'tm.name as assignee_team_name',
      'sv.name as supervisor_name',
      'sc.recurrence as recurrence',
    ])
    .where('p.org_id', '=', orgId);
}

export function findPlan(db: Db | Tx, orgId: string, id: string): Promise<PlanListRow | undefined> {
  return baseQuery(db, orgId).where('p.id', '=', id).executeTakeFirst();
}

/** The site of one of the organisation's plans, null when it has none by that id: other modules check a route they are given by it. */
export async function patrolPlanSite(db: Db | Tx, orgId: string, planId: string): Promise<string | null> {
  const row = await db.selectFrom('patrol_plans').select('site_id').where('org_id', '=', orgId).where('id', '=', planId).executeTakeFirst();
  return row?.site_id ?? null;
}

export function listPlans(db: Db, orgId: string, scope: SiteScope, f: PlanFilter): Promise<Page<PlanListRow>> {
  let q = baseQuery(db, orgId);
  if (scope !== 'all') q = scope.length ? q.where('p.site_id', 'in', scope) : q.where('p.id', '=', '');
  if (typeof f.siteId === 'string') q = q.where('p.site_id', '=', f.siteId);
  else if (f.siteId?.length) q = q.where('p.site_id', 'in', f.siteId);
  if (f.level) q = q.where('p.level', '=', f.level);
  if (f.kind) q = q.where('p.kind', '=', f.kind);
  if (f.active !== undefined) q = q.where('p.active', '=', f.active ? 1 : 0);
  if (f.q) q = q.where(matchesAny(db, ['p.name', 'p.description'], f.q));
  return keysetPage<PlanListRow>(q, SORT, f, (row, key) => SORT_VALUE[key]?.(row) ?? row.id);
}

/** The points of plans, in route order. */
export function pointsOf(db: Db | Tx, planIds: string[]): Promise<PointRow[]> {
  if (!planIds.length) return Promise.resolve([]);
  return db.selectFrom('patrol_points').selectAll().where('plan_id', 'in', planIds).orderBy('plan_id').orderBy('seq').execute();
}

/** The next open occurrence of each plan from `now` on. */
export async function nextDue(db: Db | Tx, planIds: string[], now: string): Promise<Map<string, string>> {
  if (!planIds.length) return new Map();
  const rows = await db
    .selectFrom('occurrences')
    .select(['owner_id', (eb) => eb.fn.min('due_at').as('next')])
    .where('owner_type', '=', PLAN_OWNER)
    .where('owner_id', 'in', planIds)
    .where('status', '=', 'open')
    .where('due_at', '>=', now)
    .groupBy('owner_id')
    .execute();
  return new Map(rows.map((r) => [r.owner_id, String(r.next)]));
}

/** Role names by code (a role assignee is shown by its name). */
export async function roleNames(db: Db | Tx, orgId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('roles').select(['code', 'name']).where('org_id', '=', orgId).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

export function templateNames(db: Db | Tx, ids: string[]): Promise<{ id: string; name: string }[]> {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('checklist_templates')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
}
