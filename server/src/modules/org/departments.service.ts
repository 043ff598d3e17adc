import { assertCan, assertReadable } from '../../platform/access/policy.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import { AppError, duplicate, notFound, staleVersion, validation } from '../../platform/http/errors.js';
import { wouldCycle } from '../../platform/tree.js';
import {
  countActiveSubDepartments,
  type DepartmentFilter,
  type DepartmentRow,
  departmentParents,
  findDepartment,
  findDepartmentByCode,
  listDepartments,
  lockDepartmentTree,
} from './departments.repository.js';

/** Departments are organisation-wide: read with org:read anywhere, changed with org:manage on every site. */
export interface DepartmentInput {
  code: string;
  name: string;
  parentId?: string | null;
}

export function toDepartmentDto(r: DepartmentRow & { parent_code?: string | null; parent_name?: string | null }) {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    parentId: r.parent_id,
    ...(r.parent_code !== undefined && { parentCode: r.parent_code, parentName: r.parent_name ?? null }),
    active: r.active === 1,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function getDepartment(ctx: Ctx, id: string): Promise<DepartmentRow> {
  assertReadable(ctx, 'org:read', null, '部门');
  const row = await findDepartment(ctx.db, ctx.actor.orgId, id);
  if (!row) throw notFound('部门');
  return row;
}

/** A department with its parent's code and name. */
export async function getDepartmentDetail(ctx: Ctx, id: string) {
  const row = await getDepartment(ctx, id);
  const parent = row.parent_id ? await findDepartment(ctx.db, ctx.actor.orgId, row.parent_id) : undefined;
  return toDepartmentDto({ ...row, parent_code: parent?.code ?? null, parent_name: parent?.name ?? null });
}

export async function searchDepartments(ctx: Ctx, filter: DepartmentFilter) {
  assertReadable(ctx, 'org:read', null, '部门');
  const page = await listDepartments(ctx.db, ctx.actor.orgId, filter);
  return { items: page.items.map(toDepartmentDto), nextCursor: page.nextCursor };
}

export async function createDepartment(ctx: Ctx, input: DepartmentInput): Promise<DepartmentRow> {
  assertCan(ctx, 'org:manage', null);
  const now = ctx.clock.now().toISOString();
  return ctx.db.transaction().execute(async (tx) => {
    await lockDepartmentTree(tx, ctx.actor.orgId);
    if (input.parentId) await checkParent(ctx, tx, input.parentId, null);
    await assertCodeFree(ctx, tx, input.code);
    const row: DepartmentRow = {
      id: newId(),
      org_id: ctx.actor.orgId,
      code: input.code,
      name: input.name,
      parent_id: input.parentId ?? null,
      active: 1,
      created_at: now,
      updated_at: now,
      version: 1,
    };
    await tx.insertInto('departments').values(row).execute();
    await writeAudit(ctx, tx, { entity: 'department', entityId: row.id, action: 'create', after: row });
    return row;
  });
}

export async function updateDepartment(ctx: Ctx, id: string, version: number, input: Partial<DepartmentInput>): Promise<DepartmentRow> {
  await getDepartment(ctx, id);
  assertCan(ctx, 'org:manage', null);
  const now = ctx.clock.now().toISOString();
  return ctx.db.transaction().execute(async (tx) => {
    await lockDepartmentTree(tx, ctx.actor.orgId);
    const before = await findDepartment(tx, ctx.actor.orgId, id);
    if (!before) throw notFound('部门');
    if (before.version !== version) throw staleVersion();
    const reparent = input.parentId !== undefined && input.parentId !== before.parent_id;
    if (reparent && input.parentId) await checkParent(ctx, tx, input.parentId, before);
    if (input.code !== undefined && input.code !== before.code) await assertCodeFree(ctx, tx, input.code);
    const patch: Partial<DepartmentRow> = {
      ...(input.code !== undefined && { code: input.code }),
      ...(input.name !== undefined && { name: input.name }),
      ...(reparent && { parent_id: input.parentId ?? null }),
    };
    await updateVersioned(tx, 'departments', id, version, patch, now);
    const after: DepartmentRow = { ...before, ...patch, version: version + 1, updated_at: now };
    await writeAudit(ctx, tx, { entity: 'department', entityId: id, action: 'update', before, after });
    return after;
  });
}

/** Same invariant as locations: an active department's parent is active. */
export async function setDepartmentActive(ctx: Ctx, id: string, version: number, active: boolean): Promise<DepartmentRow> {
  await getDepartment(ctx, id);
  assertCan(ctx, 'org:manage', null);
  const now = ctx.clock.now().toISOString();
  return ctx.db.transaction().execute(async (tx) => {
    await lockDepartmentTree(tx, ctx.actor.orgId);
    const before = await findDepartment(tx, ctx.actor.orgId, id);
    if (!before) throw notFound('部门');
    if (!active) {
      const children = await countActiveSubDepartments(tx, id);
      if (children > 0) {
        throw new AppError('CONFLICT', `「${before.name}」下还有 ${children} 个启用的下级部门，请先停用或调整下级部门`, {
          activeChildren: children,
        });
      }
    } else if (before.parent_id) {
      const parent = await findDepartment(tx, ctx.actor.orgId, before.parent_id);
      if (parent && parent.active !== 1)
        throw new AppError('CONFLICT', `上级部门「${parent.name}」已停用，请先启用上级部门`, { parentId: parent.id });
    }
    await updateVersioned(tx, 'departments', id, version, { active: active ? 1 : 0 }, now);
    const after: DepartmentRow = { ...before, active: active ? 1 : 0, version: version + 1, updated_at: now };
    await writeAudit(ctx, tx, { entity: 'department', entityId: id, action: active ? 'activate' : 'deactivate', before, after });
    return after;
  });
}

async function checkParent(ctx: Ctx, tx: Tx, parentId: string, self: DepartmentRow | null): Promise<void> {
  const parent = await findDepartment(tx, ctx.actor.orgId, parentId);
  if (!parent) throw validation([{ field: 'parentId', message: '上级部门不存在' }]);
  if (self) {
    const parents = await departmentParents(tx, ctx.actor.orgId);
    if (wouldCycle((d) => parents.get(d), self.id, parentId)) {
      const message = parentId === self.id ? '不能把部门设为自己的上级' : `「${parent.name}」是本部门的下级，不能设为上级（会形成循环）`;
      throw validation([{ field: 'parentId', message }]);
    }
  }
  if (parent.active !== 1 && (self === null || self.active === 1)) {
    throw validation([{ field: 'parentId', message: `上级部门「${parent.name}」已停用` }]);
  }
}

async function assertCodeFree(ctx: Ctx, tx: Tx, code: string): Promise<void> {
  if (await findDepartmentByCode(tx, ctx.actor.orgId, code)) throw duplicate('code', `部门编码 ${code} 已存在`);
}
