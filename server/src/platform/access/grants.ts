import type { Db } from '../context.js';
import type { Grant } from './actor.js';

/** Distinct permission lists kept parsed; there are a handful of roles per organisation. */
const PERMISSION_CACHE_SIZE = 256;
const parsed = new Map<string, ReadonlySet<string>>();

/**
 * The permission set of a role's stored JSON list. Every request resolves its actor's
 * grants; parsing the same lists into new sets each time was measurable, so sets are
 * shared per distinct text. Keyed by the text itself, a role edited in any process
 * (or any database) is simply a new key: nothing can go stale, nothing to invalidate.
 */
export function permissionSet(json: string): ReadonlySet<string> {
  let set = parsed.get(json);
  if (!set) {
    set = new Set(JSON.parse(json) as string[]);
    if (parsed.size >= PERMISSION_CACHE_SIZE) parsed.delete(parsed.keys().next().value as string);
    parsed.set(json, set);
  }
  return set;
}

/** Grants from membership rows joined to their role: rows without an (active) role grant nothing. */
export function grantsOf(rows: { site_id: string | null; permissions: string | null }[]): Grant[] {
  const grants: Grant[] = [];
  for (const r of rows) if (r.permissions !== null) grants.push({ siteId: r.site_id, permissions: permissionSet(r.permissions) });
  return grants;
}

/** Loads a user's grants: one per membership, with the role's permissions (inactive roles grant nothing). */
export async function loadGrants(db: Db, userId: string): Promise<Grant[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('roles as r', 'r.id', 'm.role_id')
    .select(['m.site_id', 'r.permissions'])
    .where('m.user_id', '=', userId)
    .where('r.active', '=', 1)
    .execute();
  return grantsOf(rows);
}
