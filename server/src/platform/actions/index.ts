/**
 * The action-item engine (整改措施): corrective, preventive and improvement measures that
 * any record may carry (an incident report, a drill report), each with an assignee, a due
 * date, evidence and a verification by someone other than the submitter. Owners register a
 * handler; the routes, the reminders job and the figures live in modules/safety.
 */
export type { ActionItemInput, ActionKind, ActionOwnerType, ActionStatus } from '../../../../contracts/actions.js';
export {
  ACTION_KIND_LABELS,
  ACTION_OWNER_LABELS,
  ACTION_STATUS_LABELS,
  ACTION_STEP_LABELS,
  actionTiming,
  OPEN_ACTION_STATUSES,
} from './actions.state.js';
export { ACTION_NUMBER_RULE, type ActionItemRow, actionCounts, actionHistoryPart, createActionItem } from './items.js';
export { type ActionOwner, type ActionOwnerHandler, registerActionOwner } from './owners.js';
