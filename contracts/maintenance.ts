/**
 * Preventive maintenance (保养计划): plans on the occurrence engine, their occurrences and
 * work orders, the annual calendar, meter readings and the PM measures. The recurrence
 * shape is contracts/occurrences.ts; checklists are contracts/checklists.ts.
 */
import type { Recurrence } from './occurrences.js';

/** a plan covers one asset, or every asset of a category in a set of locations (their subtrees) */
export const PLAN_TARGETS = ['asset', 'category'] as const;
export type PlanTarget = (typeof PLAN_TARGETS)[number];

/** `time`: by the calendar (recurrence); `meter`: every N units on the asset's meter (running hours, km…) */
export const PLAN_TRIGGERS = ['time', 'meter'] as const;
export type PlanTrigger = (typeof PLAN_TRIGGERS)[number];

/** which system a plan belongs to: fire-system plans are reported on their own (消防设施维保) */
export const PLAN_SYSTEMS = ['general', 'fire', 'hvac', 'electrical', 'water', 'elevator', 'other'] as const;
export type PlanSystem = (typeof PLAN_SYSTEMS)[number];

export interface MaintenancePlanDto {
  id: string;
  siteId: string;
  siteName: string;
  name: string;
  description: string | null;
  system: PlanSystem;
  target: PlanTarget;
  assetId: string | null;
  assetCode: string | null;
  assetName: string | null;
  categoryId: string | null;
  categoryName: string | null;
  /** category plans: the locations whose subtrees are covered (empty = the whole site) */
  locationIds: string[];
  locationNames: string[];
  checklistTemplateId: string | null;
  checklistTemplateName: string | null;
  teamId: string | null;
  teamName: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  /** the repair_category dictionary code its work orders carry (空调, 电气…) */
  workCategory: string;
  /** planned effort per occurrence */
  estimatedMinutes: number;
  /** the work order is created this many days before the due time */
  leadDays: number;
  trigger: PlanTrigger;
  /** time plans */
  recurrence: Recurrence | null;
  /** meter plans: the meter's name (运行小时, 公里…), unit and interval */
  meterName: string | null;
  meterUnit: string | null;
  meterInterval: number | null;
  /** meter plans: the reading the last work order was raised at (the next falls at this + interval) */
  meterBaseline: number | null;
  /** meter plans: the latest reading of the meter */
  meterLatest: number | null;
  /** on time until due date + this many days (SMRP grace rule, from the settings) */
  graceDays: number;
  active: boolean;
  /** the next open occurrence's due time */
  nextDueAt: string | null;
  lastDoneAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface MaintenancePlanInput {
  siteId: string;
  name: string;
  description?: string | null;
  system: PlanSystem;
  target: PlanTarget;
  assetId?: string | null;
  categoryId?: string | null;
  locationIds?: string[];
  checklistTemplateId?: string | null;
  teamId?: string | null;
  assigneeId?: string | null;
  workCategory: string;
  estimatedMinutes: number;
  leadDays: number;
  trigger: PlanTrigger;
  recurrence?: Recurrence | null;
  meterName?: string | null;
  meterUnit?: string | null;
  meterInterval?: number | null;
  /** meter plans: the reading the first interval counts from (default: the latest reading, else 0) */
  meterBaseline?: number | null;
}

export type MaintenanceOccurrenceStatus = 'open' | 'done' | 'missed' | 'skipped' | 'cancelled';

export interface MaintenanceOccurrenceDto {
  id: string;
  planId: string;
  planName: string;
  siteId: string;
  siteName: string;
  dueAt: string;
  /** done after this is late; open after this is missed */
  windowEndAt: string;
  status: MaintenanceOccurrenceStatus;
  workOrderId: string | null;
  workOrderNumber: string | null;
  workOrderStatus: string | null;
  doneAt: string | null;
  missedAt: string | null;
  /** done within the grace: true; done late or missed: false; still open: null */
  onTime: boolean | null;
  version: number;
}

/** one month of the annual calendar; `planned` counts projected occurrences beyond the horizon too */
export interface CalendarMonth {
  planned: number;
  done: number;
  onTime: number;
  missed: number;
  open: number;
}

export interface MaintenanceCalendarRow {
  planId: string;
  planName: string;
  system: PlanSystem;
  /** 12 entries, January first */
  months: CalendarMonth[];
}

/** GET /maintenance/calendar?siteId&year: the per-site annual maintenance calendar (年度保养计划表) */
export interface MaintenanceCalendarResponse {
  siteId: string;
  siteName: string;
  year: number;
  plans: MaintenanceCalendarRow[];
  totals: CalendarMonth[];
}

/** GET /maintenance/progress?year: plan versus done per month and site (保养计划执行进度) */
export interface MaintenanceProgressResponse {
  year: number;
  sites: { siteId: string; siteName: string; months: CalendarMonth[]; total: CalendarMonth }[];
  total: CalendarMonth;
}

export interface MeterReadingDto {
  id: string;
  assetId: string;
  meterName: string;
  unit: string | null;
  value: number;
  readAt: string;
  readBy: string | null;
  readByName: string | null;
  note: string | null;
  createdAt: string;
}

export interface MeterReadingInput {
  meterName: string;
  unit?: string | null;
  value: number;
  /** default: now */
  readAt?: string | null;
  note?: string | null;
}

/** SMRP 5.4.14 grace: a share of the interval, capped (20 %, 28 days); meter plans get a fixed window */
export interface MaintenanceSettingsDto {
  gracePercent: number;
  graceCapDays: number;
  meterWindowDays: number;
  version: number;
}
