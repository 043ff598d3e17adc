/** The safety API as the pages use it, declared once in contracts/actions.ts and contracts/safety.ts. */

export type {
  ActionItemCreateInput,
  ActionItemDto as ActionItem,
  ActionItemInput,
  ActionKind,
  ActionOwnerType,
  ActionReasonInput,
  ActionStatus,
  ActionStep,
  ActionSubmitInput,
  ActionVerifyInput,
} from '../../../../contracts/actions';
export { ACTION_KINDS, ACTION_OWNER_TYPES, ACTION_STATUSES } from '../../../../contracts/actions';
export type {
  SafetyCalendarDto,
  SafetyEventDto as SafetyEvent,
  SafetyEventKind,
  SafetyOverviewDto,
  SafetySiteCountsDto,
} from '../../../../contracts/safety';
export { SAFETY_EVENT_KINDS } from '../../../../contracts/safety';
export type { SummaryFact, SummaryFactsResponse } from '../../../../contracts/summary';

/** the resources of GET/POST …, relative to /api/v1 */
export const ACTIONS = '/actions';
export const CALENDAR = '/safety/calendar';
export const OVERVIEW = '/safety/overview';
export const MEASURES = '/safety/measures';

/** the attachment owner type of an action item's evidence (registered by the server module) */
export const OWNER_ACTION_ITEM = 'action_item';

/** web paths of the pages */
export const PATHS = {
  /** /safety redirects here (the menu group owns the key 'safety') */
  overview: '/safety/overview',
  calendar: '/safety/calendar',
  actions: '/safety/actions',
  measures: '/safety/measures',
} as const;
