import { HAZARD_ACTIONS, HAZARD_STATUSES, type HazardAction, type HazardGrade, type HazardStatus } from '../../../../contracts/hazards.js';
import { AppError } from '../../platform/http/errors.js';

/**
 * The life of a hazard (隐患, DOMAIN.md §4: 排查 → 登记 → 整改 → 验收 → 销号):
 * registered —assign (五落实)→ rectifying —submit (after photos)→ submitted
 * —accept→ closed (一般) or pending_signoff (重大) —sign_off→ closed;
 * a failed acceptance (reject) sends it back to rectifying; a hazard not yet
 * rectified may be cancelled (registered in error, a duplicate).
 */

type Target = HazardStatus | { general: HazardStatus; major: HazardStatus };

const TRANSITIONS: Record<HazardStatus, Partial<Record<HazardAction, Target>>> = {
  registered: { assign: 'rectifying', cancel: 'cancelled' },
  rectifying: { submit: 'submitted', cancel: 'cancelled' },
  submitted: { accept: { general: 'closed', major: 'pending_signoff' }, reject: 'rectifying' },
  pending_signoff: { sign_off: 'closed' },
  closed: {},
  cancelled: {},
};

export const HAZARD_STATUS_LABELS: Record<HazardStatus, string> = {
  registered: '待落实',
  rectifying: '整改中',
  submitted: '待验收',
  pending_signoff: '待销号签批',
  closed: '已销号',
  cancelled: '已取消',
};

export const HAZARD_ACTION_LABELS: Record<HazardAction, string> = {
  assign: '落实整改（五落实）',
  submit: '提交整改',
  accept: '验收通过',
  reject: '验收不通过',
  sign_off: '销号签批',
  cancel: '取消',
};

export const HAZARD_GRADE_LABELS: Record<HazardGrade, string> = { general: '一般', major: '重大' };

/** not closed and not cancelled */
export const OPEN_HAZARD_STATUSES: readonly HazardStatus[] = ['registered', 'rectifying', 'submitted', 'pending_signoff'];
/** the rectification itself is still owed: these can be overdue */
export const UNRECTIFIED_STATUSES: readonly HazardStatus[] = ['registered', 'rectifying'];

/** The actions the state allows (who may take them is the service's question). */
export function hazardActions(status: HazardStatus): HazardAction[] {
  return Object.keys(TRANSITIONS[status]) as HazardAction[];
}

/** The status after `action` (accept depends on the grade), or 409 ILLEGAL_TRANSITION naming both. */
export function nextHazardStatus(status: HazardStatus, action: HazardAction, grade: HazardGrade): HazardStatus {
  const to = TRANSITIONS[status][action];
  if (!to) {
    throw new AppError('ILLEGAL_TRANSITION', `隐患${HAZARD_STATUS_LABELS[status]}，不能${HAZARD_ACTION_LABELS[action]}`, {
      status,
      action,
    });
  }
  return typeof to === 'string' ? to : to[grade];
}

export function isFinalHazardStatus(status: HazardStatus): boolean {
  return hazardActions(status).length === 0;
}

export { HAZARD_ACTIONS, HAZARD_STATUSES };
