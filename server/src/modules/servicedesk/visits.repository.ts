import type { Page } from '../../../../contracts/types.js';
import type { SiteScope } from '../../platform/access/actor.js';
import type { Db, Tx } from '../../platform/context.js';
import { matchesAny, ts } from '../../platform/db/dialect.js';
import type { Row } from '../../platform/db/schema.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';
import type { Satisfaction, VisitMethod } from './schema.js';

export type VisitRow = Row<'return_visits'>;
export type VisitListRow = VisitRow & {
  site_name: string;
  visited_by_name: string;
  work_order_number: string;
  work_order_description: string;
  requester_name: string | null;
  complaint_number: string | null;
};

export interface VisitFilter extends PageQuery {
  siteId?: string;
  workOrderId?: string;
  result?: Satisfaction;
  method?: VisitMethod;
  followUp?: boolean;
  visitedBy?: string;
  /** visited in [fromAt, beforeAt) */
  fromAt?: string;
  beforeAt?: string;
  /** contains-match on the work order number, the comment and the visitor's name */
  q?: string;
}

const SORT: SortSpec = { columns: { visitedAt: 'v.visited_at', id: 'v.id' }, default: '-visitedAt', id: 'v.id' };

function listQuery(db: Db | Tx, orgId: string) {
  return db
    .selectFrom('return_visits as v')
    .innerJoin('sites as s', 's.id', 'v.site_id')
    .innerJoin('users as u', 'u.id', 'v.visited_by')
    .innerJoin('work_orders as w', 'w.id', 'v.work_order_id')
    .leftJoin('complaints as c', 'c.id', 'v.complaint_id')
    .selectAll('v')
    .select([
      's.name as site_name',
      'u.name as visited_by_name',
      'w.number as work_order_number',
      'w.description as work_order_description',
      'w.requester_name as requester_name',
      'c.number as complaint_number',
    ])
    .where('v.org_id', '=', orgId);
}

export function findVisit(db: Db | Tx, orgId: string, id: string): Promise<VisitListRow | undefined> {
  return listQuery(db, orgId).where('v.id', '=', id).executeTakeFirst();
}

export function listVisits(db: Db, orgId: string, scope: SiteScope, f: VisitFilter): Promise<Page<VisitListRow>> {
  let q = listQuery(db, orgId);
  if (scope !== 'all') q = scope.length ? q.where('v.site_id', 'in', scope) : q.where('v.id', '=', '');
  if (f.siteId) q = q.where('v.site_id', '=', f.siteId);
  if (f.workOrderId) q = q.where('v.work_order_id', '=', f.workOrderId);
  if (f.result) q = q.where('v.result', '=', f.result);
  if (f.method) q = q.where('v.method', '=', f.method);
  if (f.followUp !== undefined) q = q.where('v.follow_up_needed', '=', f.followUp ? 1 : 0);
  if (f.visitedBy) q = q.where('v.visited_by', '=', f.visitedBy);
  if (f.fromAt) q = q.where('v.visited_at', '>=', ts(db, f.fromAt));
  if (f.beforeAt) q = q.where('v.visited_at', '<', ts(db, f.beforeAt));
  if (f.q) q = q.where(matchesAny(db, ['w.number', 'v.comment', 'u.name'], f.q));
  return keysetPage<VisitListRow>(q, SORT, f, (row, key) => (key === 'visitedAt' ? row.visited_at : row.id));
}
