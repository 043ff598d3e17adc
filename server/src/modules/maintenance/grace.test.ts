import { describe, expect, it } from 'vitest';
import type { Recurrence } from '../../../../contracts/occurrences.js';
import { graceDays, intervalDays, meterWindowMinutes, windowMinutes } from './grace.js';

const rule = (freq: Recurrence['freq'], interval = 1, times = ['09:00']) => ({ freq, interval, times });
const smrp = { gracePercent: 20, graceCapDays: 28 };

describe('maintenance grace (SMRP 5.4.14)', () => {
  it('measures intervals in nominal days', () => {
    expect(intervalDays(rule('daily', 3))).toBe(3);
    expect(intervalDays(rule('weekly', 2))).toBe(14);
    expect(intervalDays(rule('monthly'))).toBe(30);
    expect(intervalDays(rule('quarterly'))).toBe(91);
    expect(intervalDays(rule('yearly'))).toBe(365);
  });

  it('gives the grace of DOMAIN.md §5: weekly 1 day, monthly 6, quarterly 18, capped at 28', () => {
    expect(graceDays(rule('daily'), smrp)).toBe(0);
    expect(graceDays(rule('weekly'), smrp)).toBe(1);
    expect(graceDays(rule('monthly'), smrp)).toBe(6);
    expect(graceDays(rule('quarterly'), smrp)).toBe(18);
    expect(graceDays(rule('yearly'), smrp)).toBe(28);
    expect(graceDays(rule('monthly', 2), smrp)).toBe(12);
    expect(graceDays(rule('monthly', 6), smrp)).toBe(28);
  });

  it('follows the organisation settings', () => {
    expect(graceDays(rule('monthly'), { gracePercent: 10, graceCapDays: 28 })).toBe(3);
    expect(graceDays(rule('quarterly'), { gracePercent: 20, graceCapDays: 7 })).toBe(7);
    expect(graceDays(rule('weekly'), { gracePercent: 0, graceCapDays: 28 })).toBe(0);
  });

  it('opens the window from the first time of day to the end of the due day, plus the grace', () => {
    // 09:00 daily: the rest of the day, 15 hours
    expect(windowMinutes(rule('daily', 1, ['09:00']), smrp)).toBe(15 * 60);
    // two times a day: counted from the earlier
    expect(windowMinutes(rule('daily', 1, ['15:00', '09:00']), smrp)).toBe(15 * 60);
    // monthly at 00:00: the whole due day and 6 more
    expect(windowMinutes(rule('monthly', 1, ['00:00']), smrp)).toBe(7 * 1440);
    expect(windowMinutes(rule('weekly', 1, ['23:30']), smrp)).toBe(30 + 1440);
  });

  it('gives meter plans a fixed window', () => {
    expect(meterWindowMinutes(7)).toBe(7 * 1440);
  });
});
