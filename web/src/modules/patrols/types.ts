/** The patrols API as the pages use it, declared once in contracts/patrols.ts (findings: contracts/hazards.ts). */

export type { Recurrence } from '../../../../contracts/occurrences';
export type {
  CheckInInput,
  DutyComplianceDto,
  DutyComplianceRow,
  PatrolAssigneeType,
  PatrolKind,
  PatrolPlanDto as PatrolPlan,
  PatrolPlanInput,
  PatrolPointDto,
  PatrolPointInput,
  PatrolRoundDto as Round,
  PatrolTargetType,
  RoundFinishInput,
  RoundPointChecklistAnswer,
  RoundPointChecklistInput,
  RoundPointDto as RoundPoint,
  RoundPointSkipInput,
  RoundPointStatus,
  RoundStartInput,
  RoundStatus,
} from '../../../../contracts/patrols';
export {
  PATROL_ASSIGNEE_TYPES,
  PATROL_KINDS,
  PATROL_TARGET_TYPES,
  ROUND_POINT_STATUSES,
  ROUND_STATUSES,
} from '../../../../contracts/patrols';

/** the resources of GET/POST …, relative to /api/v1 */
export const PLANS = '/patrols/plans';
export const ROUNDS = '/patrols/rounds';
export const COMPLIANCE = '/patrols/compliance';
/** a round's findings: GET /findings?roundId=… */
export const FINDINGS = '/findings';
/** audit entities of the history panels */
export const PLAN_ENTITY = 'patrol_plan';
export const ROUND_ENTITY = 'patrol_round';
