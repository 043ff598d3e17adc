import type { Page } from '../../../../contracts/types.js';
import type { SiteScope } from '../../platform/access/actor.js';
import type { Db, Tx } from '../../platform/context.js';
import { matchesAny } from '../../platform/db/dialect.js';
import type { Row } from '../../platform/db/schema.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';
import { locationSubtreeQuery } from '../org/index.js';
import { type CategoryRow, categorySubtreeQuery } from './categories.repository.js';
import './schema.js';

export type AssetRow = Row<'assets'>;

/** An asset with the codes and names of everything it points at — one query for a page. */
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

export function assetsWithNames(db: Db | Tx, orgId: string) {
  return db
    .selectFrom('assets as a')
    .innerJoin('sites as s', 's.id', 'a.site_id')
    .innerJoin('asset_categories as c', 'c.id', 'a.category_id')
    .leftJoin('locations as l', 'l.id', 'a.location_id')
    .leftJoin('assets as p', 'p.id', 'a.parent_id')
    .leftJoin('users as u', 'u.id', 'a.custodian_id')
    .leftJoin('departments as d', 'd.id', 'a.department_id')
    .leftJoin('fire_equipment_rules as f', 'f.id', 'a.fire_rule_id')
    .leftJoin('qr_codes as q', (j) => j.on('q.target_type', '=', 'asset').onRef('q.target_id', '=', 'a.id'))
    .selectAll('a')
    .select([
      's.code as site_code',
      's.name as site_name',
      'l.code as location_code',
      'l.name as location_name',
      'l.path as location_path',
      'l.parent_id as location_parent_id',
      'c.code as category_code',
      'c.name as category_name',
      'p.code as parent_code',
      'p.name as parent_name',
      'u.name as custodian_name',
      'u.username as custodian_username',
      'd.code as department_code',
      'd.name as department_name',
      'f.code as fire_rule_code',
      'f.name as fire_rule_name',
      'q.code as qr_code',
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

export function listAssets(db: Db, orgId: string, scope: SiteScope, f: AssetFilter): Promise<Page<AssetListRow>> {
  let q = assetsWithNames(db, orgId);
  if (scope !== 'all') q = scope.length ? q.where('a.site_id', 'in', scope) : q.where('a.id', '=', '');
  if (f.siteId) q = q.where('a.site_id', '=', f.siteId);
  if (f.locationUnder) {
    q = q.where('a.site_id', '=', f.locationUnder.site_id).where('a.location_id', 'in', locationSubtreeQuery(db, f.locationUnder));
  } else if (f.locationId) q = q.where('a.location_id', '=', f.locationId);
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
  return keysetPage<AssetListRow>(q, SORT, f, (row, key) => row[SORT_KEYS[key] ?? 'id']);
}

/** Whether an asset code is taken in the organisation (codes are unique per organisation). */
export async function assetCodeTaken(db: Db | Tx, orgId: string, code: string): Promise<boolean> {
  const row = await db.selectFrom('assets').select('id').where('org_id', '=', orgId).where('code', '=', code).executeTakeFirst();
  return row !== undefined;
}
