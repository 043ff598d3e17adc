/** The maintenance API as the pages use it, declared once in contracts/maintenance.ts (and the shared summary facts). */

export type {
  CalendarMonth,
  MaintenanceCalendarResponse,
  MaintenanceCalendarRow,
  MaintenanceOccurrenceDto as Occurrence,
  MaintenanceOccurrenceStatus as OccurrenceStatus,
  MaintenancePlanDto as Plan,
  MaintenancePlanInput as PlanInput,
  MaintenanceProgressResponse,
  MaintenanceSettingsDto,
  PlanSystem,
  PlanTarget,
  PlanTrigger,
} from '../../../../contracts/maintenance';
export { PLAN_SYSTEMS, PLAN_TARGETS, PLAN_TRIGGERS } from '../../../../contracts/maintenance';
export type { Recurrence } from '../../../../contracts/occurrences';
export type { SummaryFact, SummaryFactsResponse } from '../../../../contracts/summary';

/** the resources of GET/POST …, relative to /api/v1 */
export const PLANS = '/maintenance/plans';
export const OCCURRENCES = '/maintenance/occurrences';
export const CALENDAR = '/maintenance/calendar';
export const PROGRESS = '/maintenance/progress';
export const MEASURES = '/maintenance/measures';
export const SETTINGS = '/maintenance/settings';
