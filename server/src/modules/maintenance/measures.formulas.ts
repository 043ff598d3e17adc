import type { CalendarMonth } from '../../../../contracts/maintenance.js';
import { nextDate, zonedDate, zonedDayStart } from '../../platform/numbering/time.js';
import { onTimeOf } from './occurrences.js';

/**
 * The arithmetic of the maintenance calendar and measures, pure so that each rule is
 * tested on its own. Rates are computed from summed numerators and denominators (never
 * as a mean of site rates), so a total always agrees with its sites.
 */

export const round1 = (x: number): number => Math.round(x * 10) / 10;
export const round2 = (x: number): number => Math.round(x * 100) / 100;

/** part ÷ whole as a percentage with one decimal; null when there is nothing to divide by */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? round1((part / whole) * 100) : null;
}

/** minutes as hours with two decimals */
export const hours = (minutes: number): number => round2(minutes / 60);

export interface OccurrenceOutcome {
  status: string;
  dueAt: string;
  windowEndAt: string;
  doneAt: string | null;
  missedAt: string | null;
}

/**
 * Done within its window (the due time plus the grace): a completion after the window,
 * or of an occurrence already recorded as missed, is late however it was closed.
 */
export function isOnTime(o: OccurrenceOutcome): boolean {
  return onTimeOf({ status: o.status, done_at: o.doneAt, window_end_at: o.windowEndAt, missed_at: o.missedAt }) === true;
}

/** Done by the end of the local day it was due (schedule compliance: done as scheduled). */
export function doneOnDueDay(o: Pick<OccurrenceOutcome, 'status' | 'dueAt' | 'doneAt'>, timeZone: string): boolean {
  if (o.status !== 'done' || o.doneAt === null) return false;
  const dayEnd = zonedDayStart(nextDate(zonedDate(new Date(o.dueAt), timeZone)), timeZone);
  return Date.parse(o.doneAt) < dayEnd.getTime();
}

/** The 13 local month starts of a year in a zone (1 January … 1 January of the next year), as epoch ms. */
export function monthStarts(year: number, timeZone: string): number[] {
  const out: number[] = [];
  for (let m = 0; m <= 12; m++) {
    const y = year + Math.floor(m / 12);
    const mm = String((m % 12) + 1).padStart(2, '0');
    out.push(zonedDayStart(`${y}-${mm}-01`, timeZone).getTime());
  }
  return out;
}

/** The month index 0–11 of an instant among a year's month starts; -1 outside the year. */
export function monthIndex(ms: number, starts: readonly number[]): number {
  if (ms < (starts[0] ?? 0) || ms >= (starts[12] ?? 0)) return -1;
  let i = 0;
  while (i < 11 && ms >= (starts[i + 1] ?? 0)) i++;
  return i;
}

export const emptyMonth = (): CalendarMonth => ({ planned: 0, done: 0, onTime: 0, missed: 0, open: 0 });
export const emptyYear = (): CalendarMonth[] => Array.from({ length: 12 }, emptyMonth);

export function addMonth(into: CalendarMonth, m: CalendarMonth): CalendarMonth {
  into.planned += m.planned;
  into.done += m.done;
  into.onTime += m.onTime;
  into.missed += m.missed;
  into.open += m.open;
  return into;
}

/** month-by-month sums of several calendars */
export function sumYears(years: CalendarMonth[][]): CalendarMonth[] {
  const out = emptyYear();
  for (const y of years) {
    y.forEach((m, i) => {
      addMonth(out[i] as CalendarMonth, m);
    });
  }
  return out;
}

export const yearTotal = (months: CalendarMonth[]): CalendarMonth => months.reduce(addMonth, emptyMonth());

/**
 * Counts one stored occurrence into its month: planned unless skipped or cancelled; done,
 * of those on time; missed = recorded missed and not done since; open = still to do.
 */
export function countStored(month: CalendarMonth, o: OccurrenceOutcome): void {
  if (o.status === 'skipped' || o.status === 'cancelled') return;
  month.planned++;
  if (o.status === 'done') {
    month.done++;
    if (isOnTime(o)) month.onTime++;
  } else if (o.status === 'missed') month.missed++;
  else if (o.status === 'open') month.open++;
}

/** The grace days of a calendar interval under the settings (SMRP 5.4.14), for the formula's examples. */
export function graceExample(intervalDays: number, gracePercent: number, capDays: number): number {
  return Math.min(capDays, Math.floor((intervalDays * gracePercent) / 100));
}
