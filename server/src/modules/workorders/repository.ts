import { type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Page } from '../../../../contracts/types.js';
import type { WorkOrderStatus } from '../../../../contracts/workorders.js';
import type { Db, Tx } from '../../platform/context.js';
import { matchesAny } from '../../platform/db/dialect.js';
import { newId } from '../../platform/db/ids.js';
import type { Database, Row } from '../../platform/db/schema.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';
import { locationSubtreeQuery } from '../org/index.js';
import './schema.js';

export type WorkOrderRow = Row<'work_orders'>;
export type WorkOrderListRow = WorkOrderRow & {
  site_name: string;
  location_name: string | null;
  location_path: string | null;
  asset_code: string | null;
  asset_name: string | null;
  team_name: string | null;
  assignee_name: string | null;
  owner_name: string | null;
  /** what the time left depends on, read in the same query: the site's zone and hours, the policy's terms */
  site_timezone: string;
  site_opening_hours: string | null;
  policy_business_hours: number | null;
  policy_exclude_paused: number | null;
};

/** Who may see which work orders: a site scope for staff, plus one's own requests and one's counters' orders. */
export interface Visibility {
  /** sites where the actor reads every work order ('all' or ids) */
  sites: 'all' | string[];
  userId: string | null;
  /** counters the actor belongs to */
  counterIds: string[];
}

export interface WorkOrderFilter extends PageQuery {
  q?: string;
  siteId?: string;
  status?: WorkOrderStatus[];
  kind?: string;
  channel?: string;
  category?: string;
  urgency?: string;
  assigneeId?: string;
  /**
   * the assignee is on this department's staff (users.department_id), as the department
   * scope of the measures counts them; unassigned orders have no department and drop out
   */
  assigneeDepartmentId?: string;
  teamId?: string;
  ownerId?: string;
  requesterId?: string;
  counterId?: string;
  assetId?: string;
  /** this location and everything under it */
  location?: { site_id: string; path: string };
  inPool?: boolean;
  /** a deadline already breached while the order is open */
  overdue?: boolean;
  createdFrom?: string;
  createdTo?: string;
  resolvedFrom?: string;
  resolvedTo?: string;
  ratedFrom?: string;
  ratedTo?: string;
  /** labour logged in this period (the 工时工效 figures link here) */
  workedFrom?: string;
  workedTo?: string;
  /** reworked at least once (返修) */
  reworked?: boolean;
  /** raised against an asset (MTTR counts these) */
  hasAsset?: boolean;
}

const SORT: SortSpec = {
  columns: { createdAt: 'w.created_at', number: 'w.number', updatedAt: 'w.updated_at', id: 'w.id' },
  default: '-createdAt',
  id: 'w.id',
};

type Eb = ExpressionBuilder<Database & { w: Database['work_orders'] }, 'w'>;

export function visibleWhere(eb: Eb, v: Visibility) {
  const ors = [];
  if (v.sites === 'all') ors.push(sql<SqlBool>`1 = 1`);
  else if (v.sites.length) ors.push(eb('w.site_id', 'in', v.sites));
  if (v.userId) ors.push(eb('w.requester_id', '=', v.userId));
  if (v.counterIds.length) ors.push(eb('w.counter_id', 'in', v.counterIds));
  return ors.length ? eb.or(ors) : sql<SqlBool>`1 = 0`;
}

function baseQuery(db: Db | Tx) {
  return db
    .selectFrom('work_orders as w')
    .innerJoin('sites as s', 's.id', 'w.site_id')
    .leftJoin('locations as l', 'l.id', 'w.location_id')
    .leftJoin('assets as a', 'a.id', 'w.asset_id')
    .leftJoin('teams as t', 't.id', 'w.team_id')
    .leftJoin('users as ua', 'ua.id', 'w.assignee_id')
    .leftJoin('users as uo', 'uo.id', 'w.owner_id')
    .leftJoin('sla_policies as sp', 'sp.id', 'w.sla_policy_id')
    .selectAll('w')
    .select([
      's.name as site_name',
      'l.name as location_name',
      'l.path as location_path',
      'a.code as asset_code',
      'a.name as asset_name',
      't.name as team_name',
      'ua.name as assignee_name',
      'uo.name as owner_name',
      's.timezone as site_timezone',
      's.opening_hours as site_opening_hours',
      'sp.business_hours as policy_business_hours',
      'sp.exclude_paused as policy_exclude_paused',
    ]);
}

export function findWorkOrderRow(db: Db | Tx, orgId: string, id: string): Promise<WorkOrderRow | undefined> {
  return db.selectFrom('work_orders').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function findWorkOrderListRow(db: Db | Tx, orgId: string, id: string): Promise<WorkOrderListRow | undefined> {
  return baseQuery(db).where('w.org_id', '=', orgId).where('w.id', '=', id).executeTakeFirst() as Promise<WorkOrderListRow | undefined>;
}

export function findWorkOrderByNumber(db: Db | Tx, number: string): Promise<WorkOrderRow | undefined> {
  return db.selectFrom('work_orders').selectAll().where('number', '=', number).executeTakeFirst();
}

export async function listWorkOrders(db: Db, orgId: string, v: Visibility, f: WorkOrderFilter): Promise<Page<WorkOrderListRow>> {
  let qb = baseQuery(db)
    .where('w.org_id', '=', orgId)
    .where((eb) => visibleWhere(eb as unknown as Eb, v));
  if (f.siteId) qb = qb.where('w.site_id', '=', f.siteId);
  if (f.status?.length) qb = qb.where('w.status', 'in', f.status);
  if (f.kind) qb = qb.where('w.kind', '=', f.kind as WorkOrderRow['kind']);
  if (f.channel) qb = qb.where('w.channel', '=', f.channel as WorkOrderRow['channel']);
  if (f.category) qb = qb.where('w.category', '=', f.category);
  if (f.urgency) qb = qb.where('w.urgency', '=', f.urgency);
  if (f.assigneeId) qb = qb.where('w.assignee_id', '=', f.assigneeId);
  if (f.assigneeDepartmentId) {
    const staff = db
      .selectFrom('users as du')
      .select('du.id')
      .where('du.org_id', '=', orgId)
      .where('du.department_id', '=', f.assigneeDepartmentId);
    qb = qb.where('w.assignee_id', 'in', staff);
  }
  if (f.teamId) qb = qb.where('w.team_id', '=', f.teamId);
  if (f.ownerId) qb = qb.where('w.owner_id', '=', f.ownerId);
  if (f.requesterId) qb = qb.where('w.requester_id', '=', f.requesterId);
  if (f.counterId) qb = qb.where('w.counter_id', '=', f.counterId);
  if (f.assetId) qb = qb.where('w.asset_id', '=', f.assetId);
  if (f.inPool !== undefined) qb = qb.where('w.in_pool', '=', f.inPool ? 1 : 0);
  if (f.createdFrom) qb = qb.where('w.created_at', '>=', f.createdFrom);
  if (f.createdTo) qb = qb.where('w.created_at', '<', f.createdTo);
  if (f.resolvedFrom) qb = qb.where('w.resolved_at', '>=', f.resolvedFrom);
  if (f.resolvedTo) qb = qb.where('w.resolved_at', '<', f.resolvedTo);
  if (f.ratedFrom) qb = qb.where('w.rated_at', '>=', f.ratedFrom);
  if (f.ratedTo) qb = qb.where('w.rated_at', '<', f.ratedTo);
  if (f.reworked !== undefined) qb = qb.where('w.rework_count', f.reworked ? '>' : '=', 0);
  if (f.hasAsset !== undefined) qb = qb.where('w.asset_id', f.hasAsset ? 'is not' : 'is', null);
  if (f.workedFrom || f.workedTo) {
    const { workedFrom, workedTo } = f;
    qb = qb.where((eb) =>
      eb.exists(
        eb
          .selectFrom('work_order_labour as lb')
          .select('lb.id')
          .whereRef('lb.work_order_id', '=', 'w.id')
          .where('lb.deleted_at', 'is', null)
          .$if(!!workedFrom, (q) => q.where(sql`coalesce(lb.started_at, lb.created_at)`, '>=', workedFrom as string))
          .$if(!!workedTo, (q) => q.where(sql`coalesce(lb.started_at, lb.created_at)`, '<', workedTo as string)),
      ),
    );
  }
  if (f.location) qb = qb.where('w.location_id', 'in', locationSubtreeQuery(db, f.location));
  if (f.overdue) {
    qb = qb.where((eb) =>
      eb.exists(
        eb
          .selectFrom('work_order_timers as tm')
          .select('tm.kind')
          .whereRef('tm.work_order_id', '=', 'w.id')
          .where('tm.met_at', 'is', null)
          .where('tm.breached_at', 'is not', null),
      ),
    );
  }
  if (f.q) {
    const term = f.q;
    qb = qb.where(matchesAny(db, ['w.number', 'w.description', 'w.requester_name', 'w.requester_phone'], term));
  }
  return keysetPage<WorkOrderListRow>(qb, SORT, f, (r, key) =>
    key === 'number' ? r.number : key === 'updatedAt' ? r.updated_at : key === 'id' ? r.id : r.created_at,
  );
}

export async function insertEvent(
  tx: Tx | Db,
  e: {
    orgId: string;
    workOrderId: string;
    at: string;
    actorId: string | null;
    actorName: string | null;
    action: string;
    fromStatus?: WorkOrderStatus | null;
    toStatus?: WorkOrderStatus | null;
    reason?: string | null;
    data?: Record<string, unknown> | null;
  },
): Promise<void> {
  await tx
    .insertInto('work_order_events')
    .values({
      id: newId(),
      org_id: e.orgId,
      work_order_id: e.workOrderId,
      at: e.at,
      actor_id: e.actorId,
      actor_name: e.actorName,
      action: e.action,
      from_status: e.fromStatus ?? null,
      to_status: e.toStatus ?? null,
      reason: e.reason ?? null,
      data: e.data ? JSON.stringify(e.data) : null,
    })
    .execute();
}

export function listEvents(db: Db, workOrderId: string) {
  return db.selectFrom('work_order_events').selectAll().where('work_order_id', '=', workOrderId).orderBy('at').orderBy('id').execute();
}

export function timersOf(db: Db | Tx, ids: string[]) {
  if (!ids.length) return Promise.resolve([] as Row<'work_order_timers'>[]);
  return db.selectFrom('work_order_timers').selectAll().where('work_order_id', 'in', ids).execute();
}
