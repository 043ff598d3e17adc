import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../platform/numbering/time.js';
import {
  countStored,
  doneOnDueDay,
  emptyMonth,
  hours,
  isOnTime,
  monthIndex,
  monthStarts,
  percent,
  sumYears,
  yearTotal,
} from './measures.formulas.js';

const SH = 'Asia/Shanghai';

describe('maintenance measure formulas', () => {
  it('a rate over nothing is null, never 0', () => {
    expect(percent(0, 0)).toBeNull();
    expect(percent(0, 4)).toBe(0);
    expect(percent(2, 3)).toBe(66.7);
    expect(hours(90)).toBe(1.5);
    expect(hours(10)).toBe(0.17);
  });

  it('on time means done inside the window and never recorded missed', () => {
    const o = { status: 'done', dueAt: '2026-03-01T01:00:00.000Z', windowEndAt: '2026-03-07T16:00:00.000Z', missedAt: null };
    expect(isOnTime({ ...o, doneAt: '2026-03-07T16:00:00.000Z' })).toBe(true);
    expect(isOnTime({ ...o, doneAt: '2026-03-07T16:00:00.001Z' })).toBe(false);
    // done late after the sweep recorded it missed
    expect(isOnTime({ ...o, doneAt: '2026-03-07T15:00:00.000Z', missedAt: '2026-03-07T16:00:00.000Z' })).toBe(false);
    expect(isOnTime({ ...o, status: 'open', doneAt: null })).toBe(false);
  });

  it('schedule compliance counts a completion by the end of the local due day', () => {
    const dueAt = zonedInstant('2026-03-10', '09:00', SH).toISOString();
    const lastMinute = zonedInstant('2026-03-10', '23:59', SH).toISOString();
    const nextDay = zonedInstant('2026-03-11', '00:00', SH).toISOString();
    expect(doneOnDueDay({ status: 'done', dueAt, doneAt: lastMinute }, SH)).toBe(true);
    expect(doneOnDueDay({ status: 'done', dueAt, doneAt: nextDay }, SH)).toBe(false);
    expect(doneOnDueDay({ status: 'missed', dueAt, doneAt: null }, SH)).toBe(false);
    // in New York the local day ends five hours after UTC midnight (EST in March before the 8th)
    expect(
      doneOnDueDay({ status: 'done', dueAt: '2026-03-03T14:00:00.000Z', doneAt: '2026-03-04T04:59:00.000Z' }, 'America/New_York'),
    ).toBe(true);
    expect(
      doneOnDueDay({ status: 'done', dueAt: '2026-03-03T14:00:00.000Z', doneAt: '2026-03-04T05:00:00.000Z' }, 'America/New_York'),
    ).toBe(false);
  });

  it('buckets instants into local months of the year', () => {
    const starts = monthStarts(2026, SH);
    expect(starts).toHaveLength(13);
    expect(new Date(starts[0] as number).toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(new Date(starts[12] as number).toISOString()).toBe('2026-12-31T16:00:00.000Z');
    // 23:30 on 31 March in Shanghai is 15:30 UTC the same day, still March
    expect(monthIndex(Date.parse('2026-03-31T23:30:00+08:00'), starts)).toBe(2);
    // 00:30 on 1 April in Shanghai is 31 March in UTC, already April
    expect(monthIndex(Date.parse('2026-04-01T00:30:00+08:00'), starts)).toBe(3);
    expect(monthIndex(Date.parse('2025-12-31T23:59:00+08:00'), starts)).toBe(-1);
    expect(monthIndex(Date.parse('2027-01-01T00:00:00+08:00'), starts)).toBe(-1);
    expect(monthIndex(Date.parse('2026-12-31T23:59:00+08:00'), starts)).toBe(11);
  });

  it('counts stored occurrences: skipped and cancelled are not planned; late done is done but not on time', () => {
    const m = emptyMonth();
    const base = { dueAt: '2026-03-01T01:00:00.000Z', windowEndAt: '2026-03-02T16:00:00.000Z', doneAt: null, missedAt: null };
    countStored(m, { ...base, status: 'open' });
    countStored(m, { ...base, status: 'skipped' });
    countStored(m, { ...base, status: 'cancelled' });
    countStored(m, { ...base, status: 'missed', missedAt: '2026-03-02T16:00:00.000Z' });
    countStored(m, { ...base, status: 'done', doneAt: '2026-03-01T02:00:00.000Z' });
    countStored(m, { ...base, status: 'done', doneAt: '2026-03-05T02:00:00.000Z', missedAt: '2026-03-02T16:00:00.000Z' });
    expect(m).toEqual({ planned: 4, done: 2, onTime: 1, missed: 1, open: 1 });
    const year = sumYears([
      [m, emptyMonth()],
      [m, m],
    ]);
    expect(year[0]?.planned).toBe(8);
    expect(year[1]?.planned).toBe(4);
    expect(yearTotal(year).done).toBe(6);
  });
});
