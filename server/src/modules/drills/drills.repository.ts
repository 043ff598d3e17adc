import type { DrillStatus } from '../../../../contracts/drills.js';
import type { Page } from '../../../../contracts/types.js';
import type { SiteScope } from '../../platform/access/actor.js';
import type { Db, Tx } from '../../platform/context.js';
import { matchesAny } from '../../platform/db/dialect.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';
import type { DrillRow } from './schema.js';
import './schema.js';

export type DrillListRow = DrillRow & {
  site_name: string;
  site_timezone: string;
  plan_name: string | null;
  commander_name: string | null;
  report_filed_by_name: string | null;
  recorded_by_name: string | null;
};

export interface DrillFilter extends PageQuery {
  siteId?: string | string[];
  type?: string;
  status?: DrillStatus[];
  planId?: string;
  /** planned time from (inclusive), an ISO instant already checked */
  from?: string;
  /** planned time to (exclusive) */
  to?: string;
  /** true: done with a report filed; false: done without one */
  report?: boolean;
  q?: string;
}

const SORT: SortSpec = {
  columns: { plannedAt: 'd.planned_at', number: 'd.number', createdAt: 'd.created_at', id: 'd.id' },
  default: '-plannedAt',
  id: 'd.id',
};
const SORT_VALUE: Record<string, (r: DrillListRow) => unknown> = {
  plannedAt: (r) => r.planned_at,
  number: (r) => r.number,
  createdAt: (r) => r.created_at,
  id: (r) => r.id,
};

function baseQuery(db: Db | Tx, orgId: string) {
  return db
    .selectFrom('drills as d')
    .innerJoin('sites as s', 's.id', 'd.site_id')
    .leftJoin('drill_plans as p', 'p.id', 'd.plan_id')
    .leftJoin('users as c', 'c.id', 'd.commander_id')
    .leftJoin('users as rf', 'rf.id', 'd.report_filed_by')
    .leftJoin('users as rb', 'rb.id', 'd.recorded_by')
    .selectAll('d')
    .select([
      's.name as site_name',
      's.timezone as site_timezone',
      'p.name as plan_name',
      'c.name as commander_name',
      'rf.name as report_filed_by_name',
      'rb.name as recorded_by_name',
    ])
    .where('d.org_id', '=', orgId);
}

export function findDrill(db: Db | Tx, orgId: string, id: string): Promise<DrillListRow | undefined> {
  return baseQuery(db, orgId).where('d.id', '=', id).executeTakeFirst();
}

export function listDrills(db: Db, orgId: string, scope: SiteScope, f: DrillFilter): Promise<Page<DrillListRow>> {
  let q = baseQuery(db, orgId);
  if (scope !== 'all') q = scope.length ? q.where('d.site_id', 'in', scope) : q.where('d.id', '=', '');
  if (typeof f.siteId === 'string') q = q.where('d.site_id', '=', f.siteId);
  else if (f.siteId?.length) q = q.where('d.site_id', 'in', f.siteId);
  if (f.type) q = q.where('d.type', '=', f.type);
  if (f.status?.length) q = q.where('d.status', 'in', f.status);
  if (f.planId) q = q.where('d.plan_id', '=', f.planId);
  if (f.from) q = q.where('d.planned_at', '>=', f.from);
  if (f.to) q = q.where('d.planned_at', '<', f.to);
  if (f.report === true) q = q.where('d.status', '=', 'done').where('d.report_filed_at', 'is not', null);
  if (f.report === false) q = q.where('d.status', '=', 'done').where('d.report_filed_at', 'is', null);
  if (f.q) q = q.where(matchesAny(db, ['d.number', 'd.title', 'd.scenario', 'd.place'], f.q));
  return keysetPage<DrillListRow>(q, SORT, f, (row, key) => SORT_VALUE[key]?.(row) ?? row.id);
}
