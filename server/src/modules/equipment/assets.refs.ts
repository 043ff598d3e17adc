import type { FieldError } from '../../../../contracts/errors.js';
import { inScope, siteScope } from '../../platform/access/actor.js';
import type { Ctx, Db, Tx } from '../../platform/context.js';
import { findAsset } from './assets.repository.js';
import { type AttributeValues, isIsoDate, keepKnownAttributes, validateAttributes } from './attributes.rules.js';
import { attributeDefsFor } from './attributes.service.js';
import { type CategoryRow, findCategory } from './categories.repository.js';

/**
 * The references of an asset (site, location, category, parent, custodian, department,
 * fire rule) checked together, so one answer lists every bad field. A reference must be
 * active when it is being set; one that was deactivated after it was set stays valid,
 * so unrelated edits of older assets keep working.
 */
export interface AssetState {
  siteId: string;
  locationId: string | null;
  categoryId: string;
  parentId: string | null;
  custodianId: string | null;
  departmentId: string | null;
  fireRuleId: string | null;
  productionDate: string | null;
  purchaseDate: string | null;
  warrantyEnd: string | null;
}

export interface StateCheck {
  errors: FieldError[];
  category?: CategoryRow;
  attributes?: AttributeValues;
}

type Db_ = Db | Tx;

export function findSiteLite(db: Db_, orgId: string, id: string) {
  return db
    .selectFrom('sites')
    .select(['id', 'code', 'name', 'active'])
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findLocationLite(db: Db_, orgId: string, id: string) {
  return db
    .selectFrom('locations')
    .select(['id', 'site_id', 'path', 'name', 'code', 'active'])
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findUserLite(db: Db_, orgId: string, id: string) {
  return db.selectFrom('users').select(['id', 'name', 'active']).where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function findDepartmentLite(db: Db_, orgId: string, id: string) {
  return db.selectFrom('departments').select(['id', 'name', 'active']).where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function findFireRuleLite(db: Db_, orgId: string, id: string) {
  return db
    .selectFrom('fire_equipment_rules')
    .select(['id', 'name', 'active'])
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The site an asset is created in or moved to: readable (else "not found") and active. */
export async function checkSite(ctx: Ctx, db: Db_, siteId: string): Promise<FieldError | null> {
  const site = await findSiteLite(db, ctx.actor.orgId, siteId);
  if (!site || !inScope(siteScope(ctx.actor, 'assets:read'), site.id)) return { field: 'siteId', message: '场所不存在或无权访问' };
  if (site.active !== 1) return { field: 'siteId', message: `场所「${site.name}」已停用` };
  return null;
}

/**
 * Checks the merged state of an asset. `changed` names the fields being set (all of
 * them on creation); `attributes` are the values to validate, or undefined to leave
 * the stored ones alone.
 */
export async function checkAssetState(
  ctx: Ctx,
  db: Db_,
  state: AssetState,
  changed: Set<keyof AssetState>,
  attributes: Record<string, unknown> | undefined,
  self?: { id: string },
): Promise<StateCheck> {
  const { orgId } = ctx.actor;
  const errors: FieldError[] = [];
  const add = (field: string, message: string) => errors.push({ field, message });
  const check: StateCheck = { errors };

  const category = await findCategory(db, orgId, state.categoryId);
  if (!category) add('categoryId', '设备分类不存在');
  else if (changed.has('categoryId') && category.active !== 1) add('categoryId', `设备分类「${category.name}」已停用`);
  else check.category = category;

  if (state.locationId) {
    const loc = await findLocationLite(db, orgId, state.locationId);
    if (!loc || !inScope(siteScope(ctx.actor, 'assets:read'), loc.site_id)) add('locationId', '位置不存在或无权访问');
    else if (loc.site_id !== state.siteId) add('locationId', `位置「${loc.name}」不属于该设备所在的场所`);
    else if (changed.has('locationId') && loc.active !== 1) add('locationId', `位置「${loc.name}」已停用`);
  }

  if (state.parentId) await checkParent(ctx, db, state, self, add);

  if (state.custodianId && (changed.has('custodianId') || !self)) {
    const user = await findUserLite(db, orgId, state.custodianId);
    if (!user) add('custodianId', '责任人不存在');
    else if (user.active !== 1) add('custodianId', `责任人「${user.name}」已停用`);
  }
  if (state.departmentId && (changed.has('departmentId') || !self)) {
    const dept = await findDepartmentLite(db, orgId, state.departmentId);
    if (!dept) add('departmentId', '责任部门不存在');
    else if (dept.active !== 1) add('departmentId', `责任部门「${dept.name}」已停用`);
  }
  if (state.fireRuleId) {
    if (changed.has('fireRuleId')) {
      const rule = await findFireRuleLite(db, orgId, state.fireRuleId);
      if (!rule) add('fireRuleId', '消防器材类型不存在');
      else if (rule.active !== 1) add('fireRuleId', `消防器材类型「${rule.name}」已停用`);
    }
    if (!state.productionDate) add('productionDate', '消防器材必须填写生产日期（用于计算维保与报废日期）');
  }
  for (const field of ['purchaseDate', 'warrantyEnd', 'productionDate'] as const) {
    const value = state[field];
    if (value && changed.has(field) && !isIsoDate(value)) add(field, '不是有效日期（YYYY-MM-DD）');
  }
  if (
    state.purchaseDate &&
    state.warrantyEnd &&
    isIsoDate(state.purchaseDate) &&
    isIsoDate(state.warrantyEnd) &&
    state.warrantyEnd < state.purchaseDate
  )
    add('warrantyEnd', '保修截止日期不能早于购置日期');

  if (check.category && attributes !== undefined) {
    const defs = await attributeDefsFor(db, check.category);
    const input = changed.has('categoryId') && self ? keepKnownAttributes(defs, attributes as AttributeValues) : attributes;
    const result = validateAttributes(defs, input);
    errors.push(...result.errors);
    check.attributes = result.values;
  }
  return check;
}

/** A parent must be a readable asset of the same site, and must not lie below the asset itself. */
async function checkParent(
  ctx: Ctx,
  db: Db_,
  state: AssetState,
  self: { id: string } | undefined,
  add: (field: string, message: string) => void,
): Promise<void> {
  const { orgId } = ctx.actor;
  const parentId = state.parentId as string;
  if (self && parentId === self.id) return add('parentId', '不能把设备设为自己的上级设备');
  const parent = await findAsset(db, orgId, parentId);
  if (!parent || !inScope(siteScope(ctx.actor, 'assets:read'), parent.site_id)) return add('parentId', '上级设备不存在或无权访问');
  if (parent.site_id !== state.siteId) return add('parentId', `上级设备「${parent.name}」属于其他场所`);
  if (!self) return;
  // walk up from the new parent: meeting the asset itself means a loop
  let cursor: string | null = parent.parent_id;
  for (let steps = 0; cursor; steps++) {
    if (cursor === self.id || steps > 100) return add('parentId', `「${parent.name}」是本设备的下级部件，不能设为上级设备`);
    cursor = (await findAsset(db, orgId, cursor))?.parent_id ?? null;
  }
}
