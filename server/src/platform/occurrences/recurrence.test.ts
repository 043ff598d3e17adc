import { describe, expect, it } from 'vitest';
import type { Recurrence, Weekday } from '../../../../contracts/occurrences.js';
import { zonedInstant } from '../numbering/time.js';
import { nextFloatingDue, occurrencesBetween, recurrenceProblems } from './recurrence.js';

const SH = 'Asia/Shanghai';
const NY = 'America/New_York';

function rule(r: Partial<Recurrence>): Recurrence {
  return { freq: 'daily', interval: 1, times: ['09:00'], startDate: '2026-01-01', anchor: 'calendar', ...r };
}

/** local `YYYY-MM-DD HH:mm` of each occurrence, for readable expectations */
function local(r: Recurrence, from: string, to: string, tz = SH, holidays?: Set<string>): string[] {
  const fmt = new Intl.DateTimeFormat('sv-SE', { timeZone: tz, dateStyle: 'short', timeStyle: 'short' });
  return occurrencesBetween(r, { from: new Date(from), to: new Date(to), timeZone: tz, holidays }).map((d) => fmt.format(d));
}

describe('calendar rules', () => {
  it('daily at two times of day, in Shanghai time', () => {
    const r = rule({ times: ['15:00', '09:00'] });
    const due = occurrencesBetween(r, {
      from: new Date('2026-03-01T00:00:00+08:00'),
      to: new Date('2026-03-03T00:00:00+08:00'),
      timeZone: SH,
    });
    expect(due.map((d) => d.toISOString())).toEqual([
      '2026-03-01T01:00:00.000Z',
      '2026-03-01T07:00:00.000Z',
      '2026-03-02T01:00:00.000Z',
      '2026-03-02T07:00:00.000Z',
    ]);
  });

  it('every 3 days counts from the start date, and weekday filters restrict a daily rule', () => {
    expect(local(rule({ interval: 3, startDate: '2026-03-02' }), '2026-03-01T00:00:00+08:00', '2026-03-12T00:00:00+08:00')).toEqual([
      '2026-03-02 09:00',
      '2026-03-05 09:00',
      '2026-03-08 09:00',
      '2026-03-11 09:00',
    ]);
    // workdays only: 2026-03-07/08 are Saturday and Sunday
    const workdays = local(rule({ weekdays: [1, 2, 3, 4, 5] }), '2026-03-05T00:00:00+08:00', '2026-03-11T00:00:00+08:00');
    expect(workdays).toEqual(['2026-03-05 09:00', '2026-03-06 09:00', '2026-03-09 09:00', '2026-03-10 09:00']);
  });

  it('weekly on chosen days every 2 weeks (weeks start on Monday)', () => {
    // 2026-03-02 is a Monday
    const r = rule({ freq: 'weekly', interval: 2, weekdays: [2, 5], startDate: '2026-03-02' });
    expect(local(r, '2026-03-01T00:00:00+08:00', '2026-03-29T00:00:00+08:00')).toEqual([
      '2026-03-03 09:00',
      '2026-03-06 09:00',
      '2026-03-17 09:00',
      '2026-03-20 09:00',
    ]);
    // without weekdays: the start date's weekday (Wednesday 2026-03-04)
    expect(local(rule({ freq: 'weekly', startDate: '2026-03-04' }), '2026-03-01T00:00:00+08:00', '2026-03-19T00:00:00+08:00')).toEqual([
      '2026-03-04 09:00',
      '2026-03-11 09:00',
      '2026-03-18 09:00',
    ]);
  });

  it('monthly on the 31st falls on the last day of shorter months', () => {
    const r = rule({ freq: 'monthly', monthDay: 31, startDate: '2026-01-01' });
    expect(local(r, '2026-01-01T00:00:00+08:00', '2026-06-01T00:00:00+08:00')).toEqual([
      '2026-01-31 09:00',
      '2026-02-28 09:00',
      '2026-03-31 09:00',
      '2026-04-30 09:00',
      '2026-05-31 09:00',
    ]);
    // -1 is always the last day; leap February has 29
    const last = rule({ freq: 'monthly', monthDay: -1, startDate: '2028-01-01' });
    expect(local(last, '2028-02-01T00:00:00+08:00', '2028-03-01T00:00:00+08:00')).toEqual(['2028-02-29 09:00']);
  });

  it('every 2 months counts months from the start', () => {
    const r = rule({ freq: 'monthly', interval: 2, monthDay: 15, startDate: '2026-01-10' });
    expect(local(r, '2026-01-01T00:00:00+08:00', '2026-08-01T00:00:00+08:00')).toEqual([
      '2026-01-15 09:00',
      '2026-03-15 09:00',
      '2026-05-15 09:00',
      '2026-07-15 09:00',
    ]);
  });

  it('nth weekday: the second Tuesday, the last Friday, and a fifth Monday only where one exists', () => {
    const second = rule({ freq: 'monthly', nth: { n: 2, weekday: 2 } });
    expect(local(second, '2026-01-01T00:00:00+08:00', '2026-04-01T00:00:00+08:00')).toEqual([
      '2026-01-13 09:00',
      '2026-02-10 09:00',
      '2026-03-10 09:00',
    ]);
    const lastFriday = rule({ freq: 'monthly', nth: { n: -1, weekday: 5 } });
    expect(local(lastFriday, '2026-01-01T00:00:00+08:00', '2026-04-01T00:00:00+08:00')).toEqual([
      '2026-01-30 09:00',
      '2026-02-27 09:00',
      '2026-03-27 09:00',
    ]);
    // 2026: March and June have five Mondays; April and May do not
    const fifth = rule({ freq: 'monthly', nth: { n: 5, weekday: 1 } });
    expect(local(fifth, '2026-03-01T00:00:00+08:00', '2026-07-01T00:00:00+08:00')).toEqual(['2026-03-30 09:00', '2026-06-29 09:00']);
  });

  it('quarterly on a month within the quarter, and yearly on 29 February', () => {
    const q = rule({ freq: 'quarterly', month: 2, monthDay: 5, startDate: '2026-01-01' });
    expect(local(q, '2026-01-01T00:00:00+08:00', '2027-01-01T00:00:00+08:00')).toEqual([
      '2026-02-05 09:00',
      '2026-05-05 09:00',
      '2026-08-05 09:00',
      '2026-11-05 09:00',
    ]);
    const leap = rule({ freq: 'yearly', month: 2, monthDay: 29, startDate: '2027-01-01' });
    expect(local(leap, '2027-01-01T00:00:00+08:00', '2030-01-01T00:00:00+08:00')).toEqual([
      '2027-02-28 09:00',
      '2028-02-29 09:00',
      '2029-02-28 09:00',
    ]);
    const everyTwoYears = rule({ freq: 'yearly', interval: 2, startDate: '2026-06-18' });
    expect(local(everyTwoYears, '2026-01-01T00:00:00+08:00', '2031-01-01T00:00:00+08:00')).toEqual([
      '2026-06-18 09:00',
      '2028-06-18 09:00',
      '2030-06-18 09:00',
    ]);
  });

  it('start and end dates, skip dates and site holidays', () => {
    const r = rule({ startDate: '2026-10-01', endDate: '2026-10-08', skipDates: ['2026-10-03'], skipHolidays: true });
    const holidays = new Set(['2026-10-01', '2026-10-02']);
    expect(local(r, '2026-09-01T00:00:00+08:00', '2026-11-01T00:00:00+08:00', SH, holidays)).toEqual([
      '2026-10-04 09:00',
      '2026-10-05 09:00',
      '2026-10-06 09:00',
      '2026-10-07 09:00',
      '2026-10-08 09:00',
    ]);
    // holidays are ignored unless the rule asks
    expect(local({ ...r, skipHolidays: false }, '2026-10-01T00:00:00+08:00', '2026-10-03T00:00:00+08:00', SH, holidays)).toHaveLength(2);
  });

  it('the window is [from, to) on instants', () => {
    const r = rule({ times: ['09:00'] });
    const at = zonedInstant('2026-03-05', '09:00', SH);
    expect(occurrencesBetween(r, { from: at, to: new Date(at.getTime() + 1), timeZone: SH })).toEqual([at]);
    expect(occurrencesBetween(r, { from: new Date(at.getTime() - 1), to: at, timeZone: SH })).toEqual([]);
  });
});

describe('daylight saving (America/New_York)', () => {
  it('keeps the local time across both changes', () => {
    const r = rule({ startDate: '2026-03-07', endDate: '2026-03-09', times: ['09:00'] });
    const due = occurrencesBetween(r, { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-31T00:00:00Z'), timeZone: NY });
    // EST is UTC-5 before 8 March, EDT UTC-4 after
    expect(due.map((d) => d.toISOString())).toEqual(['2026-03-07T14:00:00.000Z', '2026-03-08T13:00:00.000Z', '2026-03-09T13:00:00.000Z']);
    const fall = rule({ startDate: '2026-10-31', endDate: '2026-11-02', times: ['09:00'] });
    const after = occurrencesBetween(fall, { from: new Date('2026-10-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z'), timeZone: NY });
    expect(after.map((d) => d.toISOString())).toEqual(['2026-10-31T13:00:00.000Z', '2026-11-01T14:00:00.000Z', '2026-11-02T14:00:00.000Z']);
  });

  it('a skipped local time moves past the jump; a repeated one is taken once, the first time', () => {
    const spring = rule({ startDate: '2026-03-08', endDate: '2026-03-08', times: ['02:30'] });
    const s = occurrencesBetween(spring, { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-31T00:00:00Z'), timeZone: NY });
    expect(s.map((d) => d.toISOString())).toEqual(['2026-03-08T07:30:00.000Z']); // 03:30 EDT
    const fall = rule({ startDate: '2026-11-01', endDate: '2026-11-01', times: ['01:30'] });
    const f = occurrencesBetween(fall, { from: new Date('2026-10-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z'), timeZone: NY });
    expect(f.map((d) => d.toISOString())).toEqual(['2026-11-01T05:30:00.000Z']); // 01:30 EDT, not 01:30 EST
  });
});

describe('floating rules', () => {
  const every3Months = rule({ freq: 'monthly', interval: 3, anchor: 'floating', startDate: '2026-01-10', times: ['10:00'] });

  it('the first falls on the start date, the next counts from the last completion', () => {
    expect(nextFloatingDue(every3Months, null, { timeZone: SH })?.toISOString()).toBe('2026-01-10T02:00:00.000Z');
    // done late on 2026-02-20 (local): next on 2026-05-20
    const done = new Date('2026-02-20T15:00:00+08:00');
    expect(nextFloatingDue(every3Months, done, { timeZone: SH })?.toISOString()).toBe('2026-05-20T02:00:00.000Z');
    // completion on 30 November → 28 February (clamped)
    expect(nextFloatingDue(every3Months, new Date('2026-11-30T12:00:00+08:00'), { timeZone: SH })?.toISOString()).toBe(
      '2027-02-28T02:00:00.000Z',
    );
    // a calendar list is empty for a floating rule
    expect(occurrencesBetween(every3Months, { from: new Date('2026-01-01'), to: new Date('2027-01-01'), timeZone: SH })).toEqual([]);
  });

  it('uses the local day of the completion, skips holidays and stops after the end date', () => {
    const weekly = rule({ freq: 'weekly', anchor: 'floating', startDate: '2026-03-01', endDate: '2026-03-31', skipHolidays: true });
    // 23:30 UTC on 2 March is already 3 March in Shanghai
    expect(nextFloatingDue(weekly, new Date('2026-03-02T23:30:00Z'), { timeZone: SH })?.toISOString()).toBe('2026-03-10T01:00:00.000Z');
    const holidays = new Set(['2026-03-10', '2026-03-11']);
    expect(nextFloatingDue(weekly, new Date('2026-03-02T23:30:00Z'), { timeZone: SH, holidays })?.toISOString()).toBe(
      '2026-03-12T01:00:00.000Z',
    );
    expect(nextFloatingDue(weekly, new Date('2026-03-28T10:00:00+08:00'), { timeZone: SH })).toBeNull();
  });
});

describe('validation', () => {
  it('accepts a good rule and names every bad field in Chinese', () => {
    expect(recurrenceProblems(rule({ freq: 'monthly', nth: { n: -1, weekday: 5 } }))).toEqual([]);
    const problems = recurrenceProblems({
      freq: 'weekly',
      interval: 0,
      times: ['9:00'],
      startDate: '2026-02-30',
      endDate: '2025-01-01',
      anchor: 'calendar',
      monthDay: 40,
      weekdays: [8 as Weekday],
      skipDates: ['tomorrow'],
    });
    expect(problems.map((p) => p.field)).toEqual([
      'recurrence.interval',
      'recurrence.times',
      'recurrence.startDate',
      'recurrence.weekdays',
      'recurrence.monthDay',
      'recurrence.skipDates',
    ]);
    expect(problems.every((p) => /[\u4e00-\u9fa5]/.test(p.message))).toBe(true);
    expect(recurrenceProblems(rule({ startDate: '2026-05-01', endDate: '2026-04-01' })).map((p) => p.message)).toEqual([
      '结束日期不能早于开始日期',
    ]);
  });
});
