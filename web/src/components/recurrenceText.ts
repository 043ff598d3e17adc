import type { NthWeekday, Recurrence, RecurrenceFrequency, Weekday } from '../../../contracts/occurrences';

/**
 * A Recurrence in words people read ("每月第2个周二 09:00", "Every month on the 2nd
 * Tuesday at 09:00"). Pure and language-complete on its own so that lists, detail pages
 * and exports say a schedule the same way; the wording follows the engine's defaults
 * (server/src/platform/occurrences/recurrence.ts): a weekly rule without weekdays falls on
 * the start date's weekday, a monthly one without a day on the start date's day, and a
 * floating one counts from the last completion at the first time of day.
 */
export type TextLang = 'zh' | 'en';

/** i18next language → the helper's language (zh-CN is the default and the fallback). */
export const textLang = (language: string | undefined): TextLang => (language?.startsWith('en') ? 'en' : 'zh');

const ZH_DAY = ['一', '二', '三', '四', '五', '六', '日'];
const EN_DAY = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const EN_DAY_FULL = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const EN_MONTH = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const EN_ORDINAL = ['', '1st', '2nd', '3rd', '4th', '5th'];

/** Month names: 3月 / March (short: Mar). */
export function monthName(month: number, lang: TextLang, short = false): string {
  if (lang === 'zh') return `${month}月`;
  const name = EN_MONTH[month - 1] ?? String(month);
  return short ? name.slice(0, 3) : name;
}

/** Weekday names of the interface, Monday first (for checkboxes and selects). */
export function weekdayNames(lang: TextLang, full = false): string[] {
  if (lang === 'en') return full ? [...EN_DAY_FULL] : [...EN_DAY];
  return ZH_DAY.map((d) => `周${d}`);
}

interface StartParts {
  month: number;
  day: number;
  weekday: Weekday;
}

/** The start date's month, day and ISO weekday; null while the date is not a real YYYY-MM-DD. */
function startParts(startDate: string | undefined): StartParts | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(startDate ?? '');
  if (!m) return null;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (date.getUTCMonth() !== Number(m[2]) - 1) return null;
  return { month: Number(m[2]), day: Number(m[3]), weekday: (((date.getUTCDay() + 6) % 7) + 1) as Weekday };
}

/** Sorted distinct days as runs: [1,2,3,4,5,7] → [[1,5],[7,7]]. */
function runs(days: readonly number[]): [number, number][] {
  const sorted = [...new Set(days)].filter((d) => d >= 1 && d <= 7).sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (const d of sorted) {
    const last = out[out.length - 1];
    if (last && d === last[1] + 1) last[1] = d;
    else out.push([d, d]);
  }
  return out;
}

/** 一至五、日 / Mon–Fri, Sun: three or more days in a row are written as a range. */
function dayList(days: readonly number[], lang: TextLang): string {
  const name = (d: number) => (lang === 'zh' ? ZH_DAY[d - 1] : EN_DAY[d - 1]);
  const parts = runs(days).flatMap(([a, b]) => {
    if (b - a >= 2) return [lang === 'zh' ? `${name(a)}至${name(b)}` : `${name(a)}–${name(b)}`];
    return a === b ? [name(a)] : [name(a), name(b)];
  });
  return parts.join(lang === 'zh' ? '、' : ', ');
}

/** 第2个 / 最后一个 (zh); 2nd / last (en): the "which one" of an nth-weekday rule. */
export function nthName(n: NthWeekday['n'], lang: TextLang): string {
  if (lang === 'zh') return n === -1 ? '最后一个' : `第${n}个`;
  return n === -1 ? 'last' : (EN_ORDINAL[n] ?? `${n}th`);
}

function nthText(nth: NthWeekday, lang: TextLang): string {
  if (lang === 'zh') return `${nthName(nth.n, lang)}周${ZH_DAY[nth.weekday - 1]}`;
  return `the ${nthName(nth.n, lang)} ${EN_DAY_FULL[nth.weekday - 1]}`;
}

/** The day within a month: 15日 / 最后一天 / 第2个周二 (zh); day 15 / the last day / the 2nd Tuesday (en). */
function dayOfMonth(r: Recurrence, start: StartParts | null, lang: TextLang): string {
  if (r.nth) return nthText(r.nth, lang);
  const day = r.monthDay ?? start?.day ?? null;
  if (day === -1) return lang === 'zh' ? '最后一天' : 'the last day';
  if (day === null) return '';
  return lang === 'zh' ? `${day}日` : `day ${day}`;
}

const ZH_UNIT = { daily: '天', weekly: '周', monthly: '个月', quarterly: '个季度', yearly: '年' } as const;
const ZH_EVERY = { daily: '每天', weekly: '每周', monthly: '每月', quarterly: '每季度', yearly: '每年' } as const;
const EN_UNIT = { daily: 'day', weekly: 'week', monthly: 'month', quarterly: 'quarter', yearly: 'year' } as const;

function every(r: Recurrence, lang: TextLang): string {
  const n = Number.isInteger(r.interval) && r.interval > 1 ? r.interval : 1;
  if (lang === 'zh') return n === 1 ? ZH_EVERY[r.freq] : `每 ${n} ${ZH_UNIT[r.freq]}`;
  return n === 1 ? `Every ${EN_UNIT[r.freq]}` : `Every ${n} ${EN_UNIT[r.freq]}s`;
}

function pattern(r: Recurrence, lang: TextLang): string {
  const start = startParts(r.startDate);
  const head = every(r, lang);
  const multiple = r.interval > 1;
  switch (r.freq) {
    case 'daily': {
      const days = r.weekdays ?? [];
      const limited = days.length > 0 && runs(days).reduce((n, [a, b]) => n + b - a + 1, 0) < 7;
      if (!limited) return head;
      return lang === 'zh' ? `${head}（仅周${dayList(days, lang)}）` : `${head} (${dayList(days, lang)} only)`;
    }
    case 'weekly': {
      const days = r.weekdays?.length ? r.weekdays : start ? [start.weekday] : [];
      if (!days.length) return head;
      if (lang === 'zh') return `${head}${multiple ? '的周' : ''}${dayList(days, lang)}`;
      return `${head} on ${dayList(days, lang)}`;
    }
    case 'monthly': {
      const day = dayOfMonth(r, start, lang);
      if (!day) return head;
      if (lang === 'zh') return `${head}${multiple ? '的' : ''}${day}`;
      return `${head} on ${day}`;
    }
    case 'quarterly': {
      const month = r.month ?? (start ? ((start.month - 1) % 3) + 1 : null);
      const day = dayOfMonth(r, start, lang);
      if (lang === 'zh') return `${head}${month ? `第${month}个月` : ''}${day ? `的${day}` : ''}`;
      return `${head}${month ? `, month ${month} of the quarter` : ''}${day ? `, on ${day}` : ''}`;
    }
    case 'yearly': {
      const month = r.month ?? start?.month ?? null;
      const day = dayOfMonth(r, start, lang);
      if (lang === 'zh') return `${head}${multiple ? '的' : ''}${month ? `${month}月` : ''}${day}`;
      if (!month) return day ? `${head} on ${day}` : head;
      if (r.nth || day === 'the last day') return `${head} on ${day} of ${EN_MONTH[month - 1]}`;
      return `${head} on ${EN_MONTH[month - 1]} ${r.monthDay ?? start?.day ?? ''}`.trimEnd();
    }
  }
}

/**
 * The schedule in one sentence: the days, then the times of day. A floating rule names
 * only its interval (the days follow from the last completion) and its first time.
 */
export function recurrenceText(r: Recurrence, lang: TextLang): string {
  const times = [...new Set(r.times ?? [])].filter(Boolean).sort();
  if (r.anchor === 'floating') {
    const head = lang === 'zh' ? `${every(r, lang)}（从上次完成起算）` : `${every(r, lang)} after the last completion`;
    const first = times[0];
    return first ? `${head}${lang === 'zh' ? ' ' : ' at '}${first}` : head;
  }
  const days = pattern(r, lang);
  if (!times.length) return days;
  return lang === 'zh' ? `${days} ${times.join('、')}` : `${days} at ${times.join(', ')}`;
}

/** What else bounds the schedule: its dates and the days it skips, each as a short phrase. */
export function recurrenceNotes(r: Recurrence, lang: TextLang): string[] {
  const out: string[] = [];
  if (r.startDate && r.endDate) out.push(lang === 'zh' ? `${r.startDate} 至 ${r.endDate}` : `${r.startDate} to ${r.endDate}`);
  else if (r.startDate) out.push(lang === 'zh' ? `自 ${r.startDate} 起` : `from ${r.startDate}`);
  if (r.skipHolidays) out.push(lang === 'zh' ? '跳过场所节假日' : 'skips site holidays');
  const skips = r.skipDates?.length ?? 0;
  if (skips) out.push(lang === 'zh' ? `跳过 ${skips} 个指定日期` : `skips ${skips} set date${skips > 1 ? 's' : ''}`);
  return out;
}

/** frequencies whose day is a day of the month (or an nth weekday) */
export const MONTHLY: ReadonlySet<RecurrenceFrequency> = new Set(['monthly', 'quarterly', 'yearly']);

/** The optional parts a rule may leave out. */
const OPTIONAL = ['weekdays', 'monthDay', 'nth', 'month', 'endDate', 'skipDates'] as const;

/**
 * Drops what the frequency or anchor cannot carry, so the server never sees a
 * contradiction, and leaves unset parts out of the rule altogether (absent, not null).
 * RecurrenceEditor's every change goes through it; forms also pass a stored rule through it
 * before sending it back unchanged.
 */
export function normaliseRecurrence(r: Recurrence): Recurrence {
  const out: Recurrence = { ...r };
  const monthly = MONTHLY.has(r.freq) && r.anchor === 'calendar';
  if ((r.freq !== 'daily' && r.freq !== 'weekly') || r.anchor === 'floating') out.weekdays = null;
  if (r.anchor === 'floating') out.times = r.times.slice(0, 1);
  if (!monthly) {
    out.monthDay = null;
    out.nth = null;
    out.month = null;
  }
  if (r.freq === 'monthly' || (r.freq === 'quarterly' && r.month != null && r.month > 3)) out.month = null;
  for (const key of OPTIONAL) {
    const v = out[key];
    if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) delete out[key];
  }
  return out;
}
