import { describe, expect, it } from 'vitest';
import { datePart, formatNumber, requiredDateFormat } from './numberFormat';

// 2026-03-15 in local time, as the rule form uses the browser's clock
const at = new Date(2026, 2, 15, 9, 30);

describe('formatNumber (rule form example)', () => {
  it('joins prefix, date part and padded sequence like the server', () => {
    expect(formatNumber({ prefix: 'WX', dateFormat: 'YYYYMMDD', seqWidth: 4 }, 7, at)).toBe('WX-20260315-0007');
    expect(formatNumber({ prefix: 'CG', dateFormat: 'YYYYMM', seqWidth: 3 }, 12, at)).toBe('CG-202603-012');
    expect(formatNumber({ prefix: 'HT', dateFormat: 'YYYY', seqWidth: 1 }, 1, at)).toBe('HT-2026-1');
  });

  it('leaves out an empty date part and an empty prefix', () => {
    expect(formatNumber({ prefix: 'RK', dateFormat: '', seqWidth: 6 }, 42, at)).toBe('RK-000042');
    expect(formatNumber({ prefix: '', dateFormat: 'YYYYMMDD', seqWidth: 2 }, 3, at)).toBe('20260315-03');
  });

  it('prints a sequence longer than its width whole', () => {
    expect(formatNumber({ prefix: 'WX', dateFormat: '', seqWidth: 2 }, 12345, at)).toBe('WX-12345');
  });
});

describe('requiredDateFormat', () => {
  it('asks for a date part at least as fine as the reset period', () => {
    expect(requiredDateFormat('YYYYMM', 'daily')).toBe('YYYYMMDD');
    expect(requiredDateFormat('', 'yearly')).toBe('YYYY');
    expect(requiredDateFormat('YYYYMMDD', 'monthly')).toBeNull();
    expect(requiredDateFormat('', 'never')).toBeNull();
  });
});

describe('datePart', () => {
  it('cuts the local date to the format', () => {
    expect(datePart('YYYY', at)).toBe('2026');
    expect(datePart('YYYYMM', at)).toBe('202603');
    expect(datePart('YYYYMMDD', at)).toBe('20260315');
    expect(datePart('', at)).toBe('');
  });
});
