import type { Db } from '../context.js';
import type { Grant } from './actor.js';

/** Loads a user's grants: one per membership, with the role's permissions (inactive roles grant nothing). */
export async function loadGrants(db: Db, userId: string): Promise<Grant[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('roles as r', 'r.id', 'm.role_id')
    .select(['m.site_id', 'r.permissions'])
    .where('m.user_id', '=', userId)
    .where('r.active', '=', 1)
    .execute();
  return rows.map((r) => ({ siteId: r.site_id, permissions: new Set(JSON.parse(r.permissions) as string[]) }));
}
