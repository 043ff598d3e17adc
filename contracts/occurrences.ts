/**
 * Recurrence rules of the one occurrence engine (DESIGN.md §4): maintenance plans,
 * patrol rounds, readings, drills and surveys all say "when" with this shape. Dates are
 * local calendar days `YYYY-MM-DD` and times local `HH:mm` in the site's time zone; the
 * engine turns them into UTC instants (server/src/platform/occurrences/recurrence.ts).
 */

export const RECURRENCE_FREQUENCIES = ['daily', 'weekly', 'monthly', 'quarterly', 'yearly'] as const;
export type RecurrenceFrequency = (typeof RECURRENCE_FREQUENCIES)[number];

/** ISO weekday: 1 = Monday … 7 = Sunday */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/**
 * `calendar`: due on the rule's days whatever happened before (日常巡检 at 09:00 and 15:00);
 * `floating`: the next one falls `interval` units after the last completion (清洗滤网 every
 * 3 months after the last cleaning), so a late job pushes the following one back.
 */
export const RECURRENCE_ANCHORS = ['calendar', 'floating'] as const;
export type RecurrenceAnchor = (typeof RECURRENCE_ANCHORS)[number];

export interface NthWeekday {
  /** 1–5, or -1 for the last such weekday of the month */
  n: 1 | 2 | 3 | 4 | 5 | -1;
  weekday: Weekday;
}

export interface Recurrence {
  freq: RecurrenceFrequency;
  /** every N days / weeks / months / quarters / years (1 = every one) */
  interval: number;
  /** weekly: the days it falls on (default: the start date's weekday); daily: only these days (e.g. workdays) */
  weekdays?: Weekday[] | null;
  /**
   * monthly, quarterly, yearly: day of the month 1–31, or -1 for the last day. A day the
   * month does not have falls on its last day (the 31st → 30 April, 29 February → 28th).
   */
  monthDay?: number | null;
  /** monthly, quarterly, yearly: instead of `monthDay`, e.g. the second Tuesday or the last Friday */
  nth?: NthWeekday | null;
  /** yearly: the month 1–12; quarterly: the month within the quarter 1–3 (default: from the start date) */
  month?: number | null;
  /** local times of day `HH:mm`, at least one (e.g. ['09:00', '15:00']) */
  times: string[];
  /** first local day it can fall on */
  startDate: string;
  /** last local day it can fall on (inclusive); null = open-ended */
  endDate?: string | null;
  anchor: RecurrenceAnchor;
  /** local days it never falls on (a store closed for stock-taking) */
  skipDates?: string[] | null;
  /** also skip the site's holidays */
  skipHolidays?: boolean;
}
