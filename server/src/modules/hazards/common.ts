import { type SiteScope, siteScope } from '../../platform/access/actor.js';
import type { Ctx, Db, Tx } from '../../platform/context.js';
import type { FieldCheck } from '../../platform/http/validators.js';

/** Helpers the findings, hazards and campaigns services share. */

export const text = (v: string | null | undefined): string | null => (v?.trim() ? v.trim() : null);

/** The sites where the actor reads findings and hazards (the site switcher narrows it). */
export function readScope(ctx: Ctx): SiteScope {
  return siteScope(ctx.actor, 'hazards:read');
}

export { locationPathsById as locationPaths } from '../org/index.js';

/** Live attachment ids per owner, for the given owner types, oldest first. */
export async function attachmentIds(db: Db | Tx, orgId: string, ownerTypes: string[], ownerIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!ownerIds.length) return out;
  const rows = await db
    .selectFrom('attachments')
    .select(['id', 'owner_type', 'owner_id'])
    .where('org_id', '=', orgId)
    .where('owner_type', 'in', ownerTypes)
    .where('owner_id', 'in', [...new Set(ownerIds)])
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute();
  for (const r of rows) {
    const key = `${r.owner_type}:${r.owner_id}`;
    out.set(key, [...(out.get(key) ?? []), r.id]);
  }
  return out;
}

/**
 * The location and the asset must belong to the site; a location left out is taken
 * from the asset. Answers the location to store.
 */
export async function checkPlace(
  db: Db | Tx,
  orgId: string,
  siteId: string,
  locationId: string | null,
  assetId: string | null,
  check: FieldCheck,
): Promise<string | null> {
  let location = locationId;
  if (assetId) {
    const asset = await db
      .selectFrom('assets')
      .select(['site_id', 'location_id'])
      .where('org_id', '=', orgId)
      .where('id', '=', assetId)
      .executeTakeFirst();
    if (!asset || asset.site_id !== siteId) check.add('assetId', '设备不存在或不属于该场所');
    else location ??= asset.location_id;
  }
  if (locationId) {
    const loc = await db
      .selectFrom('locations')
      .select('site_id')
      .where('org_id', '=', orgId)
      .where('id', '=', locationId)
      .executeTakeFirst();
    if (!loc || loc.site_id !== siteId) check.add('locationId', '位置不存在或不属于该场所');
  }
  return location;
}

/** A campaign findings and hazards of `siteId` may be recorded under: it exists and covers the site. */
export async function checkCampaign(db: Db | Tx, orgId: string, campaignId: string, siteId: string, check: FieldCheck): Promise<void> {
  const row = await db
    .selectFrom('inspection_campaigns as c')
    .innerJoin('inspection_campaign_sites as cs', 'cs.campaign_id', 'c.id')
    .select('c.id')
    .where('c.org_id', '=', orgId)
    .where('c.id', '=', campaignId)
    .where('cs.site_id', '=', siteId)
    .executeTakeFirst();
  if (!row) check.add('campaignId', '专项检查不存在或不包括该场所');
}

/** The zones of the organisation's sites (a handful), for "today" per site in SQL. */
export async function siteTimezones(db: Db | Tx, orgId: string): Promise<string[]> {
  const rows = await db.selectFrom('sites').select('timezone').distinct().where('org_id', '=', orgId).execute();
  return rows.map((r) => r.timezone);
}

export async function siteZone(db: Db | Tx, siteId: string): Promise<string> {
  return (await db.selectFrom('sites').select('timezone').where('id', '=', siteId).executeTakeFirstOrThrow()).timezone;
}
