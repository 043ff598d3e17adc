import { AppError } from '../../platform/http/errors.js';
import { COMPLAINT_ACTIONS, type ComplaintAction, type ComplaintStatus } from './schema.js';

/**
 * The complaint life cycle as a pure table: 待处理 → 处理中 → 已解决 → 已关闭.
 * `assign` (指派) names or changes the handler without moving the status; `handle`
 * (处理) records a handling note and puts the complaint in hand; `resolve` (解决) gives
 * the resolution — a complaint settled on the first call may be resolved straight from
 * 待处理; `close` (关闭) records the complainant's satisfaction; `reopen` (重新处理)
 * takes a resolved or closed complaint back into hand. Who may act is the service's
 * business; this file only says which actions a status allows and where they lead.
 */
const TRANSITIONS: Record<ComplaintStatus, Partial<Record<ComplaintAction, ComplaintStatus>>> = {
  open: { assign: 'open', handle: 'handling', resolve: 'resolved' },
  handling: { assign: 'handling', handle: 'handling', resolve: 'resolved' },
  resolved: { close: 'closed', reopen: 'handling' },
  closed: { reopen: 'handling' },
};

export const COMPLAINT_STATUS_LABELS: Record<ComplaintStatus, string> = {
  open: '待处理',
  handling: '处理中',
  resolved: '已解决',
  closed: '已关闭',
};

export const COMPLAINT_ACTION_LABELS: Record<ComplaintAction, string> = {
  assign: '指派',
  handle: '处理',
  resolve: '解决',
  close: '关闭',
  reopen: '重新处理',
};

/** statuses in which the complaint still waits for an answer (its deadline runs) */
export const PENDING_STATUSES: readonly ComplaintStatus[] = ['open', 'handling'];

export function complaintActions(status: ComplaintStatus): ComplaintAction[] {
  return COMPLAINT_ACTIONS.filter((a) => TRANSITIONS[status][a] !== undefined);
}

/** The status after `action`, or 409 ILLEGAL_TRANSITION naming both. */
export function nextComplaintStatus(status: ComplaintStatus, action: ComplaintAction): ComplaintStatus {
  const to = TRANSITIONS[status][action];
  if (!to) {
    throw new AppError('ILLEGAL_TRANSITION', `投诉${COMPLAINT_STATUS_LABELS[status]}，不能${COMPLAINT_ACTION_LABELS[action]}`, {
      status,
      action,
    });
  }
  return to;
}

/** Overdue: still waiting after its deadline, or answered after it. */
export function isOverdue(c: { status: ComplaintStatus; deadline_at: string; resolved_at: string | null }, now: Date): boolean {
  const deadline = Date.parse(c.deadline_at);
  if (PENDING_STATUSES.includes(c.status)) return now.getTime() > deadline;
  return c.resolved_at !== null && Date.parse(c.resolved_at) > deadline;
}
