import { PROJECT_ACTIONS, type ProjectAction, type ProjectStatus } from '../../../../contracts/projects.js';
import { AppError } from '../../platform/http/errors.js';

/**
 * The project life cycle: 计划中 → 施工中 ⇄ 已暂停 → 待验收 → 已验收, with 已取消 from
 * any open state. A rejected acceptance goes back to 施工中. 已验收 and 已取消 are final:
 * nothing changes a closed project any more.
 */
export { PROJECT_ACTIONS, type ProjectAction };

const TRANSITIONS: Record<ProjectStatus, Partial<Record<ProjectAction, ProjectStatus>>> = {
  planned: { start: 'in_progress', cancel: 'cancelled' },
  in_progress: { suspend: 'suspended', submit: 'accepting', cancel: 'cancelled' },
  suspended: { resume: 'in_progress', cancel: 'cancelled' },
  accepting: { accept: 'accepted', reject: 'in_progress', cancel: 'cancelled' },
  accepted: {},
  cancelled: {},
};

export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = {
  planned: '计划中',
  in_progress: '施工中',
  suspended: '已暂停',
  accepting: '待验收',
  accepted: '已验收',
  cancelled: '已取消',
};

export const PROJECT_ACTION_LABELS: Record<ProjectAction, string> = {
  start: '开工',
  suspend: '暂停',
  resume: '复工',
  submit: '提交验收',
  accept: '验收通过',
  reject: '验收不通过',
  cancel: '取消',
};

/** Steps that must say why (the note becomes the log entry and, for cancel, the cancel reason). */
export const NOTE_REQUIRED: ReadonlySet<ProjectAction> = new Set(['suspend', 'accept', 'reject', 'cancel']);

export const FINAL_STATUSES: ReadonlySet<ProjectStatus> = new Set(['accepted', 'cancelled']);

export function projectActions(status: ProjectStatus): ProjectAction[] {
  return Object.keys(TRANSITIONS[status]) as ProjectAction[];
}

/** The status after `action`, or 409 ILLEGAL_TRANSITION naming both. */
export function nextProjectStatus(status: ProjectStatus, action: ProjectAction): ProjectStatus {
  const to = TRANSITIONS[status][action];
  if (!to) {
    throw new AppError('ILLEGAL_TRANSITION', `项目${PROJECT_STATUS_LABELS[status]}，不能${PROJECT_ACTION_LABELS[action]}`, {
      status,
      action,
    });
  }
  return to;
}

/** Edits and progress reports change an open project only. */
export function assertEditable(status: ProjectStatus, action: 'update' | 'progress'): void {
  const ok = action === 'update' ? !FINAL_STATUSES.has(status) : status === 'in_progress' || status === 'suspended';
  if (!ok) {
    const what = action === 'update' ? '修改' : '登记进度';
    throw new AppError('ILLEGAL_TRANSITION', `项目${PROJECT_STATUS_LABELS[status]}，不能${what}`, { status, action });
  }
}
