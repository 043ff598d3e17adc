import { assertCan } from '../../platform/access/policy.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import { duplicate, notFound, validation } from '../../platform/http/errors.js';
import { assertAdministratorRemains } from './identity.access.js';
import { checkPermissionNames } from './identity.rules.js';
import { findRole, findRoleByCode, listRoles, type RoleFilter, type RoleListRow, type RoleRow } from './roles.repository.js';

export interface RoleInput {
  code: string;
  name: string;
  nameEn: string;
  permissions: string[];
}

export function toRoleDto(r: RoleListRow) {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    nameEn: r.name_en,
    permissions: JSON.parse(r.permissions) as string[],
    builtin: r.builtin === 1,
    active: r.active === 1,
    memberCount: Number(r.member_count ?? 0),
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The role as the audit diff shows it: permissions as a list, not as JSON text. */
const auditView = (r: RoleRow) => {
  const { member_count: _n, ...row } = r as RoleListRow;
  return { ...row, permissions: JSON.parse(r.permissions) as string[] };
};

export async function getRole(ctx: Ctx, id: string): Promise<RoleListRow> {
  const row = await findRole(ctx.db, ctx.actor.orgId, id);
  if (!row) throw notFound('角色');
  return row;
}

export function searchRoles(ctx: Ctx, filter: RoleFilter) {
  return listRoles(ctx.db, ctx.actor.orgId, filter);
}

function checkedPermissions(names: string[]): string[] {
  const { permissions, errors } = checkPermissionNames(names);
  if (errors.length) throw validation(errors);
  return permissions;
}

async function assertCodeFree(ctx: Ctx, code: string, exceptId?: string): Promise<void> {
  const existing = await findRoleByCode(ctx.db, ctx.actor.orgId, code);
  if (existing && existing.id !== exceptId) throw duplicate('code', `角色编码 ${code} 已存在`);
}

export async function createRole(ctx: Ctx, input: RoleInput): Promise<RoleListRow> {
  // roles apply wherever they are granted, so only holders of roles:manage on every site define them
  assertCan(ctx, 'roles:manage', null);
  const permissions = checkedPermissions(input.permissions);
  await assertCodeFree(ctx, input.code);
  const now = ctx.clock.now().toISOString();
  const row: RoleRow = {
    id: newId(),
    org_id: ctx.actor.orgId,
    code: input.code,
    name: input.name,
    name_en: input.nameEn,
    permissions: JSON.stringify(permissions),
    builtin: 0,
    active: 1,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await tx.insertInto('roles').values(row).execute();
    await writeAudit(ctx, tx, { entity: 'role', entityId: row.id, action: 'create', after: auditView(row) });
  });
  return getRole(ctx, row.id);
}

export async function updateRole(ctx: Ctx, id: string, version: number, input: Partial<RoleInput>): Promise<RoleListRow> {
  assertCan(ctx, 'roles:manage', null);
  const before = await getRole(ctx, id);
  if (before.builtin === 1 && input.code !== undefined && input.code !== before.code) {
    throw validation([{ field: 'code', message: '内置角色的编码不可修改' }]);
  }
  const permissions = input.permissions === undefined ? undefined : checkedPermissions(input.permissions);
  if (input.code !== undefined) await assertCodeFree(ctx, input.code, id);
  const patch: Partial<RoleRow> = {
    ...(input.code !== undefined && { code: input.code }),
    ...(input.name !== undefined && { name: input.name }),
    ...(input.nameEn !== undefined && { name_en: input.nameEn }),
    ...(permissions !== undefined && { permissions: JSON.stringify(permissions) }),
  };
  return saveRole(ctx, before, version, patch, 'update');
}

export async function setRoleActive(ctx: Ctx, id: string, version: number, active: boolean): Promise<RoleListRow> {
  assertCan(ctx, 'roles:manage', null);
  const before = await getRole(ctx, id);
  return saveRole(ctx, before, version, { active: active ? 1 : 0 }, active ? 'activate' : 'deactivate');
}

async function saveRole(ctx: Ctx, before: RoleListRow, version: number, patch: Partial<RoleRow>, action: string) {
  const now = ctx.clock.now().toISOString();
  const after = { ...before, ...patch, version: version + 1, updated_at: now };
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'roles', before.id, version, patch, now);
    await writeAudit(ctx, tx, { entity: 'role', entityId: before.id, action, before: auditView(before), after: auditView(after) });
    // taking users:manage or roles:manage away from a role must not lock the organisation out
    await assertAdministratorRemains(tx, ctx.actor.orgId);
  });
  return getRole(ctx, before.id);
}
