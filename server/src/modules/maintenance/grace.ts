import type { Recurrence } from '../../../../contracts/occurrences.js';

/**
 * The SMRP 5.4.14 grace rule of PM compliance (DOMAIN.md §5): an occurrence is on time
 * when done by its due date plus a share of the interval, capped — 20 % and 28 days by
 * default (weekly 1 day, monthly 6 days, quarterly 18 days, yearly 28 days).
 */
export interface GraceSettings {
  gracePercent: number;
  graceCapDays: number;
}

const UNIT_DAYS: Record<Recurrence['freq'], number> = { daily: 1, weekly: 7, monthly: 30, quarterly: 91, yearly: 365 };
const DAY_MINUTES = 1440;

/** The nominal length of the rule's interval in days (a month counts 30, a quarter 91). */
export function intervalDays(rule: Pick<Recurrence, 'freq' | 'interval'>): number {
  return UNIT_DAYS[rule.freq] * Math.max(1, Math.floor(rule.interval));
}

/** Whole days of grace after the due date: the percentage of the interval, rounded down, capped. */
export function graceDays(rule: Pick<Recurrence, 'freq' | 'interval'>, settings: GraceSettings): number {
  return Math.max(0, Math.min(Math.floor((intervalDays(rule) * settings.gracePercent) / 100), settings.graceCapDays));
}

/** Minutes from `HH:mm` to the end of that local day. */
function restOfDay(time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return DAY_MINUTES - (h * 60 + m);
}

/**
 * The occurrence window of a time plan in minutes: done by the end of the due day plus
 * the grace days is on time, open after that is missed. Counted from the earliest time
 * of day, so every occurrence of the day shares that day's end.
 */
export function windowMinutes(rule: Pick<Recurrence, 'freq' | 'interval' | 'times'>, settings: GraceSettings): number {
  const first = [...rule.times].sort()[0] ?? '00:00';
  return restOfDay(first) + graceDays(rule, settings) * DAY_MINUTES;
}

/** A meter plan's window: a fixed number of days after the reading that triggered it. */
export function meterWindowMinutes(meterWindowDays: number): number {
  return Math.max(1, meterWindowDays) * DAY_MINUTES;
}
