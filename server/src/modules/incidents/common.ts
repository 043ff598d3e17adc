import { type SiteScope, siteScope } from '../../platform/access/actor.js';
import type { Ctx, Db, Tx } from '../../platform/context.js';
import { DEFAULT_TIME_ZONE, formatZoned } from '../../platform/numbering/time.js';

/** Helpers the incident and security-log services share. */

export const text = (v: string | null | undefined): string | null => (v?.trim() ? v.trim() : null);

/** a phone's clock may run a little ahead of the server's: "not in the future" allows this much */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** The sites where the actor reads safety records (the site switcher narrows it). */
export function readScope(ctx: Ctx): SiteScope {
  return siteScope(ctx.actor, 'safety:read');
}

/** An ISO instant as stored (UTC, milliseconds, `Z`), or null when the text is not a time. */
export function instant(value: string | null | undefined): string | null {
  if (!value) return null;
  const t = new Date(value);
  return Number.isNaN(t.getTime()) ? null : t.toISOString();
}

export { locationPathsById as locationPaths } from '../org/index.js';

/** A location of the site (the archive's places); false for another site's or an unknown id. */
export async function locationOnSite(db: Db | Tx, orgId: string, siteId: string, locationId: string): Promise<boolean> {
  const loc = await db
    .selectFrom('locations')
    .select('site_id')
    .where('org_id', '=', orgId)
    .where('id', '=', locationId)
    .executeTakeFirst();
  return loc?.site_id === siteId;
}

/** Active users who belong to the site (a membership there or on every site), among `userIds`. */
export async function siteMembers(db: Db | Tx, orgId: string, siteId: string, userIds: string[]): Promise<Set<string>> {
  const ids = [...new Set(userIds)];
  if (!ids.length) return new Set();
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('memberships as m', 'm.user_id', 'u.id')
    .select('u.id')
    .distinct()
    .where('u.org_id', '=', orgId)
    .where('u.id', 'in', ids)
    .where('u.active', '=', 1)
    .where((eb) => eb.or([eb('m.site_id', 'is', null), eb('m.site_id', '=', siteId)]))
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Local `YYYY-MM-DD HH:mm` of an instant at its site, for spreadsheets and the printed form. */
export async function siteClock(ctx: Ctx): Promise<(iso: string | null, siteId: string) => string | null> {
  const rows = await ctx.db.selectFrom('sites').select(['id', 'timezone']).where('org_id', '=', ctx.actor.orgId).execute();
  const zones = new Map(rows.map((s) => [s.id, s.timezone]));
  return (iso, siteId) => (iso ? formatZoned(new Date(iso), zones.get(siteId) ?? DEFAULT_TIME_ZONE) : null);
}

export { attachmentIdsByOwner as attachmentIds } from '../../platform/files/listing.js';
