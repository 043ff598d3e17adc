import type { Page } from '../../../../contracts/types.js';
import type { SiteScope } from '../../platform/access/actor.js';
import type { Db, Tx } from '../../platform/context.js';
import { matchesAny } from '../../platform/db/dialect.js';
import type { Row } from '../../platform/db/schema.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';
import './schema.js';

export type CounterRow = Row<'counters'>;
export type CounterListRow = CounterRow & {
  site_name: string;
  location_name: string | null;
  location_path: string | null;
  location_parent_id: string | null;
};

/** What the actor may read: whole sites (counters:read) and the counters they work for. */
export interface CounterVisibility {
  sites: SiteScope;
  memberOf: string[];
}

export interface CounterFilter extends PageQuery {
  siteId?: string;
  active?: boolean;
  /** only the counters the actor works for (我的专柜) */
  mine?: boolean;
  q?: string;
}

const SORT: SortSpec = { columns: { code: 'c.code', name: 'c.name', id: 'c.id' }, default: 'code', id: 'c.id' };

function baseQuery(db: Db | Tx, orgId: string) {
  return db
    .selectFrom('counters as c')
    .innerJoin('sites as s', 's.id', 'c.site_id')
    .leftJoin('locations as l', 'l.id', 'c.location_id')
    .selectAll('c')
    .select(['s.name as site_name', 'l.name as location_name', 'l.path as location_path', 'l.parent_id as location_parent_id'])
    .where('c.org_id', '=', orgId);
}

export function findCounter(db: Db | Tx, orgId: string, id: string): Promise<CounterListRow | undefined> {
  return baseQuery(db, orgId).where('c.id', '=', id).executeTakeFirst();
}

export function listCounters(db: Db, orgId: string, vis: CounterVisibility, f: CounterFilter): Promise<Page<CounterListRow>> {
  let q = baseQuery(db, orgId);
  if (vis.sites !== 'all') {
    const sites = vis.sites;
    const own = vis.memberOf;
    // nothing readable: an impossible id keeps the query shape (no boolean binding on SQLite)
    q = q.where((eb) =>
      eb.or([eb('c.id', '=', ''), ...(sites.length ? [eb('c.site_id', 'in', sites)] : []), ...(own.length ? [eb('c.id', 'in', own)] : [])]),
    );
  }
  if (f.mine) q = vis.memberOf.length ? q.where('c.id', 'in', vis.memberOf) : q.where('c.id', '=', '');
  if (f.siteId) q = q.where('c.site_id', '=', f.siteId);
  if (f.active !== undefined) q = q.where('c.active', '=', f.active ? 1 : 0);
  if (f.q) q = q.where(matchesAny(db, ['c.code', 'c.name', 'c.contact_name', 'c.contact_phone'], f.q));
  return keysetPage<CounterListRow>(q, SORT, f, (row, key) => (key === 'code' ? row.code : key === 'name' ? row.name : row.id));
}

export interface MemberRow {
  counter_id: string;
  user_id: string;
  name: string;
  username: string;
  phone: string | null;
  active: number;
}

export function membersOf(db: Db | Tx, counterIds: string[]): Promise<MemberRow[]> {
  if (!counterIds.length) return Promise.resolve([]);
  return db
    .selectFrom('counter_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.counter_id', 'm.user_id', 'u.name', 'u.username', 'u.phone', 'u.active'])
    .where('m.counter_id', 'in', counterIds)
    .orderBy('u.name')
    .execute();
}

export function memberIds(db: Db | Tx, counterId: string): Promise<string[]> {
  return db
    .selectFrom('counter_members')
    .select('user_id')
    .where('counter_id', '=', counterId)
    .execute()
    .then((rows) => rows.map((r) => r.user_id));
}

export async function addMembers(tx: Tx, counterId: string, userIds: string[]): Promise<void> {
  if (!userIds.length) return;
  await tx
    .insertInto('counter_members')
    .values(userIds.map((user_id) => ({ counter_id: counterId, user_id })))
    .onConflict((oc) => oc.columns(['counter_id', 'user_id']).doNothing())
    .execute();
}

export async function removeMember(tx: Tx, counterId: string, userId: string): Promise<boolean> {
  const res = await tx.deleteFrom('counter_members').where('counter_id', '=', counterId).where('user_id', '=', userId).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/** Active users of the organisation among `ids`. */
export async function activeUserIds(db: Db | Tx, orgId: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('org_id', '=', orgId)
    .where('active', '=', 1)
    .where('id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Open notices (issued, rectified, overdue) per counter, for the list's badge. */
export async function openNoticeCounts(db: Db, counterIds: string[]): Promise<Map<string, number>> {
  if (!counterIds.length) return new Map();
  const rows = await db
    .selectFrom('counter_notices')
    .select(['counter_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('counter_id', 'in', counterIds)
    .where('status', 'in', ['issued', 'rectified', 'overdue'])
    .groupBy('counter_id')
    .execute();
  return new Map(rows.map((r) => [r.counter_id, Number(r.n)]));
}
