import type { Permission } from '../../../../contracts/permissions.js';
import { type SiteScope, siteScope } from '../../platform/access/actor.js';
import type { Ctx, Db, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { validation } from '../../platform/http/errors.js';
import type { PageQuery } from '../../platform/http/paging.js';
import type { FieldCheck } from '../../platform/http/validators.js';
import { DEFAULT_TIME_ZONE, nextDate, siteTimeZone, zonedDayStart } from '../../platform/numbering/time.js';
import type { ComplaintStatus } from './schema.js';

/** Helpers shared by complaints, return visits and the hotline log. */

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
export const PHONE = /^[0-9+\-() ]{5,20}$/;

function isCalendarDate(v: string): boolean {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/**
 * A `from`/`to` filter pair as instants: a date-only bound is a whole local day in the
 * filtered site's zone (the organisation's zone without a site), so `to=2026-03-15`
 * includes that day; an instant is taken as given (`to` inclusive). Bad values answer
 * 400 naming the field.
 */
export async function periodBounds(
  ctx: Ctx,
  q: { from?: string; to?: string; siteId?: string },
  names: { from: string; to: string } = { from: 'from', to: 'to' },
): Promise<{ fromAt?: string; beforeAt?: string }> {
  const bad: { field: string; message: string }[] = [];
  const dateOnly = (v?: string) => v !== undefined && DATE_ONLY.test(v);
  const tz = dateOnly(q.from) || dateOnly(q.to) ? await siteTimeZone(ctx.db, ctx.actor.orgId, q.siteId).catch(() => DEFAULT_TIME_ZONE) : '';
  const parse = (field: string, value: string, end: boolean): Date | undefined => {
    if (dateOnly(value)) {
      if (!isCalendarDate(value)) {
        bad.push({ field, message: '不是有效的日期' });
        return undefined;
      }
      return zonedDayStart(end ? nextDate(value) : value, tz);
    }
    const d = new Date(value);
    if (Number.isNaN(d.getTime())) {
      bad.push({ field, message: '不是有效的日期或时间（YYYY-MM-DD 或 ISO 时间）' });
      return undefined;
    }
    return end ? new Date(d.getTime() + 1) : d;
  };
  const from = q.from ? parse(names.from, q.from, false) : undefined;
  const before = q.to ? parse(names.to, q.to, true) : undefined;
  if (from && before && from.getTime() >= before.getTime()) bad.push({ field: names.to, message: '结束时间不能早于开始时间' });
  if (bad.length) throw validation(bad);
  return { fromAt: from?.toISOString(), beforeAt: before?.toISOString() };
}

/** A point in time the person typed: valid, and not in the future (a call or visit that has happened). */
export function pastInstant(check: FieldCheck, field: string, value: string | null | undefined, now: Date): string | null {
  if (!value) return null;
  const t = Date.parse(value);
  if (Number.isNaN(t)) {
    check.add(field, '时间格式不正确');
    return null;
  }
  // a minute of slack for clocks of the browser and the server disagreeing
  if (t > now.getTime() + 60_000) check.add(field, '时间不能晚于现在');
  return new Date(t).toISOString();
}

/** Sites where the actor holds any of the permissions ('all' wins). */
export function unionScope(ctx: Ctx, perms: Permission[]): SiteScope {
  const scopes = perms.map((p) => siteScope(ctx.actor, p));
  if (scopes.includes('all')) return 'all';
  return [...new Set(scopes.flat() as string[])];
}

/** Whether the user is active in the organisation and holds a role on the site (or on every site). */
export async function isSiteMember(db: Db | Tx, orgId: string, userId: string, siteId: string): Promise<boolean> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('memberships as m', 'm.user_id', 'u.id')
    .select('u.id')
    .where('u.org_id', '=', orgId)
    .where('u.id', '=', userId)
    .where('u.active', '=', 1)
    .where((eb) => eb.or([eb('m.site_id', 'is', null), eb('m.site_id', '=', siteId)]))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Only the paging fields of what `sendList` hands back: the rest of the raw query must not undo the parsed filters. */
export function pageOf(q: PageQuery): PageQuery {
  return { cursor: q.cursor, limit: q.limit, sort: q.sort };
}

export const trimmed = (v: string | null | undefined): string | null => v?.trim() || null;

export interface ComplaintEventInput {
  orgId: string;
  complaintId: string;
  at: string;
  action: string;
  from: ComplaintStatus | null;
  to: ComplaintStatus | null;
  note?: string | null;
  data?: Record<string, unknown> | null;
}

export async function insertComplaintEvent(ctx: Ctx, tx: Tx, e: ComplaintEventInput): Promise<void> {
  await tx
    .insertInto('complaint_events')
    .values({
      id: newId(),
      org_id: e.orgId,
      complaint_id: e.complaintId,
      at: e.at,
      actor_id: ctx.actor.userId,
      actor_name: ctx.actor.name,
      action: e.action,
      from_status: e.from,
      to_status: e.to,
      note: e.note ?? null,
      data: e.data ? JSON.stringify(e.data) : null,
    })
    .execute();
}
