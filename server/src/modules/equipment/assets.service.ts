import type { Page } from '../../../../contracts/types.js';
import { siteScope } from '../../platform/access/actor.js';
import { assertCan, assertReadable } from '../../platform/access/policy.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import { AppError, duplicate, notFound, validation } from '../../platform/http/errors.js';
import type { PageQuery } from '../../platform/http/paging.js';
import { nextNumber } from '../../platform/numbering/numbering.js';
import { type AssetDto, assetDtos, parseAttributes } from './assets.dto.js';
import { type AssetState, checkAssetState, checkSite } from './assets.refs.js';
import {
  type AssetFilter,
  type AssetListRow,
  type AssetRow,
  assetCodeTaken,
  childAssets,
  findAsset,
  findAssetWithNames,
  listAssets,
} from './assets.repository.js';
import { applicableAttributes } from './attributes.service.js';
import { findCategory } from './categories.repository.js';
import { ensureQrCode, moveQrCodeSite } from './qr.codes.js';
import type { AssetCriticality, AssetStatus } from './schema.js';

export const ASSET_NUMBERING_RULE = 'ZC';

export interface AssetInput {
  code?: string | null;
  name: string;
  categoryId: string;
  siteId: string;
  locationId?: string | null;
  parentId?: string | null;
  brand?: string | null;
  model?: string | null;
  serialNo?: string | null;
  supplier?: string | null;
  purchaseDate?: string | null;
  /** fen */
  purchaseCost?: number | null;
  warrantyEnd?: string | null;
  custodianId?: string | null;
  departmentId?: string | null;
  status?: AssetStatus;
  criticality?: AssetCriticality;
  attributes?: Record<string, unknown>;
  fireRuleId?: string | null;
  productionDate?: string | null;
  notes?: string | null;
}

export type AssetPatch = Partial<AssetInput> & { lost?: boolean };

/** The stored row of an asset the actor may read (404 otherwise, also for other sites' assets). */
export async function getAssetRow(ctx: Ctx, id: string): Promise<AssetRow> {
  const row = await findAsset(ctx.db, ctx.actor.orgId, id);
  if (!row) throw notFound('设备');
  assertReadable(ctx, 'assets:read', row.site_id, '设备');
  return row;
}

/** The asset DTO of an asset the actor may read. */
export async function getAsset(ctx: Ctx, id: string): Promise<AssetDto> {
  const row = await findAssetWithNames(ctx.db, ctx.actor.orgId, id);
  if (!row) throw notFound('设备');
  assertReadable(ctx, 'assets:read', row.site_id, '设备');
  const [dto] = await assetDtos(ctx.db, ctx.actor.orgId, [row]);
  return dto as AssetDto;
}

/** The detail page: the DTO, its components, and the attribute definitions of its category. */
export async function getAssetDetail(ctx: Ctx, id: string) {
  const asset = await getAsset(ctx, id);
  const [children, category] = await Promise.all([
    childAssets(ctx.db, ctx.actor.orgId, id),
    findCategory(ctx.db, ctx.actor.orgId, asset.categoryId),
  ]);
  const definitions = category ? await applicableAttributes(ctx.db, category) : [];
  return {
    ...asset,
    children: children.map((c) => ({ id: c.id, code: c.code, name: c.name, status: c.status, lost: c.lost === 1 })),
    attributeDefinitions: definitions.filter((d) => d.active || asset.attributes[d.key] !== undefined),
  };
}

export interface AssetSearch extends Omit<AssetFilter, 'locationUnder' | 'categoryUnder'> {
  /** with `under`, the location's whole subtree */
  under?: boolean;
  categoryId?: string;
}

/** Narrows a search's location and category ids to the subtree roots the filter needs. */
export async function resolveAssetFilter(ctx: Ctx, f: AssetSearch): Promise<AssetFilter> {
  const { under, categoryId, locationId, ...rest } = f;
  const filter: AssetFilter = { ...rest };
  if (locationId && under) {
    const loc = await ctx.db
      .selectFrom('locations')
      .select(['site_id', 'path'])
      .where('org_id', '=', ctx.actor.orgId)
      .where('id', '=', locationId)
      .executeTakeFirst();
    if (!loc) throw validation([{ field: 'locationId', message: '位置不存在' }]);
    filter.locationUnder = loc;
  } else if (locationId) filter.locationId = locationId;
  if (categoryId) {
    const category = await findCategory(ctx.db, ctx.actor.orgId, categoryId);
    if (!category) throw validation([{ field: 'categoryId', message: '设备分类不存在' }]);
    filter.categoryUnder = category;
  }
  return filter;
}

export async function searchAssets(ctx: Ctx, f: AssetSearch): Promise<Page<AssetDto>> {
  const filter = await resolveAssetFilter(ctx, f);
  const page = await listAssets(ctx.db, ctx.actor.orgId, siteScope(ctx.actor, 'assets:read'), filter);
  return { items: await assetDtos(ctx.db, ctx.actor.orgId, page.items), nextCursor: page.nextCursor };
}

/** The signed-in person's assets (custodian = me), on whatever site they are. */
export async function myAssets(ctx: Ctx, q: PageQuery & { q?: string }): Promise<Page<AssetDto>> {
  if (!ctx.actor.userId) return { items: [], nextCursor: null };
  const page = await listAssets(ctx.db, ctx.actor.orgId, 'all', { ...q, custodianId: ctx.actor.userId });
  return { items: await assetDtos(ctx.db, ctx.actor.orgId, page.items), nextCursor: page.nextCursor };
}

const ALL_FIELDS = new Set<keyof AssetState>([
  'siteId',
  'locationId',
  'categoryId',
  'parentId',
  'custodianId',
  'departmentId',
  'fireRuleId',
  'productionDate',
  'purchaseDate',
  'warrantyEnd',
]);

function stateOf(i: AssetInput): AssetState {
  return {
    siteId: i.siteId,
    locationId: i.locationId ?? null,
    categoryId: i.categoryId,
    parentId: i.parentId ?? null,
    custodianId: i.custodianId ?? null,
    departmentId: i.departmentId ?? null,
    fireRuleId: i.fireRuleId ?? null,
    productionDate: i.productionDate ?? null,
    purchaseDate: i.purchaseDate ?? null,
    warrantyEnd: i.warrantyEnd ?? null,
  };
}

const text = (v: string | null | undefined) => (v === undefined ? undefined : v?.trim() || null);

export async function createAsset(ctx: Ctx, input: AssetInput): Promise<AssetDto> {
  const siteProblem = await checkSite(ctx, ctx.db, input.siteId);
  if (siteProblem) throw validation([siteProblem]);
  assertCan(ctx, 'assets:manage', input.siteId);
  const check = await checkAssetState(ctx, ctx.db, stateOf(input), ALL_FIELDS, input.attributes ?? {});
  if (!input.name.trim()) check.errors.unshift({ field: 'name', message: '不能为空' });
  if (check.errors.length) throw validation(check.errors);
  const code = text(input.code);
  if (code && (await assetCodeTaken(ctx.db, ctx.actor.orgId, code))) throw duplicate('code', `设备编码 ${code} 已存在`);
  const now = ctx.clock.now().toISOString();
  const id = await ctx.db.transaction().execute(async (tx) => {
    const row = newAssetRow(ctx.actor.orgId, input, code ?? (await generateAssetCode(tx, ctx.actor.orgId, input.siteId, now)), now);
    row.attributes = JSON.stringify(check.attributes ?? {});
    await insertAsset(ctx, tx, row, 'create');
    return row.id;
  });
  return getAsset(ctx, id);
}

/** A fresh row from input (attributes as given: the caller validated them). */
export function newAssetRow(orgId: string, i: AssetInput, code: string, now: string): AssetRow {
  return {
    id: newId(),
    org_id: orgId,
    site_id: i.siteId,
    location_id: i.locationId ?? null,
    category_id: i.categoryId,
    parent_id: i.parentId ?? null,
    code,
    name: i.name.trim(),
    brand: text(i.brand) ?? null,
    model: text(i.model) ?? null,
    serial_no: text(i.serialNo) ?? null,
    supplier: text(i.supplier) ?? null,
    purchase_date: i.purchaseDate ?? null,
    purchase_cost: i.purchaseCost ?? null,
    warranty_end: i.warrantyEnd ?? null,
    custodian_id: i.custodianId ?? null,
    department_id: i.departmentId ?? null,
    status: i.status ?? 'in_use',
    criticality: i.criticality ?? 'medium',
    attributes: JSON.stringify(i.attributes ?? {}),
    lost: 0,
    fire_rule_id: i.fireRuleId ?? null,
    production_date: i.productionDate ?? null,
    notes: text(i.notes) ?? null,
    created_at: now,
    updated_at: now,
    version: 1,
  };
}

/** Inserts an asset with its QR code and the audit entry, in the caller's transaction. */
export async function insertAsset(ctx: Ctx, tx: Tx, row: AssetRow, action: 'create' | 'import'): Promise<void> {
  await tx.insertInto('assets').values(row).execute();
  await ensureQrCode(tx, { orgId: row.org_id, siteId: row.site_id, targetType: 'asset', targetId: row.id }, row.created_at);
  await writeAudit(ctx, tx, { entity: 'asset', entityId: row.id, siteId: row.site_id, action, after: row });
}

/**
 * The next free number of rule ZC. A number someone already typed in by hand is
 * skipped rather than failing the creation on the unique index.
 */
export async function generateAssetCode(tx: Tx, orgId: string, siteId: string, now: string): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const code = await nextNumber(tx, { orgId, ruleCode: ASSET_NUMBERING_RULE, siteId, at: new Date(now) });
    if (!(await assetCodeTaken(tx, orgId, code))) return code;
  }
  throw new AppError('CONFLICT', '设备编号规则 ZC 生成的编号都已被占用，请检查编号规则');
}

export async function updateAsset(ctx: Ctx, id: string, version: number, patch: AssetPatch): Promise<AssetDto> {
  const before = await getAssetRow(ctx, id);
  assertCan(ctx, 'assets:manage', before.site_id);
  const movingSite = patch.siteId !== undefined && patch.siteId !== before.site_id;
  if (movingSite) {
    const siteProblem = await checkSite(ctx, ctx.db, patch.siteId as string);
    if (siteProblem) throw validation([siteProblem]);
    assertCan(ctx, 'assets:manage', patch.siteId as string);
  }
  const current: AssetState = {
    siteId: before.site_id,
    locationId: before.location_id,
    categoryId: before.category_id,
    parentId: before.parent_id,
    custodianId: before.custodian_id,
    departmentId: before.department_id,
    fireRuleId: before.fire_rule_id,
    productionDate: before.production_date,
    purchaseDate: before.purchase_date,
    warrantyEnd: before.warranty_end,
  };
  const state = { ...current };
  const changed = new Set<keyof AssetState>();
  for (const key of ALL_FIELDS) {
    const value = (patch as Record<string, unknown>)[key];
    if (value !== undefined && value !== current[key]) {
      (state as Record<string, unknown>)[key] = value;
      changed.add(key);
    }
  }
  const attributes = patch.attributes ?? (changed.has('categoryId') ? parseAttributes(before.attributes) : undefined);
  const check = await checkAssetState(ctx, ctx.db, state, changed, attributes, { id });
  if (patch.name !== undefined && !patch.name.trim()) check.errors.unshift({ field: 'name', message: '不能为空' });
  if (movingSite) {
    const children = await childAssets(ctx.db, ctx.actor.orgId, id);
    if (children.length) check.errors.push({ field: 'siteId', message: `该设备下还有 ${children.length} 个部件，请先移走部件再换场所` });
  }
  if (check.errors.length) throw validation(check.errors);
  const code = text(patch.code);
  if (code && code !== before.code && (await assetCodeTaken(ctx.db, ctx.actor.orgId, code))) {
    throw duplicate('code', `设备编码 ${code} 已存在`);
  }
  const rowPatch: Partial<AssetRow> = {
    ...(code && { code }),
    ...(patch.name !== undefined && { name: patch.name.trim() }),
    ...(changed.has('siteId') && { site_id: state.siteId }),
    ...(changed.has('locationId') && { location_id: state.locationId }),
    ...(changed.has('categoryId') && { category_id: state.categoryId }),
    ...(changed.has('parentId') && { parent_id: state.parentId }),
    ...(patch.brand !== undefined && { brand: text(patch.brand) }),
    ...(patch.model !== undefined && { model: text(patch.model) }),
    ...(patch.serialNo !== undefined && { serial_no: text(patch.serialNo) }),
    ...(patch.supplier !== undefined && { supplier: text(patch.supplier) }),
    ...(changed.has('purchaseDate') && { purchase_date: state.purchaseDate }),
    ...(patch.purchaseCost !== undefined && { purchase_cost: patch.purchaseCost }),
    ...(changed.has('warrantyEnd') && { warranty_end: state.warrantyEnd }),
    ...(changed.has('custodianId') && { custodian_id: state.custodianId }),
    ...(changed.has('departmentId') && { department_id: state.departmentId }),
    ...(patch.status !== undefined && { status: patch.status }),
    ...(patch.criticality !== undefined && { criticality: patch.criticality }),
    ...(check.attributes !== undefined && { attributes: JSON.stringify(check.attributes) }),
    ...(patch.lost !== undefined && { lost: patch.lost ? 1 : 0 }),
    ...(changed.has('fireRuleId') && { fire_rule_id: state.fireRuleId }),
    ...(changed.has('productionDate') && { production_date: state.productionDate }),
    ...(patch.notes !== undefined && { notes: text(patch.notes) }),
  };
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'assets', id, version, rowPatch, now);
    if (movingSite) await moveQrCodeSite(tx, 'asset', id, state.siteId);
    const after = { ...before, ...rowPatch, version: version + 1, updated_at: now };
    await writeAudit(ctx, tx, { entity: 'asset', entityId: id, siteId: after.site_id, action: 'update', before, after });
  });
  return getAsset(ctx, id);
}

export type { AssetListRow };
