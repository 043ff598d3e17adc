import { type Expression, type SqlBool, sql } from 'kysely';
import type { ActionKind, ActionOwnerType, ActionStatus } from '../../../../contracts/actions.js';
import type { Page } from '../../../../contracts/types.js';
import type { SiteScope } from '../../platform/access/actor.js';
import type { ActionItemRow } from '../../platform/actions/index.js';
import type { Db, Tx } from '../../platform/context.js';
import { matchesAny } from '../../platform/db/dialect.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';
import { siteTodaySql } from '../hazards/dates.js';

export type ActionListRow = ActionItemRow & {
  site_name: string;
  site_timezone: string;
  assignee_name: string;
  verifier_name: string | null;
  submitted_by_name: string | null;
  verified_by_name: string | null;
};

export interface ActionFilter extends PageQuery {
  siteId?: string | string[];
  ownerType?: ActionOwnerType;
  ownerId?: string;
  status?: ActionStatus[];
  kind?: ActionKind;
  assigneeId?: string;
  verifierId?: string;
  /** still open after its due date (the site's today) */
  overdue?: boolean;
  /** true: verified, last submitted by the due date; false: verified late */
  onTime?: boolean;
  /** due date within [dueFrom, dueTo], local dates */
  dueFrom?: string;
  dueTo?: string;
  /** created within [from, to), ISO instants (the measures' period) */
  from?: string;
  to?: string;
  q?: string;
}

const SORT: SortSpec = {
  columns: { dueDate: 'i.due_date', number: 'i.number', createdAt: 'i.created_at', id: 'i.id' },
  default: 'dueDate',
  id: 'i.id',
};
const SORT_VALUE: Record<string, (r: ActionListRow) => unknown> = {
  dueDate: (r) => r.due_date,
  number: (r) => r.number,
  createdAt: (r) => r.created_at,
  id: (r) => r.id,
};

function baseQuery(db: Db | Tx, orgId: string) {
  return db
    .selectFrom('action_items as i')
    .innerJoin('sites as s', 's.id', 'i.site_id')
    .innerJoin('users as au', 'au.id', 'i.assignee_id')
    .leftJoin('users as vu', 'vu.id', 'i.verifier_id')
    .leftJoin('users as sb', 'sb.id', 'i.submitted_by')
    .leftJoin('users as vb', 'vb.id', 'i.verified_by')
    .selectAll('i')
    .select([
      's.name as site_name',
      's.timezone as site_timezone',
      'au.name as assignee_name',
      'vu.name as verifier_name',
      'sb.name as submitted_by_name',
      'vb.name as verified_by_name',
    ])
    .where('i.org_id', '=', orgId);
}

export function findActionItem(db: Db | Tx, orgId: string, id: string): Promise<ActionListRow | undefined> {
  return baseQuery(db, orgId).where('i.id', '=', id).executeTakeFirst() as Promise<ActionListRow | undefined>;
}

/** Still open (nothing submitted) with its due date before the site's today: actionTiming in SQL. */
export function overdueSql(today: Expression<string>): Expression<SqlBool> {
  return sql<SqlBool>`(i.status = 'open' and i.due_date < ${today})`;
}

/** Verified, the last submission on or before the due date. */
export function onTimeSql(): Expression<SqlBool> {
  return sql<SqlBool>`(i.status = 'verified' and i.submitted_on is not null and i.submitted_on <= i.due_date)`;
}

/** The zones of the organisation's sites (a handful), for "today" per site in SQL. */
export async function orgTimezones(db: Db, orgId: string): Promise<string[]> {
  const rows = await db.selectFrom('sites').select('timezone').distinct().where('org_id', '=', orgId).execute();
  return rows.map((r) => r.timezone);
}

/** A page of the items on the readable sites, plus those the actor must carry out or verify anywhere. */
export async function listActionItems(
  db: Db,
  orgId: string,
  scope: SiteScope,
  userId: string | null,
  f: ActionFilter,
  now: Date,
): Promise<Page<ActionListRow>> {
  let q = baseQuery(db, orgId);
  if (scope !== 'all') {
    q = q.where((eb) => {
      const own = userId ? [eb('i.assignee_id', '=', userId), eb('i.verifier_id', '=', userId)] : [];
      return eb.or([...(scope.length ? [eb('i.site_id', 'in', scope)] : []), ...own, sql<SqlBool>`1 = 0`]);
    });
  }
  if (typeof f.siteId === 'string') q = q.where('i.site_id', '=', f.siteId);
  else if (f.siteId?.length) q = q.where('i.site_id', 'in', f.siteId);
  if (f.ownerType) q = q.where('i.owner_type', '=', f.ownerType);
  if (f.ownerId) q = q.where('i.owner_id', '=', f.ownerId);
  if (f.status?.length) q = q.where('i.status', 'in', f.status);
  if (f.kind) q = q.where('i.kind', '=', f.kind);
  if (f.assigneeId) q = q.where('i.assignee_id', '=', f.assigneeId);
  if (f.verifierId) q = q.where('i.verifier_id', '=', f.verifierId);
  if (f.dueFrom) q = q.where('i.due_date', '>=', f.dueFrom);
  if (f.dueTo) q = q.where('i.due_date', '<=', f.dueTo);
  if (f.from) q = q.where('i.created_at', '>=', f.from);
  if (f.to) q = q.where('i.created_at', '<', f.to);
  if (f.overdue !== undefined) {
    const today = siteTodaySql(await orgTimezones(db, orgId), now);
    q = q.where(f.overdue ? overdueSql(today) : sql<SqlBool>`not ${overdueSql(today)}`);
  }
  if (f.onTime === true) q = q.where(onTimeSql());
  if (f.onTime === false) q = q.where(sql<SqlBool>`(i.status = 'verified' and not ${onTimeSql()})`);
  if (f.q) q = q.where(matchesAny(db, ['i.number', 'i.title'], f.q));
  return keysetPage<ActionListRow>(q, SORT, f, (row, key) => SORT_VALUE[key]?.(row) ?? row.id);
}
