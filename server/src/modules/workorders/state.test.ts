import { describe, expect, it } from 'vitest';
import { WORK_ORDER_ACTIONS, WORK_ORDER_STATUSES, type WorkOrderAction, type WorkOrderStatus } from '../../../../contracts/workorders.js';
import { AppError } from '../../platform/http/errors.js';
import { allowedActions, canTransition, isClosed, nextStatus } from './state.js';

/** Every (status, action) pair, written out: the expected target or null for illegal. */
const EXPECTED: Record<WorkOrderStatus, Partial<Record<WorkOrderAction, WorkOrderStatus>>> = {
  pending: { dispatch: 'dispatched', pool: 'pending', claim: 'accepted', cancel: 'cancelled' },
  dispatched: { accept: 'accepted', send_back: 'pending', transfer: 'dispatched', cancel: 'cancelled' },
  accepted: { send_back: 'pending', transfer: 'dispatched', arrive: 'arrived', cancel: 'cancelled' },
  arrived: { transfer: 'dispatched', start: 'in_progress', cancel: 'cancelled' },
  in_progress: { transfer: 'dispatched', pause: 'paused', finish: 'resolved', cancel: 'cancelled' },
  paused: { transfer: 'dispatched', resume: 'in_progress', cancel: 'cancelled' },
  resolved: { approve: 'completed', auto_approve: 'completed', reject: 'in_progress' },
  completed: { rate: 'rated', reopen: 'accepted' },
  rated: { reopen: 'accepted' },
  cancelled: {},
};

describe('work-order state machine', () => {
  for (const status of WORK_ORDER_STATUSES) {
    for (const action of WORK_ORDER_ACTIONS) {
      const to = EXPECTED[status][action];
      it(`${status} + ${action} → ${to ?? '409'}`, () => {
        expect(canTransition(status, action)).toBe(to !== undefined);
        if (to) {
          expect(nextStatus(status, action)).toBe(to);
        } else {
          let err: unknown;
          try {
            nextStatus(status, action);
          } catch (e) {
            err = e;
          }
          expect(err).toBeInstanceOf(AppError);
          expect((err as AppError).code).toBe('ILLEGAL_TRANSITION');
          expect((err as AppError).details).toEqual({ status, action });
        }
      });
    }
  }

  it('lists the allowed actions of each status', () => {
    for (const status of WORK_ORDER_STATUSES) {
      expect(allowedActions(status).sort()).toEqual(Object.keys(EXPECTED[status]).sort());
    }
  });

  it('closed means completed, rated or cancelled', () => {
    expect(WORK_ORDER_STATUSES.filter(isClosed)).toEqual(['completed', 'rated', 'cancelled']);
  });
});
