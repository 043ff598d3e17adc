import type { FieldError } from '../../../../contracts/errors.js';
import { hasGlobalPermission, siteScope } from '../../platform/access/actor.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { hashPassword } from '../../platform/auth/secrets.js';
import type { Ctx, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import { AppError, validation } from '../../platform/http/errors.js';
import { checkPasswordStrength } from './auth.service.js';
import {
  assertAdministratorRemains,
  assertManagesUser,
  type GrantInput,
  loadVisibleUser,
  type ResolvedGrant,
  resolveGrant,
} from './identity.access.js';
import { mergeScopes, usernameProblem } from './identity.rules.js';
import { insertMembership, toMembershipDto } from './memberships.service.js';
import {
  findDepartment,
  listUsers,
  type MembershipView,
  membershipsOf,
  takenValues,
  type UserFilter,
  type UserListRow,
  type UserRow,
} from './users.repository.js';

export interface UserInput {
  username: string;
  name: string;
  phone?: string | null;
  employeeNo?: string | null;
  departmentId?: string | null;
  email?: string | null;
  locale?: string;
}

export function toUserDto(ctx: Ctx, u: UserListRow, memberships?: MembershipView[]) {
  const now = ctx.clock.now().toISOString();
  return {
    id: u.id,
    username: u.username,
    name: u.name,
    phone: u.phone,
    employeeNo: u.employee_no,
    departmentId: u.department_id,
    departmentName: u.department_name,
    email: u.email,
    locale: u.locale,
    active: u.active === 1,
    mustChangePassword: u.must_change_password === 1,
    lockedUntil: u.locked_until && u.locked_until > now ? u.locked_until : null,
    failedLogins: u.failed_logins,
    version: u.version,
    createdAt: u.created_at,
    updatedAt: u.updated_at,
    ...(memberships && { memberships: memberships.filter((m) => m.user_id === u.id).map(toMembershipDto) }),
  };
}
export type UserDto = ReturnType<typeof toUserDto>;

export async function searchUsers(ctx: Ctx, filter: UserFilter) {
  const scope = mergeScopes(siteScope(ctx.actor, 'users:read'), siteScope(ctx.actor, 'users:manage'));
  const page = await listUsers(ctx.db, ctx.actor.orgId, scope, filter);
  const memberships = await membershipsOf(
    ctx.db,
    page.items.map((u) => u.id),
  );
  return { items: page.items.map((u) => toUserDto(ctx, u, memberships)), nextCursor: page.nextCursor };
}

export async function getUserDetail(ctx: Ctx, id: string): Promise<UserDto> {
  const { user } = await loadVisibleUser(ctx, id);
  return toUserDto(ctx, user, await membershipsOf(ctx.db, [id]));
}

/** Uniqueness problems of username, phone and employee number, all at once (the unique indexes still back this up). */
async function checkUnique(ctx: Ctx, input: Partial<UserInput>, exceptUserId?: string): Promise<void> {
  const taken = await takenValues(
    ctx.db,
    ctx.actor.orgId,
    {
      usernames: input.username ? [input.username] : [],
      phones: input.phone ? [input.phone] : [],
      employeeNos: input.employeeNo ? [input.employeeNo] : [],
    },
    exceptUserId,
  );
  const fields: FieldError[] = [];
  if (taken.usernames.size) fields.push({ field: 'username', message: '用户名已存在' });
  if (taken.phones.size) fields.push({ field: 'phone', message: '手机号已被其他用户使用' });
  if (taken.employeeNos.size) fields.push({ field: 'employeeNo', message: '工号已存在' });
  if (fields.length) throw new AppError('DUPLICATE', fields.map((f) => f.message).join('；'), { fields });
}

async function checkFields(ctx: Ctx, input: Partial<UserInput>): Promise<void> {
  const errors: FieldError[] = [];
  if (input.username !== undefined) {
    const problem = usernameProblem(input.username);
    if (problem) errors.push({ field: 'username', message: problem });
  }
  if (input.departmentId) {
    const dept = await findDepartment(ctx.db, ctx.actor.orgId, input.departmentId);
    if (!dept) errors.push({ field: 'departmentId', message: '部门不存在' });
    else if (dept.active !== 1) errors.push({ field: 'departmentId', message: '部门已停用' });
  }
  if (errors.length) throw validation(errors);
}

/**
 * Creates a user with an initial password they must change at first sign-in. A manager
 * limited to some sites must grant at least one role on one of them at once, or the new
 * user would be invisible to the very person who created them.
 */
export async function createUser(ctx: Ctx, input: UserInput & { password: string; memberships?: GrantInput[] }): Promise<UserDto> {
  const grantsIn = input.memberships ?? [];
  if (!grantsIn.length && !hasGlobalPermission(ctx.actor, 'users:manage')) {
    throw validation([{ field: 'memberships', message: '请至少为新用户授予一个你所管理场所的角色' }]);
  }
  await checkFields(ctx, input);
  checkPasswordStrength(input.password, 'password', input);
  await checkUnique(ctx, input);
  const grants: ResolvedGrant[] = [];
  for (const [i, g] of grantsIn.entries()) grants.push(await resolveGrant(ctx, ctx.db, [], g, `memberships.${i}.`));
  const passwordHash = await hashPassword(input.password);
  const now = ctx.clock.now().toISOString();
  const row: UserRow = {
    id: newId(),
    org_id: ctx.actor.orgId,
    username: input.username,
    name: input.name,
    phone: input.phone ?? null,
    employee_no: input.employeeNo ?? null,
    department_id: input.departmentId ?? null,
    email: input.email ?? null,
    password_hash: passwordHash,
    locale: input.locale ?? 'zh-CN',
    active: 1,
    must_change_password: 1,
    failed_logins: 0,
    locked_until: null,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await tx.insertInto('users').values(row).execute();
    await writeAudit(ctx, tx, { entity: 'user', entityId: row.id, action: 'create', after: row });
    for (const g of grants) await insertMembership(ctx, tx, row.id, g);
  });
  return getUserDetail(ctx, row.id);
}

export async function updateUser(ctx: Ctx, id: string, version: number, input: Partial<UserInput>): Promise<UserDto> {
  const { user, sites } = await loadVisibleUser(ctx, id);
  assertManagesUser(ctx, sites);
  await checkFields(ctx, input);
  await checkUnique(ctx, input, id);
  const patch: Partial<UserRow> = {
    ...(input.username !== undefined && { username: input.username }),
    ...(input.name !== undefined && { name: input.name }),
    ...(input.phone !== undefined && { phone: input.phone }),
    ...(input.employeeNo !== undefined && { employee_no: input.employeeNo }),
    ...(input.departmentId !== undefined && { department_id: input.departmentId }),
    ...(input.email !== undefined && { email: input.email }),
    ...(input.locale !== undefined && { locale: input.locale }),
  };
  await saveUser(ctx, user, version, patch, 'update');
  return getUserDetail(ctx, id);
}

/** Deactivation ends every session at once; API tokens stop working because their owner is inactive. */
export async function setUserActive(ctx: Ctx, id: string, version: number, active: boolean): Promise<UserDto> {
  const { user, sites } = await loadVisibleUser(ctx, id);
  assertManagesUser(ctx, sites);
  if (!active && id === ctx.actor.userId) throw new AppError('CONFLICT', '不能停用自己的账号');
  await saveUser(ctx, user, version, { active: active ? 1 : 0 }, active ? 'activate' : 'deactivate', async (tx) => {
    if (active) return;
    await tx.deleteFrom('sessions').where('user_id', '=', id).execute();
    await assertAdministratorRemains(tx, ctx.actor.orgId);
  });
  return getUserDetail(ctx, id);
}

async function saveUser(
  ctx: Ctx,
  before: UserListRow,
  version: number,
  patch: Partial<UserRow>,
  action: string,
  extra?: (tx: Tx) => Promise<void>,
) {
  const now = ctx.clock.now().toISOString();
  const { department_name: _n, department_code: _c, ...stored } = before;
  const after = { ...stored, ...patch, version: version + 1, updated_at: now };
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'users', before.id, version, patch, now);
    await writeAudit(ctx, tx, { entity: 'user', entityId: before.id, action, before: stored, after });
    await extra?.(tx);
  });
}

/**
 * An administrator sets a temporary password: the person must change it at the next
 * sign-in, every open session ends, and any lock is lifted. The audit entry records
 * that it happened, never the password.
 */
export async function resetPassword(ctx: Ctx, id: string, password: string): Promise<UserDto> {
  const { user, sites } = await loadVisibleUser(ctx, id);
  assertManagesUser(ctx, sites);
  checkPasswordStrength(password, 'password', user);
  const passwordHash = await hashPassword(password);
  await securityUpdate(
    ctx,
    user,
    'reset_password',
    { password_hash: passwordHash, must_change_password: 1, failed_logins: 0, locked_until: null },
    true,
  );
  return getUserDetail(ctx, id);
}

export async function unlockUser(ctx: Ctx, id: string): Promise<UserDto> {
  const { user, sites } = await loadVisibleUser(ctx, id);
  assertManagesUser(ctx, sites);
  await securityUpdate(ctx, user, 'unlock', { failed_logins: 0, locked_until: null }, false);
  return getUserDetail(ctx, id);
}

/** Sign-in state is not part of the edit form, so these changes do not bump `version`. */
async function securityUpdate(ctx: Ctx, user: UserListRow, action: string, patch: Partial<UserRow>, endSessions: boolean) {
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set({ ...patch, updated_at: now })
      .where('id', '=', user.id)
      .execute();
    if (endSessions) await tx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    const before = { failed_logins: user.failed_logins, locked_until: user.locked_until, must_change_password: user.must_change_password };
    const { password_hash: _secret, ...visible } = patch;
    await writeAudit(ctx, tx, { entity: 'user', entityId: user.id, action, before, after: { ...before, ...visible } });
  });
}
