import type { WorkOrderAction, WorkOrderStatus } from '../../../../contracts/workorders.js';
import { AppError } from '../../platform/http/errors.js';

/**
 * The work-order life cycle as a pure table: 待派单 → 已派单 → 已接单 → 已到场 → 维修中 ⇄ 暂停
 * → 待验收 → 已完成 → 已评价, with 已取消 from any unfinished step. `reject` (验收不通过)
 * sends finished work back to 维修中 and `reopen` (重开) takes a closed order back to
 * 已接单; both count as rework (返修). Who may take an action is the policy's business
 * (policy.ts); this file only says which actions a status allows and where they lead.
 */
const CANCELLABLE: WorkOrderStatus[] = ['pending', 'dispatched', 'accepted', 'arrived', 'in_progress', 'paused'];
const REASSIGNABLE: WorkOrderStatus[] = ['dispatched', 'accepted', 'arrived', 'in_progress', 'paused'];

const TRANSITIONS: Record<WorkOrderAction, { from: WorkOrderStatus[]; to: WorkOrderStatus }> = {
  dispatch: { from: ['pending'], to: 'dispatched' },
  pool: { from: ['pending'], to: 'pending' },
  claim: { from: ['pending'], to: 'accepted' },
  accept: { from: ['dispatched'], to: 'accepted' },
  send_back: { from: ['dispatched', 'accepted'], to: 'pending' },
  transfer: { from: REASSIGNABLE, to: 'dispatched' },
  arrive: { from: ['accepted'], to: 'arrived' },
  start: { from: ['arrived'], to: 'in_progress' },
  pause: { from: ['in_progress'], to: 'paused' },
  resume: { from: ['paused'], to: 'in_progress' },
  finish: { from: ['in_progress'], to: 'resolved' },
  approve: { from: ['resolved'], to: 'completed' },
  auto_approve: { from: ['resolved'], to: 'completed' },
  reject: { from: ['resolved'], to: 'in_progress' },
  rate: { from: ['completed'], to: 'rated' },
  reopen: { from: ['completed', 'rated'], to: 'accepted' },
  cancel: { from: CANCELLABLE, to: 'cancelled' },
};

export const STATUS_LABELS: Record<WorkOrderStatus, string> = {
  pending: '待派单',
  dispatched: '已派单',
  accepted: '已接单',
  arrived: '已到场',
  in_progress: '维修中',
  paused: '暂停',
  resolved: '待验收',
  completed: '已完成',
  rated: '已评价',
  cancelled: '已取消',
};

export const ACTION_LABELS: Record<WorkOrderAction, string> = {
  dispatch: '派单',
  pool: '放入抢单池',
  claim: '抢单',
  accept: '接单',
  send_back: '退回',
  transfer: '转派',
  arrive: '到场',
  start: '开始维修',
  pause: '暂停',
  resume: '继续维修',
  finish: '完工',
  approve: '验收通过',
  auto_approve: '自动验收',
  reject: '验收不通过',
  rate: '评价',
  reopen: '重开返修',
  cancel: '取消',
};

/** actions that must carry a reason */
export const REASON_REQUIRED: ReadonlySet<WorkOrderAction> = new Set(['send_back', 'transfer', 'reject', 'reopen', 'cancel']);
/** actions that make the order rework (返修) */
export const REWORK_ACTIONS: ReadonlySet<WorkOrderAction> = new Set(['reject', 'reopen']);

export function allowedActions(status: WorkOrderStatus): WorkOrderAction[] {
  return (Object.keys(TRANSITIONS) as WorkOrderAction[]).filter((a) => TRANSITIONS[a].from.includes(status));
}

export function canTransition(status: WorkOrderStatus, action: WorkOrderAction): boolean {
  return TRANSITIONS[action].from.includes(status);
}

/** The status after `action`, or 409 ILLEGAL_TRANSITION naming both. */
export function nextStatus(status: WorkOrderStatus, action: WorkOrderAction): WorkOrderStatus {
  const t = TRANSITIONS[action];
  if (!t.from.includes(status)) {
    throw new AppError('ILLEGAL_TRANSITION', `工单${STATUS_LABELS[status]}，不能${ACTION_LABELS[action]}`, { status, action });
  }
  return t.to;
}

export function isClosed(status: WorkOrderStatus): boolean {
  return status === 'completed' || status === 'rated' || status === 'cancelled';
}
