import type { PatrolTargetType } from '../../../../contracts/patrols.js';
import type { Db, Tx } from '../../platform/context.js';
import { locationPathNames } from '../org/index.js';

/** What a point of a route is, as the phone shows it: a location by its path, an asset with its location's path. */
export interface TargetInfo {
  siteId: string;
  name: string;
  path: string | null;
  /** the location itself, or the asset's location (what a finding is recorded against) */
  locationId: string | null;
  assetId: string | null;
  /** a scrapped asset or a switched-off location is no longer a place to patrol */
  usable: boolean;
}

export const targetKey = (type: PatrolTargetType, id: string) => `${type}:${id}`;

/** The targets of many points in three queries, keyed by targetKey. */
export async function describeTargets(
  db: Db | Tx,
  orgId: string,
  targets: { target_type: PatrolTargetType; target_id: string }[],
): Promise<Map<string, TargetInfo>> {
  const locIds = [...new Set(targets.filter((t) => t.target_type === 'location').map((t) => t.target_id))];
  const assetIds = [...new Set(targets.filter((t) => t.target_type === 'asset').map((t) => t.target_id))];
  const assets = assetIds.length
    ? await db
        .selectFrom('assets')
        .select(['id', 'site_id', 'code', 'name', 'location_id', 'status'])
        .where('org_id', '=', orgId)
        .where('id', 'in', assetIds)
        .execute()
    : [];
  const allLocIds = [...new Set([...locIds, ...assets.map((a) => a.location_id).filter((v): v is string => v !== null)])];
  const locs = allLocIds.length
    ? await db
        .selectFrom('locations')
        .select(['id', 'site_id', 'path', 'name', 'parent_id', 'active'])
        .where('org_id', '=', orgId)
        .where('id', 'in', allLocIds)
        .execute()
    : [];
  // locationPathNames reads through the handle it is given; inside a transaction that is the transaction
  const paths = await locationPathNames(db as Db, orgId, locs);
  const out = new Map<string, TargetInfo>();
  for (const l of locs) {
    if (!locIds.includes(l.id)) continue;
    out.set(targetKey('location', l.id), {
      siteId: l.site_id,
      name: l.name,
      path: paths.get(l.id) ?? null,
      locationId: l.id,
      assetId: null,
      usable: l.active === 1,
    });
  }
  for (const a of assets) {
    out.set(targetKey('asset', a.id), {
      siteId: a.site_id,
      name: `${a.code} ${a.name}`,
      path: a.location_id ? (paths.get(a.location_id) ?? null) : null,
      locationId: a.location_id,
      assetId: a.id,
      usable: a.status !== 'scrapped',
    });
  }
  return out;
}
