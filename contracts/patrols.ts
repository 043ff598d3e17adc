/**
 * Patrols and inspections (巡检): plans on the occurrence engine with a route of points
 * (locations and assets, each with an optional checklist), rounds done on a phone with a
 * QR check-in at every point, and duty compliance (检查职责落实): rounds due vs done on
 * time vs late vs missed. Findings of a round are contracts/hazards.ts FindingDto.
 */
import type { ChecklistAnswer, ChecklistResultDto } from './checklists.js';
import type { Recurrence } from './occurrences.js';

/**
 * `route`: every point, in order; `random`: a spot check (抽查) — when a round is raised
 * the system draws `randomCount` of the points and a time inside the window.
 */
export const PATROL_KINDS = ['route', 'random'] as const;
export type PatrolKind = (typeof PATROL_KINDS)[number];

/** who does the rounds: one person, anyone of a team, or anyone holding a role on the site */
export const PATROL_ASSIGNEE_TYPES = ['user', 'team', 'role'] as const;
export type PatrolAssigneeType = (typeof PATROL_ASSIGNEE_TYPES)[number];

export const PATROL_TARGET_TYPES = ['location', 'asset'] as const;
export type PatrolTargetType = (typeof PATROL_TARGET_TYPES)[number];

export interface PatrolPointDto {
  id: string;
  /** 1-based order on the route */
  seq: number;
  targetType: PatrolTargetType;
  targetId: string;
  targetName: string;
  /** 长春店 / A座 / 3F for a location; the asset's location path for an asset */
  targetPath: string | null;
  checklistTemplateId: string | null;
  checklistTemplateName: string | null;
}

export interface PatrolPointInput {
  targetType: PatrolTargetType;
  targetId: string;
  checklistTemplateId?: string | null;
}

export interface PatrolPlanDto {
  id: string;
  siteId: string;
  siteName: string;
  name: string;
  description: string | null;
  /** patrol_level dictionary code (经理开店前巡视, 防火巡查…) */
  level: string;
  kind: PatrolKind;
  points: PatrolPointDto[];
  /** random plans: how many points a round draws */
  randomCount: number | null;
  /**
   * When rounds fall due. With `everyHoursWhileOpen` set the times of day are generated
   * from the site's opening hours (09:00-21:00 every 2 h → 09:00, 11:00 … 21:00).
   */
  recurrence: Recurrence;
  everyHoursWhileOpen: number | null;
  /** a round done within this many minutes after its due time is on time; open after it, missed */
  windowMinutes: number;
  assigneeType: PatrolAssigneeType;
  /** the user or team id; null for a role */
  assigneeId: string | null;
  /** the role code for `role` */
  assigneeRole: string | null;
  assigneeName: string;
  /** told when a round is missed (default: the site's heads) */
  supervisorId: string | null;
  supervisorName: string | null;
  active: boolean;
  nextDueAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface PatrolPlanInput {
  siteId: string;
  name: string;
  description?: string | null;
  level: string;
  kind: PatrolKind;
  points: PatrolPointInput[];
  randomCount?: number | null;
  recurrence: Recurrence;
  everyHoursWhileOpen?: number | null;
  windowMinutes: number;
  assigneeType: PatrolAssigneeType;
  assigneeId?: string | null;
  assigneeRole?: string | null;
  supervisorId?: string | null;
}

export const ROUND_STATUSES = ['pending', 'in_progress', 'done', 'missed', 'cancelled'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

export const ROUND_POINT_STATUSES = ['pending', 'checked', 'skipped'] as const;
export type RoundPointStatus = (typeof ROUND_POINT_STATUSES)[number];

export interface RoundPointDto {
  id: string;
  seq: number;
  targetType: PatrolTargetType;
  targetId: string;
  targetName: string;
  targetPath: string | null;
  status: RoundPointStatus;
  /** when the QR was scanned (or the point was checked in by hand) */
  checkedInAt: string | null;
  checkInMethod: 'qr' | 'manual' | null;
  /** checked in before an earlier point of the route */
  outOfOrder: boolean;
  skipReason: string | null;
  checklistResultId: string | null;
  /** submitted: the point's checklist is done */
  checklistStatus: 'draft' | 'submitted' | null;
  findingsCount: number;
}

export interface PatrolRoundDto {
  id: string;
  /** XJ-YYYYMMDD-0001 */
  number: string;
  planId: string;
  planName: string;
  level: string;
  kind: PatrolKind;
  siteId: string;
  siteName: string;
  occurrenceId: string | null;
  /** due time (a random round: the drawn time) */
  dueAt: string;
  windowEndAt: string;
  status: RoundStatus;
  assigneeType: PatrolAssigneeType;
  assigneeId: string | null;
  assigneeRole: string | null;
  assigneeName: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** minutes between start and finish */
  durationMinutes: number | null;
  doneBy: string | null;
  doneByName: string | null;
  note: string | null;
  points: RoundPointDto[];
  checkedCount: number;
  skippedCount: number;
  outOfOrderCount: number;
  findingsCount: number;
  /** finished by the window's end: true; finished later or missed: false; not yet: null */
  onTime: boolean | null;
  /** the signed-in person may start / check in / finish it */
  canDo: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** POST /patrols/rounds/:id/check-in: a scanned QR code (its text or the `/q/<code>` URL), or a point by hand with a reason */
export interface CheckInInput {
  qr?: string | null;
  pointId?: string | null;
  /** a check-in by hand (the label is worn off) needs a reason */
  reason?: string | null;
  /** the round's version (every step answers the round with its new version) */
  version: number;
}

/** POST /patrols/rounds/:id/start */
export interface RoundStartInput {
  version: number;
}

/** POST /patrols/rounds/:id/points/:pointId/skip */
export interface RoundPointSkipInput {
  reason: string;
  version: number;
}

/** POST /patrols/rounds/:id/finish: points still pending are recorded as skipped (结束巡检时未签到) */
export interface RoundFinishInput {
  note?: string | null;
  version: number;
}

/** PUT /patrols/rounds/:id/points/:pointId/checklist (the checklist's own version, not the round's) */
export interface RoundPointChecklistInput {
  answers: ChecklistAnswer[];
  submit: boolean;
  version: number;
}

export interface RoundPointChecklistAnswer {
  result: ChecklistResultDto | null;
}

/** Duty compliance (检查职责落实) for one group (a person, a level or a site). */
export interface DutyComplianceRow {
  key: string;
  label: string;
  due: number;
  onTime: number;
  late: number;
  missed: number;
  /** still open within their window */
  open: number;
  /** percent, one decimal: onTime ÷ (due − open) × 100; null when nothing is decided yet */
  rate: number | null;
}

export interface DutyComplianceDto {
  from: string;
  to: string;
  byPerson: DutyComplianceRow[];
  byLevel: DutyComplianceRow[];
  bySite: DutyComplianceRow[];
  total: DutyComplianceRow;
}
