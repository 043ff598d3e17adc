import { zonedParts } from '../../platform/numbering/time.js';
import type { CalendarDate } from './schema.js';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written `YYYY-MM-DD` (rejects 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar day an instant falls on in a time zone: "today" of a site. */
export function localDate(at: Date, timeZone: string): CalendarDate {
  const p = zonedParts(at, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/**
 * Overdue: the planned end date has passed in the site's zone and the project is still
 * open (not accepted, not cancelled). A project due today is not overdue yet.
 */
export function isOverdue(p: { planned_end: CalendarDate | null; status: string }, today: CalendarDate): boolean {
  return p.planned_end !== null && p.planned_end < today && p.status !== 'accepted' && p.status !== 'cancelled';
}
