import type { Db } from '../context.js';
import { notFound } from '../http/errors.js';
import { isTimezone } from '../http/validators.js';

/** The organisation-wide zone when neither a site nor the organisation's settings name one. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Wall-clock fields of an instant as seen in a time zone (24-hour clock). */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function zonedParts(at: Date, timeZone: string): ZonedParts {
  const out: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(at)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return {
    year: out.year ?? 0,
    month: out.month ?? 0,
    day: out.day ?? 0,
    hour: out.hour ?? 0,
    minute: out.minute ?? 0,
    second: out.second ?? 0,
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD HH:mm` in the zone — the display format of DOMAIN.md §4. */
export function formatZoned(at: Date, timeZone: string): string {
  const p = zonedParts(at, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** Offset (ms) of the zone from UTC at the instant `ms`. */
function offsetAt(ms: number, timeZone: string): number {
  const p = zonedParts(new Date(ms), timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * The UTC instant at which the local calendar day `YYYY-MM-DD` begins in the zone.
 * Two passes settle days whose midnight sits next to a daylight-saving change.
 */
export function zonedDayStart(date: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d);
  let guess = wall - offsetAt(wall, timeZone);
  guess = wall - offsetAt(guess, timeZone);
  return new Date(guess);
}

/**
 * The UTC instant of local wall-clock `date` + `time` (`HH:mm`) in the zone. A time the
 * clocks skip (02:30 when they spring forward) becomes the same distance past the jump
 * (03:30); a time that happens twice (01:30 when they fall back) is the first of the two.
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  // the zone's offsets half a day either side cover any change during this day
  const before = offsetAt(wall - 12 * 3_600_000, timeZone);
  const after = offsetAt(wall + 12 * 3_600_000, timeZone);
  const valid = [wall - before, wall - after].filter((ms) => {
    const p = zonedParts(new Date(ms), timeZone);
    return p.year === y && p.month === m && p.day === d && p.hour === hh && p.minute === mm;
  });
  return new Date(valid.length ? Math.min(...valid) : wall - before);
}

/** The local calendar day `YYYY-MM-DD` of an instant in the zone. */
export function zonedDate(at: Date, timeZone: string): string {
  const p = zonedParts(at, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** The calendar day after `YYYY-MM-DD` (pure date arithmetic, no zone involved). */
export function nextDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/**
 * The zone that governs "today" for a site: the site's own zone; without a site, the
 * organisation's `settings.timezone`, else Asia/Shanghai. A site outside the
 * organisation answers 404.
 */
export async function siteTimeZone(db: Db, orgId: string, siteId: string | null | undefined): Promise<string> {
  if (siteId) {
    const site = await db.selectFrom('sites').select('timezone').where('org_id', '=', orgId).where('id', '=', siteId).executeTakeFirst();
    if (!site) throw notFound('场所');
    return site.timezone;
  }
  const org = await db.selectFrom('organizations').select('settings').where('id', '=', orgId).executeTakeFirst();
  try {
    const tz = (JSON.parse(org?.settings ?? '{}') as { timezone?: unknown }).timezone;
    if (typeof tz === 'string' && isTimezone(tz)) return tz;
  } catch {
    // unreadable settings fall back to the default zone
  }
  return DEFAULT_TIME_ZONE;
}
