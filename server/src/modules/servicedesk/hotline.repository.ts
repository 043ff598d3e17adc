import type { Page } from '../../../../contracts/types.js';
import type { SiteScope } from '../../platform/access/actor.js';
import type { Db, Tx } from '../../platform/context.js';
import { matchesAny, ts } from '../../platform/db/dialect.js';
import type { Row } from '../../platform/db/schema.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';
import type { ComplaintStatus, HotlineOutcome } from './schema.js';

export type CallRow = Row<'hotline_calls'>;
export type CallListRow = CallRow & {
  site_name: string;
  taken_by_name: string;
  work_order_number: string | null;
  work_order_status: string | null;
  complaint_number: string | null;
  complaint_status: ComplaintStatus | null;
};

export interface CallFilter extends PageQuery {
  siteId?: string;
  outcome?: HotlineOutcome;
  takenBy?: string;
  workOrderId?: string;
  complaintId?: string;
  /** received in [fromAt, beforeAt) */
  fromAt?: string;
  beforeAt?: string;
  /** contains-match on caller name, phone and what was said */
  q?: string;
}

const SORT: SortSpec = { columns: { receivedAt: 'h.received_at', id: 'h.id' }, default: '-receivedAt', id: 'h.id' };

function listQuery(db: Db | Tx, orgId: string) {
  return db
    .selectFrom('hotline_calls as h')
    .innerJoin('sites as s', 's.id', 'h.site_id')
    .innerJoin('users as u', 'u.id', 'h.taken_by')
    .leftJoin('work_orders as w', 'w.id', 'h.work_order_id')
    .leftJoin('complaints as c', 'c.id', 'h.complaint_id')
    .selectAll('h')
    .select([
      's.name as site_name',
      'u.name as taken_by_name',
      'w.number as work_order_number',
      'w.status as work_order_status',
      'c.number as complaint_number',
      'c.status as complaint_status',
    ])
    .where('h.org_id', '=', orgId);
}

export function findCall(db: Db | Tx, orgId: string, id: string): Promise<CallListRow | undefined> {
  return listQuery(db, orgId).where('h.id', '=', id).executeTakeFirst();
}

export function listCalls(db: Db, orgId: string, scope: SiteScope, f: CallFilter): Promise<Page<CallListRow>> {
  let q = listQuery(db, orgId);
  if (scope !== 'all') q = scope.length ? q.where('h.site_id', 'in', scope) : q.where('h.id', '=', '');
  if (f.siteId) q = q.where('h.site_id', '=', f.siteId);
  if (f.outcome) q = q.where('h.outcome', '=', f.outcome);
  if (f.takenBy) q = q.where('h.taken_by', '=', f.takenBy);
  if (f.workOrderId) q = q.where('h.work_order_id', '=', f.workOrderId);
  if (f.complaintId) q = q.where('h.complaint_id', '=', f.complaintId);
  if (f.fromAt) q = q.where('h.received_at', '>=', ts(db, f.fromAt));
  if (f.beforeAt) q = q.where('h.received_at', '<', ts(db, f.beforeAt));
  if (f.q) q = q.where(matchesAny(db, ['h.caller_name', 'h.caller_phone', 'h.content'], f.q));
  return keysetPage<CallListRow>(q, SORT, f, (row, key) => (key === 'receivedAt' ? row.received_at : row.id));
}
