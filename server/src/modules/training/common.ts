import { hasPermission, inScope, type SiteScope, siteScope } from '../../platform/access/actor.js';
import type { Ctx, Db, Tx } from '../../platform/context.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { DEFAULT_TIME_ZONE, formatZoned } from '../../platform/numbering/time.js';

/** Helpers the training services share: who reads what, texts, instants, places. */

export const text = (v: string | null | undefined): string | null => (v?.trim() ? v.trim() : null);

export function unionScope(a: SiteScope, b: SiteScope): SiteScope {
  if (a === 'all' || b === 'all') return 'all';
  return [...new Set([...a, ...b])];
}

/**
 * Where the actor reads every training record (sessions, spot checks and their results):
 * safety:read, or training:manage (managing implies reading what one manages).
 */
export function readScope(ctx: Ctx): SiteScope {
  return unionScope(siteScope(ctx.actor, 'safety:read'), siteScope(ctx.actor, 'training:manage'));
}

export const inScopeRead = (ctx: Ctx, siteId: string): boolean => inScope(readScope(ctx), siteId);
export const mayManage = (ctx: Ctx, siteId: string): boolean => hasPermission(ctx.actor, 'training:manage', siteId);
export const mayAttend = (ctx: Ctx, siteId: string): boolean => hasPermission(ctx.actor, 'training:attend', siteId);

/** Narrows a query's site column to a scope ('all' = no narrowing, [] = nothing). */
export function scopeFilter(scope: SiteScope): string[] | null {
  return scope === 'all' ? null : scope;
}

/**
 * An instant sent by a client, as ISO-8601 UTC; a text that is no instant (or outside
 * 1970–9999, which PostgreSQL cannot compare) is named in Chinese.
 */
export function instant(check: FieldCheck, field: string, value: string, label: string): string | null {
  const ms = Date.parse(value);
  if (Number.isNaN(ms) || ms < Date.UTC(1970, 0, 1) || ms >= Date.UTC(10000, 0, 1)) {
    check.add(field, `${label}格式不正确（ISO 8601 时间）`);
    return null;
  }
  return new Date(ms).toISOString();
}

/** A list's `from` / `to` as ISO instants (`fields`: the query's names for them, for the messages). */
export function period(
  filter: { from?: string; to?: string },
  fields: { from: string; to: string } = { from: 'from', to: 'to' },
): { from?: string; to?: string } {
  const check = new FieldCheck();
  const out: { from?: string; to?: string } = {};
  for (const key of ['from', 'to'] as const) {
    const v = filter[key];
    if (v === undefined) continue;
    const iso = instant(check, fields[key], v, key === 'from' ? '开始时间' : '结束时间');
    if (iso) out[key] = iso;
  }
  check.throwIfAny();
  return out;
}

export { attachmentIdsByOwner as attachmentIds } from '../../platform/files/listing.js';
export { locationPathsById as locationPaths } from '../org/index.js';

/** Local `YYYY-MM-DD HH:mm` of an instant at each site, for messages and spreadsheets. */
export async function siteClock(db: Db | Tx, orgId: string): Promise<(iso: string | null, siteId: string) => string | null> {
  const zones = new Map(
    (await db.selectFrom('sites').select(['id', 'timezone']).where('org_id', '=', orgId).execute()).map((s) => [s.id, s.timezone]),
  );
  return (iso, siteId) => (iso ? formatZoned(new Date(iso), zones.get(siteId) ?? DEFAULT_TIME_ZONE) : null);
}

/** Names of users by id. */
export async function userNames(db: Db | Tx, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (!wanted.length) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Percent with one decimal; null over zero. */
export const percent = (a: number, b: number): number | null => (b === 0 ? null : Math.round((a / b) * 1000) / 10);
/** Mean with one decimal; null over zero. */
export const mean = (sum: number, n: number): number | null => (n === 0 ? null : Math.round((sum / n) * 10) / 10);
