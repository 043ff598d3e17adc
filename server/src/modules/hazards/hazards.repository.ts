import { type Expression, type SqlBool, sql } from 'kysely';
import type { HazardGrade, HazardSource, HazardStatus } from '../../../../contracts/hazards.js';
import type { Page } from '../../../../contracts/types.js';
import type { SiteScope } from '../../platform/access/actor.js';
import type { Db, Tx } from '../../platform/context.js';
import { matchesAny } from '../../platform/db/dialect.js';
import type { Row } from '../../platform/db/schema.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';
import { siteTimezones } from './common.js';
import { siteTodaySql } from './dates.js';
import './schema.js';

export type HazardRow = Row<'hazards'>;
export type HazardListRow = HazardRow & {
  site_name: string;
  site_timezone: string;
  asset_name: string | null;
  campaign_name: string | null;
  found_by_name: string | null;
  responsible_name: string | null;
  verifier_name: string | null;
  rectified_by_name: string | null;
  accepted_by_name: string | null;
  signed_off_by_name: string | null;
};

export interface HazardFilter extends PageQuery {
  siteId?: string | string[];
  status?: HazardStatus[];
  category?: string;
  grade?: HazardGrade;
  source?: HazardSource;
  campaignId?: string;
  findingId?: string;
  responsibleId?: string;
  verifierId?: string;
  /** the rectification is owed and the deadline day has passed */
  overdue?: boolean;
  /** true: closed, rectified by the deadline; false: known to be late (lateSql) */
  onTime?: boolean;
  /** found_at within [from, to) */
  from?: string;
  to?: string;
  q?: string;
}

const SORT: SortSpec = {
  columns: { foundAt: 'h.found_at', number: 'h.number', deadline: 'h.deadline', createdAt: 'h.created_at', id: 'h.id' },
  default: '-foundAt',
  id: 'h.id',
};
const SORT_VALUE: Record<string, (r: HazardListRow) => unknown> = {
  foundAt: (r) => r.found_at,
  number: (r) => r.number,
  deadline: (r) => r.deadline,
  createdAt: (r) => r.created_at,
  id: (r) => r.id,
};

function baseQuery(db: Db | Tx, orgId: string) {
  return db
    .selectFrom('hazards as h')
    .innerJoin('sites as s', 's.id', 'h.site_id')
    .leftJoin('assets as a', 'a.id', 'h.asset_id')
    .leftJoin('inspection_campaigns as c', 'c.id', 'h.campaign_id')
    .leftJoin('users as fu', 'fu.id', 'h.found_by')
    .leftJoin('users as resp', 'resp.id', 'h.responsible_id')
    .leftJoin('users as ver', 'ver.id', 'h.verifier_id')
    .leftJoin('users as rb', 'rb.id', 'h.rectified_by')
    .leftJoin('users as ab', 'ab.id', 'h.accepted_by')
    .leftJoin('users as sb', 'sb.id', 'h.signed_off_by')
    .selectAll('h')
    .select([
      's.name as site_name',
      's.timezone as site_timezone',
      'a.name as asset_name',
      'c.name as campaign_name',
      'fu.name as found_by_name',
      'resp.name as responsible_name',
      'ver.name as verifier_name',
      'rb.name as rectified_by_name',
      'ab.name as accepted_by_name',
      'sb.name as signed_off_by_name',
    ])
    .where('h.org_id', '=', orgId);
}

export function findHazard(db: Db | Tx, orgId: string, id: string): Promise<HazardListRow | undefined> {
  return baseQuery(db, orgId).where('h.id', '=', id).executeTakeFirst() as Promise<HazardListRow | undefined>;
}

/** Owed (registered or rectifying) with its deadline before the site's today: hazardTiming in SQL. */
export function overdueSql(today: Expression<string>): Expression<SqlBool> {
  return sql<SqlBool>`(h.status in ('registered', 'rectifying') and h.deadline is not null and h.deadline < ${today})`;
}

/** Closed and rectified on or before the deadline. */
export function onTimeSql(): Expression<SqlBool> {
  return sql<SqlBool>`(h.status = 'closed' and h.rectified_on is not null and h.deadline is not null and h.rectified_on <= h.deadline)`;
}

/** Known to be late: closed late, awaiting acceptance of a late rectification, or overdue. */
export function lateSql(today: Expression<string>): Expression<SqlBool> {
  return sql<SqlBool>`((h.status in ('closed', 'submitted', 'pending_signoff') and h.rectified_on > h.deadline) or ${overdueSql(today)})`;
}

/** A page of hazards on the readable sites, plus those the actor must rectify or accept anywhere. */
export async function listHazards(
  db: Db,
  orgId: string,
  scope: SiteScope,
  userId: string | null,
  f: HazardFilter,
  now: Date,
): Promise<Page<HazardListRow>> {
  let q = baseQuery(db, orgId);
  if (scope !== 'all') {
    q = q.where((eb) => {
      const own = userId ? [eb('h.responsible_id', '=', userId), eb('h.verifier_id', '=', userId)] : [];
      return eb.or([...(scope.length ? [eb('h.site_id', 'in', scope)] : []), ...own, sql<SqlBool>`1 = 0`]);
    });
  }
  if (typeof f.siteId === 'string') q = q.where('h.site_id', '=', f.siteId);
  else if (f.siteId?.length) q = q.where('h.site_id', 'in', f.siteId);
  if (f.status?.length) q = q.where('h.status', 'in', f.status);
  if (f.category) q = q.where('h.category', '=', f.category);
  if (f.grade) q = q.where('h.grade', '=', f.grade);
  if (f.source) q = q.where('h.source', '=', f.source);
  if (f.campaignId) q = q.where('h.campaign_id', '=', f.campaignId);
  if (f.findingId) q = q.where('h.finding_id', '=', f.findingId);
  if (f.responsibleId) q = q.where('h.responsible_id', '=', f.responsibleId);
  if (f.verifierId) q = q.where('h.verifier_id', '=', f.verifierId);
  if (f.from) q = q.where('h.found_at', '>=', f.from);
  if (f.to) q = q.where('h.found_at', '<', f.to);
  if (f.overdue !== undefined || f.onTime !== undefined) {
    const today = siteTodaySql(await siteTimezones(db, orgId), now);
    if (f.overdue !== undefined) q = q.where(f.overdue ? overdueSql(today) : sql<SqlBool>`not ${overdueSql(today)}`);
    if (f.onTime === true) q = q.where(onTimeSql());
    if (f.onTime === false) {
      q = q.where(lateSql(today));
    }
  }
  if (f.q) q = q.where(matchesAny(db, ['h.number', 'h.title', 'h.description'], f.q));
  return keysetPage<HazardListRow>(q, SORT, f, (row, key) => SORT_VALUE[key]?.(row) ?? row.id);
}
