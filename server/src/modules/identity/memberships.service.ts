import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import {
  assertAdministratorRemains,
  assertMayGrant,
  type GrantInput,
  loadVisibleUser,
  type ResolvedGrant,
  resolveGrant,
} from './identity.access.js';
import { findMembership, type MembershipView, membershipSites, membershipsOf } from './users.repository.js';

export function toMembershipDto(m: MembershipView) {
  return {
    id: m.id,
    userId: m.user_id,
    roleId: m.role_id,
    roleCode: m.role_code,
    roleName: m.role_name,
    roleActive: m.role_active === 1,
    siteId: m.site_id,
    siteCode: m.site_code,
    siteName: m.site_name,
    allSites: m.site_id === null,
    createdAt: m.created_at,
  };
}

export async function listMemberships(ctx: Ctx, userId: string): Promise<MembershipView[]> {
  await loadVisibleUser(ctx, userId);
  return membershipsOf(ctx.db, [userId]);
}

const duplicateGrant = () =>
  new AppError('DUPLICATE', '该用户已在此场所拥有此角色', {
    fields: [
      { field: 'roleId', message: '该用户已在此场所拥有此角色' },
      { field: 'siteId', message: '该用户已在此场所拥有此角色' },
    ],
  });

/** Inserts one membership and its audit entry; the unique index catches a concurrent duplicate. */
export async function insertMembership(ctx: Ctx, tx: Tx, userId: string, grant: ResolvedGrant): Promise<string> {
  const existing = await tx
    .selectFrom('memberships')
    .select('id')
    .where('user_id', '=', userId)
    .where('role_id', '=', grant.roleId)
    .where((eb) => (grant.siteId === null ? eb('site_id', 'is', null) : eb('site_id', '=', grant.siteId)))
    .executeTakeFirst();
  if (existing) throw duplicateGrant();
  const row = {
    id: newId(),
    org_id: ctx.actor.orgId,
    user_id: userId,
    role_id: grant.roleId,
    site_id: grant.siteId,
    created_at: ctx.clock.now().toISOString(),
  };
  try {
    await tx.insertInto('memberships').values(row).execute();
  } catch (err) {
    if (err instanceof Error && /unique|duplicate/i.test(err.message)) throw duplicateGrant();
    throw err;
  }
  await writeAudit(ctx, tx, {
    entity: 'membership',
    entityId: row.id,
    siteId: row.site_id,
    action: 'create',
    after: { ...row, role: grant.roleCode, site: grant.siteCode ?? '全部场所' },
  });
  return row.id;
}

export async function grantMembership(ctx: Ctx, userId: string, input: GrantInput): Promise<MembershipView> {
  const { user, sites } = await loadVisibleUser(ctx, userId);
  const grant = await resolveGrant(ctx, ctx.db, sites, input);
  const id = await ctx.db.transaction().execute((tx) => insertMembership(ctx, tx, user.id, grant));
  const created = await findMembership(ctx.db, ctx.actor.orgId, id);
  if (!created) throw notFound('授权');
  return created;
}

export async function revokeMembership(ctx: Ctx, id: string): Promise<MembershipView> {
  const m = await findMembership(ctx.db, ctx.actor.orgId, id);
  if (!m) throw notFound('授权');
  // the user behind the membership must be visible, or the membership does not exist for this actor
  await loadVisibleUser(ctx, m.user_id).catch(() => {
    throw notFound('授权');
  });
  const sites = await membershipSites(ctx.db, m.user_id);
  // removing needs the same standing as granting: a site manager cannot strip a global role
  assertMayGrant(ctx, sites, m.site_id, []);
  await ctx.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('memberships').where('id', '=', m.id).execute();
    await writeAudit(ctx, tx, {
      entity: 'membership',
      entityId: m.id,
      siteId: m.site_id,
      action: 'delete',
      before: { user_id: m.user_id, role_id: m.role_id, site_id: m.site_id, role: m.role_code, site: m.site_code ?? '全部场所' },
    });
    await assertAdministratorRemains(tx, ctx.actor.orgId);
  });
  return m;
}
