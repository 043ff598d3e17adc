import { NOTICE_ACTIONS, NOTICE_STATUSES, type NoticeAction, type NoticeStatus } from '../../../../contracts/counters.js';
import { AppError } from '../../platform/http/errors.js';

/**
 * The life of a rectification notice (整改通知):
 * issued → rectified (the counter reports with a note and photos) → verified (the
 * property administrator checks on site); a failed check sends it back to issued with
 * the reason. Past the deadline the scheduler marks an issued notice overdue; the
 * department then repairs for a fee (converted, linked to a paid work order) — or the
 * counter still rectifies late. Cancelling ends any open notice.
 */

const TRANSITIONS: Record<NoticeStatus, Partial<Record<NoticeAction, NoticeStatus>>> = {
  issued: { rectify: 'rectified', mark_overdue: 'overdue', cancel: 'cancelled' },
  rectified: { verify: 'verified', reject: 'issued', cancel: 'cancelled' },
  overdue: { rectify: 'rectified', convert: 'converted', cancel: 'cancelled' },
  verified: {},
  converted: {},
  cancelled: {},
};

export const NOTICE_STATUS_LABELS: Record<NoticeStatus, string> = {
  issued: '待整改',
  rectified: '待验证',
  verified: '已验证',
  overdue: '已逾期',
  converted: '已转有偿维修',
  cancelled: '已取消',
};

export const NOTICE_ACTION_LABELS: Record<NoticeAction, string> = {
  rectify: '整改完成',
  verify: '验证通过',
  reject: '验证不通过',
  mark_overdue: '逾期',
  convert: '转有偿维修',
  cancel: '取消',
};

/** actions that need a written reason */
export const NOTICE_REASON_REQUIRED: ReadonlySet<NoticeAction> = new Set(['reject', 'cancel']);

export const OPEN_NOTICE_STATUSES: readonly NoticeStatus[] = ['issued', 'rectified', 'overdue'];

export function noticeActions(status: NoticeStatus): NoticeAction[] {
  return Object.keys(TRANSITIONS[status]) as NoticeAction[];
}

/** The status after `action`, or 409 ILLEGAL_TRANSITION naming the status and the action. */
export function nextNoticeStatus(status: NoticeStatus, action: NoticeAction): NoticeStatus {
  const to = TRANSITIONS[status][action];
  if (!to) {
    throw new AppError('ILLEGAL_TRANSITION', `整改通知${NOTICE_STATUS_LABELS[status]}，不能${NOTICE_ACTION_LABELS[action]}`, {
      status,
      action,
    });
  }
  return to;
}

export function isFinal(status: NoticeStatus): boolean {
  return noticeActions(status).length === 0;
}

export { NOTICE_ACTIONS, NOTICE_STATUSES, type NoticeAction };
