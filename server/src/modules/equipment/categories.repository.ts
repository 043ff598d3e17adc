import { sql } from 'kysely';
import type { SiteScope } from '../../platform/access/actor.js';
import type { Db, Tx } from '../../platform/context.js';
import type { Row } from '../../platform/db/schema.js';
import { subtreeRange } from '../../platform/tree.js';
import './schema.js';

export type CategoryRow = Row<'asset_categories'>;

export function findCategory(db: Db | Tx, orgId: string, id: string): Promise<CategoryRow | undefined> {
  return db.selectFrom('asset_categories').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function findCategoriesByIds(db: Db | Tx, orgId: string, ids: string[]): Promise<CategoryRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('asset_categories').selectAll().where('org_id', '=', orgId).where('id', 'in', ids).execute();
}

export function findCategoryByCode(db: Db | Tx, orgId: string, code: string): Promise<CategoryRow | undefined> {
  return db.selectFrom('asset_categories').selectAll().where('org_id', '=', orgId).where('code', '=', code).executeTakeFirst();
}

/** Every category of the organisation, parents before children, siblings by sort then code. */
export function allCategories(db: Db | Tx, orgId: string, active?: boolean): Promise<CategoryRow[]> {
  let q = db.selectFrom('asset_categories').selectAll().where('org_id', '=', orgId);
  if (active !== undefined) q = q.where('active', '=', active ? 1 : 0);
  return q.orderBy('depth').orderBy('sort').orderBy('code').orderBy('id').execute();
}

/** Assets per category (directly in it, not counting subcategories), within the sites of `scope`. */
export async function assetCountsByCategory(db: Db, orgId: string, scope: SiteScope): Promise<Map<string, number>> {
  let q = db
    .selectFrom('assets')
    .select(['category_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('org_id', '=', orgId);
  if (scope !== 'all') q = scope.length ? q.where('site_id', 'in', scope) : q.where('id', '=', '');
  const rows = await q.groupBy('category_id').execute();
  return new Map(rows.map((r) => [r.category_id, Number(r.n)]));
}

/** Ids of a category and every category below it, as a subquery for `where(column, 'in', …)`. */
export function categorySubtreeQuery(db: Db | Tx, root: Pick<CategoryRow, 'org_id' | 'path'>) {
  const { from, to } = subtreeRange(root.path);
  return db
    .selectFrom('asset_categories')
    .select('asset_categories.id')
    .where('asset_categories.org_id', '=', root.org_id)
    .where('asset_categories.path', '>=', from)
    .where('asset_categories.path', '<', to);
}

export async function countActiveChildCategories(db: Db | Tx, id: string): Promise<number> {
  const row = await db
    .selectFrom('asset_categories')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('parent_id', '=', id)
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Serialises structural changes of the organisation's category tree: a no-op update
 * holds the organisation row's write lock on PostgreSQL until the transaction ends.
 */
export async function lockCategoryTree(tx: Tx, orgId: string): Promise<void> {
  await tx
    .updateTable('organizations')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('id', '=', orgId)
    .execute();
}

/** Rewrites the paths and depths of every strict descendant after their root moved. */
export async function rebaseCategoryDescendants(tx: Tx, orgId: string, oldPath: string, newPath: string, depthDelta: number, now: string) {
  const { to } = subtreeRange(oldPath);
  await tx
    .updateTable('asset_categories')
    .set((eb) => ({
      path: sql<string>`cast(${newPath} as text) || substr(${sql.ref('path')}, ${oldPath.length + 1})`,
      depth: eb('depth', '+', depthDelta),
      version: eb('version', '+', 1),
      updated_at: now,
    }))
    .where('org_id', '=', orgId)
    .where('path', '>', oldPath)
    .where('path', '<', to)
    .execute();
}
