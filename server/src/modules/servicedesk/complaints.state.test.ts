import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.js';
import { complaintActions, isOverdue, nextComplaintStatus } from './complaints.state.js';
import { COMPLAINT_ACTIONS, COMPLAINT_STATUSES, type ComplaintAction, type ComplaintStatus } from './schema.js';

/** Every legal step; everything not listed here must be refused. */
const LEGAL: Record<ComplaintStatus, Partial<Record<ComplaintAction, ComplaintStatus>>> = {
  open: { assign: 'open', handle: 'handling', resolve: 'resolved' },
  handling: { assign: 'handling', handle: 'handling', resolve: 'resolved' },
  resolved: { close: 'closed', reopen: 'handling' },
  closed: { reopen: 'handling' },
};

describe('complaint state machine', () => {
  for (const status of COMPLAINT_STATUSES) {
    for (const action of COMPLAINT_ACTIONS) {
      const to = LEGAL[status][action];
      if (to) {
        it(`${status} --${action}--> ${to}`, () => {
          expect(nextComplaintStatus(status, action)).toBe(to);
        });
      } else {
        it(`${status} refuses ${action} with 409 ILLEGAL_TRANSITION`, () => {
          let caught: unknown;
          try {
            nextComplaintStatus(status, action);
          } catch (err) {
            caught = err;
          }
          expect(caught).toBeInstanceOf(AppError);
          const e = caught as AppError;
          expect(e.code).toBe('ILLEGAL_TRANSITION');
          expect(e.status).toBe(409);
          expect(e.details).toEqual({ status, action });
          expect(e.message).toMatch(/^投诉.+，不能.+$/);
        });
      }
    }
  }

  it('lists exactly the legal actions of each status, in a stable order', () => {
    expect(complaintActions('open')).toEqual(['assign', 'handle', 'resolve']);
    expect(complaintActions('handling')).toEqual(['assign', 'handle', 'resolve']);
    expect(complaintActions('resolved')).toEqual(['close', 'reopen']);
    expect(complaintActions('closed')).toEqual(['reopen']);
  });

  it('every status can eventually reach closed', () => {
    for (const start of COMPLAINT_STATUSES) {
      const seen = new Set<ComplaintStatus>([start]);
      const queue = [start];
      while (queue.length) {
        const s = queue.shift() as ComplaintStatus;
        for (const a of complaintActions(s)) {
          const n = nextComplaintStatus(s, a);
          if (!seen.has(n)) {
            seen.add(n);
            queue.push(n);
          }
        }
      }
      expect(seen.has('closed'), start).toBe(true);
    }
  });
});

describe('complaint deadline', () => {
  const deadline = '2026-03-18T02:00:00.000Z';
  const before = new Date('2026-03-18T01:59:59.000Z');
  const after = new Date('2026-03-18T02:00:01.000Z');

  it('is overdue while waiting past the deadline, not before', () => {
    for (const status of ['open', 'handling'] as const) {
      expect(isOverdue({ status, deadline_at: deadline, resolved_at: null }, before)).toBe(false);
      expect(isOverdue({ status, deadline_at: deadline, resolved_at: null }, after)).toBe(true);
    }
  });

  it('judges an answered complaint by when it was resolved, whatever the time now', () => {
    for (const status of ['resolved', 'closed'] as const) {
      expect(isOverdue({ status, deadline_at: deadline, resolved_at: '2026-03-17T00:00:00.000Z' }, after)).toBe(false);
      expect(isOverdue({ status, deadline_at: deadline, resolved_at: '2026-03-19T00:00:00.000Z' }, before)).toBe(true);
      expect(isOverdue({ status, deadline_at: deadline, resolved_at: deadline }, after)).toBe(false);
    }
  });
});
