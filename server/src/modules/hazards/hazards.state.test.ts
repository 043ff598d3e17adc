import { describe, expect, it } from 'vitest';
import { HAZARD_GRADES, type HazardAction, type HazardGrade, type HazardStatus } from '../../../../contracts/hazards.js';
import { AppError } from '../../platform/http/errors.js';
import { HAZARD_ACTIONS, HAZARD_STATUSES, hazardActions, isFinalHazardStatus, nextHazardStatus } from './hazards.state.js';

/** Every (status, action, grade) triple, written out: the table the state machine must equal. */
const EXPECTED: Record<HazardGrade, Record<HazardStatus, Partial<Record<HazardAction, HazardStatus>>>> = {
  general: {
    registered: { assign: 'rectifying', cancel: 'cancelled' },
    rectifying: { submit: 'submitted', cancel: 'cancelled' },
    submitted: { accept: 'closed', reject: 'rectifying' },
    pending_signoff: { sign_off: 'closed' },
    closed: {},
    cancelled: {},
  },
  major: {
    registered: { assign: 'rectifying', cancel: 'cancelled' },
    rectifying: { submit: 'submitted', cancel: 'cancelled' },
    submitted: { accept: 'pending_signoff', reject: 'rectifying' },
    pending_signoff: { sign_off: 'closed' },
    closed: {},
    cancelled: {},
  },
};

describe('hazard state machine', () => {
  for (const grade of HAZARD_GRADES) {
    for (const status of HAZARD_STATUSES) {
      for (const action of HAZARD_ACTIONS) {
        const to = EXPECTED[grade][status][action];
        if (to) {
          it(`${grade}: ${status} --${action}--> ${to}`, () => {
            expect(nextHazardStatus(status, action, grade)).toBe(to);
          });
        } else {
          it(`${grade}: ${status} refuses ${action} with 409 ILLEGAL_TRANSITION`, () => {
            let caught: unknown;
            try {
              nextHazardStatus(status, action, grade);
            } catch (err) {
              caught = err;
            }
            expect(caught).toBeInstanceOf(AppError);
            expect(caught).toMatchObject({ code: 'ILLEGAL_TRANSITION', status: 409, details: { status, action } });
            expect((caught as AppError).message).toMatch(/^隐患.+，不能.+/);
          });
        }
      }
    }
  }

  it('lists the allowed actions of each status', () => {
    for (const status of HAZARD_STATUSES) {
      expect(hazardActions(status).sort()).toEqual(Object.keys(EXPECTED.general[status]).sort());
    }
  });

  it('ends only in closed and cancelled', () => {
    expect(HAZARD_STATUSES.filter(isFinalHazardStatus)).toEqual(['closed', 'cancelled']);
  });

  it('reaches every status from registered, pending sign-off only through a major hazard', () => {
    const reach = (grade: HazardGrade) => {
      const seen = new Set<HazardStatus>(['registered']);
      const queue: HazardStatus[] = ['registered'];
      while (queue.length) {
        const s = queue.shift() as HazardStatus;
        for (const a of hazardActions(s)) {
          const to = nextHazardStatus(s, a, grade);
          if (!seen.has(to)) {
            seen.add(to);
            queue.push(to);
          }
        }
      }
      return [...seen].sort();
    };
    expect(reach('major')).toEqual([...HAZARD_STATUSES].sort());
    expect(reach('general')).toEqual(HAZARD_STATUSES.filter((s) => s !== 'pending_signoff').sort());
  });
});
