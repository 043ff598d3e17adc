import { siteScope } from '../../platform/access/actor.js';
import { assertCan, assertReadable } from '../../platform/access/policy.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import { AppError, duplicate, notFound, staleVersion, validation } from '../../platform/http/errors.js';
import { buildTree, childPath, isWithin, pathIds, type TreeNode } from '../../platform/tree.js';
import {
  allCategories,
  assetCountsByCategory,
  type CategoryRow,
  countActiveChildCategories,
  findCategory,
  findCategoryByCode,
  lockCategoryTree,
  rebaseCategoryDescendants,
} from './categories.repository.js';

/** Categories are organisation-wide: read with assets:read, changed with assets:manage on every site. */
export interface CategoryInput {
  parentId?: string | null;
  code: string;
  name: string;
  nameEn: string;
  sort?: number;
}

export function toCategoryDto(r: CategoryRow, assetCount?: number) {
  return {
    id: r.id,
    parentId: r.parent_id,
    path: r.path,
    code: r.code,
    name: r.name,
    nameEn: r.name_en,
    depth: r.depth,
    sort: r.sort,
    active: r.active === 1,
    ...(assetCount !== undefined && { assetCount }),
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export type CategoryDto = ReturnType<typeof toCategoryDto>;

export async function getCategory(ctx: Ctx, id: string): Promise<CategoryRow> {
  assertReadable(ctx, 'assets:read', null, '设备分类');
  const row = await findCategory(ctx.db, ctx.actor.orgId, id);
  if (!row) throw notFound('设备分类');
  return row;
}

/** The flat list, parents first, with the number of assets directly in each category within the actor's sites. */
export async function listCategories(ctx: Ctx, active?: boolean): Promise<CategoryDto[]> {
  assertReadable(ctx, 'assets:read', null, '设备分类');
  const [rows, counts] = await Promise.all([
    allCategories(ctx.db, ctx.actor.orgId, active),
    assetCountsByCategory(ctx.db, ctx.actor.orgId, siteScope(ctx.actor, 'assets:read')),
  ]);
  return rows.map((r) => toCategoryDto(r, counts.get(r.id) ?? 0));
}

export async function categoryTree(ctx: Ctx, active?: boolean): Promise<TreeNode<CategoryDto>[]> {
  return buildTree(await listCategories(ctx, active));
}

export async function createCategory(ctx: Ctx, input: CategoryInput): Promise<CategoryRow> {
  assertCan(ctx, 'assets:manage', null);
  const now = ctx.clock.now().toISOString();
  const id = newId();
  return ctx.db.transaction().execute(async (tx) => {
    await lockCategoryTree(tx, ctx.actor.orgId);
    const parent = input.parentId ? await checkParent(ctx, tx, input.parentId) : null;
    await assertCodeFree(ctx, tx, input.code);
    const row: CategoryRow = {
      id,
      org_id: ctx.actor.orgId,
      parent_id: parent?.id ?? null,
      path: childPath(parent?.path ?? null, id),
      depth: parent ? parent.depth + 1 : 0,
      code: input.code,
      name: input.name.trim(),
      name_en: input.nameEn.trim(),
      sort: input.sort ?? 0,
      active: 1,
      created_at: now,
      updated_at: now,
      version: 1,
    };
    await tx.insertInto('asset_categories').values(row).execute();
    await writeAudit(ctx, tx, { entity: 'asset_category', entityId: id, action: 'create', after: row });
    return row;
  });
}

/** Edits a category; a new parent moves its whole subtree (paths rewritten in the same transaction). */
export async function updateCategory(ctx: Ctx, id: string, version: number, input: Partial<CategoryInput>): Promise<CategoryRow> {
  await getCategory(ctx, id);
  assertCan(ctx, 'assets:manage', null);
  const now = ctx.clock.now().toISOString();
  return ctx.db.transaction().execute(async (tx) => {
    await lockCategoryTree(tx, ctx.actor.orgId);
    const before = await findCategory(tx, ctx.actor.orgId, id);
    if (!before) throw notFound('设备分类');
    if (before.version !== version) throw staleVersion();
    const patch: Partial<CategoryRow> = {
      ...(input.code !== undefined && { code: input.code }),
      ...(input.name !== undefined && { name: input.name.trim() }),
      ...(input.nameEn !== undefined && { name_en: input.nameEn.trim() }),
      ...(input.sort !== undefined && { sort: input.sort }),
    };
    const moving = input.parentId !== undefined && input.parentId !== before.parent_id;
    if (moving) {
      const parent = input.parentId ? await checkParent(ctx, tx, input.parentId, before) : null;
      patch.parent_id = parent?.id ?? null;
      patch.path = childPath(parent?.path ?? null, id);
      patch.depth = parent ? parent.depth + 1 : 0;
    }
    if (input.code !== undefined && input.code !== before.code) await assertCodeFree(ctx, tx, input.code);
    if (moving) await assertNoInheritedKeyClash(ctx, tx, before, patch.path as string);
    await updateVersioned(tx, 'asset_categories', id, version, patch, now);
    if (moving && patch.path !== undefined && patch.depth !== undefined) {
      await rebaseCategoryDescendants(tx, ctx.actor.orgId, before.path, patch.path, patch.depth - before.depth, now);
    }
    const after: CategoryRow = { ...before, ...patch, version: version + 1, updated_at: now };
    await writeAudit(ctx, tx, { entity: 'asset_category', entityId: id, action: moving ? 'move' : 'update', before, after });
    return after;
  });
}

/** Deactivating keeps "every ancestor of an active category is active", like locations. */
export async function setCategoryActive(ctx: Ctx, id: string, version: number, active: boolean): Promise<CategoryRow> {
  await getCategory(ctx, id);
  assertCan(ctx, 'assets:manage', null);
  const now = ctx.clock.now().toISOString();
  return ctx.db.transaction().execute(async (tx) => {
    await lockCategoryTree(tx, ctx.actor.orgId);
    const before = await findCategory(tx, ctx.actor.orgId, id);
    if (!before) throw notFound('设备分类');
    if (!active) {
      const children = await countActiveChildCategories(tx, id);
      if (children > 0) {
        throw new AppError('CONFLICT', `「${before.name}」下还有 ${children} 个启用的子分类，请先停用子分类`, { activeChildren: children });
      }
    } else if (before.parent_id) {
      const parent = await findCategory(tx, ctx.actor.orgId, before.parent_id);
      if (parent && parent.active !== 1) throw new AppError('CONFLICT', `上级分类「${parent.name}」已停用，请先启用上级分类`);
    }
    await updateVersioned(tx, 'asset_categories', id, version, { active: active ? 1 : 0 }, now);
    const after: CategoryRow = { ...before, active: active ? 1 : 0, version: version + 1, updated_at: now };
    await writeAudit(ctx, tx, { entity: 'asset_category', entityId: id, action: active ? 'activate' : 'deactivate', before, after });
    return after;
  });
}

async function checkParent(ctx: Ctx, tx: Tx, parentId: string, moving?: CategoryRow): Promise<CategoryRow> {
  const parent = await findCategory(tx, ctx.actor.orgId, parentId);
  if (!parent) throw validation([{ field: 'parentId', message: '上级分类不存在' }]);
  if (moving && isWithin(parent.path, moving.path)) {
    const message = parent.id === moving.id ? '不能把分类设为自己的上级' : `「${parent.name}」是本分类的下级，不能移动到自己的下级分类下`;
    throw validation([{ field: 'parentId', message }]);
  }
  if (parent.active !== 1) throw validation([{ field: 'parentId', message: `上级分类「${parent.name}」已停用` }]);
  return parent;
}

async function assertCodeFree(ctx: Ctx, tx: Tx, code: string): Promise<void> {
  if (await findCategoryByCode(tx, ctx.actor.orgId, code)) throw duplicate('code', `分类编码 ${code} 已存在`);
}

/**
 * Attribute keys are unique along every path of the tree (a subcategory inherits its
 * ancestors' attributes), so a move under new ancestors must not bring a second
 * definition of a key the subtree already defines.
 */
async function assertNoInheritedKeyClash(ctx: Ctx, tx: Tx, moving: CategoryRow, newPath: string): Promise<void> {
  const newAncestors = pathIds(newPath).slice(0, -1);
  if (newAncestors.length === 0) return;
  const rows = await tx
    .selectFrom('asset_attributes as a')
    .innerJoin('asset_categories as c', 'c.id', 'a.category_id')
    .select(['a.key', 'c.id as category_id', 'c.path'])
    .where('a.org_id', '=', ctx.actor.orgId)
    .where((eb) => eb.or([eb('c.id', 'in', newAncestors), eb('c.path', 'like', `${moving.path}%`)]))
    .execute();
  const above = new Set(rows.filter((r) => newAncestors.includes(r.category_id)).map((r) => r.key));
  const clash = rows.find((r) => r.path.startsWith(moving.path) && above.has(r.key));
  if (clash) {
    throw duplicate('parentId', `新的上级分类已定义属性「${clash.key}」，与本分类（或子分类）的同名属性冲突`);
  }
}
