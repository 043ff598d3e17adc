import type { Permission } from '../../../../contracts/permissions.js';
import type { Db, Tx } from '../../platform/context.js';

export interface PermissionHolder {
  id: string;
  name: string;
}

/**
 * Active users who hold `perm` on `siteId` (through a role on that site or on every
 * site): the technicians a dispatcher can load, the supervisors an escalation reaches.
 * Roles keep their permissions as JSON, so the few active roles are filtered here
 * rather than in SQL (one engine-neutral query either way).
 */
export async function usersWithPermission(db: Db | Tx, orgId: string, perm: Permission, siteId: string): Promise<PermissionHolder[]> {
  const roles = await db.selectFrom('roles').select(['id', 'permissions']).where('org_id', '=', orgId).where('active', '=', 1).execute();
  const roleIds = roles.filter((r) => (JSON.parse(r.permissions) as string[]).includes(perm)).map((r) => r.id);
  if (!roleIds.length) return [];
  return db
    .selectFrom('users as u')
    .select(['u.id', 'u.name'])
    .where('u.org_id', '=', orgId)
    .where('u.active', '=', 1)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('memberships as m')
          .select('m.id')
          .whereRef('m.user_id', '=', 'u.id')
          .where('m.role_id', 'in', roleIds)
          .where((e) => e.or([e('m.site_id', 'is', null), e('m.site_id', '=', siteId)])),
      ),
    )
    .orderBy('u.name')
    .orderBy('u.id')
    .execute();
}
