import { describe, expect, it } from 'vitest';
import type { PeriodInput } from '../../../../contracts/reports.js';
import { AppError } from '../../platform/http/errors.js';
import { dayCount, previousPeriod, resolvePeriod, sameLastYear } from './periods.js';

const SH = 'Asia/Shanghai';

/** the field messages of a refused period */
function problems(input: PeriodInput, prefix = ''): Record<string, string> {
  try {
    resolvePeriod(input, SH, prefix);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const fields = (e.details as { fields: { field: string; message: string }[] }).fields;
    return Object.fromEntries(fields.map((f) => [f.field, f.message]));
  }
  throw new Error('the period was accepted');
}

describe('report periods', () => {
  it('resolves the calendar kinds to local dates and the zone’s midnights, named in both languages', () => {
    expect(resolvePeriod({ kind: 'month', year: 2026, index: 3 }, SH)).toEqual({
      kind: 'month',
      from: '2026-02-28T16:00:00.000Z',
      to: '2026-03-31T16:00:00.000Z',
      startDate: '2026-03-01',
      endDate: '2026-03-31',
      label: { zh: '2026年3月', en: 'Mar 2026' },
    });
    const q1 = resolvePeriod({ kind: 'quarter', year: 2026, index: 1 }, SH);
    expect([q1.startDate, q1.endDate, q1.label]).toEqual(['2026-01-01', '2026-03-31', { zh: '2026年第一季度', en: 'Q1 2026' }]);
    const q3 = resolvePeriod({ kind: 'quarter', year: 2026, index: 3 }, SH);
    expect([q3.startDate, q3.endDate, q3.label.zh]).toEqual(['2026-07-01', '2026-09-30', '2026年第三季度']);
    const h2 = resolvePeriod({ kind: 'half', year: 2026, index: 2 }, SH);
    expect([h2.startDate, h2.endDate, h2.label]).toEqual(['2026-07-01', '2026-12-31', { zh: '2026年下半年', en: 'H2 2026' }]);
    expect(resolvePeriod({ kind: 'half', year: 2026, index: 1 }, SH).label).toEqual({ zh: '2026年上半年', en: 'H1 2026' });
    const year = resolvePeriod({ kind: 'year', year: 2026 }, SH);
    expect(year).toMatchObject({ startDate: '2026-01-01', endDate: '2026-12-31', label: { zh: '2026年度', en: '2026' } });
    expect([year.from, year.to]).toEqual(['2025-12-31T16:00:00.000Z', '2026-12-31T16:00:00.000Z']);
    // February of a leap year ends on the 29th
    expect(resolvePeriod({ kind: 'month', year: 2028, index: 2 }, SH).endDate).toBe('2028-02-29');
  });

  it('resolves a custom period of inclusive dates, and reads midnights in the zone given (daylight saving included)', () => {
    const p = resolvePeriod({ kind: 'custom', startDate: '2026-03-01', endDate: '2026-03-15' }, SH);
    expect(p).toEqual({
      kind: 'custom',
      from: '2026-02-28T16:00:00.000Z',
      to: '2026-03-15T16:00:00.000Z',
      startDate: '2026-03-01',
      endDate: '2026-03-15',
      label: { zh: '2026年3月1日至2026年3月15日', en: '1 Mar 2026 – 15 Mar 2026' },
    });
    // one day is a whole day
    expect(resolvePeriod({ kind: 'custom', startDate: '2026-03-01', endDate: '2026-03-01' }, SH).to).toBe('2026-03-01T16:00:00.000Z');
    // Berlin moves its clocks on 29 March 2026: March is 31 days less one hour there
    const berlin = resolvePeriod({ kind: 'month', year: 2026, index: 3 }, 'Europe/Berlin');
    expect([berlin.from, berlin.to]).toEqual(['2026-02-28T23:00:00.000Z', '2026-03-31T22:00:00.000Z']);
  });

  it('refuses what is not a period, naming each field in Chinese', () => {
    expect(problems({ kind: 'month', year: 2026 })).toEqual({ index: '请选择月份（1–12）' });
    expect(problems({ kind: 'quarter', year: 2026, index: 5 })).toEqual({ index: '请选择季度（1–4）' });
    expect(problems({ kind: 'half', year: 1999, index: 3 })).toEqual({ year: '请选择年份（2000–2100）', index: '请选择半年（1–2）' });
    expect(problems({ kind: 'year', year: 2026.5 }, 'period.')).toEqual({ 'period.year': '请选择年份（2000–2100）' });
    expect(problems({ kind: 'custom', startDate: '2026-02-30', endDate: '2026-3-1' })).toEqual({
      startDate: '请填写有效的开始日期（YYYY-MM-DD，2000–2100 年）',
      endDate: '请填写有效的结束日期（YYYY-MM-DD，2000–2100 年）',
    });
    expect(problems({ kind: 'custom', startDate: '2026-03-15', endDate: '2026-03-14' })).toEqual({ endDate: '结束日期不能早于开始日期' });
    expect(problems({ kind: 'custom', startDate: '2020-01-01', endDate: '2025-01-05' })).toEqual({ endDate: '统计期间最长五年' });
    expect(problems({ kind: 'week' as never, year: 2026 })).toEqual({ kind: '统计期间须为月度、季度、半年、年度或自定义' });
    // five years of days are allowed
    expect(dayCount('2020-01-01', '2024-12-31')).toBe(1827);
    expect(resolvePeriod({ kind: 'custom', startDate: '2020-01-01', endDate: '2024-12-31' }, SH).label.zh).toBe(
      '2020年1月1日至2024年12月31日',
    );
  });

  it('compares with the period before, of the same kind and length', () => {
    const prev = (input: PeriodInput) => {
      const p = previousPeriod(resolvePeriod(input, SH), SH);
      return [p.kind, p.startDate, p.endDate, p.label.zh];
    };
    expect(prev({ kind: 'month', year: 2026, index: 3 })).toEqual(['month', '2026-02-01', '2026-02-28', '2026年2月']);
    expect(prev({ kind: 'month', year: 2026, index: 1 })).toEqual(['month', '2025-12-01', '2025-12-31', '2025年12月']);
    expect(prev({ kind: 'quarter', year: 2026, index: 1 })).toEqual(['quarter', '2025-10-01', '2025-12-31', '2025年第四季度']);
    expect(prev({ kind: 'half', year: 2026, index: 2 })).toEqual(['half', '2026-01-01', '2026-06-30', '2026年上半年']);
    expect(prev({ kind: 'year', year: 2026 })).toEqual(['year', '2025-01-01', '2025-12-31', '2025年度']);
    // 15 days before 1–15 March 2026: 14–28 February
    expect(prev({ kind: 'custom', startDate: '2026-03-01', endDate: '2026-03-15' })).toEqual([
      'custom',
      '2026-02-14',
      '2026-02-28',
      '2026年2月14日至2026年2月28日',
    ]);
    const p = previousPeriod(resolvePeriod({ kind: 'custom', startDate: '2026-03-01', endDate: '2026-03-15' }, SH), SH);
    expect(p.to).toBe(resolvePeriod({ kind: 'custom', startDate: '2026-03-01', endDate: '2026-03-15' }, SH).from);
  });

  it('compares with the same dates a year earlier; 29 February becomes the 28th', () => {
    const ly = (input: PeriodInput) => {
      const p = sameLastYear(resolvePeriod(input, SH), SH);
      return [p.kind, p.startDate, p.endDate, p.label.en];
    };
    expect(ly({ kind: 'month', year: 2028, index: 2 })).toEqual(['month', '2027-02-01', '2027-02-28', 'Feb 2027']);
    expect(ly({ kind: 'quarter', year: 2026, index: 3 })).toEqual(['quarter', '2025-07-01', '2025-09-30', 'Q3 2025']);
    expect(ly({ kind: 'half', year: 2026, index: 1 })).toEqual(['half', '2025-01-01', '2025-06-30', 'H1 2025']);
    expect(ly({ kind: 'year', year: 2026 })).toEqual(['year', '2025-01-01', '2025-12-31', '2025']);
    expect(ly({ kind: 'custom', startDate: '2028-02-01', endDate: '2028-02-29' })).toEqual([
      'custom',
      '2027-02-01',
      '2027-02-28',
      '1 Feb 2027 – 28 Feb 2027',
    ]);
  });
});
