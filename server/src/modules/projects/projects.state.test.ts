import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.js';
import { assertEditable, nextProjectStatus, PROJECT_ACTIONS, type ProjectAction, projectActions } from './projects.state.js';
import { PROJECT_STATUSES, type ProjectStatus } from './schema.js';

/** Every (status, action) pair, written out: the expected target, or absent for illegal. */
const EXPECTED: Record<ProjectStatus, Partial<Record<ProjectAction, ProjectStatus>>> = {
  planned: { start: 'in_progress', cancel: 'cancelled' },
  in_progress: { suspend: 'suspended', submit: 'accepting', cancel: 'cancelled' },
  suspended: { resume: 'in_progress', cancel: 'cancelled' },
  accepting: { accept: 'accepted', reject: 'in_progress', cancel: 'cancelled' },
  accepted: {},
  cancelled: {},
};

function caught(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('project state machine', () => {
  for (const status of PROJECT_STATUSES) {
    for (const action of PROJECT_ACTIONS) {
      const to = EXPECTED[status][action];
      it(`${status} + ${action} → ${to ?? '409'}`, () => {
        if (to) {
          expect(nextProjectStatus(status, action)).toBe(to);
        } else {
          const err = caught(() => nextProjectStatus(status, action));
          expect(err.code).toBe('ILLEGAL_TRANSITION');
          expect(err.status).toBe(409);
          expect(err.details).toEqual({ status, action });
        }
      });
    }
  }

  it('lists exactly the allowed actions of each status', () => {
    for (const status of PROJECT_STATUSES) {
      expect(projectActions(status).sort()).toEqual(Object.keys(EXPECTED[status]).sort());
    }
  });

  it('names the status and the step in the message', () => {
    expect(caught(() => nextProjectStatus('accepted', 'cancel')).message).toBe('项目已验收，不能取消');
    expect(caught(() => nextProjectStatus('planned', 'accept')).message).toBe('项目计划中，不能验收通过');
  });

  it('allows edits until the project is closed and progress reports only while work goes on', () => {
    for (const status of PROJECT_STATUSES) {
      const editable = status !== 'accepted' && status !== 'cancelled';
      if (editable) expect(() => assertEditable(status, 'update')).not.toThrow();
      else expect(caught(() => assertEditable(status, 'update')).details).toEqual({ status, action: 'update' });
      const reporting = status === 'in_progress' || status === 'suspended';
      if (reporting) expect(() => assertEditable(status, 'progress')).not.toThrow();
      else expect(caught(() => assertEditable(status, 'progress')).code).toBe('ILLEGAL_TRANSITION');
    }
  });
});
