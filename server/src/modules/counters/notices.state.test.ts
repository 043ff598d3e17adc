import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.js';
import { isFinal, NOTICE_ACTIONS, NOTICE_STATUSES, type NoticeAction, nextNoticeStatus, noticeActions } from './notices.state.js';
import type { NoticeStatus } from './schema.js';

/** Every (status, action) pair, written out: the table the state machine must equal. */
const EXPECTED: Record<NoticeStatus, Partial<Record<NoticeAction, NoticeStatus>>> = {
  issued: { rectify: 'rectified', mark_overdue: 'overdue', cancel: 'cancelled' },
  rectified: { verify: 'verified', reject: 'issued', cancel: 'cancelled' },
  overdue: { rectify: 'rectified', convert: 'converted', cancel: 'cancelled' },
  verified: {},
  converted: {},
  cancelled: {},
};

describe('rectification notice state machine', () => {
  for (const status of NOTICE_STATUSES) {
    for (const action of NOTICE_ACTIONS) {
      const to = EXPECTED[status][action];
      if (to) {
        it(`${status} --${action}--> ${to}`, () => {
          expect(nextNoticeStatus(status, action)).toBe(to);
        });
      } else {
        it(`${status} refuses ${action} with 409 ILLEGAL_TRANSITION`, () => {
          let caught: unknown;
          try {
            nextNoticeStatus(status, action);
          } catch (err) {
            caught = err;
          }
          expect(caught).toBeInstanceOf(AppError);
          expect(caught).toMatchObject({ code: 'ILLEGAL_TRANSITION', status: 409, details: { status, action } });
        });
      }
    }
  }

  it('lists the allowed actions of each status', () => {
    for (const status of NOTICE_STATUSES) {
      expect(noticeActions(status).sort()).toEqual(Object.keys(EXPECTED[status]).sort());
    }
  });

  it('ends only in verified, converted and cancelled', () => {
    expect(NOTICE_STATUSES.filter(isFinal)).toEqual(['verified', 'converted', 'cancelled']);
  });

  it('reaches every status from issued', () => {
    const seen = new Set<NoticeStatus>(['issued']);
    const queue: NoticeStatus[] = ['issued'];
    while (queue.length) {
      const s = queue.shift() as NoticeStatus;
      for (const a of noticeActions(s)) {
        const to = nextNoticeStatus(s, a);
        if (!seen.has(to)) {
          seen.add(to);
          queue.push(to);
        }
      }
    }
    expect([...seen].sort()).toEqual([...NOTICE_STATUSES].sort());
  });
});
