import { describe, expect, it } from 'vitest';
import { actionFields, costRatio, fenToYuan, formatMoney, linkFilters, yuanToFen } from './format';
import { PROJECT_ACTIONS } from './types';

describe('project formatting', () => {
  it('converts money between fen and yuan without float noise', () => {
    expect(yuanToFen(1234.5)).toBe(123_450);
    expect(yuanToFen(0.1 + 0.2)).toBe(30);
    expect(yuanToFen('')).toBeNull();
    expect(yuanToFen(null)).toBeNull();
    expect(fenToYuan(123_450)).toBe(1234.5);
    expect(fenToYuan(null)).toBeNull();
    expect(formatMoney(123_450)).toBe('¥1,234.50');
    expect(formatMoney(null)).toBe('—');
  });

  it('compares actual cost with the budget only when both are there', () => {
    expect(costRatio(100_000, 90_000)).toBe(90);
    expect(costRatio(100_000, null)).toBeNull();
    expect(costRatio(0, 5_000)).toBeNull();
  });

  it('asks for a reason where the server requires one', () => {
    const required = PROJECT_ACTIONS.filter((a) => actionFields(a).required);
    expect(required.sort()).toEqual(['accept', 'cancel', 'reject', 'suspend']);
    expect(actionFields('accept')).toEqual({ text: 'note', required: true, date: 'actualEnd', cost: true });
    expect(actionFields('cancel').text).toBe('reason');
  });

  it('reads the summary link filters from the URL, sites repeated', () => {
    const q = new URLSearchParams('siteId=a&siteId=b&startedFrom=2026-03-01&startedTo=2026-03-31&status=planned&late=');
    expect(linkFilters(q)).toEqual({ siteId: ['a', 'b'], startedFrom: '2026-03-01', startedTo: '2026-03-31' });
    expect(linkFilters(new URLSearchParams(''))).toEqual({});
  });
});
