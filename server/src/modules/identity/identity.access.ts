import type { FieldError } from '../../../../contracts/errors.js';
import { siteScope } from '../../platform/access/actor.js';
import type { Ctx, Db, Tx } from '../../platform/context.js';
import { AppError, forbidden, notFound, validation } from '../../platform/http/errors.js';
import { type MembershipSites, managesMembership, managesUser, mergeScopes, permissionsNotHeld, userVisible } from './identity.rules.js';
import { findUser, membershipSites, type UserListRow } from './users.repository.js';

/** A user the actor may see: holding a membership on one of the actor's user sites (or on every site). */
export async function loadVisibleUser(ctx: Ctx, id: string): Promise<{ user: UserListRow; sites: MembershipSites }> {
  const user = await findUser(ctx.db, ctx.actor.orgId, id);
  if (!user) throw notFound('用户');
  const sites = await membershipSites(ctx.db, id);
  const scope = mergeScopes(siteScope(ctx.actor, 'users:read'), siteScope(ctx.actor, 'users:manage'));
  if (!userVisible(scope, sites)) throw notFound('用户');
  return { user, sites };
}

export function assertManagesUser(ctx: Ctx, sites: MembershipSites): void {
  if (!managesUser(ctx.actor, sites)) {
    throw forbidden(
      sites.includes(null) || sites.length === 0
        ? '该用户的授权覆盖全部场所，只有在全部场所拥有用户管理权限的人员才能修改'
        : '该用户在你无权管理的场所也有授权，不能修改',
    );
  }
}

export interface GrantInput {
  roleId: string;
  siteId: string | null;
}

export interface ResolvedGrant {
  roleId: string;
  roleCode: string;
  siteId: string | null;
  siteCode: string | null;
}

/**
 * Checks one role-on-site grant: the role and site exist and are active (field errors),
 * the actor manages that site, and the role gives nothing the actor does not hold
 * there — nobody can hand on more than they have.
 */
export async function resolveGrant(
  ctx: Ctx,
  db: Db | Tx,
  userSites: MembershipSites,
  input: GrantInput,
  prefix = '',
): Promise<ResolvedGrant> {
  const errors: FieldError[] = [];
  const role = await db
    .selectFrom('roles')
    .select(['id', 'code', 'permissions', 'active'])
    .where('org_id', '=', ctx.actor.orgId)
    .where('id', '=', input.roleId)
    .executeTakeFirst();
  if (!role) errors.push({ field: `${prefix}roleId`, message: '角色不存在' });
  else if (role.active !== 1) errors.push({ field: `${prefix}roleId`, message: '角色已停用' });
  let siteCode: string | null = null;
  if (input.siteId !== null) {
    const site = await db
      .selectFrom('sites')
      .select(['id', 'code', 'active'])
      .where('org_id', '=', ctx.actor.orgId)
      .where('id', '=', input.siteId)
      .executeTakeFirst();
    if (!site) errors.push({ field: `${prefix}siteId`, message: '场所不存在' });
    else if (site.active !== 1) errors.push({ field: `${prefix}siteId`, message: '场所已停用' });
    siteCode = site?.code ?? null;
  }
  if (errors.length || !role) throw validation(errors);
  assertMayGrant(ctx, userSites, input.siteId, JSON.parse(role.permissions) as string[]);
  return { roleId: role.id, roleCode: role.code, siteId: input.siteId, siteCode };
}

export function assertMayGrant(ctx: Ctx, userSites: MembershipSites, siteId: string | null, rolePermissions: string[]): void {
  if (!managesMembership(ctx.actor, siteId, userSites)) {
    throw forbidden(siteId === null ? '只有在全部场所拥有用户管理权限的人员才能授予“全部场所”' : '不能在你无权管理的场所授予角色');
  }
  const missing = permissionsNotHeld(ctx.actor, rolePermissions, siteId);
  if (missing.length) {
    throw new AppError('FORBIDDEN', `不能授予超出自己权限的角色，缺少：${missing.join('、')}`, { missing });
  }
}

/**
 * The organisation must keep at least one active person who can manage users and
 * roles on every site; otherwise nobody could repair the access model from the UI.
 * Called inside the transaction of a change that could remove the last one.
 */
export async function assertAdministratorRemains(tx: Tx, orgId: string): Promise<void> {
  const holders = (perm: string) =>
    tx
      .selectFrom('memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .innerJoin('roles as r', 'r.id', 'm.role_id')
      .select('u.id')
      .distinct()
      .where('m.org_id', '=', orgId)
      .where('m.site_id', 'is', null)
      .where('u.active', '=', 1)
      .where('r.active', '=', 1)
      .where('r.permissions', 'like', `%"${perm}"%`)
      .execute();
  // the two permissions may come from different roles of the same person
  const users = await holders('users:manage');
  const roleManagers = new Set((await holders('roles:manage')).map((r) => r.id));
  if (!users.some((u) => roleManagers.has(u.id))) {
    throw new AppError('CONFLICT', '此操作会使组织中不再有在全部场所同时拥有“用户管理”和“角色管理”权限的在用账号，已拒绝');
  }
}
