import type { QueryParams } from '../../app/api';
import { recurrenceText, type TextLang } from '../../components/recurrenceText';
import type { CalendarMonth, Plan } from './types';

/**
 * The maintenance pages' pure arithmetic: months in a site's time zone, the occurrence
 * list's URL filters, and how a plan's schedule and effort are written. Tested without a
 * browser (format.test.ts).
 */

/** Milliseconds the zone's wall clock is ahead of UTC at `instant`. */
function zoneOffset(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant a local day starts in a zone (months past 12 roll into the next year). */
export function zonedMidnight(year: number, month: number, day: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day);
  // two passes: the offset at the guess may differ from the offset at the answer across a DST change
  const first = wall - zoneOffset(wall, timeZone);
  return new Date(wall - zoneOffset(first, timeZone));
}

/** One month [from, to) in the site's zone as ISO instants — what the occurrence list filters on. */
export function monthRange(year: number, month: number, timeZone: string): { from: string; to: string } {
  return {
    from: zonedMidnight(year, month, 1, timeZone).toISOString(),
    to: zonedMidnight(year, month + 1, 1, timeZone).toISOString(),
  };
}

/** The occurrence list's filters, all of which come from the URL (measures and calendar cells link to it). */
export const OCCURRENCE_FILTERS = ['siteId', 'planId', 'workOrderId', 'status', 'from', 'to', 'system', 'onTime', 'overdue'] as const;
export type OccurrenceFilter = (typeof OCCURRENCE_FILTERS)[number];

/** URL query → API query: `siteId` may repeat, the others are single values; unknown keys are ignored. */
export function occurrenceFilters(search: URLSearchParams): QueryParams {
  const out: QueryParams = {};
  for (const key of OCCURRENCE_FILTERS) {
    if (key === 'siteId') {
      const ids = search.getAll('siteId').filter(Boolean);
      if (ids.length) out.siteId = ids;
      continue;
    }
    const v = search.get(key);
    if (v) out[key] = v;
  }
  return out;
}

/** The URL query with one filter set (or removed with undefined/empty), the others kept. */
export function withFilter(search: URLSearchParams, key: OccurrenceFilter, value: string | string[] | undefined | null): URLSearchParams {
  const next = new URLSearchParams(search);
  next.delete(key);
  for (const v of Array.isArray(value) ? value : value ? [value] : []) if (v) next.append(key, v);
  return next;
}

/** The link from a calendar cell: that plan's occurrences due in that month of the site's zone. */
export function calendarCellLink(planId: string | null, siteId: string, year: number, month: number, timeZone: string): string {
  const { from, to } = monthRange(year, month, timeZone);
  const q = new URLSearchParams({ siteId, from, to });
  if (planId) q.set('planId', planId);
  return `/maintenance/occurrences?${q.toString()}`;
}

/** How a month of the calendar is coloured: all due ones done on time, some missed (or done late), or still to come. */
export type CellTone = 'good' | 'bad' | 'open' | 'none';

export function cellTone(m: CalendarMonth): CellTone {
  if (m.planned === 0 && m.done === 0 && m.missed === 0) return 'none';
  if (m.missed > 0 || m.done > m.onTime) return 'bad';
  if (m.open > 0 || m.done < m.planned) return 'open';
  return 'good';
}

/** Minutes as hours for people: 90 → 1.5. */
export const minutesToHours = (minutes: number | null | undefined): number | null =>
  minutes === null || minutes === undefined ? null : Math.round((minutes / 60) * 100) / 100;

export const hoursToMinutes = (hours: number | null | undefined): number => Math.round((hours ?? 0) * 60);

/** The schedule of a plan in words: the recurrence for time plans, "每 500 运行小时" for meter plans. */
export function scheduleText(
  plan: Pick<Plan, 'trigger' | 'recurrence' | 'meterName' | 'meterUnit' | 'meterInterval'>,
  lang: TextLang,
): string {
  if (plan.trigger === 'time') return plan.recurrence ? recurrenceText(plan.recurrence, lang) : '—';
  const interval = plan.meterInterval?.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US') ?? '?';
  const meter = plan.meterName ?? '';
  const unit = plan.meterUnit ?? '';
  // 运行小时 already says its unit (小时): "每 500 运行小时" rather than "每 500 小时（运行小时）"
  if (!unit || meter.endsWith(unit)) return `${lang === 'zh' ? '每' : 'Every'} ${interval} ${meter}`.trimEnd();
  return lang === 'zh' ? `每 ${interval} ${unit}（${meter}）` : `Every ${interval} ${unit} (${meter})`;
}

/** An instant as the site's wall clock, `YYYY-MM-DD HH:mm` (a due time means the site's local time). */
export function formatInZone(iso: string | null | undefined, timeZone: string | undefined, withTime = true): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  const text = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
  }).format(d);
  return text;
}

/** A local day `YYYY-MM-DD` (or the day after it, for an exclusive end) as the instant it starts in a zone. */
export function dayStart(day: string, timeZone: string, plusDays = 0): string {
  const [y, m, d] = day.split('-').map(Number);
  return zonedMidnight(y ?? 1970, m ?? 1, (d ?? 1) + plusDays, timeZone).toISOString();
}

/** The local days an instant range [from, to) covers in a zone, for a date-range picker: `to` shows its last day. */
export function rangeDays(from: string | null, to: string | null, timeZone: string): [string | null, string | null] {
  const last = to ? new Date(Date.parse(to) - 1).toISOString() : null;
  return [from ? formatInZone(from, timeZone, false) : null, last ? formatInZone(last, timeZone, false) : null];
}
