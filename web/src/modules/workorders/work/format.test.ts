import { describe, expect, it } from 'vitest';
import { fromFen, hours, minutesBetween, percent, quantity, toFen, yuan } from './format';

describe('work-done formatting', () => {
  it('shows fen as yuan with two decimals and thousands separators', () => {
    expect(yuan(0)).toBe('¥0.00');
    expect(yuan(1250)).toBe('¥12.50');
    expect(yuan(123456789)).toBe('¥1,234,567.89');
    expect(yuan(-5)).toBe('-¥0.05');
  });

  it('turns typed yuan into fen without floating-point drift', () => {
    expect(toFen(12.5)).toBe(1250);
    expect(toFen(0.29)).toBe(29);
    expect(toFen(1.005)).toBe(100);
    expect(fromFen(1250)).toBe(12.5);
  });

  it('shows hours, percentages and quantities', () => {
    expect(hours(90)).toBe('1.50');
    expect(percent(0.818)).toBe('81.8%');
    expect(percent(null)).toBe('—');
    expect(quantity(2)).toBe('2');
    expect(quantity(1.5)).toBe('1.5');
    expect(quantity(0.1 + 0.2)).toBe('0.3');
  });

  it('counts whole minutes between a start and a later end only', () => {
    const start = new Date('2026-03-15T08:00:00Z');
    expect(minutesBetween(start, new Date('2026-03-15T09:30:20Z'))).toBe(90);
    expect(minutesBetween(start, start)).toBeNull();
    expect(minutesBetween(start, null)).toBeNull();
  });
});
