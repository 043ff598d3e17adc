import type { IncidentSettingsDto } from '../../../../contracts/incidents.js';
import { nextDate, zonedDate, zonedDayStart } from '../../platform/numbering/time.js';

/**
 * The handling deadline of an incident and whether it was met. 不过夜 (overnight): fixed
 * before the end of the local day it occurred on, in the site's zone — the last
 * millisecond before the next local midnight, so a fix at 23:59 counts and one at
 * 00:00 does not. `hours`: within N hours of the time it occurred.
 */

export type DeadlineRule = Pick<IncidentSettingsDto, 'deadlineTypes' | 'deadlineMode' | 'deadlineHours'>;

const HOUR = 3_600_000;

/** The deadline of an incident of `type` that occurred at `occurredAt`, or null for a type without one. */
export function incidentDeadline(type: string, occurredAt: Date, rule: DeadlineRule, timeZone: string): Date | null {
  if (!rule.deadlineTypes.includes(type)) return null;
  if (rule.deadlineMode === 'hours') return new Date(occurredAt.getTime() + rule.deadlineHours * HOUR);
  const nextMidnight = zonedDayStart(nextDate(zonedDate(occurredAt, timeZone)), timeZone);
  return new Date(nextMidnight.getTime() - 1);
}

/**
 * Resolved on or before the deadline: true or false once resolved; false as soon as the
 * deadline has passed unresolved; null without a deadline or while there is still time.
 */
export function fixedInTime(deadlineAt: string | null, resolvedAt: string | null, now: Date): boolean | null {
  if (deadlineAt === null) return null;
  const deadline = new Date(deadlineAt).getTime();
  if (resolvedAt !== null) return new Date(resolvedAt).getTime() <= deadline;
  return now.getTime() > deadline ? false : null;
}
