import type { Page } from '../../../../contracts/types.js';
import type { SiteScope } from '../../platform/access/actor.js';
import type { Db, Tx } from '../../platform/context.js';
import { matchesAny } from '../../platform/db/dialect.js';
import type { Row } from '../../platform/db/schema.js';
import { keysetPage, type PageQuery, parseSort, type SortSpec } from '../../platform/http/paging.js';
import { locationSubtreeQuery } from '../org/index.js';
import { type CategoryRow, categorySubtreeQuery } from './categories.repository.js';
import './schema.js';

export type AssetRow = Row<'assets'>;

/** An asset with the codes and names of everything it points at, read for a whole page in one query. */
export interface AssetListRow extends AssetRow {
  site_code: string;
  site_name: string;
  location_code: string | null;
  location_name: string | null;
  location_path: string | null;
  location_parent_id: string | null;
  category_code: string;
  category_name: string;
  parent_code: string | null;
  parent_name: string | null;
  custodian_name: string | null;
  custodian_username: string | null;
  department_code: string | null;
  department_name: string | null;
  fire_rule_code: string | null;
  fire_rule_name: string | null;
  qr_code: string | null;
}

export interface AssetFilter extends PageQuery {
  siteId?: string;
  /** exact location */
  locationId?: string;
  /** a location and everything below it, already checked readable */
  locationUnder?: { site_id: string; path: string };
  /** a category and its subcategories */
  categoryUnder?: Pick<CategoryRow, 'org_id' | 'path'>;
  status?: string[];
  custodianId?: string;
  departmentId?: string;
  criticality?: string;
  lost?: boolean;
  /** warranty ends on or before this day (YYYY-MM-DD) */
  warrantyBefore?: string;
  /** portable fire equipment only (true) or everything else (false) */
  fire?: boolean;
  /** a parent asset id, or `none` for top-level assets */
  parentId?: string;
  ids?: string[];
  q?: string;
}

const SORT: SortSpec = {
  columns: { code: 'a.code', name: 'a.name', purchaseDate: 'a.purchase_date', warrantyEnd: 'a.warranty_end', id: 'a.id' },
  default: 'code',
  id: 'a.id',
};
const SORT_KEYS: Record<string, keyof AssetRow> = {
  code: 'code',
  name: 'name',
  purchaseDate: 'purchase_date',
  warrantyEnd: 'warranty_end',
  id: 'id',
};

/**
 * Assets with the codes and names of what they point at. Sites, categories and
 * locations are joined; the optional to-one look-ups (parent, custodian, department,
 * fire rule, QR code) are scalar subqueries: as a nine-table join PostgreSQL spent
 * 6–11 ms planning every page (more than running it), while subqueries are planned one
 * by one in well under a millisecond. Either way each is a primary-key look-up per row.
 */
export function assetsWithNames(db: Db | Tx, orgId: string) {
  return db
    .selectFrom('assets as a')
    .innerJoin('sites as s', 's.id', 'a.site_id')
    .innerJoin('asset_categories as c', 'c.id', 'a.category_id')
    .leftJoin('locations as l', 'l.id', 'a.location_id')
    .selectAll('a')
    .select((eb) => [
      's.code as site_code',
      's.name as site_name',
      'l.code as location_code',
      'l.name as location_name',
      'l.path as location_path',
      'l.parent_id as location_parent_id',
      'c.code as category_code',
      'c.name as category_name',
      eb.selectFrom('assets as p').select('p.code').whereRef('p.id', '=', 'a.parent_id').as('parent_code'),
      eb.selectFrom('assets as p').select('p.name').whereRef('p.id', '=', 'a.parent_id').as('parent_name'),
      eb.selectFrom('users as u').select('u.name').whereRef('u.id', '=', 'a.custodian_id').as('custodian_name'),
      eb.selectFrom('users as u').select('u.username').whereRef('u.id', '=', 'a.custodian_id').as('custodian_username'),
      eb.selectFrom('departments as d').select('d.code').whereRef('d.id', '=', 'a.department_id').as('department_code'),
      eb.selectFrom('departments as d').select('d.name').whereRef('d.id', '=', 'a.department_id').as('department_name'),
      eb.selectFrom('fire_equipment_rules as f').select('f.code').whereRef('f.id', '=', 'a.fire_rule_id').as('fire_rule_code'),
      eb.selectFrom('fire_equipment_rules as f').select('f.name').whereRef('f.id', '=', 'a.fire_rule_id').as('fire_rule_name'),
      eb
        .selectFrom('qr_codes as q')
        .select('q.code')
        .where('q.target_type', '=', 'asset')
        .whereRef('q.target_id', '=', 'a.id')
        .as('qr_code'),
    ])
    .where('a.org_id', '=', orgId);
}

export function findAssetWithNames(db: Db | Tx, orgId: string, id: string): Promise<AssetListRow | undefined> {
  return assetsWithNames(db, orgId).where('a.id', '=', id).executeTakeFirst() as Promise<AssetListRow | undefined>;
}

export function findAsset(db: Db | Tx, orgId: string, id: string): Promise<AssetRow | undefined> {
  return db.selectFrom('assets').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function findAssetsByIds(db: Db | Tx, orgId: string, ids: string[]): Promise<AssetRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('assets').selectAll().where('org_id', '=', orgId).where('id', 'in', ids).execute();
}

export function findAssetsByCodes(db: Db | Tx, orgId: string, codes: string[]): Promise<AssetRow[]> {
  if (codes.length === 0) return Promise.resolve([]);
  return db.selectFrom('assets').selectAll().where('org_id', '=', orgId).where('code', 'in', codes).execute();
}

export function findAssetByCode(db: Db | Tx, orgId: string, code: string): Promise<AssetRow | undefined> {
  return db.selectFrom('assets').selectAll().where('org_id', '=', orgId).where('code', '=', code).executeTakeFirst();
}

/** Components directly under an asset. */
export function childAssets(db: Db | Tx, orgId: string, parentId: string): Promise<AssetRow[]> {
  return db.selectFrom('assets').selectAll().where('org_id', '=', orgId).where('parent_id', '=', parentId).orderBy('code').execute();
}

function assetsOnly(db: Db) {
  return db.selectFrom('assets as a');
}

/**
 * The assets table, narrowed to a location subtree when there is one. The subtree's
 * locations come first, as the left side of a CROSS JOIN: SQLite always keeps that
 * side as the outer loop, so the subtree drives assets_location_list_idx. Left to its
 * planner, SQLite walked the whole organisation in code order through (org_id, code)
 * whenever its statistics came from `pragma optimize`'s sampled analysis (which makes
 * org_id look selective): 40–50 ms for a room of 50 among 100,000 assets, more for an
 * empty one. PostgreSQL reads CROSS JOIN as an inner join and orders it by its own
 * (accurate) estimates. Only `a` is referenced afterwards, hence the narrower type.
 */
function assetsIn(db: Db, f: AssetFilter): ReturnType<typeof assetsOnly> {
  if (!f.locationUnder) return assetsOnly(db);
  return db
    .selectFrom(locationSubtreeQuery(db, f.locationUnder).as('sub'))
    .crossJoin('assets as a')
    .whereRef('a.location_id', '=', 'sub.id')
    .where('a.site_id', '=', f.locationUnder.site_id) as unknown as ReturnType<typeof assetsOnly>;
}

/** The assets a filter selects, from the assets table alone (no names joined): what a page's keyset query runs on. */
function filteredAssets(db: Db, orgId: string, scope: SiteScope, f: AssetFilter) {
  let q = assetsIn(db, f).where('a.org_id', '=', orgId);
  if (scope !== 'all') q = scope.length ? q.where('a.site_id', 'in', scope) : q.where('a.id', '=', '');
  if (f.siteId) q = q.where('a.site_id', '=', f.siteId);
  if (!f.locationUnder && f.locationId) q = q.where('a.location_id', '=', f.locationId);
  if (f.categoryUnder) q = q.where('a.category_id', 'in', categorySubtreeQuery(db, f.categoryUnder));
  if (f.status?.length) q = q.where('a.status', 'in', f.status as AssetRow['status'][]);
  if (f.custodianId) q = q.where('a.custodian_id', '=', f.custodianId);
  if (f.departmentId) q = q.where('a.department_id', '=', f.departmentId);
  if (f.criticality) q = q.where('a.criticality', '=', f.criticality as AssetRow['criticality']);
  if (f.lost !== undefined) q = q.where('a.lost', '=', f.lost ? 1 : 0);
  if (f.warrantyBefore) q = q.where('a.warranty_end', '<=', f.warrantyBefore);
  if (f.fire !== undefined) q = q.where('a.fire_rule_id', f.fire ? 'is not' : 'is', null);
  if (f.parentId === 'none') q = q.where('a.parent_id', 'is', null);
  else if (f.parentId) q = q.where('a.parent_id', '=', f.parentId);
  if (f.ids) q = f.ids.length ? q.where('a.id', 'in', f.ids) : q.where('a.id', '=', '');
  if (f.q) q = q.where(matchesAny(db, ['a.code', 'a.name', 'a.brand', 'a.model', 'a.serial_no'], f.q));
  return q;
}

/**
 * One page in two steps. The keyset query picks the page's ids from the assets table
 * alone, selecting nothing but the id and the sort column, so that a location subtree
 * of 25,000 assets is read from an index (0008_asset_indexes) and never joined; then
 * the names of those 50 rows are joined in a second, primary-key query. Joining first
 * made both engines join every matching asset to eight tables before sorting, and
 * PostgreSQL, past its join_collapse_limit, spent 30 ms planning it.
 */
export async function listAssets(db: Db, orgId: string, scope: SiteScope, f: AssetFilter): Promise<Page<AssetListRow>> {
  const sortKey = SORT_KEYS[parseSort(SORT, f.sort).key] ?? 'id';
  // the cast stands for whichever sort column it is: Kysely cannot type a computed column name
  const keys = filteredAssets(db, orgId, scope, f).select(sortKey === 'id' ? ['a.id'] : ['a.id', `a.${sortKey}` as 'a.code']);
  const page = await keysetPage<Pick<AssetRow, 'id'> & Partial<AssetRow>>(keys, SORT, f, (row, key) => row[SORT_KEYS[key] ?? 'id']);
  const ids = page.items.map((r) => r.id);
  const rows = ids.length ? ((await assetsWithNames(db, orgId).where('a.id', 'in', ids).execute()) as AssetListRow[]) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { items: ids.flatMap((id) => byId.get(id) ?? []), nextCursor: page.nextCursor };
}

/** Whether an asset code is taken in the organisation (codes are unique per organisation). */
export async function assetCodeTaken(db: Db | Tx, orgId: string, code: string): Promise<boolean> {
  const row = await db.selectFrom('assets').select('id').where('org_id', '=', orgId).where('code', '=', code).executeTakeFirst();
  return row !== undefined;
}
