import { type SqlBool, sql } from 'kysely';
import type { ReadingPointKind } from '../../../../contracts/readings.js';
import type { Page } from '../../../../contracts/types.js';
import type { SiteScope } from '../../platform/access/actor.js';
import type { Db, Tx } from '../../platform/context.js';
import { matchesAny } from '../../platform/db/dialect.js';
import type { Row } from '../../platform/db/schema.js';
import { keysetPage, type PageQuery } from '../../platform/http/paging.js';
import './schema.js';

/** schedules.owner_type of reading points */
export const POINT_OWNER = 'reading_point';

export type PointRow = Row<'reading_points'>;
export type PointListRow = PointRow & {
  site_name: string;
  site_timezone: string;
  recurrence: string | null;
  patrol_plan_name: string | null;
};

/** Points with their site, schedule rule and route name (a join: the lists and the route picker never read a plan per point). */
export function pointsQuery(db: Db | Tx, orgId: string) {
  return db
    .selectFrom('reading_points as p')
    .innerJoin('sites as s', 's.id', 'p.site_id')
    .leftJoin('schedules as sc', (j) => j.onRef('sc.owner_id', '=', 'p.id').on('sc.owner_type', '=', POINT_OWNER))
    .leftJoin('patrol_plans as pp', 'pp.id', 'p.patrol_plan_id')
    .selectAll('p')
    .select(['s.name as site_name', 's.timezone as site_timezone', 'sc.recurrence', 'pp.name as patrol_plan_name'])
    .where('p.org_id', '=', orgId);
}

export function findPoint(db: Db | Tx, orgId: string, id: string): Promise<PointListRow | undefined> {
  return pointsQuery(db, orgId).where('p.id', '=', id).executeTakeFirst();
}

export interface PointFilter extends PageQuery {
  q?: string;
  siteId?: string[];
  kind?: ReadingPointKind;
  active?: boolean;
  patrolPlanId?: string;
  targetType?: 'location' | 'asset';
  targetId?: string;
}

export async function listPoints(db: Db, orgId: string, scope: SiteScope, f: PointFilter): Promise<Page<PointListRow>> {
  let q = pointsQuery(db, orgId);
  if (scope !== 'all') q = scope.length ? q.where('p.site_id', 'in', scope) : q.where(sql<SqlBool>`1 = 0`);
  if (f.siteId?.length) q = q.where('p.site_id', 'in', f.siteId);
  if (f.kind) q = q.where('p.kind', '=', f.kind);
  if (f.active !== undefined) q = q.where('p.active', '=', f.active ? 1 : 0);
  if (f.patrolPlanId) q = q.where('p.patrol_plan_id', '=', f.patrolPlanId);
  if (f.targetType && f.targetId) q = q.where('p.target_type', '=', f.targetType).where('p.target_id', '=', f.targetId);
  if (f.q) q = q.where(matchesAny(db, ['p.code', 'p.name', 'p.quantity'], f.q));
  return keysetPage<PointListRow>(
    q,
    { columns: { code: 'p.code', name: 'p.name', id: 'p.id' }, default: 'code', id: 'p.id' },
    f,
    (row, key) => (key === 'name' ? row.name : key === 'code' ? row.code : row.id),
  );
}

/** Next open occurrence per point. */
export async function nextDue(db: Db | Tx, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('occurrences')
    .select(['owner_id', (eb) => eb.fn.min('due_at').as('at')])
    .where('owner_type', '=', POINT_OWNER)
    .where('owner_id', 'in', ids)
    .where('status', '=', 'open')
    .groupBy('owner_id')
    .execute();
  return new Map(rows.filter((r) => r.at !== null).map((r) => [r.owner_id, new Date(r.at as string).toISOString()]));
}

/** Unclosed deviations per point. */
export async function openDeviationCounts(db: Db | Tx, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('reading_deviations')
    .select(['point_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('point_id', 'in', ids)
    .where('status', '!=', 'corrected')
    .groupBy('point_id')
    .execute();
  return new Map(rows.map((r) => [r.point_id, Number(r.n)]));
}

/** Names and paths of the points' targets, read in two queries. */
export async function targetRows(db: Db | Tx, orgId: string, rows: Pick<PointRow, 'target_type' | 'target_id'>[]) {
  const locIds = [...new Set(rows.filter((r) => r.target_type === 'location').map((r) => r.target_id))];
  const assetIds = [...new Set(rows.filter((r) => r.target_type === 'asset').map((r) => r.target_id))];
  const [locations, assets] = await Promise.all([
    locIds.length
      ? db
          .selectFrom('locations')
          .select(['id', 'site_id', 'path', 'name', 'parent_id', 'code', 'active'])
          .where('org_id', '=', orgId)
          .where('id', 'in', locIds)
          .execute()
      : [],
    assetIds.length
      ? db
          .selectFrom('assets as a')
          .leftJoin('locations as l', 'l.id', 'a.location_id')
          .select(['a.id', 'a.site_id', 'a.code', 'a.name', 'a.status', 'a.location_id'])
          .select(['l.path', 'l.name as location_name', 'l.parent_id'])
          .where('a.org_id', '=', orgId)
          .where('a.id', 'in', assetIds)
          .execute()
      : [],
  ]);
  return { locations, assets };
}
