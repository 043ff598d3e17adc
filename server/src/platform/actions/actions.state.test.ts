import { describe, expect, it } from 'vitest';
import type { ActionStatus, ActionStep } from '../../../../contracts/actions.js';
import { AppError } from '../http/errors.js';
import {
  ACTION_STATUSES,
  ACTION_STEPS,
  type ActionStanding,
  actionSteps,
  actionTiming,
  isFinalActionStatus,
  nextActionStatus,
  stepInputProblems,
  stepPatch,
  stepRefusal,
} from './actions.state.js';

/** Every (status, step) pair, written out: the table the state machine must equal. */
const EXPECTED: Record<ActionStatus, Partial<Record<ActionStep, ActionStatus>>> = {
  open: { submit: 'submitted', cancel: 'cancelled' },
  submitted: { verify: 'verified', reject: 'open', cancel: 'cancelled' },
  verified: {},
  cancelled: {},
};

/** Every combination of the four facts the refusals read. */
const STANDINGS: ActionStanding[] = [];
for (const isAssignee of [false, true]) {
  for (const mayManage of [false, true]) {
    for (const mayVerify of [false, true]) {
      for (const isSubmitter of [false, true]) STANDINGS.push({ isAssignee, mayManage, mayVerify, isSubmitter });
    }
  }
}
const describeStanding = (s: ActionStanding) =>
  Object.entries(s)
    .filter(([, v]) => v)
    .map(([k]) => k)
    .join('+') || 'nobody';

describe('action item state machine', () => {
  for (const status of ACTION_STATUSES) {
    for (const step of ACTION_STEPS) {
      const to = EXPECTED[status][step];
      if (to) {
        it(`${status} --${step}--> ${to}`, () => {
          expect(nextActionStatus(status, step)).toBe(to);
        });
      } else {
        it(`${status} refuses ${step} with 409 ILLEGAL_TRANSITION`, () => {
          let caught: unknown;
          try {
            nextActionStatus(status, step);
          } catch (err) {
            caught = err;
          }
          expect(caught).toBeInstanceOf(AppError);
          expect(caught).toMatchObject({ code: 'ILLEGAL_TRANSITION', status: 409, details: { status, action: step } });
          expect((caught as AppError).message).toMatch(/^整改措施.+，不能.+/);
        });
      }
    }
  }

  it('lists the allowed steps of each status', () => {
    for (const status of ACTION_STATUSES) expect(actionSteps(status).sort()).toEqual(Object.keys(EXPECTED[status]).sort());
  });

  it('ends only in verified and cancelled, and reaches every status from open', () => {
    expect(ACTION_STATUSES.filter(isFinalActionStatus)).toEqual(['verified', 'cancelled']);
    const seen = new Set<ActionStatus>(['open']);
    const queue: ActionStatus[] = ['open'];
    while (queue.length) {
      const s = queue.shift() as ActionStatus;
      for (const step of actionSteps(s)) {
        const to = nextActionStatus(s, step);
        if (!seen.has(to)) {
          seen.add(to);
          queue.push(to);
        }
      }
    }
    expect([...seen].sort()).toEqual([...ACTION_STATUSES].sort());
  });
});

describe('who may take a step', () => {
  /** The rule of each step, stated directly over the four facts. */
  const ALLOWED: Record<ActionStep, (s: ActionStanding) => boolean> = {
    submit: (s) => s.isAssignee || s.mayManage,
    verify: (s) => s.mayVerify && !s.isSubmitter,
    reject: (s) => s.mayVerify && !s.isSubmitter,
    cancel: (s) => s.mayManage,
  };
  for (const step of ACTION_STEPS) {
    for (const s of STANDINGS) {
      const allowed = ALLOWED[step](s);
      it(`${step} by ${describeStanding(s)}: ${allowed ? 'allowed' : 'refused'}`, () => {
        const refusal = stepRefusal(step, s);
        if (allowed) expect(refusal).toBeNull();
        else expect(refusal).toMatch(/[\u4e00-\u9fff]/);
      });
    }
  }

  it('tells the submitter why they may not verify their own submission', () => {
    const own = { isAssignee: true, mayManage: true, mayVerify: true, isSubmitter: true };
    expect(stepRefusal('verify', own)).toBe('提交人不能验证自己提交的整改措施，请由其他有验证权限的人员验证');
    expect(stepRefusal('reject', own)).toBe(stepRefusal('verify', own));
    expect(stepRefusal('verify', { ...own, mayVerify: false })).toBe('没有验证该场所整改措施的权限');
  });
});

describe('what a step needs and changes', () => {
  const moment = { userId: 'u1', at: '2026-03-15T02:00:00.000Z', today: '2026-03-15' };

  it('needs a note to submit, a reason to reject or cancel, nothing to verify', () => {
    expect(stepInputProblems('submit', {})).toEqual([{ field: 'note', message: '请说明整改措施的落实情况' }]);
    expect(stepInputProblems('submit', { note: '  ' })).toHaveLength(1);
    expect(stepInputProblems('submit', { note: '已更换' })).toEqual([]);
    expect(stepInputProblems('reject', { note: '看过了' })).toEqual([{ field: 'reason', message: '请填写验证不通过的原因' }]);
    expect(stepInputProblems('reject', { reason: '照片不清楚' })).toEqual([]);
    expect(stepInputProblems('cancel', { reason: null })).toEqual([{ field: 'reason', message: '请填写取消原因' }]);
    expect(stepInputProblems('cancel', { reason: '重复录入' })).toEqual([]);
    expect(stepInputProblems('verify', {})).toEqual([]);
  });

  it('records the submission with its local day, and a rejection clears it and counts', () => {
    const submitted = stepPatch({ status: 'open', reject_count: 0 }, 'submit', { note: ' 已更换灭火器 ' }, moment);
    expect(submitted).toEqual({
      status: 'submitted',
      evidence_note: '已更换灭火器',
      submitted_at: moment.at,
      submitted_on: '2026-03-15',
      submitted_by: 'u1',
    });
    const rejected = stepPatch({ status: 'submitted', reject_count: 2 }, 'reject', { reason: '照片不清楚' }, moment);
    expect(rejected).toEqual({
      status: 'open',
      reject_reason: '照片不清楚',
      rejected_at: moment.at,
      reject_count: 3,
      submitted_at: null,
      submitted_on: null,
      submitted_by: null,
    });
    expect(stepPatch({ status: 'submitted', reject_count: 0 }, 'verify', { note: '' }, moment)).toEqual({
      status: 'verified',
      verified_at: moment.at,
      verified_by: 'u1',
      verify_note: null,
    });
    expect(stepPatch({ status: 'submitted', reject_count: 0 }, 'cancel', { reason: '重复' }, moment)).toMatchObject({
      status: 'cancelled',
      cancel_reason: '重复',
    });
    expect(() => stepPatch({ status: 'verified', reject_count: 0 }, 'cancel', { reason: '重复' }, moment)).toThrow(AppError);
  });
});

describe('overdue and on time', () => {
  const due = '2026-03-20';
  it('is overdue only while open after the due day', () => {
    expect(actionTiming({ status: 'open', due_date: due, submitted_on: null }, '2026-03-20').overdue).toBe(false);
    expect(actionTiming({ status: 'open', due_date: due, submitted_on: null }, '2026-03-21').overdue).toBe(true);
    for (const status of ['submitted', 'verified', 'cancelled'] as const) {
      expect(actionTiming({ status, due_date: due, submitted_on: '2026-03-25' }, '2026-03-30').overdue).toBe(false);
    }
  });

  it('is on time once verified with the last submission on or before the due day', () => {
    expect(actionTiming({ status: 'verified', due_date: due, submitted_on: '2026-03-20' }, '2026-04-01').onTime).toBe(true);
    expect(actionTiming({ status: 'verified', due_date: due, submitted_on: '2026-03-21' }, '2026-04-01').onTime).toBe(false);
    expect(actionTiming({ status: 'submitted', due_date: due, submitted_on: '2026-03-19' }, '2026-03-19').onTime).toBeNull();
    expect(actionTiming({ status: 'open', due_date: due, submitted_on: null }, '2026-04-01').onTime).toBeNull();
    expect(actionTiming({ status: 'cancelled', due_date: due, submitted_on: null }, '2026-04-01').onTime).toBeNull();
  });
});
