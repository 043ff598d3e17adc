import { inScope, siteScope } from '../../platform/access/actor.js';
import { type AuditFilter, type AuditRow, listAudit, recordHistory } from '../../platform/audit/reader.js';
import type { Ctx } from '../../platform/context.js';
import { notFound, validation } from '../../platform/http/errors.js';
import type { PageQuery } from '../../platform/http/paging.js';
import { DEFAULT_TIME_ZONE, nextDate, siteTimeZone, zonedDayStart } from '../../platform/numbering/time.js';

export interface AuditQuery extends PageQuery {
  q?: string;
  entity?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  siteId?: string;
  /** `YYYY-MM-DD` (local day, inclusive) or an ISO instant */
  from?: string;
  /** `YYYY-MM-DD` (local day, inclusive) or an ISO instant (inclusive) */
  to?: string;
}

export function toAuditDto(r: AuditRow) {
  return {
    id: r.id,
    at: r.at,
    entity: r.entity,
    entityId: r.entity_id,
    action: r.action,
    actorId: r.actor_id,
    actorName: r.actor_name,
    siteId: r.site_id,
    siteName: r.site_name,
    diff: parseDiff(r.diff),
    requestId: r.request_id,
  };
}

function parseDiff(text: string): Record<string, [unknown, unknown]> {
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, [unknown, unknown]>) : {};
  } catch {
    return {};
  }
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Date-only bounds are local days in the filtered site's zone (the organisation's
 * zone without a site filter): `to=2026-03-15` includes the whole of that day.
 */
async function timeBounds(ctx: Ctx, q: AuditQuery): Promise<{ fromAt?: string; beforeAt?: string }> {
  const bad: { field: string; message: string }[] = [];
  const dateOnly = (v: string | undefined) => v !== undefined && DATE_ONLY.test(v);
  // an unknown site filter matches nothing anyway; its dates are read in the default zone
  const tz =
    dateOnly(q.from) || dateOnly(q.to) ? await siteTimeZone(ctx.db, ctx.actor.orgId, q.siteId ?? null).catch(() => DEFAULT_TIME_ZONE) : '';
  const parse = (field: string, value: string, endOfDay: boolean): Date | undefined => {
    if (dateOnly(value)) {
      if (!isCalendarDate(value)) {
        bad.push({ field, message: '不是有效的日期' });
        return undefined;
      }
      return zonedDayStart(endOfDay ? nextDate(value) : value, tz);
    }
    const d = new Date(value);
    if (Number.isNaN(d.getTime())) {
      bad.push({ field, message: '不是有效的日期或时间（YYYY-MM-DD 或 ISO 时间）' });
      return undefined;
    }
    // an instant as upper bound is inclusive: the exclusive bound is one millisecond later
    return endOfDay ? new Date(d.getTime() + 1) : d;
  };
  const from = q.from ? parse('from', q.from, false) : undefined;
  const before = q.to ? parse('to', q.to, true) : undefined;
  if (from && before && from.getTime() >= before.getTime()) bad.push({ field: 'to', message: '结束时间不能早于开始时间' });
  if (bad.length) throw validation(bad);
  return { fromAt: from?.toISOString(), beforeAt: before?.toISOString() };
}

function isCalendarDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10) === value;
}

/**
 * The audit page. Entries of a site need audit:read on that site; organisation-wide
 * entries (no site) need audit:read on every site. The site switcher narrows to one site.
 */
export async function searchAudit(ctx: Ctx, q: AuditQuery) {
  const { from: _from, to: _to, ...rest } = q;
  const bounds = await timeBounds(ctx, q);
  const filter: AuditFilter = { ...rest, ...bounds };
  return listAudit(ctx.db, ctx.actor.orgId, siteScope(ctx.actor, 'audit:read'), filter);
}

/**
 * The history panel of one record: every entry the actor may see, newest first. The
 * same site rule applies (the site switcher does not hide a record's own history); a
 * record whose history is entirely out of reach answers 404 like the record would.
 */
export async function auditHistory(ctx: Ctx, entity: string, entityId: string) {
  const scope = siteScope({ ...ctx.actor, selectedSiteId: null }, 'audit:read');
  const rows = await recordHistory(ctx.db, ctx.actor.orgId, entity, entityId);
  const visible = rows.filter((r) => inScope(scope, r.site_id));
  if (rows.length > 0 && visible.length === 0) throw notFound();
  return visible;
}
