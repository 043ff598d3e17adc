/**
 * The safety page (安全管理) and calendar: what is coming (drills, training sessions, spot
 * checks, action items due), what is open and overdue, and the counts per site and period.
 * Each part is computed by its own module; this contract is the safety module's view of
 * them together.
 */
import type { ActionItemDto } from './actions.js';

export const SAFETY_EVENT_KINDS = ['drill', 'training', 'spot_check', 'action'] as const;
export type SafetyEventKind = (typeof SAFETY_EVENT_KINDS)[number];

export interface SafetyEventDto {
  kind: SafetyEventKind;
  id: string;
  siteId: string;
  siteName: string;
  /** the drill's planned time, the session's start, the spot check's due time, the action's due date (local midnight) */
  at: string;
  /** end of a training session; null otherwise */
  endAt: string | null;
  title: string;
  /** drill/training type or the action's kind */
  type: string | null;
  /** the record's own status (planned, done, missed, open, overdue…) */
  status: string;
  /** web path of the record */
  link: string;
}

/** GET /safety/calendar?from&to&siteId: every safety event in the range, by time */
export interface SafetyCalendarDto {
  from: string;
  to: string;
  events: SafetyEventDto[];
}

/** one site's counts over the period (or the total, siteId null) */
export interface SafetySiteCountsDto {
  siteId: string | null;
  siteName: string;
  incidents: number;
  incidentsAwaitingReview: number;
  alerts: number;
  apprehended: number;
  drillsDone: number;
  drillsMissed: number;
  drillsPlanned: number;
  drillReportsFiled: number;
  trainingSessions: number;
  trainingAttendance: number;
  spotCheckAttempts: number;
  spotCheckPassRate: number | null;
  etiquetteChecks: number;
  etiquetteAverage: number | null;
  actionsOpen: number;
  actionsOverdue: number;
}

/**
 * GET /safety/overview?from&to&siteId: counts per site and in total, the next events
 * (14 days) and the overdue action items, for the safety page.
 */
export interface SafetyOverviewDto {
  from: string;
  to: string;
  total: SafetySiteCountsDto;
  sites: SafetySiteCountsDto[];
  upcoming: SafetyEventDto[];
  overdueActions: ActionItemDto[];
}
