import { describe, expect, it } from 'vitest';
import { addDays, chineseDate, hazardTiming, isCalendarDate } from './dates.js';

describe('hazard dates', () => {
  it('accepts real calendar days only', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2026-3-1')).toBe(false);
    expect(isCalendarDate('1969-12-31')).toBe(false);
  });

  it('adds days across months and writes the Chinese date', () => {
    expect(addDays('2026-02-25', 10)).toBe('2026-03-07');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(chineseDate('2026-03-05')).toBe('2026年3月5日');
  });

  it('is overdue only while the rectification is owed and the deadline day has passed', () => {
    const row = { status: 'rectifying' as const, deadline: '2026-03-10', rectified_on: null };
    expect(hazardTiming(row, '2026-03-10', 10)).toEqual({
      overdue: false,
      onTime: null,
      acceptanceDueDate: '2026-03-20',
      acceptanceOverdue: false,
    });
    expect(hazardTiming(row, '2026-03-11', 10)).toMatchObject({ overdue: true, onTime: false });
    expect(hazardTiming({ ...row, status: 'cancelled' }, '2026-03-11', 10)).toMatchObject({ overdue: false, onTime: null });
  });

  it('judges on time by the day the accepted rectification was submitted', () => {
    const closed = { status: 'closed' as const, deadline: '2026-03-10', rectified_on: '2026-03-10' };
    expect(hazardTiming(closed, '2026-04-01', 10).onTime).toBe(true);
    expect(hazardTiming({ ...closed, rectified_on: '2026-03-11' }, '2026-04-01', 10).onTime).toBe(false);
    // awaiting acceptance: undecided if in time, already late if not
    const submitted = { ...closed, status: 'submitted' as const };
    expect(hazardTiming(submitted, '2026-03-12', 10)).toMatchObject({ onTime: null, overdue: false, acceptanceOverdue: false });
    expect(hazardTiming({ ...submitted, rectified_on: '2026-03-12' }, '2026-03-12', 10).onTime).toBe(false);
    expect(hazardTiming(submitted, '2026-03-21', 10).acceptanceOverdue).toBe(true);
  });
});
