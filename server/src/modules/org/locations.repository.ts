import { sql } from 'kysely';
import type { Page } from '../../../../contracts/types.js';
import type { SiteScope } from '../../platform/access/actor.js';
import type { Db, Tx } from '../../platform/context.js';
import { matchesAny } from '../../platform/db/dialect.js';
import type { Row } from '../../platform/db/schema.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';
import { subtreeRange } from '../../platform/tree.js';

export type LocationRow = Row<'locations'>;

export interface LocationFilter extends PageQuery {
  siteId?: string;
  /** a location id, or `none` for the top level */
  parentId?: string;
  kind?: string;
  active?: boolean;
  q?: string;
  /** the root of a subtree (itself included), already checked readable */
  under?: Pick<LocationRow, 'site_id' | 'path'>;
}

const SORT: SortSpec = {
  columns: { code: 'code', name: 'name', path: 'path', depth: 'depth', sort: 'sort', id: 'id' },
  default: 'code',
  id: 'id',
};

export function findLocation(db: Db | Tx, orgId: string, id: string): Promise<LocationRow | undefined> {
  return db.selectFrom('locations').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function findLocationsByIds(db: Db | Tx, orgId: string, ids: string[]): Promise<LocationRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('locations').selectAll().where('org_id', '=', orgId).where('id', 'in', ids).execute();
}

export function findLocationByCode(db: Db | Tx, siteId: string, code: string): Promise<LocationRow | undefined> {
  return db.selectFrom('locations').selectAll().where('site_id', '=', siteId).where('code', '=', code).executeTakeFirst();
}

/** Locations of the given sites whose code is one of `codes` (for imports). */
export function findLocationsByCodes(db: Db | Tx, orgId: string, codes: string[]): Promise<LocationRow[]> {
  if (codes.length === 0) return Promise.resolve([]);
  return db.selectFrom('locations').selectAll().where('org_id', '=', orgId).where('code', 'in', codes).execute();
}

/**
 * Ids of a node and all its descendants, as a subquery usable in any module's
 * `where(column, 'in', …)`. The (site_id, path) range walks the index.
 */
export function subtreeIdsQuery(db: Db | Tx, root: Pick<LocationRow, 'site_id' | 'path'>) {
  const { from, to } = subtreeRange(root.path);
  return db
    .selectFrom('locations')
    .select('locations.id')
    .where('site_id', '=', root.site_id)
    .where('path', '>=', from)
    .where('path', '<', to);
}

export function listLocations(db: Db, orgId: string, scope: SiteScope, f: LocationFilter): Promise<Page<LocationRow>> {
  let q = db.selectFrom('locations').selectAll().where('org_id', '=', orgId);
  if (scope !== 'all') q = scope.length ? q.where('site_id', 'in', scope) : q.where('id', '=', '');
  if (f.under) {
    const { from, to } = subtreeRange(f.under.path);
    q = q.where('site_id', '=', f.under.site_id).where('path', '>=', from).where('path', '<', to);
  }
  if (f.siteId) q = q.where('site_id', '=', f.siteId);
  if (f.parentId === 'none') q = q.where('parent_id', 'is', null);
  else if (f.parentId) q = q.where('parent_id', '=', f.parentId);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.active !== undefined) q = q.where('active', '=', f.active ? 1 : 0);
  if (f.q) q = q.where(matchesAny(db, ['code', 'name'], f.q));
  return keysetPage<LocationRow>(q, SORT, f, (row, key) => row[key as keyof LocationRow]);
}

/** Every location of one site in sibling order, for the tree view. */
export function siteLocations(db: Db, siteId: string, active?: boolean): Promise<LocationRow[]> {
  let q = db.selectFrom('locations').selectAll().where('site_id', '=', siteId);
  if (active !== undefined) q = q.where('active', '=', active ? 1 : 0);
  return q.orderBy('depth').orderBy('sort').orderBy('code').orderBy('id').execute();
}

export async function countActiveChildren(db: Db | Tx, id: string): Promise<number> {
  const row = await db
    .selectFrom('locations')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('parent_id', '=', id)
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Highest `sort` among the children of each parent (null: top level) of one site. */
export async function maxSortByParent(db: Db | Tx, siteId: string): Promise<Map<string | null, number>> {
  const rows = await db
    .selectFrom('locations')
    .select(['parent_id', (eb) => eb.fn.max('sort').as('m')])
    .where('site_id', '=', siteId)
    .groupBy('parent_id')
    .execute();
  return new Map(rows.map((r) => [r.parent_id, Number(r.m)]));
}

/**
 * Serialises structural changes (create, move, (de)activate, import) within one site:
 * a no-op update takes the site row's write lock on PostgreSQL until the transaction
 * ends (SQLite runs one write transaction at a time anyway). Each change then re-reads
 * the paths it builds on, so two concurrent moves can never form a loop.
 */
export async function lockSiteTree(tx: Tx, siteId: string): Promise<void> {
  await tx
    .updateTable('sites')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('id', '=', siteId)
    .execute();
}

/**
 * Moves every strict descendant of a node whose path changes from `oldPath` to
 * `newPath`: rewrites the path prefix and shifts the depth. Descendants get a new
 * version too, so an edit prepared against their old breadcrumb answers 409.
 */
export async function rebaseDescendants(tx: Tx, siteId: string, oldPath: string, newPath: string, depthDelta: number, now: string) {
  const { to } = subtreeRange(oldPath);
  const res = await tx
    .updateTable('locations')
    .set((eb) => ({
      path: sql<string>`cast(${newPath} as text) || substr(${sql.ref('path')}, ${oldPath.length + 1})`,
      depth: eb('depth', '+', depthDelta),
      version: eb('version', '+', 1),
      updated_at: now,
    }))
    .where('site_id', '=', siteId)
    .where('path', '>', oldPath)
    .where('path', '<', to)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export async function insertLocation(tx: Tx, row: LocationRow): Promise<void> {
  await tx.insertInto('locations').values(row).execute();
}
