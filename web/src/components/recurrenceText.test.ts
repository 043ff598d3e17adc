import { describe, expect, it } from 'vitest';
import type { Recurrence } from '../../../contracts/occurrences';
import { normaliseRecurrence, recurrenceNotes, recurrenceText, textLang, weekdayNames } from './recurrenceText';

/** 2025-03-11 is a Tuesday. */
const base: Recurrence = { freq: 'daily', interval: 1, times: ['09:00'], startDate: '2025-03-11', anchor: 'calendar' };
const rule = (r: Partial<Recurrence>): Recurrence => ({ ...base, ...r });
const both = (r: Recurrence) => [recurrenceText(r, 'zh'), recurrenceText(r, 'en')];

describe('recurrenceText', () => {
  it('says daily rules, every N days and the days a daily rule is limited to', () => {
    expect(both(base)).toEqual(['每天 09:00', 'Every day at 09:00']);
    expect(both(rule({ interval: 3 }))).toEqual(['每 3 天 09:00', 'Every 3 days at 09:00']);
    expect(both(rule({ weekdays: [1, 2, 3, 4, 5] }))).toEqual(['每天（仅周一至五） 09:00', 'Every day (Mon–Fri only) at 09:00']);
    // all seven days is no limit at all
    expect(recurrenceText(rule({ weekdays: [7, 1, 2, 3, 4, 5, 6] }), 'zh')).toBe('每天 09:00');
  });

  it('sorts and joins several times of day', () => {
    expect(both(rule({ times: ['15:00', '09:00'] }))).toEqual(['每天 09:00、15:00', 'Every day at 09:00, 15:00']);
  });

  it('says weekly rules, taking the start date weekday when none is chosen', () => {
    expect(both(rule({ freq: 'weekly' }))).toEqual(['每周二 09:00', 'Every week on Tue at 09:00']);
    expect(both(rule({ freq: 'weekly', weekdays: [5, 1, 3] }))).toEqual(['每周一、三、五 09:00', 'Every week on Mon, Wed, Fri at 09:00']);
    expect(both(rule({ freq: 'weekly', interval: 2, weekdays: [1, 2] }))).toEqual([
      '每 2 周的周一、二 09:00',
      'Every 2 weeks on Mon, Tue at 09:00',
    ]);
    expect(recurrenceText(rule({ freq: 'weekly', weekdays: [1, 2, 3, 6, 7] }), 'en')).toBe('Every week on Mon–Wed, Sat, Sun at 09:00');
  });

  it('says monthly rules by day, last day and nth weekday', () => {
    expect(both(rule({ freq: 'monthly', nth: { n: 2, weekday: 2 } }))).toEqual([
      '每月第2个周二 09:00',
      'Every month on the 2nd Tuesday at 09:00',
    ]);
    expect(both(rule({ freq: 'monthly', monthDay: 31 }))).toEqual(['每月31日 09:00', 'Every month on day 31 at 09:00']);
    expect(both(rule({ freq: 'monthly', monthDay: -1 }))).toEqual(['每月最后一天 09:00', 'Every month on the last day at 09:00']);
    expect(both(rule({ freq: 'monthly', interval: 3, nth: { n: -1, weekday: 5 } }))).toEqual([
      '每 3 个月的最后一个周五 09:00',
      'Every 3 months on the last Friday at 09:00',
    ]);
    // no day chosen: the start date's day of the month
    expect(recurrenceText(rule({ freq: 'monthly' }), 'zh')).toBe('每月11日 09:00');
  });

  it('says quarterly and yearly rules with their month', () => {
    expect(both(rule({ freq: 'quarterly', month: 1, monthDay: 15 }))).toEqual([
      '每季度第1个月的15日 09:00',
      'Every quarter, month 1 of the quarter, on day 15 at 09:00',
    ]);
    // March is the third month of its quarter
    expect(recurrenceText(rule({ freq: 'quarterly' }), 'zh')).toBe('每季度第3个月的11日 09:00');
    expect(both(rule({ freq: 'yearly', month: 3, monthDay: 15 }))).toEqual(['每年3月15日 09:00', 'Every year on March 15 at 09:00']);
    expect(both(rule({ freq: 'yearly', month: 11, nth: { n: 1, weekday: 6 } }))).toEqual([
      '每年11月第1个周六 09:00',
      'Every year on the 1st Saturday of November at 09:00',
    ]);
    expect(both(rule({ freq: 'yearly', interval: 2, month: 2, monthDay: -1 }))).toEqual([
      '每 2 年的2月最后一天 09:00',
      'Every 2 years on the last day of February at 09:00',
    ]);
  });

  it('says floating rules from the last completion with their first time only', () => {
    expect(both(rule({ freq: 'monthly', interval: 3, anchor: 'floating', times: ['14:00', '08:30'], monthDay: 5 }))).toEqual([
      '每 3 个月（从上次完成起算） 08:30',
      'Every 3 months after the last completion at 08:30',
    ]);
    expect(recurrenceText(rule({ freq: 'weekly', anchor: 'floating' }), 'zh')).toBe('每周（从上次完成起算） 09:00');
  });

  it('keeps a half-filled rule readable while it is being edited', () => {
    expect(recurrenceText(rule({ freq: 'weekly', startDate: '', times: [] }), 'zh')).toBe('每周');
    expect(recurrenceText(rule({ freq: 'monthly', startDate: '2025-02-30', times: [] }), 'en')).toBe('Every month');
  });

  it('lists the dates and skipped days as notes', () => {
    expect(recurrenceNotes(rule({ endDate: '2025-12-31', skipHolidays: true, skipDates: ['2025-05-01', '2025-10-01'] }), 'zh')).toEqual([
      '2025-03-11 至 2025-12-31',
      '跳过场所节假日',
      '跳过 2 个指定日期',
    ]);
    expect(recurrenceNotes(rule({ skipDates: ['2025-05-01'] }), 'en')).toEqual(['from 2025-03-11', 'skips 1 set date']);
  });

  it('maps the interface language and names weekdays Monday first', () => {
    expect(textLang('en-US')).toBe('en');
    expect(textLang('zh-CN')).toBe('zh');
    expect(textLang(undefined)).toBe('zh');
    expect(weekdayNames('zh')[6]).toBe('周日');
    expect(weekdayNames('en', true)[0]).toBe('Monday');
  });
});

describe('normaliseRecurrence', () => {
  it('leaves unset parts out instead of sending nulls', () => {
    const stored = rule({ endDate: null, weekdays: null, monthDay: null, nth: null, month: null, skipDates: [] });
    expect(normaliseRecurrence(stored)).toEqual(base);
    expect(Object.keys(normaliseRecurrence(stored))).not.toContain('endDate');
  });

  it('drops what the frequency or anchor cannot carry', () => {
    expect(normaliseRecurrence(rule({ freq: 'monthly', weekdays: [1], monthDay: 5, month: 3 }))).toEqual(
      rule({ freq: 'monthly', monthDay: 5 }),
    );
    expect(normaliseRecurrence(rule({ freq: 'quarterly', month: 7, nth: { n: 1, weekday: 1 } }))).toEqual(
      rule({ freq: 'quarterly', nth: { n: 1, weekday: 1 } }),
    );
    expect(normaliseRecurrence(rule({ freq: 'weekly', anchor: 'floating', weekdays: [2], times: ['15:00', '09:00'] }))).toEqual(
      rule({ freq: 'weekly', anchor: 'floating', times: ['15:00'] }),
    );
    expect(normaliseRecurrence(rule({ freq: 'yearly', month: 11, monthDay: -1, endDate: '2030-12-31' }))).toEqual(
      rule({ freq: 'yearly', month: 11, monthDay: -1, endDate: '2030-12-31' }),
    );
  });
});
