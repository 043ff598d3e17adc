/**
 * Emergency drills (应急演练). A drill plan puts recurring drills on the occurrence engine
 * (消防疏散 twice a week per store); each occurrence becomes a planned drill, and one that
 * is not carried out by the end of its window is missed (a fact of the summary). One-off
 * drills of any type are planned or recorded directly. A drill record (演练记录) keeps the
 * scenario, place, commander, start and end, participants by group, preparation and photos;
 * its report (演练报告: purpose, course, problems and causes, lessons, evaluation,
 * improvements) turns improvements into action items (contracts/actions.ts, owner `drill`).
 */
import type { Recurrence } from './occurrences.js';

/**
 * Drill plans (API, under /api/v1): GET /drill-plans (keyset list + format=xlsx; filters
 * siteId (repeatable), type, active, q), POST /drill-plans, GET and PUT /drill-plans/:id,
 * POST /drill-plans/:id/active {active, version}. Read with safety:read, written with
 * drills:manage on the plan's site. (The web pages are /drills/plans and /drills/plans/:id.)
 */
export interface DrillPlanDto {
  id: string;
  siteId: string;
  siteName: string;
  name: string;
  /** drill_type dictionary code (消防疏散, 停电, 停水, 恶劣天气, 跑水, 设备停运, 治安事件…) */
  type: string;
  scenario: string;
  locationId: string | null;
  locationPath: string | null;
  place: string | null;
  commanderId: string | null;
  commanderName: string | null;
  recurrence: Recurrence;
  /** a drill carried out within this many hours after its planned time counts; after it, missed */
  windowHours: number;
  /** raise the planned drill this many days ahead (it shows on the calendar before) */
  leadDays: number;
  active: boolean;
  nextDueAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface DrillPlanInput {
  siteId: string;
  name: string;
  type: string;
  scenario: string;
  locationId?: string | null;
  place?: string | null;
  commanderId?: string | null;
  recurrence: Recurrence;
  windowHours: number;
  leadDays: number;
}

/** planned → done (carried out and recorded) | missed (the plan's window passed) | cancelled */
export const DRILL_STATUSES = ['planned', 'done', 'missed', 'cancelled'] as const;
export type DrillStatus = (typeof DRILL_STATUSES)[number];

/** participants by group: 保安部 12 人, 专柜员工 40 人 */
export interface DrillParticipantGroup {
  group: string;
  count: number;
  /** names when they were taken */
  names?: string | null;
}

/** 演练报告 (DOMAIN.md §4: purpose, time and place, participants, scenario, course, problems and causes, lessons, improvements) */
export interface DrillReport {
  purpose: string;
  course: string;
  problems: string | null;
  causes: string | null;
  lessons: string | null;
  /** 演练评估 */
  evaluation: string | null;
  /** improvements as prose; each tracked one is an action item of the drill */
  improvements: string | null;
}

export interface DrillDto {
  id: string;
  /** YL-YYYYMMDD-01 */
  number: string;
  siteId: string;
  siteName: string;
  planId: string | null;
  planName: string | null;
  type: string;
  title: string;
  scenario: string;
  /** when it is (was) planned for */
  plannedAt: string;
  /** end of the window: not carried out by then, a planned drill is missed */
  dueBy: string;
  status: DrillStatus;
  locationId: string | null;
  locationPath: string | null;
  place: string | null;
  commanderId: string | null;
  commanderName: string | null;
  startedAt: string | null;
  endedAt: string | null;
  participants: DrillParticipantGroup[];
  participantCount: number;
  /** 演练准备 */
  preparation: string | null;
  /** photos: attachments of owner type `drill` */
  photoIds: string[];
  report: DrillReport | null;
  reportFiledAt: string | null;
  reportFiledBy: string | null;
  reportFiledByName: string | null;
  actionsTotal: number;
  actionsOpen: number;
  cancelReason: string | null;
  recordedBy: string | null;
  recordedByName: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/**
 * Drills (API): GET /drills (keyset list + format=xlsx; filters siteId (repeatable), type,
 * status (repeatable), planId, from/to (planned time, ISO instants, [from, to)), report
 * (1: done with a report filed, 0: done without one), q (number, title, scenario, place);
 * default sort -plannedAt), GET /drills/:id. Read with safety:read, written with drills:manage.
 *
 * POST /drills: a one-off drill, planned (no startedAt) or recorded at once (startedAt and
 * endedAt given). A planned one-off drill is due within 24 hours after its planned time;
 * not recorded by then, it becomes missed like a plan's drill.
 */
export interface DrillInput {
  siteId: string;
  type: string;
  title: string;
  scenario: string;
  plannedAt: string;
  locationId?: string | null;
  place?: string | null;
  commanderId?: string | null;
  startedAt?: string | null;
  endedAt?: string | null;
  participants?: DrillParticipantGroup[];
  preparation?: string | null;
}

/** PUT /drills/:id — the plan details of a planned drill, or the record of a done one */
export type DrillUpdateInput = Omit<DrillInput, 'siteId'> & { version: number };

/**
 * POST /drills/:id/record: carry out a planned drill (planned → done; a missed one may be
 * recorded late: it then counts as done, and no longer as missed). Optional fields left out
 * keep the drill's value.
 */
export interface DrillRecordInput {
  startedAt: string;
  endedAt: string;
  commanderId: string;
  participants: DrillParticipantGroup[];
  preparation?: string | null;
  locationId?: string | null;
  place?: string | null;
  scenario?: string;
  version: number;
}

/** PUT /drills/:id/report: file or amend the report of a done drill */
export interface DrillReportInput extends DrillReport {
  version: number;
}

/** GET /drills/:id/record.pdf prints the 演练记录 with its report; POST /drills/:id/cancel {reason, version} */
