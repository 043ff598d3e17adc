import type { Db, Tx } from '../../platform/context.js';
import type { Row } from '../../platform/db/schema.js';
import { locationSubtreeQuery } from '../org/index.js';
import { type QrTarget, type QrTargetType, randomQrCode } from './qr.codes.js';

/**
 * Reads behind QR lookups and label printing. Location rows are read by id only (the
 * org module owns their writes and exports the subtree query used here).
 */
export type QrRow = Row<'qr_codes'>;

export interface QrAssetRow {
  id: string;
  site_id: string;
  location_id: string | null;
  code: string;
  name: string;
  status: string;
}

export interface QrLocationRow {
  id: string;
  site_id: string;
  parent_id: string | null;
  path: string;
  code: string;
  name: string;
  sort: number;
  active: number;
}

const ASSET_COLUMNS = ['id', 'site_id', 'location_id', 'code', 'name', 'status'] as const;
const LOCATION_COLUMNS = ['id', 'site_id', 'parent_id', 'path', 'code', 'name', 'sort', 'active'] as const;

export function findQrByCode(db: Db | Tx, code: string): Promise<QrRow | undefined> {
  return db.selectFrom('qr_codes').selectAll().where('code', '=', code).executeTakeFirst();
}

export function findQrByTarget(db: Db | Tx, orgId: string, targetType: QrTargetType, targetId: string): Promise<QrRow | undefined> {
  return db
    .selectFrom('qr_codes')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('target_type', '=', targetType)
    .where('target_id', '=', targetId)
    .executeTakeFirst();
}

/** The codes of many targets of one type, by target id (chunked under SQLite's parameter limit). */
export async function qrCodesOf(db: Db | Tx, targetType: QrTargetType, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of chunks(ids, 500)) {
    const rows = await db
      .selectFrom('qr_codes')
      .select(['target_id', 'code'])
      .where('target_type', '=', targetType)
      .where('target_id', 'in', part)
      .execute();
    for (const r of rows) out.set(r.target_id, r.code);
  }
  return out;
}

export async function assetsByIds(db: Db | Tx, orgId: string, ids: string[]): Promise<QrAssetRow[]> {
  const out: QrAssetRow[] = [];
  for (const part of chunks(ids, 500)) {
    out.push(...(await db.selectFrom('assets').select(ASSET_COLUMNS).where('org_id', '=', orgId).where('id', 'in', part).execute()));
  }
  return out;
}

export async function locationsByIds(db: Db | Tx, orgId: string, ids: string[]): Promise<QrLocationRow[]> {
  const out: QrLocationRow[] = [];
  for (const part of chunks(ids, 500)) {
    out.push(...(await db.selectFrom('locations').select(LOCATION_COLUMNS).where('org_id', '=', orgId).where('id', 'in', part).execute()));
  }
  return out;
}

/** The root location and every active location below it. */
export function locationSubtree(db: Db, root: QrLocationRow): Promise<QrLocationRow[]> {
  return db
    .selectFrom('locations')
    .select(LOCATION_COLUMNS)
    .where('id', 'in', locationSubtreeQuery(db, root))
    .where((eb) => eb.or([eb('id', '=', root.id), eb('active', '=', 1)]))
    .execute();
}

/** Assets placed in any of the subtree's locations, scrapped ones left out (nobody labels scrap). */
export function assetsInLocationSubtree(db: Db, root: QrLocationRow): Promise<QrAssetRow[]> {
  return db
    .selectFrom('assets')
    .select(ASSET_COLUMNS)
    .where('location_id', 'in', locationSubtreeQuery(db, root))
    .where('status', '!=', 'scrapped')
    .orderBy('code')
    .execute();
}

export async function siteNames(db: Db | Tx, orgId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('sites').select(['id', 'name']).where('org_id', '=', orgId).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Locations of the organisation that have no code yet. */
export function locationsWithoutQr(db: Db | Tx, orgId: string): Promise<{ id: string; site_id: string }[]> {
  return db
    .selectFrom('locations')
    .leftJoin('qr_codes', (join) => join.onRef('qr_codes.target_id', '=', 'locations.id').on('qr_codes.target_type', '=', 'location'))
    .select(['locations.id', 'locations.site_id'])
    .where('locations.org_id', '=', orgId)
    .where('qr_codes.code', 'is', null)
    .execute();
}

export type CreatedQr = Pick<QrRow, 'code' | 'site_id' | 'target_type' | 'target_id'>;

/**
 * Inserts fresh random codes for targets in batches and answers the ones it created.
 * `on conflict do nothing` skips both a target that got its code concurrently and a
 * (rare) clash of random codes; the caller re-reads what is still missing and tries again.
 */
export async function insertQrCodes(tx: Tx, targets: QrTarget[], now: string): Promise<CreatedQr[]> {
  const created: CreatedQr[] = [];
  for (const part of chunks(targets, 500)) {
    const rows = await tx
      .insertInto('qr_codes')
      .values(
        part.map((t) => ({
          code: randomQrCode(),
          org_id: t.orgId,
          site_id: t.siteId,
          target_type: t.targetType,
          target_id: t.targetId,
          created_at: now,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .returning(['code', 'site_id', 'target_type', 'target_id'])
      .execute();
    created.push(...rows);
  }
  return created;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
