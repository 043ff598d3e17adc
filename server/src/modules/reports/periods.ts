import type { PeriodInput, PeriodKind, ResolvedPeriod } from '../../../../contracts/reports.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { nextDate, zonedDayStart } from '../../platform/numbering/time.js';

/**
 * Report periods (月度、季度、半年、年度、自定义) as people choose them, turned into
 * local dates and the instants [from, to) of a time zone, with their names in both
 * languages; and the periods a report compares with: the one before and the same dates a
 * year earlier. Pure: the caller gives the zone (reports use the organisation's).
 */

/** the years a calendar period may name: enough history and future, and four-digit years either engine compares */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
/** the longest custom period: five years of days (the limit of every measures request, platform/summary/period.ts) */
export const MAX_CUSTOM_DAYS = 1830;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
const INDEX_MAX: Partial<Record<PeriodKind, number>> = { month: 12, quarter: 4, half: 2 };
const INDEX_NAMES: Partial<Record<PeriodKind, string>> = { month: '月份', quarter: '季度', half: '半年' };
const QUARTER_ZH = ['一', '二', '三', '四'];
const MONTH_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const isoDate = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
/** days in month `m` (1–12) of year `y` */
const monthDays = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const dayMs = (date: string) => Date.parse(`${date}T00:00:00Z`);
const addDays = (date: string, days: number) => new Date(dayMs(date) + days * DAY_MS).toISOString().slice(0, 10);
const parts = (date: string) => date.split('-').map(Number) as [number, number, number];

/** A real calendar day `YYYY-MM-DD` (not 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const [y, m, d] = parts(value);
  return m >= 1 && m <= 12 && d >= 1 && d <= monthDays(y, m);
}

/** The number of days of an inclusive range of dates. */
export function dayCount(startDate: string, endDate: string): number {
  return Math.round((dayMs(endDate) - dayMs(startDate)) / DAY_MS) + 1;
}

/** The first and last month (1–12) a calendar period covers. */
function monthSpan(kind: PeriodKind, index: number): [number, number] {
  switch (kind) {
    case 'month':
      return [index, index];
    case 'quarter':
      return [index * 3 - 2, index * 3];
    case 'half':
      return [index * 6 - 5, index * 6];
    default:
      return [1, 12];
  }
}

function label(kind: PeriodKind, year: number, index: number, startDate: string, endDate: string): ResolvedPeriod['label'] {
  switch (kind) {
    case 'month':
      return { zh: `${year}年${index}月`, en: `${MONTH_EN[index - 1]} ${year}` };
    case 'quarter':
      return { zh: `${year}年第${QUARTER_ZH[index - 1]}季度`, en: `Q${index} ${year}` };
    case 'half':
      return { zh: `${year}年${index === 1 ? '上' : '下'}半年`, en: `H${index} ${year}` };
    case 'year':
      return { zh: `${year}年度`, en: `${year}` };
    default: {
      const [y1, m1, d1] = parts(startDate);
      const [y2, m2, d2] = parts(endDate);
      return {
        zh: `${y1}年${m1}月${d1}日至${y2}年${m2}月${d2}日`,
        en: `${d1} ${MONTH_EN[m1 - 1]} ${y1} – ${d2} ${MONTH_EN[m2 - 1]} ${y2}`,
      };
    }
  }
}

/** Local dates → the period's instants in the zone: from the first day's midnight to the midnight after the last day. */
function resolved(kind: PeriodKind, startDate: string, endDate: string, timeZone: string, name: ResolvedPeriod['label']): ResolvedPeriod {
  return {
    kind,
    from: zonedDayStart(startDate, timeZone).toISOString(),
    to: zonedDayStart(nextDate(endDate), timeZone).toISOString(),
    startDate,
    endDate,
    label: name,
  };
}

function calendarPeriod(kind: Exclude<PeriodKind, 'custom'>, year: number, index: number, timeZone: string): ResolvedPeriod {
  const [first, last] = monthSpan(kind, index);
  const startDate = isoDate(year, first, 1);
  const endDate = isoDate(year, last, monthDays(year, last));
  return resolved(kind, startDate, endDate, timeZone, label(kind, year, index, startDate, endDate));
}

function customPeriod(startDate: string, endDate: string, timeZone: string): ResolvedPeriod {
  return resolved('custom', startDate, endDate, timeZone, label('custom', 0, 0, startDate, endDate));
}

/**
 * Checks a period as chosen and resolves it in `timeZone`. Every problem is listed with a
 * Chinese message; `prefix` names the fields inside a body (`period.` → `period.year`).
 */
export function resolvePeriod(input: PeriodInput, timeZone: string, prefix = ''): ResolvedPeriod {
  const check = new FieldCheck();
  const field = (name: string) => `${prefix}${name}`;
  const { kind } = input;
  if (kind === 'custom') {
    const start = input.startDate ?? '';
    const end = input.endDate ?? '';
    const startOk = isCalendarDate(start) && parts(start)[0] >= MIN_YEAR && parts(start)[0] <= MAX_YEAR;
    const endOk = isCalendarDate(end) && parts(end)[0] >= MIN_YEAR && parts(end)[0] <= MAX_YEAR;
    if (!startOk) check.add(field('startDate'), `请填写有效的开始日期（YYYY-MM-DD，${MIN_YEAR}–${MAX_YEAR} 年）`);
    if (!endOk) check.add(field('endDate'), `请填写有效的结束日期（YYYY-MM-DD，${MIN_YEAR}–${MAX_YEAR} 年）`);
    if (startOk && endOk) {
      if (end < start) check.add(field('endDate'), '结束日期不能早于开始日期');
      else if (dayCount(start, end) > MAX_CUSTOM_DAYS) check.add(field('endDate'), '统计期间最长五年');
    }
    check.throwIfAny();
    return customPeriod(start, end, timeZone);
  }
  const year = input.year;
  if (year === undefined || !Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    check.add(field('year'), `请选择年份（${MIN_YEAR}–${MAX_YEAR}）`);
  }
  const max = INDEX_MAX[kind];
  let index = 1;
  if (max !== undefined) {
    if (input.index === undefined || !Number.isInteger(input.index) || input.index < 1 || input.index > max) {
      check.add(field('index'), `请选择${INDEX_NAMES[kind]}（1–${max}）`);
    } else index = input.index;
  } else if (kind !== 'year') {
    check.add(field('kind'), '统计期间须为月度、季度、半年、年度或自定义');
  }
  check.throwIfAny();
  return calendarPeriod(kind as Exclude<PeriodKind, 'custom'>, year as number, index, timeZone);
}

/** The year and index of a calendar period, read back from its dates. */
function yearIndex(p: ResolvedPeriod): { year: number; index: number } {
  const [year, month] = parts(p.startDate);
  const index = p.kind === 'month' ? month : p.kind === 'quarter' ? Math.ceil(month / 3) : p.kind === 'half' ? Math.ceil(month / 6) : 1;
  return { year, index };
}

/**
 * The period before, of the same kind: the month, quarter, half or year before (January's
 * is December of the year before); for a custom period the same number of days ending the
 * day before it starts.
 */
export function previousPeriod(p: ResolvedPeriod, timeZone: string): ResolvedPeriod {
  if (p.kind === 'custom') {
    const days = dayCount(p.startDate, p.endDate);
    const endDate = addDays(p.startDate, -1);
    return customPeriod(addDays(endDate, -(days - 1)), endDate, timeZone);
  }
  const { year, index } = yearIndex(p);
  if (index > 1) return calendarPeriod(p.kind, year, index - 1, timeZone);
  return calendarPeriod(p.kind, year - 1, INDEX_MAX[p.kind] ?? 1, timeZone);
}

/** A date a year earlier; 29 February becomes 28 February. */
function yearEarlier(date: string): string {
  const [y, m, d] = parts(date);
  return isoDate(y - 1, m, Math.min(d, monthDays(y - 1, m)));
}

/** The same dates a year earlier (同期): the same month, quarter, half or year; a custom period's dates less a year. */
export function sameLastYear(p: ResolvedPeriod, timeZone: string): ResolvedPeriod {
  if (p.kind === 'custom') return customPeriod(yearEarlier(p.startDate), yearEarlier(p.endDate), timeZone);
  const { year, index } = yearIndex(p);
  return calendarPeriod(p.kind, year - 1, index, timeZone);
}
