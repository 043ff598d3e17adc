import { describe, expect, it } from 'vitest';
import { isCalendarDate, isOverdue, localDate } from './projects.dates.js';

describe('project dates', () => {
  it('accepts real calendar days only', () => {
    expect(isCalendarDate('2026-03-15')).toBe(true);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-3-5')).toBe(false);
    expect(isCalendarDate('2026-03-15T00:00:00Z')).toBe(false);
  });

  it('gives the day of an instant in the site zone', () => {
    // 17:30 UTC on 15 March is already 16 March in Shanghai (UTC+8)
    expect(localDate(new Date('2026-03-15T17:30:00Z'), 'Asia/Shanghai')).toBe('2026-03-16');
    expect(localDate(new Date('2026-03-15T15:59:59Z'), 'Asia/Shanghai')).toBe('2026-03-15');
    expect(localDate(new Date('2026-03-15T03:00:00Z'), 'America/New_York')).toBe('2026-03-14');
  });

  it('calls a project overdue after its planned end day while it is still open', () => {
    const today = '2026-03-15';
    expect(isOverdue({ planned_end: '2026-03-14', status: 'in_progress' }, today)).toBe(true);
    expect(isOverdue({ planned_end: '2026-03-14', status: 'accepting' }, today)).toBe(true);
    expect(isOverdue({ planned_end: '2026-03-15', status: 'in_progress' }, today)).toBe(false);
    expect(isOverdue({ planned_end: '2026-03-01', status: 'accepted' }, today)).toBe(false);
    expect(isOverdue({ planned_end: '2026-03-01', status: 'cancelled' }, today)).toBe(false);
    expect(isOverdue({ planned_end: null, status: 'planned' }, today)).toBe(false);
  });
});
