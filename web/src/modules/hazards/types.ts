/** The hazards API as the pages use it, declared once in contracts/hazards.ts (and the shared summary facts). */

export type {
  CampaignDto as Campaign,
  CampaignInput,
  CampaignSiteResult,
  FindingDto as Finding,
  FindingInput,
  FindingResolution,
  FindingResolveInput,
  FindingSource,
  HazardAction,
  HazardAddresseeType,
  HazardAssignInput,
  HazardDecisionInput,
  HazardDto as Hazard,
  HazardGrade,
  HazardInput,
  HazardSettingsDto,
  HazardSource,
  HazardStatus,
  HazardSubmitInput,
} from '../../../../contracts/hazards';
export {
  FINDING_RESOLUTIONS,
  FINDING_SOURCES,
  HAZARD_ACTIONS,
  HAZARD_ADDRESSEE_TYPES,
  HAZARD_GRADES,
  HAZARD_SOURCES,
  HAZARD_STATUSES,
} from '../../../../contracts/hazards';
export type { SummaryFact, SummaryFactsResponse } from '../../../../contracts/summary';

/** the resources of GET/POST …, relative to /api/v1 */
export const FINDINGS = '/findings';
export const HAZARDS = '/hazards';
export const CAMPAIGNS = '/inspection-campaigns';
export const SETTINGS = '/hazards/settings';
export const MEASURES = '/hazards/measures';
/** the other two modules of the 巡检与隐患指标 page (their own helpers build them) */
export const PATROL_MEASURES = '/patrols/measures';
export const READING_MEASURES = '/readings/measures';

/** attachment owner types registered by the server module */
export const OWNER_FINDING = 'finding';
export const OWNER_FINDING_FIX = 'finding_fix';
export const OWNER_HAZARD = 'hazard';
export const OWNER_HAZARD_AFTER = 'hazard_after';

/** web paths of the pages */
export const PATHS = {
  findings: '/hazards/findings',
  register: '/hazards/register',
  campaigns: '/hazards/campaigns',
  measures: '/hazards/measures',
} as const;
