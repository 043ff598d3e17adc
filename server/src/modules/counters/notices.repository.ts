import type { Page } from '../../../../contracts/types.js';
import type { Db, Tx } from '../../platform/context.js';
import { matchesAny } from '../../platform/db/dialect.js';
import type { Row } from '../../platform/db/schema.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';
import type { CounterVisibility } from './counters.repository.js';
import type { NoticeStatus } from './schema.js';

export type NoticeRow = Row<'counter_notices'>;
export type NoticeListRow = NoticeRow & {
  site_name: string;
  counter_code: string;
  counter_name: string;
  location_name: string | null;
  location_path: string | null;
  location_parent_id: string | null;
  issued_by_name: string | null;
  rectified_by_name: string | null;
  verified_by_name: string | null;
  work_order_number: string | null;
};

export interface NoticeFilter extends PageQuery {
  siteId?: string;
  counterId?: string;
  status?: NoticeStatus[];
  q?: string;
  deadlineFrom?: string;
  deadlineTo?: string;
}

const SORT: SortSpec = {
  columns: { createdAt: 'n.id', deadline: 'n.deadline', number: 'n.number', id: 'n.id' },
  default: '-createdAt',
  id: 'n.id',
};

function baseQuery(db: Db | Tx, orgId: string) {
  return db
    .selectFrom('counter_notices as n')
    .innerJoin('sites as s', 's.id', 'n.site_id')
    .innerJoin('counters as c', 'c.id', 'n.counter_id')
    .leftJoin('locations as l', 'l.id', 'n.location_id')
    .leftJoin('users as iu', 'iu.id', 'n.issued_by')
    .leftJoin('users as ru', 'ru.id', 'n.rectified_by')
    .leftJoin('users as vu', 'vu.id', 'n.verified_by')
    .leftJoin('work_orders as w', 'w.id', 'n.work_order_id')
    .selectAll('n')
    .select([
      's.name as site_name',
      'c.code as counter_code',
      'c.name as counter_name',
      'l.name as location_name',
      'l.path as location_path',
      'l.parent_id as location_parent_id',
      'iu.name as issued_by_name',
      'ru.name as rectified_by_name',
      'vu.name as verified_by_name',
      'w.number as work_order_number',
    ])
    .where('n.org_id', '=', orgId);
}

export function findNotice(db: Db | Tx, orgId: string, id: string): Promise<NoticeListRow | undefined> {
  return baseQuery(db, orgId).where('n.id', '=', id).executeTakeFirst();
}

export function listNotices(db: Db, orgId: string, vis: CounterVisibility, f: NoticeFilter): Promise<Page<NoticeListRow>> {
  let q = baseQuery(db, orgId);
  if (vis.sites !== 'all') {
    const sites = vis.sites;
    const own = vis.memberOf;
    q = q.where((eb) =>
      eb.or([
        eb('n.id', '=', ''),
        ...(sites.length ? [eb('n.site_id', 'in', sites)] : []),
        ...(own.length ? [eb('n.counter_id', 'in', own)] : []),
      ]),
    );
  }
  if (f.siteId) q = q.where('n.site_id', '=', f.siteId);
  if (f.counterId) q = q.where('n.counter_id', '=', f.counterId);
  if (f.status?.length) q = q.where('n.status', 'in', f.status);
  if (f.deadlineFrom) q = q.where('n.deadline', '>=', f.deadlineFrom);
  if (f.deadlineTo) q = q.where('n.deadline', '<', f.deadlineTo);
  if (f.q) q = q.where(matchesAny(db, ['n.number', 'n.description', 'c.name', 'c.code'], f.q));
  return keysetPage<NoticeListRow>(q, SORT, f, (row, key) => (key === 'deadline' ? row.deadline : key === 'number' ? row.number : row.id));
}

/** Issued notices whose deadline has passed, oldest deadline first (the overdue job's batch). */
export function dueNotices(db: Db, now: string, limit: number) {
  return db
    .selectFrom('counter_notices')
    .select(['id', 'org_id', 'site_id', 'counter_id', 'number', 'description', 'deadline', 'issued_by', 'version'])
    .where('status', '=', 'issued')
    .where('deadline', '<', now)
    .orderBy('deadline')
    .limit(limit)
    .execute();
}

/**
 * Claims a notice for the overdue step: only the call whose update still finds it
 * issued wins, so two scheduler processes never notify twice.
 */
export async function claimOverdue(tx: Tx, id: string, now: string): Promise<boolean> {
  const res = await tx
    .updateTable('counter_notices')
    .set((eb) => ({ status: 'overdue', overdue_at: now, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('status', '=', 'issued')
    .where('deadline', '<', now)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}
