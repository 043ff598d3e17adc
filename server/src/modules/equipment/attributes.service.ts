import { assertCan } from '../../platform/access/policy.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Db, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import { duplicate, notFound, validation } from '../../platform/http/errors.js';
import { pathIds } from '../../platform/tree.js';
import { type AttributeRow, attributesOfCategories, findAttribute, parseOptions, toAttributeDef } from './attributes.repository.js';
import { type AttributeDef, type AttributeType, definitionProblems } from './attributes.rules.js';
import { type CategoryRow, findCategoriesByIds, findCategory, lockCategoryTree } from './categories.repository.js';
import { getCategory } from './categories.service.js';

export interface AttributeInput {
  categoryId: string;
  key: string;
  label: string;
  labelEn: string;
  type: AttributeType;
  unit?: string | null;
  options?: string[];
  required?: boolean;
  sort?: number;
}

export type AttributePatch = Partial<Omit<AttributeInput, 'categoryId' | 'key' | 'type'>> & { key?: string; type?: AttributeType };

export function toAttributeDto(r: AttributeRow, inheritedFrom?: { id: string; code: string; name: string } | null) {
  return {
    id: r.id,
    categoryId: r.category_id,
    key: r.key,
    label: r.label,
    labelEn: r.label_en,
    type: r.type,
    unit: r.unit,
    options: parseOptions(r.options),
    required: r.required === 1,
    sort: r.sort,
    active: r.active === 1,
    ...(inheritedFrom !== undefined && { inheritedFrom }),
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export type AttributeDto = ReturnType<typeof toAttributeDto>;

/**
 * The definitions that apply to a category: its ancestors' first (top down), then its
 * own; each inherited one names the category it comes from.
 */
export async function applicableAttributes(db: Db | Tx, category: CategoryRow): Promise<AttributeDto[]> {
  const chain = pathIds(category.path);
  const [rows, cats] = await Promise.all([
    attributesOfCategories(db, category.org_id, chain),
    findCategoriesByIds(db, category.org_id, chain),
  ]);
  const catById = new Map(cats.map((c) => [c.id, c]));
  const level = new Map(chain.map((id, i) => [id, i]));
  return rows
    .sort((a, b) => (level.get(a.category_id) ?? 0) - (level.get(b.category_id) ?? 0) || a.sort - b.sort || a.key.localeCompare(b.key))
    .map((r) => {
      const from = r.category_id === category.id ? null : catById.get(r.category_id);
      return toAttributeDto(r, from ? { id: from.id, code: from.code, name: from.name } : null);
    });
}

/** What asset validation needs: every definition on the category's path, active or not. */
export async function attributeDefsFor(db: Db | Tx, category: CategoryRow): Promise<AttributeDef[]> {
  return (await attributesOfCategories(db, category.org_id, pathIds(category.path))).map(toAttributeDef);
}

export async function listCategoryAttributes(ctx: Ctx, categoryId: string, inherited: boolean, active?: boolean): Promise<AttributeDto[]> {
  const category = await getCategory(ctx, categoryId);
  const all = inherited
    ? await applicableAttributes(ctx.db, category)
    : (await attributesOfCategories(ctx.db, ctx.actor.orgId, [category.id])).map((r) => toAttributeDto(r));
  return active === undefined ? all : all.filter((a) => a.active === active);
}

export async function createAttribute(ctx: Ctx, input: AttributeInput): Promise<AttributeRow> {
  assertCan(ctx, 'assets:manage', null);
  const options = (input.options ?? []).map((o) => o.trim());
  const problems = definitionProblems({ type: input.type, options });
  if (!input.label.trim()) problems.push({ field: 'label', message: '不能为空' });
  if (problems.length) throw validation(problems);
  const now = ctx.clock.now().toISOString();
  return ctx.db.transaction().execute(async (tx) => {
    await lockCategoryTree(tx, ctx.actor.orgId);
    const category = await findCategory(tx, ctx.actor.orgId, input.categoryId);
    if (!category) throw validation([{ field: 'categoryId', message: '设备分类不存在' }]);
    await assertKeyFreeAlongPaths(tx, category, input.key);
    const row: AttributeRow = {
      id: newId(),
      org_id: ctx.actor.orgId,
      category_id: category.id,
      key: input.key,
      label: input.label.trim(),
      label_en: input.labelEn.trim(),
      type: input.type,
      unit: input.type === 'number' ? (input.unit?.trim() ?? null) || null : null,
      options: JSON.stringify(input.type === 'choice' ? options : []),
      required: input.required ? 1 : 0,
      sort: input.sort ?? 0,
      active: 1,
      created_at: now,
      updated_at: now,
      version: 1,
    };
    await tx.insertInto('asset_attributes').values(row).execute();
    await writeAudit(ctx, tx, { entity: 'asset_attribute', entityId: row.id, action: 'create', after: row });
    return row;
  });
}

/** Key and type are fixed once created: stored asset values are keyed by the one and shaped by the other. */
export async function updateAttribute(ctx: Ctx, id: string, version: number, input: AttributePatch): Promise<AttributeRow> {
  assertCan(ctx, 'assets:manage', null);
  const before = await findAttribute(ctx.db, ctx.actor.orgId, id);
  if (!before) throw notFound('属性');
  const problems = [];
  if (input.key !== undefined && input.key !== before.key) problems.push({ field: 'key', message: '属性键创建后不可修改' });
  if (input.type !== undefined && input.type !== before.type)
    problems.push({ field: 'type', message: '属性类型创建后不可修改；请新建属性' });
  if (input.label !== undefined && !input.label.trim()) problems.push({ field: 'label', message: '不能为空' });
  const options = input.options?.map((o) => o.trim());
  if (options !== undefined) problems.push(...definitionProblems({ type: before.type, options }));
  if (problems.length) throw validation(problems);
  const patch: Partial<AttributeRow> = {
    ...(input.label !== undefined && { label: input.label.trim() }),
    ...(input.labelEn !== undefined && { label_en: input.labelEn.trim() }),
    ...(input.unit !== undefined && before.type === 'number' && { unit: input.unit?.trim() || null }),
    ...(options !== undefined && { options: JSON.stringify(options) }),
    ...(input.required !== undefined && { required: input.required ? 1 : 0 }),
    ...(input.sort !== undefined && { sort: input.sort }),
  };
  return saveAttribute(ctx, before, version, patch, 'update');
}

export async function setAttributeActive(ctx: Ctx, id: string, version: number, active: boolean): Promise<AttributeRow> {
  assertCan(ctx, 'assets:manage', null);
  const before = await findAttribute(ctx.db, ctx.actor.orgId, id);
  if (!before) throw notFound('属性');
  return saveAttribute(ctx, before, version, { active: active ? 1 : 0 }, active ? 'activate' : 'deactivate');
}

async function saveAttribute(ctx: Ctx, before: AttributeRow, version: number, patch: Partial<AttributeRow>, action: string) {
  const now = ctx.clock.now().toISOString();
  const after: AttributeRow = { ...before, ...patch, version: version + 1, updated_at: now };
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'asset_attributes', before.id, version, patch, now);
    await writeAudit(ctx, tx, { entity: 'asset_attribute', entityId: before.id, action, before, after });
  });
  return after;
}

/** A key may appear once along any root-to-leaf path: not in an ancestor, the category itself or a descendant. */
async function assertKeyFreeAlongPaths(tx: Tx, category: CategoryRow, key: string): Promise<void> {
  const ancestors = pathIds(category.path);
  const clash = await tx
    .selectFrom('asset_attributes as a')
    .innerJoin('asset_categories as c', 'c.id', 'a.category_id')
    .select(['c.name'])
    .where('a.org_id', '=', category.org_id)
    .where('a.key', '=', key)
    .where((eb) => eb.or([eb('c.id', 'in', ancestors), eb('c.path', 'like', `${category.path}%`)]))
    .executeTakeFirst();
  if (clash) throw duplicate('key', `属性键 ${key} 已在分类「${clash.name}」中定义（上下级分类共用属性）`);
}
