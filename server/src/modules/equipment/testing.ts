import type { Client } from '../../../test/harness.js';
import type { Db } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import type { AssetStatus } from './schema.js';

/**
 * Test fixtures of the equipment module: ids of the demo data, a fresh location
 * subtree, assets created through the real asset API (`createAsset`: QR code, audit and
 * numbering as production makes them), and assets written straight into the table
 * (`insertAsset`) for tests that need a row in an exact state without the API.
 */
export async function orgIdOf(db: Db): Promise<string> {
  return (await db.selectFrom('organizations').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
}

export async function locationIdOf(db: Db, code: string): Promise<string> {
  return (await db.selectFrom('locations').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

export async function siteIdOf(db: Db, code: string): Promise<string> {
  return (await db.selectFrom('sites').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

export async function userIdOf(db: Db, username: string): Promise<string> {
  return (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

export async function categoryIdOf(db: Db, code: string): Promise<string> {
  return (await db.selectFrom('asset_categories').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

export async function fireRuleIdOf(db: Db, code: string): Promise<string> {
  return (await db.selectFrom('fire_equipment_rules').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

export interface TestLocation {
  id: string;
  code: string;
}

/** A new location under `parentId` (or a new building at the top of the site). */
export async function createLocation(
  admin: Client,
  siteId: string,
  code: string,
  name: string,
  parentId: string | null = null,
): Promise<TestLocation> {
  const res = await admin.post<{ id: string; code: string }>('/api/v1/locations', {
    siteId,
    parentId,
    code,
    name,
    kind: parentId ? 'room' : 'building',
  });
  return created(res, 'location');
}

function created<T>(res: { status: number; body: T }, what: string): T {
  if (res.status !== 201) throw new Error(`creating the test ${what} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export interface ApiAssetSpec {
  code: string;
  name?: string;
  siteId: string;
  locationId?: string | null;
  custodianId?: string | null;
  departmentId?: string | null;
  status?: AssetStatus;
  /** category code of the default seed; `extinguisher` when a fire rule is given, else `office` */
  category?: string;
  fireRuleId?: string | null;
  productionDate?: string | null;
}

export interface ApiAsset {
  id: string;
  code: string;
  siteId: string;
  locationId: string | null;
  custodianId: string | null;
  departmentId: string | null;
  lost: boolean;
  qrCode: string | null;
  version: number;
}

export async function createAsset(admin: Client, db: Db, spec: ApiAssetSpec): Promise<ApiAsset> {
  const { category, name, ...rest } = spec;
  const res = await admin.post<ApiAsset>('/api/v1/assets', {
    ...rest,
    name: name ?? spec.code,
    categoryId: await categoryIdOf(db, category ?? (spec.fireRuleId ? 'extinguisher' : 'office')),
  });
  return created(res, 'asset');
}

/** The asset as the archive has it now. */
export async function assetRow(db: Db, id: string) {
  return db.selectFrom('assets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export interface TestAssetSpec {
  code: string;
  name?: string;
  /** site code, e.g. CC */
  site: string;
  /** location code, e.g. CC-A-1F-01 */
  location?: string | null;
  /** username of the custodian */
  custodian?: string | null;
  status?: AssetStatus;
  lost?: boolean;
  /** fire rule code, e.g. dry_powder */
  fireRule?: string;
  productionDate?: string | null;
  /** QR code to register for the asset */
  qr?: string;
  createdAt?: string;
}

export interface TestAsset {
  id: string;
  code: string;
  siteId: string;
  locationId: string | null;
}

/** The seeded 灭火器 category, or a test category when the defaults are not there. */
async function testCategoryId(db: Db): Promise<string> {
  const seeded = await db.selectFrom('asset_categories').select('id').where('code', 'in', ['extinguisher', 'test_misc']).executeTakeFirst();
  if (seeded) return seeded.id;
  const id = newId();
  const now = new Date().toISOString();
  await db
    .insertInto('asset_categories')
    .values({
      id,
      org_id: await orgIdOf(db),
      parent_id: null,
      path: `/${id}/`,
      depth: 0,
      code: 'test_misc',
      name: '测试分类',
      name_en: 'Test',
      sort: 0,
      active: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** An asset row written directly (no audit, no numbering, a QR code only when given). */
export async function insertAsset(db: Db, spec: TestAssetSpec): Promise<TestAsset> {
  const orgId = await orgIdOf(db);
  const siteId = await siteIdOf(db, spec.site);
  const locationId = spec.location ? await locationIdOf(db, spec.location) : null;
  const now = spec.createdAt ?? new Date().toISOString();
  const id = newId();
  await db
    .insertInto('assets')
    .values({
      id,
      org_id: orgId,
      site_id: siteId,
      location_id: locationId,
      category_id: await testCategoryId(db),
      parent_id: null,
      code: spec.code,
      name: spec.name ?? spec.code,
      brand: null,
      model: null,
      serial_no: null,
      supplier: null,
      purchase_date: null,
      purchase_cost: null,
      warranty_end: null,
      custodian_id: spec.custodian ? await userIdOf(db, spec.custodian) : null,
      department_id: null,
      status: spec.status ?? 'in_use',
      criticality: 'medium',
      attributes: '{}',
      lost: spec.lost ? 1 : 0,
      fire_rule_id: spec.fireRule ? await fireRuleIdOf(db, spec.fireRule) : null,
      production_date: spec.productionDate ?? null,
      notes: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  if (spec.qr) {
    await db
      .insertInto('qr_codes')
      .values({ code: spec.qr, org_id: orgId, site_id: siteId, target_type: 'asset', target_id: id, created_at: now })
      .execute();
  }
  return { id, code: spec.code, siteId, locationId };
}
