import { describe, expect, it } from 'vitest';
import { formatFen, isLate, isOpen, memberChanges, previousMonth, yuanToFen } from './format';

describe('counter page helpers', () => {
  it('formats fen as yuan with thousands separators', () => {
    expect(formatFen(123450)).toBe('¥1,234.50');
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatFen(-1200)).toBe('-¥12.00');
  });

  it('turns typed yuan into whole fen', () => {
    expect(yuanToFen(60.5)).toBe(6050);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen(19.99)).toBe(1999);
    expect(yuanToFen('')).toBeNull();
    expect(yuanToFen('abc')).toBeNull();
  });

  it('picks the previous month, across a year end', () => {
    expect(previousMonth(new Date(2026, 2, 15))).toBe('2026-02');
    expect(previousMonth(new Date(2026, 0, 3))).toBe('2025-12');
  });

  it('calls a notice late when overdue, or issued past its deadline', () => {
    const now = new Date('2026-03-15T00:00:00Z');
    expect(isLate({ status: 'issued', deadline: '2026-03-14T00:00:00Z' }, now)).toBe(true);
    expect(isLate({ status: 'issued', deadline: '2026-03-16T00:00:00Z' }, now)).toBe(false);
    expect(isLate({ status: 'overdue', deadline: '2026-03-16T00:00:00Z' }, now)).toBe(true);
    expect(isLate({ status: 'rectified', deadline: '2026-03-14T00:00:00Z' }, now)).toBe(false);
    expect(isOpen('rectified')).toBe(true);
    expect(isOpen('verified')).toBe(false);
  });

  it('computes member additions and removals', () => {
    expect(memberChanges(['a', 'b'], ['b', 'c'])).toEqual({ add: ['c'], remove: ['a'] });
    expect(memberChanges([], [])).toEqual({ add: [], remove: [] });
  });
});
