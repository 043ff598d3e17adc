import {
  ACTION_KINDS,
  ACTION_STATUSES,
  ACTION_STEPS,
  type ActionKind,
  type ActionOwnerType,
  type ActionStatus,
  type ActionStep,
} from '../../../../contracts/actions.js';
import type { FieldError } from '../../../../contracts/errors.js';
import { AppError } from '../http/errors.js';

/**
 * The life of an action item (整改措施): open (待落实) —submit (what was done)→ submitted
 * (待验证) —verify→ verified, or —reject (why)→ back to open; open or submitted items may
 * be cancelled. Verified and cancelled are final. Who may take a step and what it needs
 * are decided here too, from facts the service reads — pure, so every case is tested.
 */

const TRANSITIONS: Record<ActionStatus, Partial<Record<ActionStep, ActionStatus>>> = {
  open: { submit: 'submitted', cancel: 'cancelled' },
  submitted: { verify: 'verified', reject: 'open', cancel: 'cancelled' },
  verified: {},
  cancelled: {},
};

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  open: '待落实',
  submitted: '待验证',
  verified: '已验证',
  cancelled: '已取消',
};

export const ACTION_STEP_LABELS: Record<ActionStep, string> = {
  submit: '提交落实情况',
  verify: '验证通过',
  reject: '验证不通过',
  cancel: '取消',
};

export const ACTION_KIND_LABELS: Record<ActionKind, string> = {
  corrective: '纠正措施',
  preventive: '预防措施',
  improvement: '改进措施',
};

export const ACTION_OWNER_LABELS: Record<ActionOwnerType, string> = {
  incident: '意外事件',
  drill: '演练',
};

/** still owed or awaiting verification: what "open" counts in lists and figures */
export const OPEN_ACTION_STATUSES: readonly ActionStatus[] = ['open', 'submitted'];

/** The steps the status allows (who may take them: `stepRefusal`). */
export function actionSteps(status: ActionStatus): ActionStep[] {
  return Object.keys(TRANSITIONS[status]) as ActionStep[];
}

/** The status after `step`, or 409 ILLEGAL_TRANSITION naming both. */
export function nextActionStatus(status: ActionStatus, step: ActionStep): ActionStatus {
  const to = TRANSITIONS[status][step];
  if (!to) {
    throw new AppError('ILLEGAL_TRANSITION', `整改措施${ACTION_STATUS_LABELS[status]}，不能${ACTION_STEP_LABELS[step]}`, {
      status,
      action: step,
    });
  }
  return to;
}

export function isFinalActionStatus(status: ActionStatus): boolean {
  return actionSteps(status).length === 0;
}

/** What the service knows about the actor and one item. */
export interface ActionStanding {
  /** the actor is the item's assignee */
  isAssignee: boolean;
  /** the owner (incident, drill) says the actor may add, edit and cancel its items */
  mayManage: boolean;
  /** the actor holds actions:verify on the item's site */
  mayVerify: boolean;
  /** the actor made the current submission */
  isSubmitter: boolean;
}

/**
 * Why the actor may not take `step` (a Chinese sentence for the 403), or null when they may:
 * - submit: the assignee, or someone who may manage the owner;
 * - verify, reject: actions:verify on the site, and not the person who submitted;
 * - cancel: someone who may manage the owner.
 */
export function stepRefusal(step: ActionStep, s: ActionStanding): string | null {
  switch (step) {
    case 'submit':
      return s.isAssignee || s.mayManage ? null : '只有整改措施的责任人或该记录的管理人员可以提交落实情况';
    case 'verify':
    case 'reject':
      if (!s.mayVerify) return '没有验证该场所整改措施的权限';
      return s.isSubmitter ? '提交人不能验证自己提交的整改措施，请由其他有验证权限的人员验证' : null;
    case 'cancel':
      return s.mayManage ? null : '只有该记录的管理人员可以取消整改措施';
  }
}

/** The text a step carries: the submission's note, the verification's note, or a reason. */
export interface StepInput {
  note?: string | null;
  reason?: string | null;
}

const filled = (v: string | null | undefined): string | null => (v?.trim() ? v.trim() : null);

/** The missing text of a step, as field errors (submit needs a note, reject and cancel a reason). */
export function stepInputProblems(step: ActionStep, input: StepInput): FieldError[] {
  if (step === 'submit' && !filled(input.note)) return [{ field: 'note', message: '请说明整改措施的落实情况' }];
  if (step === 'reject' && !filled(input.reason)) return [{ field: 'reason', message: '请填写验证不通过的原因' }];
  if (step === 'cancel' && !filled(input.reason)) return [{ field: 'reason', message: '请填写取消原因' }];
  return [];
}

/** Who takes the step, when, and the site's calendar day then. */
export interface StepMoment {
  userId: string | null;
  at: string;
  /** the site's local date of `at` */
  today: string;
}

/** The stored state a step reads. */
export interface StepRow {
  status: ActionStatus;
  reject_count: number;
}

/**
 * The columns a step changes (checked first with `nextActionStatus` and `stepInputProblems`).
 * A rejection clears the submission — the next one is judged on its own day and by its own
 * submitter — and keeps the note, which the assignee revises.
 */
export function stepPatch(row: StepRow, step: ActionStep, input: StepInput, m: StepMoment) {
  const status = nextActionStatus(row.status, step);
  switch (step) {
    case 'submit':
      return { status, evidence_note: filled(input.note), submitted_at: m.at, submitted_on: m.today, submitted_by: m.userId };
    case 'verify':
      return { status, verified_at: m.at, verified_by: m.userId, verify_note: filled(input.note) };
    case 'reject':
      return {
        status,
        reject_reason: filled(input.reason),
        rejected_at: m.at,
        reject_count: Number(row.reject_count) + 1,
        submitted_at: null,
        submitted_on: null,
        submitted_by: null,
      };
    case 'cancel':
      return { status, cancel_reason: filled(input.reason), cancelled_at: m.at };
  }
}

export interface TimingRow {
  status: ActionStatus;
  due_date: string;
  submitted_on: string | null;
}

/**
 * Overdue: still open (nothing submitted) after its due date, by the site's today.
 * On time: once verified, whether the last submission came on or before the due date;
 * null before that.
 */
export function actionTiming(row: TimingRow, today: string): { overdue: boolean; onTime: boolean | null } {
  const overdue = row.status === 'open' && today > row.due_date;
  const onTime = row.status === 'verified' ? row.submitted_on !== null && row.submitted_on <= row.due_date : null;
  return { overdue, onTime };
}

export { ACTION_KINDS, ACTION_STATUSES, ACTION_STEPS };
