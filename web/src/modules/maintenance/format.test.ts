import { describe, expect, it } from 'vitest';
import {
  calendarCellLink,
  cellTone,
  dayStart,
  formatInZone,
  hoursToMinutes,
  minutesToHours,
  monthRange,
  occurrenceFilters,
  rangeDays,
  scheduleText,
  withFilter,
  zonedMidnight,
} from './format';

const month = (m: Partial<{ planned: number; done: number; onTime: number; missed: number; open: number }>) => ({
  planned: 0,
  done: 0,
  onTime: 0,
  missed: 0,
  open: 0,
  ...m,
});

describe('maintenance formatting', () => {
  it('starts months at local midnight in the site zone, across years and daylight saving', () => {
    expect(zonedMidnight(2025, 3, 1, 'Asia/Shanghai').toISOString()).toBe('2025-02-28T16:00:00.000Z');
    expect(monthRange(2025, 12, 'Asia/Shanghai')).toEqual({ from: '2025-11-30T16:00:00.000Z', to: '2025-12-31T16:00:00.000Z' });
    // Berlin: CET (+1) in March, CEST (+2) from the last Sunday of March
    expect(monthRange(2025, 3, 'Europe/Berlin')).toEqual({ from: '2025-02-28T23:00:00.000Z', to: '2025-03-31T22:00:00.000Z' });
    expect(zonedMidnight(2025, 1, 1, 'UTC').toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });

  it('reads the occurrence filters from the URL, siteId repeatable, unknown keys ignored', () => {
    const q = new URLSearchParams('siteId=a&siteId=b&status=missed&onTime=0&from=x&foo=1&planId=');
    expect(occurrenceFilters(q)).toEqual({ siteId: ['a', 'b'], status: 'missed', onTime: '0', from: 'x' });
    expect(withFilter(q, 'status', undefined).get('status')).toBeNull();
    expect(withFilter(q, 'siteId', ['c']).getAll('siteId')).toEqual(['c']);
    expect(withFilter(q, 'overdue', '1').get('overdue')).toBe('1');
  });

  it('links a calendar cell to that plan and month in the site zone', () => {
    const link = calendarCellLink('p1', 's1', 2025, 2, 'Asia/Shanghai');
    const q = new URLSearchParams(link.split('?')[1]);
    expect(link.startsWith('/maintenance/occurrences?')).toBe(true);
    expect(Object.fromEntries(q)).toEqual({
      siteId: 's1',
      planId: 'p1',
      from: '2025-01-31T16:00:00.000Z',
      to: '2025-02-28T16:00:00.000Z',
    });
    expect(new URLSearchParams(calendarCellLink(null, 's1', 2025, 2, 'UTC').split('?')[1]).has('planId')).toBe(false);
  });

  it('colours a month by what happened to its occurrences', () => {
    expect(cellTone(month({}))).toBe('none');
    expect(cellTone(month({ planned: 2, done: 2, onTime: 2 }))).toBe('good');
    expect(cellTone(month({ planned: 2, done: 1, onTime: 1, missed: 1 }))).toBe('bad');
    expect(cellTone(month({ planned: 1, done: 1, onTime: 0 }))).toBe('bad');
    expect(cellTone(month({ planned: 3, done: 1, onTime: 1, open: 2 }))).toBe('open');
  });

  it('turns picked days into instants in the site zone and back', () => {
    expect(dayStart('2026-12-01', 'Asia/Shanghai')).toBe('2026-11-30T16:00:00.000Z');
    expect(dayStart('2026-12-31', 'Asia/Shanghai', 1)).toBe('2026-12-31T16:00:00.000Z');
    const { from, to } = monthRange(2026, 12, 'Asia/Shanghai');
    expect(rangeDays(from, to, 'Asia/Shanghai')).toEqual(['2026-12-01', '2026-12-31']);
    expect(rangeDays(null, to, 'UTC')).toEqual([null, '2026-12-31']);
  });

  it('shows instants as the site wall clock', () => {
    expect(formatInZone('2025-03-11T01:00:00.000Z', 'Asia/Shanghai')).toBe('2025-03-11 09:00');
    expect(formatInZone('2025-03-10T23:00:00.000Z', 'Asia/Shanghai', false)).toBe('2025-03-11');
    expect(formatInZone(null, 'UTC')).toBe('—');
  });

  it('writes effort in hours and a schedule in words', () => {
    expect(minutesToHours(90)).toBe(1.5);
    expect(minutesToHours(null)).toBeNull();
    expect(hoursToMinutes(1.25)).toBe(75);
    const meter = { trigger: 'meter' as const, recurrence: null, meterName: '运行小时', meterUnit: null, meterInterval: 500 };
    expect(scheduleText(meter, 'zh')).toBe('每 500 运行小时');
    expect(scheduleText({ ...meter, meterUnit: '小时' }, 'zh')).toBe('每 500 运行小时');
    expect(scheduleText({ ...meter, meterName: '里程', meterUnit: 'km', meterInterval: 5000 }, 'zh')).toBe('每 5,000 km（里程）');
    expect(
      scheduleText(
        {
          trigger: 'time',
          recurrence: {
            freq: 'monthly',
            interval: 1,
            nth: { n: 2, weekday: 2 },
            times: ['09:00'],
            startDate: '2025-01-01',
            anchor: 'calendar',
          },
          meterName: null,
          meterUnit: null,
          meterInterval: null,
        },
        'en',
      ),
    ).toBe('Every month on the 2nd Tuesday at 09:00');
  });
});
