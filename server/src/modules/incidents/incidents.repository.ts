import { type Expression, type SqlBool, sql } from 'kysely';
import type { IncidentStatus } from '../../../../contracts/incidents.js';
import type { Page } from '../../../../contracts/types.js';
import type { SiteScope } from '../../platform/access/actor.js';
import type { Db, Tx } from '../../platform/context.js';
import { matchesAny } from '../../platform/db/dialect.js';
import type { Row } from '../../platform/db/schema.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';
import './schema.js';

export type IncidentRow = Row<'incidents'>;
export type IncidentListRow = IncidentRow & {
  site_name: string;
  site_timezone: string;
  responsible_user_name: string | null;
  author_name: string;
  reviewer_name: string | null;
  work_order_number: string | null;
};

export interface IncidentFilter extends PageQuery {
  siteId?: string | string[];
  type?: string;
  status?: IncidentStatus[];
  /** occurred_at within [from, to) */
  from?: string;
  to?: string;
  q?: string;
  /** written by this user (author=me) */
  authorId?: string;
  /** submitted, on a site where the actor reviews, written by someone else (this user id) */
  awaitingReviewBy?: { userId: string | null; sites: SiteScope };
  /** only types with a deadline: true fixed in time, false known to be late */
  fixedInTime?: boolean;
  workOrderId?: string;
}

const SORT: SortSpec = {
  columns: { occurredAt: 'i.occurred_at', number: 'i.number', createdAt: 'i.created_at', id: 'i.id' },
  default: '-occurredAt',
  id: 'i.id',
};
const SORT_VALUE: Record<string, (r: IncidentListRow) => unknown> = {
  occurredAt: (r) => r.occurred_at,
  number: (r) => r.number,
  createdAt: (r) => r.created_at,
  id: (r) => r.id,
};

function baseQuery(db: Db | Tx, orgId: string) {
  return db
    .selectFrom('incidents as i')
    .innerJoin('sites as s', 's.id', 'i.site_id')
    .innerJoin('users as au', 'au.id', 'i.author_id')
    .leftJoin('users as ru', 'ru.id', 'i.responsible_id')
    .leftJoin('users as rv', 'rv.id', 'i.reviewer_id')
    .leftJoin('work_orders as w', 'w.id', 'i.work_order_id')
    .selectAll('i')
    .select([
      's.name as site_name',
      's.timezone as site_timezone',
      'ru.name as responsible_user_name',
      'au.name as author_name',
      'rv.name as reviewer_name',
      'w.number as work_order_number',
    ])
    .where('i.org_id', '=', orgId);
}

export function findIncident(db: Db | Tx, orgId: string, id: string): Promise<IncidentListRow | undefined> {
  return baseQuery(db, orgId).where('i.id', '=', id).executeTakeFirst() as Promise<IncidentListRow | undefined>;
}

/** Resolved on or before the deadline (deadline.ts fixedInTime = true), in SQL. */
export function fixedInTimeSql(): Expression<SqlBool> {
  return sql<SqlBool>`(i.deadline_at is not null and i.resolved_at is not null and i.resolved_at <= i.deadline_at)`;
}

/** Known to be late (fixedInTime = false): resolved after the deadline, or unresolved past it. */
export function lateSql(now: string): Expression<SqlBool> {
  return sql<SqlBool>`(i.deadline_at is not null and ((i.resolved_at is not null and i.resolved_at > i.deadline_at) or (i.resolved_at is null and i.deadline_at < ${now})))`;
}

/** A page of incidents on the readable sites, plus the actor's own reports anywhere. */
export async function listIncidents(
  db: Db,
  orgId: string,
  scope: SiteScope,
  userId: string | null,
  f: IncidentFilter,
  now: Date,
): Promise<Page<IncidentListRow>> {
  let q = baseQuery(db, orgId);
  if (scope !== 'all') {
    q = q.where((eb) =>
      eb.or([
        ...(scope.length ? [eb('i.site_id', 'in', scope)] : []),
        ...(userId ? [eb('i.author_id', '=', userId)] : []),
        sql<SqlBool>`1 = 0`,
      ]),
    );
  }
  if (typeof f.siteId === 'string') q = q.where('i.site_id', '=', f.siteId);
  else if (f.siteId?.length) q = q.where('i.site_id', 'in', f.siteId);
  if (f.type) q = q.where('i.type', '=', f.type);
  if (f.status?.length) q = q.where('i.status', 'in', f.status);
  if (f.from) q = q.where('i.occurred_at', '>=', f.from);
  if (f.to) q = q.where('i.occurred_at', '<', f.to);
  if (f.authorId) q = q.where('i.author_id', '=', f.authorId);
  if (f.workOrderId) q = q.where('i.work_order_id', '=', f.workOrderId);
  if (f.awaitingReviewBy) {
    const { userId: reviewer, sites } = f.awaitingReviewBy;
    q = q.where('i.status', '=', 'submitted');
    if (sites !== 'all') q = sites.length ? q.where('i.site_id', 'in', sites) : q.where(sql<SqlBool>`1 = 0`);
    if (reviewer) q = q.where('i.author_id', '<>', reviewer);
  }
  if (f.fixedInTime === true) q = q.where(fixedInTimeSql());
  if (f.fixedInTime === false) q = q.where(lateSql(now.toISOString()));
  if (f.q) q = q.where(matchesAny(db, ['i.number', 'i.title', 'i.summary'], f.q));
  return keysetPage<IncidentListRow>(q, SORT, f, (row, key) => SORT_VALUE[key]?.(row) ?? row.id);
}
