import { describe, expect, it } from 'vitest';
import type { WorkOrderStatus } from '../../../../contracts/workorders';
import { newestFirst, progressOf, STEPS } from './steps';

const ev = (toStatus: WorkOrderStatus | null, at = '2026-03-15T02:00:00.000Z') => ({ at, action: 'x', toStatus });

describe('public progress steps', () => {
  it('folds arrival, repair and pauses into one step and finishes at 已评价', () => {
    expect(progressOf({ status: 'pending', events: [] })).toEqual({ current: 0, status: 'process' });
    for (const s of ['arrived', 'in_progress', 'paused'] as const) expect(progressOf({ status: s, events: [] }).current).toBe(3);
    expect(progressOf({ status: 'resolved', events: [] })).toEqual({ current: 4, status: 'process' });
    expect(progressOf({ status: 'rated', events: [] })).toEqual({ current: STEPS.length - 1, status: 'finish' });
  });

  it('marks a cancelled request as an error at the step it had reached', () => {
    expect(progressOf({ status: 'cancelled', events: [ev('pending'), ev('dispatched'), ev('cancelled')] })).toEqual({
      current: 1,
      status: 'error',
    });
    expect(progressOf({ status: 'cancelled', events: [ev('cancelled')] })).toEqual({ current: 0, status: 'error' });
    expect(progressOf({ status: 'cancelled', events: [ev('pending'), ev(null), ev('cancelled')] }).current).toBe(0);
  });

  it('lists the newest event first without changing the original', () => {
    // automatic dispatch happens in the same instant as the report: the order, not the time, tells
    const events = [ev('pending'), ev('dispatched'), ev('accepted', '2026-03-15T03:00:00.000Z')];
    expect(newestFirst(events).map((e) => e.toStatus)).toEqual(['accepted', 'dispatched', 'pending']);
    expect(events[0]?.toStatus).toBe('pending');
  });
});
