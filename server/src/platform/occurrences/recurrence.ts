import type { NthWeekday, Recurrence, Weekday } from '../../../../contracts/occurrences.js';
import { RECURRENCE_ANCHORS, RECURRENCE_FREQUENCIES } from '../../../../contracts/occurrences.js';
import { zonedDate, zonedInstant } from '../numbering/time.js';

/**
 * When a recurrence falls due: pure calendar arithmetic on local days, turned into UTC
 * instants in the site's zone only at the end, so daylight-saving changes move nothing
 * but the offset. Days are counted as whole days since 1970-01-01 (a Thursday).
 */

const DAY_MS = 86_400_000;

interface Ymd {
  y: number;
  m: number;
  d: number;
}

function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

function ymdOf(dn: number): Ymd {
  const t = new Date(dn * DAY_MS);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

const pad = (n: number) => String(n).padStart(2, '0');
const dateOf = (dn: number): string => {
  const { y, m, d } = ymdOf(dn);
  return `${y}-${pad(m)}-${pad(d)}`;
};

/** ISO weekday of a day number: 1970-01-01 was a Thursday (4) */
const weekdayOf = (dn: number): Weekday => (((((dn + 3) % 7) + 7) % 7) + 1) as Weekday;
/** Monday-based week index */
const weekOf = (dn: number): number => Math.floor((dn + 3) / 7);
const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();
const mod = (a: number, n: number): number => ((a % n) + n) % n;

function nthMatches(nth: NthWeekday, { y, m, d }: Ymd, weekday: Weekday): boolean {
  if (weekday !== nth.weekday) return false;
  return nth.n === -1 ? d + 7 > daysInMonth(y, m) : Math.ceil(d / 7) === nth.n;
}

/** The day of the month a `monthDay` rule lands on in a given month (clamped to its last day). */
function targetDay(monthDay: number, y: number, m: number): number {
  const last = daysInMonth(y, m);
  return monthDay === -1 ? last : Math.min(monthDay, last);
}

/** A compiled rule: whether a local day (as a day number) is one of its days. */
function dayMatcher(rule: Recurrence): (dn: number) => boolean {
  const start = dayNumber(rule.startDate);
  const s = ymdOf(start);
  const interval = Math.max(1, Math.floor(rule.interval));
  const weekdays = new Set<number>(rule.weekdays?.length ? rule.weekdays : rule.freq === 'weekly' ? [weekdayOf(start)] : []);
  const monthDay = rule.monthDay ?? s.d;
  const inMonth = (dn: number, ymd: Ymd) =>
    rule.nth ? nthMatches(rule.nth, ymd, weekdayOf(dn)) : ymd.d === targetDay(monthDay, ymd.y, ymd.m);
  switch (rule.freq) {
    case 'daily':
      return (dn) => mod(dn - start, interval) === 0 && (weekdays.size === 0 || weekdays.has(weekdayOf(dn)));
    case 'weekly':
      return (dn) => weekdays.has(weekdayOf(dn)) && mod(weekOf(dn) - weekOf(start), interval) === 0;
    case 'monthly':
      return (dn) => {
        const ymd = ymdOf(dn);
        return mod(ymd.y * 12 + ymd.m - (s.y * 12 + s.m), interval) === 0 && inMonth(dn, ymd);
      };
    case 'quarterly': {
      const monthInQuarter = rule.month ?? ((s.m - 1) % 3) + 1;
      const quarterOf = (y: number, m: number) => y * 4 + Math.floor((m - 1) / 3);
      return (dn) => {
        const ymd = ymdOf(dn);
        if (((ymd.m - 1) % 3) + 1 !== monthInQuarter) return false;
        return mod(quarterOf(ymd.y, ymd.m) - quarterOf(s.y, s.m), interval) === 0 && inMonth(dn, ymd);
      };
    }
    case 'yearly': {
      const month = rule.month ?? s.m;
      return (dn) => {
        const ymd = ymdOf(dn);
        return ymd.m === month && mod(ymd.y - s.y, interval) === 0 && inMonth(dn, ymd);
      };
    }
  }
}

export interface OccurrenceWindow {
  /** inclusive */
  from: Date;
  /** exclusive */
  to: Date;
  timeZone: string;
  /** the site's holidays `YYYY-MM-DD`, skipped when the rule says so */
  holidays?: ReadonlySet<string>;
}

function skipper(rule: Recurrence, holidays: ReadonlySet<string> | undefined): (date: string) => boolean {
  const skip = new Set(rule.skipDates ?? []);
  if (rule.skipHolidays && holidays) for (const h of holidays) skip.add(h);
  return (date) => skip.has(date);
}

/**
 * The due instants of a calendar-anchored rule inside [from, to), in time order. A
 * floating rule has no fixed days: ask `nextFloatingDue` after each completion instead.
 */
export function occurrencesBetween(rule: Recurrence, w: OccurrenceWindow): Date[] {
  if (rule.anchor === 'floating') return [];
  const matches = dayMatcher(rule);
  const skipped = skipper(rule, w.holidays);
  const times = [...rule.times].sort();
  // a day either side: a local day and the UTC window overlap by up to ±14 hours
  const first = Math.max(dayNumber(rule.startDate), dayNumber(zonedDate(w.from, w.timeZone)) - 1);
  const lastWanted = dayNumber(zonedDate(w.to, w.timeZone)) + 1;
  const last = rule.endDate ? Math.min(dayNumber(rule.endDate), lastWanted) : lastWanted;
  const out: Date[] = [];
  const from = w.from.getTime();
  const to = w.to.getTime();
  for (let dn = first; dn <= last; dn++) {
    if (!matches(dn)) continue;
    const date = dateOf(dn);
    if (skipped(date)) continue;
    for (const time of times) {
      const at = zonedInstant(date, time, w.timeZone);
      const ms = at.getTime();
      if (ms >= from && ms < to) out.push(at);
    }
  }
  return out;
}

/** The local day `interval` units after `dn`, for a floating rule. */
function advance(rule: Recurrence, dn: number): number {
  const n = Math.max(1, Math.floor(rule.interval));
  switch (rule.freq) {
    case 'daily':
      return dn + n;
    case 'weekly':
      return dn + 7 * n;
    default: {
      const months = rule.freq === 'monthly' ? n : rule.freq === 'quarterly' ? 3 * n : 12 * n;
      const { y, m, d } = ymdOf(dn);
      const index = y * 12 + (m - 1) + months;
      const ty = Math.floor(index / 12);
      const tm = (index % 12) + 1;
      return dayNumber(`${ty}-${pad(tm)}-${pad(Math.min(d, daysInMonth(ty, tm)))}`);
    }
  }
}

/**
 * The next due instant of a floating rule: its start date for the first one, then
 * `interval` units after the local day of the last completion, at the first time of day,
 * moved on past skipped days. Null once past the end date.
 */
export function nextFloatingDue(
  rule: Recurrence,
  lastCompletedAt: Date | null,
  opts: { timeZone: string; holidays?: ReadonlySet<string> },
): Date | null {
  const skipped = skipper(rule, opts.holidays);
  const start = dayNumber(rule.startDate);
  let dn = lastCompletedAt ? Math.max(start, advance(rule, dayNumber(zonedDate(lastCompletedAt, opts.timeZone)))) : start;
  const end = rule.endDate ? dayNumber(rule.endDate) : Number.POSITIVE_INFINITY;
  // a year of consecutive skipped days means the rule can never fall due
  for (let guard = 0; guard < 366 && skipped(dateOf(dn)); guard++) dn++;
  if (dn > end || skipped(dateOf(dn))) return null;
  const time = [...rule.times].sort()[0] ?? '00:00';
  return zonedInstant(dateOf(dn), time, opts.timeZone);
}

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function isRealDate(v: unknown): v is string {
  return typeof v === 'string' && DATE.test(v) && dateOf(dayNumber(v)) === v;
}

/** Every problem with a rule, as field + Chinese message (the API's validation details). */
export function recurrenceProblems(rule: Recurrence, prefix = 'recurrence'): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  const add = (field: string, message: string) => out.push({ field: `${prefix}.${field}`, message });
  if (!RECURRENCE_FREQUENCIES.includes(rule.freq)) add('freq', '请选择周期：每天、每周、每月、每季度或每年');
  if (!RECURRENCE_ANCHORS.includes(rule.anchor)) add('anchor', '请选择按固定日历或按上次完成时间顺延');
  if (!Number.isInteger(rule.interval) || rule.interval < 1 || rule.interval > 366) add('interval', '间隔须为 1–366 的整数');
  if (!Array.isArray(rule.times) || rule.times.length === 0) add('times', '请至少设置一个时间点');
  else if (rule.times.some((t) => !TIME.test(t))) add('times', '时间格式应为 HH:mm，如 09:00');
  else if (new Set(rule.times).size !== rule.times.length) add('times', '时间点不能重复');
  if (!isRealDate(rule.startDate)) add('startDate', '开始日期无效（格式 YYYY-MM-DD）');
  if (rule.endDate != null) {
    if (!isRealDate(rule.endDate)) add('endDate', '结束日期无效（格式 YYYY-MM-DD）');
    else if (isRealDate(rule.startDate) && rule.endDate < rule.startDate) add('endDate', '结束日期不能早于开始日期');
  }
  if (rule.weekdays?.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) add('weekdays', '星期须为 1（周一）到 7（周日）');
  if (rule.weekdays && rule.freq !== 'daily' && rule.freq !== 'weekly' && rule.weekdays.length) {
    add('weekdays', '只有按天或按周的周期可以指定星期');
  }
  const monthly = rule.freq === 'monthly' || rule.freq === 'quarterly' || rule.freq === 'yearly';
  if (rule.monthDay != null) {
    if (!monthly) add('monthDay', '只有按月、季度或年的周期可以指定日期');
    else if (!Number.isInteger(rule.monthDay) || !(rule.monthDay === -1 || (rule.monthDay >= 1 && rule.monthDay <= 31))) {
      add('monthDay', '日期须为 1–31，或 -1 表示月末');
    }
  }
  if (rule.nth != null) {
    if (!monthly) add('nth', '只有按月、季度或年的周期可以指定“第几个星期几”');
    else if (![1, 2, 3, 4, 5, -1].includes(rule.nth.n) || !(rule.nth.weekday >= 1 && rule.nth.weekday <= 7)) {
      add('nth', '第几个须为 1–5 或 -1（最后一个），星期须为 1–7');
    }
    if (rule.monthDay != null) add('nth', '“每月几号”和“第几个星期几”只能选一种');
  }
  if (rule.month != null) {
    const max = rule.freq === 'yearly' ? 12 : rule.freq === 'quarterly' ? 3 : 0;
    if (!max) add('month', '只有按季度或年的周期可以指定月份');
    else if (!Number.isInteger(rule.month) || rule.month < 1 || rule.month > max) add('month', `月份须为 1–${max}`);
  }
  if (rule.skipDates?.some((d) => !isRealDate(d))) add('skipDates', '跳过日期格式应为 YYYY-MM-DD');
  return out;
}
