import { describe, expect, it } from 'vitest';
import type { SummaryFact } from '../../../../contracts/summary';
import { factsUnder, formatValue, labelOf, periodOf } from './period';

const local = (y: number, m: number, d: number) => new Date(y, m - 1, d).toISOString();

describe('measures period and formatting', () => {
  const now = new Date(2026, 4, 20, 15, 30); // 20 May 2026, local time

  it('gives each preset as whole local days, the end exclusive', () => {
    expect(periodOf('thisMonth', now)).toEqual({ from: local(2026, 5, 1), to: local(2026, 6, 1) });
    expect(periodOf('lastMonth', now)).toEqual({ from: local(2026, 4, 1), to: local(2026, 5, 1) });
    expect(periodOf('thisQuarter', now)).toEqual({ from: local(2026, 4, 1), to: local(2026, 7, 1) });
    expect(periodOf('thisYear', now)).toEqual({ from: local(2026, 1, 1), to: local(2027, 1, 1) });
    expect(periodOf('lastMonth', new Date(2026, 0, 10))).toEqual({ from: local(2025, 12, 1), to: local(2026, 1, 1) });
    expect(periodOf('custom', now, [new Date(2026, 1, 3, 18), new Date(2026, 1, 28, 9)])).toEqual({
      from: local(2026, 2, 3),
      to: local(2026, 3, 1),
    });
    // custom without a range falls back to this month
    expect(periodOf('custom', now)).toEqual(periodOf('thisMonth', now));
  });

  it('shows units, and a dash when a figure has no basis', () => {
    const units = { count: '单', percent: '%', hours: '小时', minutes: '分钟', fen: '', score: '分', ratio: '', quantity: '' };
    expect(formatValue(95.3, 'percent', units)).toBe('95.3%');
    expect(formatValue(2.75, 'hours', units)).toBe('2.75 小时');
    expect(formatValue(1234, 'count', units)).toBe('1,234 单');
    expect(formatValue(123450, 'fen', units)).toBe('¥1,234.50');
    expect(formatValue(1.5, 'ratio', units)).toBe('1.5');
    expect(formatValue(259598.4, 'quantity', units)).toBe('259,598.4');
    expect(formatValue(null, 'percent', units)).toBe('—');
  });

  it('picks facts of a group and the label of the language', () => {
    const fact = (key: string): SummaryFact => ({ key, label: { zh: '中', en: 'En' }, value: 1, unit: 'count', link: '/work-orders' });
    const facts = [fact('workorders.received'), fact('workorders.received.channel.qr'), fact('workorders.received.category.hvac')];
    expect(factsUnder(facts, 'workorders.received.channel.').map((f) => f.key)).toEqual(['workorders.received.channel.qr']);
    expect(labelOf(facts[0] as SummaryFact, 'en-US')).toBe('En');
    expect(labelOf(facts[0] as SummaryFact, 'zh-CN')).toBe('中');
  });
});
