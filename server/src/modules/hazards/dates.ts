import { sql } from 'kysely';
import type { HazardStatus } from '../../../../contracts/hazards.js';
import { zonedDate } from '../../platform/numbering/time.js';
import { UNRECTIFIED_STATUSES } from './hazards.state.js';

/**
 * Calendar arithmetic of the register: deadlines are local days of the site, "today"
 * is the site's today, and a hazard rectified on its deadline day is on time.
 */

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written `YYYY-MM-DD` (rejects 2026-02-30 and years before 1970). */
export function isCalendarDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1970 && t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** The calendar day an instant falls on in a zone: "today" of a site. */
export const localDate = zonedDate;

/** `date` plus `days` (negative: minus), pure date arithmetic. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** 2026年3月5日 */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}

export interface TimingRow {
  status: HazardStatus;
  deadline: string | null;
  rectified_on: string | null;
}

export interface HazardTiming {
  overdue: boolean;
  onTime: boolean | null;
  acceptanceDueDate: string | null;
  acceptanceOverdue: boolean;
}

/**
 * Overdue: the rectification is still owed (registered or rectifying) and the site's
 * today is after the deadline. On time: rectified on or before the deadline — decided
 * once the hazard is closed; false as soon as it is known to be late (overdue, or a
 * rectification submitted after the deadline); otherwise null. Acceptance is due
 * `acceptanceDays` after the deadline; it is overdue while still awaiting acceptance.
 */
export function hazardTiming(row: TimingRow, today: string, acceptanceDays: number): HazardTiming {
  const { status, deadline } = row;
  const acceptanceDueDate = deadline ? addDays(deadline, acceptanceDays) : null;
  const overdue = deadline !== null && UNRECTIFIED_STATUSES.includes(status) && today > deadline;
  let onTime: boolean | null = null;
  if (status === 'cancelled' || deadline === null) onTime = null;
  else if (overdue) onTime = false;
  else if (row.rectified_on !== null && status !== 'rectifying') {
    const inTime = row.rectified_on <= deadline;
    onTime = status === 'closed' || !inTime ? inTime : null;
  }
  const acceptanceOverdue = status === 'submitted' && acceptanceDueDate !== null && today > acceptanceDueDate;
  return { overdue, onTime, acceptanceDueDate, acceptanceOverdue };
}

/** `today` of the row's site in SQL: a CASE over the organisation's few zones, each mapped to its local day. */
export function siteTodaySql(timezones: string[], now: Date, timezoneColumn = 's.timezone') {
  if (timezones.length === 0) return sql<string>`''`;
  const whens = timezones.map((tz) => sql`when ${tz} then ${localDate(now, tz)}`);
  return sql<string>`(case ${sql.ref(timezoneColumn)} ${sql.join(whens, sql` `)} end)`;
}
