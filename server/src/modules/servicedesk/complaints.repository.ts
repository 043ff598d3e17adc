import { type SqlBool, sql } from 'kysely';
import type { Page } from '../../../../contracts/types.js';
import type { SiteScope } from '../../platform/access/actor.js';
import type { Db, Tx } from '../../platform/context.js';
import { matchesAny, ts } from '../../platform/db/dialect.js';
import type { Row } from '../../platform/db/schema.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';
import type { ComplaintCategory, ComplaintChannel, ComplaintStatus } from './schema.js';

export type ComplaintRow = Row<'complaints'>;
export type ComplaintListRow = ComplaintRow & {
  site_name: string;
  handler_name: string | null;
  work_order_number: string | null;
  created_by_name: string | null;
};

export interface ComplaintFilter extends PageQuery {
  siteId?: string;
  status?: ComplaintStatus[];
  category?: ComplaintCategory;
  channel?: ComplaintChannel;
  handlerId?: string;
  workOrderId?: string;
  /** still waiting past the deadline, or answered after it */
  overdue?: boolean;
  /** answered by the deadline */
  onTime?: boolean;
  /** received in [fromAt, beforeAt) */
  fromAt?: string;
  beforeAt?: string;
  /** resolved in [resolvedFromAt, resolvedBeforeAt) */
  resolvedFromAt?: string;
  resolvedBeforeAt?: string;
  /** contains-match on number, subject, content, complainant name and phone */
  q?: string;
}

const SORT: SortSpec = {
  columns: { receivedAt: 'c.received_at', deadlineAt: 'c.deadline_at', id: 'c.id' },
  default: '-receivedAt',
  id: 'c.id',
};

function listQuery(db: Db | Tx, orgId: string) {
  return db
    .selectFrom('complaints as c')
    .innerJoin('sites as s', 's.id', 'c.site_id')
    .leftJoin('users as h', 'h.id', 'c.handler_id')
    .leftJoin('users as cu', 'cu.id', 'c.created_by')
    .leftJoin('work_orders as w', 'w.id', 'c.work_order_id')
    .selectAll('c')
    .select(['s.name as site_name', 'h.name as handler_name', 'cu.name as created_by_name', 'w.number as work_order_number'])
    .where('c.org_id', '=', orgId);
}

export function findComplaint(db: Db | Tx, orgId: string, id: string): Promise<ComplaintListRow | undefined> {
  return listQuery(db, orgId).where('c.id', '=', id).executeTakeFirst();
}

export function listComplaints(db: Db, orgId: string, scope: SiteScope, now: string, f: ComplaintFilter): Promise<Page<ComplaintListRow>> {
  let q = listQuery(db, orgId);
  if (scope !== 'all') q = scope.length ? q.where('c.site_id', 'in', scope) : q.where('c.id', '=', '');
  if (f.siteId) q = q.where('c.site_id', '=', f.siteId);
  if (f.status?.length) q = q.where('c.status', 'in', f.status);
  if (f.category) q = q.where('c.category', '=', f.category);
  if (f.channel) q = q.where('c.channel', '=', f.channel);
  if (f.handlerId) q = q.where('c.handler_id', '=', f.handlerId);
  if (f.workOrderId) q = q.where('c.work_order_id', '=', f.workOrderId);
  if (f.fromAt) q = q.where('c.received_at', '>=', ts(db, f.fromAt));
  if (f.beforeAt) q = q.where('c.received_at', '<', ts(db, f.beforeAt));
  if (f.resolvedFromAt) q = q.where('c.resolved_at', '>=', ts(db, f.resolvedFromAt));
  if (f.resolvedBeforeAt) q = q.where('c.resolved_at', '<', ts(db, f.resolvedBeforeAt));
  if (f.overdue !== undefined) {
    const late = overdueExpr(db, now);
    q = q.where(f.overdue ? late : sql<SqlBool>`not (${late})`);
  }
  if (f.onTime !== undefined) {
    q = q.where('c.resolved_at', 'is not', null);
    q = f.onTime ? q.whereRef('c.resolved_at', '<=', 'c.deadline_at') : q.whereRef('c.resolved_at', '>', 'c.deadline_at');
  }
  if (f.q) q = q.where(matchesAny(db, ['c.number', 'c.subject', 'c.content', 'c.complainant_name', 'c.complainant_phone'], f.q));
  return keysetPage<ComplaintListRow>(q, SORT, f, (row, key) =>
    key === 'receivedAt' ? row.received_at : key === 'deadlineAt' ? row.deadline_at : row.id,
  );
}

/** The same rule as `isOverdue` in complaints.state.ts, as SQL. */
function overdueExpr(db: Db, now: string) {
  return sql<SqlBool>`((c.status in ('open', 'handling') and c.deadline_at < ${ts(db, now)}) or (c.resolved_at is not null and c.resolved_at > c.deadline_at))`;
}

export function complaintEvents(db: Db, complaintId: string) {
  return db.selectFrom('complaint_events').selectAll().where('complaint_id', '=', complaintId).orderBy('at').orderBy('id').execute();
}
