import { type Expression, type SqlBool, sql } from 'kysely';
import type { FindingResolution, FindingSource } from '../../../../contracts/hazards.js';
import type { Page } from '../../../../contracts/types.js';
import type { SiteScope } from '../../platform/access/actor.js';
import type { Db, Tx } from '../../platform/context.js';
import { matchesAny } from '../../platform/db/dialect.js';
import type { Row } from '../../platform/db/schema.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';
import './schema.js';

export type FindingRow = Row<'findings'>;
export type FindingListRow = FindingRow & {
  site_name: string;
  asset_name: string | null;
  campaign_name: string | null;
  found_by_name: string | null;
  resolved_by_name: string | null;
  work_order_number: string | null;
  work_order_status: string | null;
  hazard_number: string | null;
  hazard_status: string | null;
};

/** Work-order statuses in which the repair is finished (待验收 included: the work is done). */
export const FINISHED_WORK_ORDER_STATUSES = ['resolved', 'completed', 'rated'] as const;

export interface FindingFilter extends PageQuery {
  siteId?: string | string[];
  resolution?: FindingResolution;
  source?: FindingSource;
  category?: string;
  campaignId?: string;
  roundId?: string;
  /** found_at within [from, to) */
  from?: string;
  to?: string;
  handled?: boolean;
  q?: string;
}

const SORT: SortSpec = {
  columns: { foundAt: 'f.found_at', number: 'f.number', createdAt: 'f.created_at', id: 'f.id' },
  default: '-foundAt',
  id: 'f.id',
};
const SORT_VALUE: Record<string, (r: FindingListRow) => unknown> = {
  foundAt: (r) => r.found_at,
  number: (r) => r.number,
  createdAt: (r) => r.created_at,
  id: (r) => r.id,
};

function baseQuery(db: Db | Tx, orgId: string) {
  return db
    .selectFrom('findings as f')
    .innerJoin('sites as s', 's.id', 'f.site_id')
    .leftJoin('assets as a', 'a.id', 'f.asset_id')
    .leftJoin('inspection_campaigns as c', 'c.id', 'f.campaign_id')
    .leftJoin('users as fu', 'fu.id', 'f.found_by')
    .leftJoin('users as ru', 'ru.id', 'f.resolved_by')
    .leftJoin('work_orders as w', 'w.id', 'f.work_order_id')
    .leftJoin('hazards as h', 'h.id', 'f.hazard_id')
    .selectAll('f')
    .select([
      's.name as site_name',
      'a.name as asset_name',
      'c.name as campaign_name',
      'fu.name as found_by_name',
      'ru.name as resolved_by_name',
      'w.number as work_order_number',
      'w.status as work_order_status',
      'h.number as hazard_number',
      'h.status as hazard_status',
    ])
    .where('f.org_id', '=', orgId);
}

/** Fixed on the spot, its work order finished, or its hazard closed (joins w and h of the list query). */
export function handledSql(): Expression<SqlBool> {
  const finished = sql.join(FINISHED_WORK_ORDER_STATUSES.map((s) => sql.lit(s)));
  return sql<SqlBool>`(f.resolution = 'fixed_on_spot'
    or (f.resolution = 'work_order' and w.status in (${finished}))
    or (f.resolution = 'hazard' and h.status = 'closed'))`;
}

export function findFinding(db: Db | Tx, orgId: string, id: string): Promise<FindingListRow | undefined> {
  return baseQuery(db, orgId).where('f.id', '=', id).executeTakeFirst() as Promise<FindingListRow | undefined>;
}

/** A page of findings on the readable sites, plus the actor's own reports anywhere. */
export async function listFindings(
  db: Db,
  orgId: string,
  scope: SiteScope,
  userId: string | null,
  f: FindingFilter,
): Promise<Page<FindingListRow>> {
  let q = baseQuery(db, orgId);
  if (scope !== 'all') {
    q = q.where((eb) => {
      const own = userId ? [eb('f.found_by', '=', userId)] : [];
      return eb.or([...(scope.length ? [eb('f.site_id', 'in', scope)] : []), ...own, sql<SqlBool>`1 = 0`]);
    });
  }
  if (typeof f.siteId === 'string') q = q.where('f.site_id', '=', f.siteId);
  else if (f.siteId?.length) q = q.where('f.site_id', 'in', f.siteId);
  if (f.resolution) q = q.where('f.resolution', '=', f.resolution);
  if (f.source) q = q.where('f.source', '=', f.source);
  if (f.category) q = q.where('f.category', '=', f.category);
  if (f.campaignId) q = q.where('f.campaign_id', '=', f.campaignId);
  if (f.roundId) q = q.where('f.round_id', '=', f.roundId);
  if (f.from) q = q.where('f.found_at', '>=', f.from);
  if (f.to) q = q.where('f.found_at', '<', f.to);
  if (f.handled !== undefined) q = q.where(f.handled ? handledSql() : sql<SqlBool>`not ${handledSql()}`);
  if (f.q) q = q.where(matchesAny(db, ['f.number', 'f.description', 'f.source_label'], f.q));
  return keysetPage<FindingListRow>(q, SORT, f, (row, key) => SORT_VALUE[key]?.(row) ?? row.id);
}
