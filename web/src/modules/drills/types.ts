/** The drills API as the pages use it, declared once in contracts/drills.ts. */

export type {
  DrillDto as Drill,
  DrillInput,
  DrillParticipantGroup,
  DrillPlanDto as DrillPlan,
  DrillPlanInput,
  DrillRecordInput,
  DrillReport,
  DrillReportInput,
  DrillStatus,
  DrillUpdateInput,
} from '../../../../contracts/drills';
export { DRILL_STATUSES } from '../../../../contracts/drills';
export type { Recurrence } from '../../../../contracts/occurrences';

/** the resources of GET/POST …, relative to /api/v1 */
export const DRILLS = '/drills';
export const PLANS = '/drill-plans';

/** attachment owner type of a drill's photos, and the action-item owner type of its report's improvements */
export const OWNER_DRILL = 'drill';

/** audit entities of the history panels */
export const DRILL_ENTITY = 'drill';
export const PLAN_ENTITY = 'drill_plan';

/** web paths of the pages */
export const PATHS = {
  drills: '/drills',
  plans: '/drills/plans',
} as const;
