/**
 * Incident reports (意外事件处理报告单) and the security log (接警记录).
 *
 * An incident report records what happened, how it was handled, what it cost and why it
 * happened; its corrective and preventive measures are action items (contracts/actions.ts,
 * owner type `incident`). The author submits it, the head reviews it (审核) or returns it
 * for changes. Types whose handling has a deadline — by default 消防报警故障 "不过夜", fixed
 * before the end of the day it occurred — carry `deadlineAt`, and are fixed in time when
 * `resolvedAt` is on or before it.
 */

export const INCIDENT_STATUSES = ['draft', 'submitted', 'returned', 'reviewed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export interface IncidentDto {
  id: string;
  /** SJ-YYYYMMDD-0001 */
  number: string;
  siteId: string;
  siteName: string;
  title: string;
  /** incident_type dictionary code (火警, 消防报警故障, 停电…) */
  type: string;
  occurredAt: string;
  locationId: string | null;
  locationPath: string | null;
  /** free text when the place is not a location of the archive (门口广场) */
  place: string | null;
  /** 责任人: a user, or a name written out (a vendor's staff) */
  responsibleId: string | null;
  responsibleName: string | null;
  summary: string;
  /** 事件经过 */
  course: string | null;
  /** 处理情况及结果 */
  handling: string | null;
  /** 损失情况, and the amount in fen when known */
  losses: string | null;
  lossFen: number | null;
  /** 原因分析 */
  causeAnalysis: string | null;
  /** when the handling was finished (the fault fixed, supply restored) */
  resolvedAt: string | null;
  /** for types with a deadline (消防报警故障: 不过夜); null otherwise */
  deadlineAt: string | null;
  /** resolved on or before the deadline; null without a deadline or while unresolved and not yet late */
  fixedInTime: boolean | null;
  /** a repair work order raised from it, when there is one */
  workOrderId: string | null;
  workOrderNumber: string | null;
  /** attachments of owner type `incident` */
  attachmentIds: string[];
  authorId: string;
  authorName: string;
  submittedAt: string | null;
  reviewerId: string | null;
  reviewerName: string | null;
  reviewedAt: string | null;
  reviewNote: string | null;
  status: IncidentStatus;
  actionsTotal: number;
  actionsOpen: number;
  canEdit: boolean;
  canReview: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/**
 * POST /incidents (a draft; `submit: true` submits it at once), PUT /incidents/:id (the whole
 * form with `version`: the author while draft or returned, a reviewer until reviewed; the
 * site cannot change). Submitting needs a place (locationId or place), course, handling and
 * causeAnalysis besides what a draft needs.
 */
export interface IncidentInput {
  siteId: string;
  title: string;
  type: string;
  occurredAt: string;
  locationId?: string | null;
  place?: string | null;
  responsibleId?: string | null;
  responsibleName?: string | null;
  summary: string;
  course?: string | null;
  handling?: string | null;
  losses?: string | null;
  lossFen?: number | null;
  causeAnalysis?: string | null;
  resolvedAt?: string | null;
  workOrderId?: string | null;
  submit?: boolean;
}

/** POST /incidents/:id/submit {version}; POST /incidents/:id/review */
export interface IncidentReviewInput {
  decision: 'approve' | 'return';
  /** required when returning */
  note?: string | null;
  version: number;
}

/** GET/PUT /incidents/settings */
export interface IncidentSettingsDto {
  /** incident types whose handling has a deadline (default: fire_alarm_fault) */
  deadlineTypes: string[];
  /** `overnight`: before the end of the local day it occurred (不过夜); `hours`: within N hours */
  deadlineMode: 'overnight' | 'hours';
  deadlineHours: number;
  version: number;
}

// ── security log (接警记录) ───────────────────────────────────────────────────────

/** 已处置 / 抓获 / 移交公安 */
export const ALERT_OUTCOMES = ['resolved', 'apprehended', 'handed_to_police'] as const;
export type AlertOutcome = (typeof ALERT_OUTCOMES)[number];

export interface AlertOfficerDto {
  userId: string;
  name: string;
}

/** 表扬/嘉奖 of an officer for an alert */
export interface CommendationDto {
  id: string;
  alertId: string;
  alertNumber: string;
  officerId: string;
  officerName: string;
  note: string;
  commendedAt: string;
  commendedBy: string;
  commendedByName: string;
}

export interface SecurityAlertDto {
  id: string;
  /** JJ-YYYYMMDD-0001 */
  number: string;
  siteId: string;
  siteName: string;
  receivedAt: string;
  /** security_alert_source dictionary code (监控发现, 巡逻发现, 顾客报警…) */
  source: string;
  /** security_alert_type dictionary code (盗窃, 纠纷, 可疑人员, 倒卡, 其他) */
  type: string;
  locationId: string | null;
  locationPath: string | null;
  place: string | null;
  description: string;
  handling: string | null;
  outcome: AlertOutcome;
  /** people caught (抓获); at least 1 when the outcome is apprehended or handed to police, 0 when resolved */
  apprehendedCount: number;
  officers: AlertOfficerDto[];
  /** when the handling ended */
  closedAt: string | null;
  /** an incident report written for it, when there is one */
  incidentId: string | null;
  incidentNumber: string | null;
  commendations: CommendationDto[];
  recordedBy: string;
  recordedByName: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** POST /security-alerts, PUT /security-alerts/:id */
export interface SecurityAlertInput {
  siteId: string;
  receivedAt: string;
  source: string;
  type: string;
  locationId?: string | null;
  place?: string | null;
  description: string;
  handling?: string | null;
  outcome: AlertOutcome;
  apprehendedCount?: number;
  officerIds: string[];
  closedAt?: string | null;
  incidentId?: string | null;
}

/**
 * POST /security-alerts/:id/commendations (incidents:review or security:log on the site) —
 * the officer must be one of the alert's officers, and not the person commending; answers
 * 201 with the alert (SecurityAlertDto) including the new commendation.
 */
export interface CommendationInput {
  officerId: string;
  note: string;
}

/**
 * GET /security-alerts/officers?from&to&siteId: per officer, alerts handled, people
 * apprehended and commendations in the period (the 接警 part of a guard's record).
 */
export interface OfficerRecordDto {
  userId: string;
  name: string;
  alerts: number;
  apprehended: number;
  commendations: number;
}
