import { type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Page } from '../../../../contracts/types.js';
import type { SiteScope } from '../../platform/access/actor.js';
import type { Db, Tx } from '../../platform/context.js';
import { matchesAny } from '../../platform/db/dialect.js';
import type { Database, Row } from '../../platform/db/schema.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';
import { type LocationRow, locationSubtreeQuery } from '../org/index.js';
import type { StocktakeStatus } from './schema.js';

export type StocktakeRow = Row<'stocktakes'>;
export type StocktakeItemRow = Row<'stocktake_items'>;
export type StocktakeListRow = StocktakeRow & {
  site_name: string;
  started_by_name: string;
  closed_by_name: string | null;
};

/** pending and missing are the same items — "not found yet" while counting, "missing" once closed */
export const ITEM_STATES = ['pending', 'missing', 'found', 'misplaced', 'unexpected'] as const;
export type ItemState = (typeof ITEM_STATES)[number];

export interface StocktakeFilter extends PageQuery {
  siteId?: string;
  status?: StocktakeStatus;
  q?: string;
}

export interface ItemFilter extends PageQuery {
  state?: ItemState;
  q?: string;
}

export interface StocktakeCounts {
  expected: number;
  found: number;
  missing: number;
  unexpected: number;
  misplaced: number;
}

const SORT: SortSpec = { columns: { createdAt: 't.created_at', number: 't.number', id: 't.id' }, default: '-createdAt', id: 't.id' };
const ITEM_SORT: SortSpec = { columns: { code: 'a.code', foundAt: 'i.found_at', id: 'i.id' }, default: 'code', id: 'i.id' };

type ItemEb = ExpressionBuilder<Database & { i: Database['stocktake_items'] }, 'i'>;

/** Found, expected, and somewhere else than the snapshot said. */
const misplacedSql = sql<SqlBool>`(i.expected = 1 and i.found_at is not null and i.found_location_id is not null
  and (i.expected_location_id is null or i.found_location_id <> i.expected_location_id))`;

function stateWhere(eb: ItemEb, state: ItemState) {
  switch (state) {
    case 'pending':
    case 'missing':
      return eb.and([eb('i.expected', '=', 1), eb('i.found_at', 'is', null)]);
    case 'found':
      return eb.and([eb('i.expected', '=', 1), eb('i.found_at', 'is not', null)]);
    case 'unexpected':
      return eb.and([eb('i.expected', '=', 0), eb('i.found_at', 'is not', null)]);
    case 'misplaced':
      return misplacedSql;
  }
}

function headerQuery(db: Db | Tx, orgId: string) {
  return db
    .selectFrom('stocktakes as t')
    .innerJoin('sites as s', 's.id', 't.site_id')
    .innerJoin('users as su', 'su.id', 't.started_by')
    .leftJoin('users as cu', 'cu.id', 't.closed_by')
    .selectAll('t')
    .select(['s.name as site_name', 'su.name as started_by_name', 'cu.name as closed_by_name'])
    .where('t.org_id', '=', orgId);
}

export function findStocktake(db: Db | Tx, orgId: string, id: string): Promise<StocktakeListRow | undefined> {
  return headerQuery(db, orgId).where('t.id', '=', id).executeTakeFirst();
}

export function listStocktakes(db: Db, orgId: string, scope: SiteScope, f: StocktakeFilter): Promise<Page<StocktakeListRow>> {
  let q = headerQuery(db, orgId);
  if (scope !== 'all') q = scope.length ? q.where('t.site_id', 'in', scope) : q.where('t.id', '=', '');
  if (f.siteId) q = q.where('t.site_id', '=', f.siteId);
  if (f.status) q = q.where('t.status', '=', f.status);
  if (f.q) q = q.where(matchesAny(db, ['t.number', 't.title'], f.q));
  return keysetPage<StocktakeListRow>(q, SORT, f, (row, key) =>
    key === 'createdAt' ? row.created_at : key === 'number' ? row.number : row.id,
  );
}

/** The open stocktake of exactly this scope (site, or site + location subtree root). */
export function findOpenStocktake(db: Db | Tx, siteId: string, locationId: string | null) {
  const q = db.selectFrom('stocktakes').select(['id', 'number']).where('site_id', '=', siteId).where('status', '=', 'open');
  return (locationId ? q.where('location_id', '=', locationId) : q.where('location_id', 'is', null)).executeTakeFirst();
}

/** Every asset the count expects: not scrapped, in the site or in the location subtree. */
export function snapshotAssets(tx: Tx, orgId: string, siteId: string, root: Pick<LocationRow, 'site_id' | 'path'> | null) {
  let q = tx
    .selectFrom('assets')
    .select(['id', 'location_id'])
    .where('org_id', '=', orgId)
    .where('site_id', '=', siteId)
    .where('status', '<>', 'scrapped');
  if (root) q = q.where('location_id', 'in', locationSubtreeQuery(tx, root));
  return q.execute();
}

const CHUNK = 500;

export async function insertItems(tx: Tx, rows: StocktakeItemRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await tx
      .insertInto('stocktake_items')
      .values(rows.slice(i, i + CHUNK))
      .execute();
  }
}

export async function itemCounts(db: Db | Tx, stocktakeId: string): Promise<StocktakeCounts> {
  const row = await db
    .selectFrom('stocktake_items as i')
    .select([
      sql<number>`coalesce(sum(case when i.expected = 1 then 1 else 0 end), 0)`.as('expected'),
      sql<number>`coalesce(sum(case when i.expected = 1 and i.found_at is not null then 1 else 0 end), 0)`.as('found'),
      sql<number>`coalesce(sum(case when i.expected = 1 and i.found_at is null then 1 else 0 end), 0)`.as('missing'),
      sql<number>`coalesce(sum(case when i.expected = 0 and i.found_at is not null then 1 else 0 end), 0)`.as('unexpected'),
      sql<number>`coalesce(sum(case when ${misplacedSql} then 1 else 0 end), 0)`.as('misplaced'),
    ])
    .where('i.stocktake_id', '=', stocktakeId)
    .executeTakeFirstOrThrow();
  return {
    expected: Number(row.expected),
    found: Number(row.found),
    missing: Number(row.missing),
    unexpected: Number(row.unexpected),
    misplaced: Number(row.misplaced),
  };
}

function itemQuery(db: Db | Tx, stocktakeId: string) {
  return db
    .selectFrom('stocktake_items as i')
    .innerJoin('assets as a', 'a.id', 'i.asset_id')
    .leftJoin('users as u', 'u.id', 'i.found_by')
    .selectAll('i')
    .select([
      'a.code as asset_code',
      'a.name as asset_name',
      'a.site_id as asset_site_id',
      'a.lost as asset_lost',
      'u.name as found_by_name',
    ])
    .where('i.stocktake_id', '=', stocktakeId);
}

export type ItemListRow = StocktakeItemRow & {
  asset_code: string;
  asset_name: string;
  asset_site_id: string;
  asset_lost: number;
  found_by_name: string | null;
};

/** The counted items; an unexpected item that was unticked again is no longer part of the count. */
export function listItems(db: Db, stocktakeId: string, f: ItemFilter): Promise<Page<ItemListRow>> {
  let q = itemQuery(db, stocktakeId).where((eb) => eb.or([eb('i.expected', '=', 1), eb('i.found_at', 'is not', null)]));
  const state = f.state;
  if (state) q = q.where((eb) => stateWhere(eb as unknown as ItemEb, state));
  if (f.q) q = q.where(matchesAny(db, ['a.code', 'a.name'], f.q));
  return keysetPage<ItemListRow>(q, ITEM_SORT, f, (row, key) =>
    key === 'code' ? row.asset_code : key === 'foundAt' ? row.found_at : row.id,
  );
}

export function findItem(db: Db | Tx, stocktakeId: string, itemId: string): Promise<ItemListRow | undefined> {
  return itemQuery(db, stocktakeId).where('i.id', '=', itemId).executeTakeFirst();
}

export function findItemByAsset(db: Db | Tx, stocktakeId: string, assetId: string): Promise<ItemListRow | undefined> {
  return itemQuery(db, stocktakeId).where('i.asset_id', '=', assetId).executeTakeFirst();
}

/** Adds an item not in the snapshot; a concurrent scan of the same asset leaves one row. */
export async function insertUnexpected(tx: Tx, row: StocktakeItemRow): Promise<void> {
  await tx
    .insertInto('stocktake_items')
    .values(row)
    .onConflict((oc) => oc.columns(['stocktake_id', 'asset_id']).doNothing())
    .execute();
}

/** Marks an item found unless it already is; answers whether this call did it. */
export async function markFound(
  tx: Tx,
  itemId: string,
  patch: Pick<StocktakeItemRow, 'found_at' | 'found_by' | 'found_location_id'> & { note?: string | null },
): Promise<boolean> {
  const res = await tx.updateTable('stocktake_items').set(patch).where('id', '=', itemId).where('found_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function updateItem(tx: Tx, itemId: string, patch: Partial<StocktakeItemRow>): Promise<void> {
  await tx.updateTable('stocktake_items').set(patch).where('id', '=', itemId).execute();
}

/** An asset of the organisation by its code, or by the QR code stuck on it. */
export async function findAssetByCode(db: Db | Tx, orgId: string, code: string) {
  const cols = ['id', 'site_id', 'location_id', 'code', 'name', 'status', 'lost'] as const;
  const byCode = await db.selectFrom('assets').select(cols).where('org_id', '=', orgId).where('code', '=', code).executeTakeFirst();
  if (byCode) return byCode;
  return db
    .selectFrom('qr_codes as q')
    .innerJoin('assets as a', 'a.id', 'q.target_id')
    .select(cols.map((c) => `a.${c}` as const))
    .where('q.org_id', '=', orgId)
    .where('q.target_type', '=', 'asset')
    .where('q.code', 'in', [...new Set([code, code.toUpperCase()])])
    .executeTakeFirst();
}

export type ClosingAssetRow = Pick<Row<'assets'>, 'id' | 'site_id' | 'location_id' | 'lost'> & { found_location_id: string | null };

function closingQuery(tx: Tx, stocktakeId: string) {
  return tx
    .selectFrom('stocktake_items as i')
    .innerJoin('assets as a', 'a.id', 'i.asset_id')
    .select(['a.id', 'a.site_id', 'a.location_id', 'a.lost', 'i.found_location_id'])
    .where('i.stocktake_id', '=', stocktakeId);
}

/** Expected, not found, not yet flagged lost. */
export function missingAssets(tx: Tx, stocktakeId: string): Promise<ClosingAssetRow[]> {
  return closingQuery(tx, stocktakeId).where('i.expected', '=', 1).where('i.found_at', 'is', null).where('a.lost', '=', 0).execute();
}

/** Found in this count while the archive still says lost. */
export function recoveredAssets(tx: Tx, stocktakeId: string): Promise<ClosingAssetRow[]> {
  return closingQuery(tx, stocktakeId).where('i.found_at', 'is not', null).where('a.lost', '=', 1).execute();
}

/**
 * Found at a known place of the asset's own site other than where the archive has it
 * now (misplaced items, and unexpected ones from elsewhere in the site).
 */
export function relocatableAssets(tx: Tx, stocktakeId: string, siteId: string): Promise<ClosingAssetRow[]> {
  return closingQuery(tx, stocktakeId)
    .where('i.found_at', 'is not', null)
    .where('i.found_location_id', 'is not', null)
    .where('a.site_id', '=', siteId)
    .where((eb) => eb.or([eb('a.location_id', 'is', null), eb('a.location_id', '<>', eb.ref('i.found_location_id'))]))
    .execute();
}

export async function setAssetsLost(tx: Tx, ids: string[], lost: 0 | 1, now: string): Promise<void> {
  for (let i = 0; i < ids.length; i += CHUNK) {
    await tx
      .updateTable('assets')
      .set((eb) => ({ lost, updated_at: now, version: eb('version', '+', 1) }))
      .where('id', 'in', ids.slice(i, i + CHUNK))
      .execute();
  }
}

export async function moveAsset(tx: Tx, id: string, locationId: string, now: string): Promise<void> {
  await tx
    .updateTable('assets')
    .set((eb) => ({ location_id: locationId, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Location rows for path names ("长春店 / A座主楼 / 一层 / 配电室"), read in one query. */
export function findLocationRows(db: Db | Tx, orgId: string, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('locations')
    .select(['id', 'site_id', 'path', 'name', 'parent_id'])
    .where('org_id', '=', orgId)
    .where('id', 'in', wanted)
    .execute();
}
