import { describe, expect, it } from 'vitest';
import { datePart, formatNumber, resetProblem, scopeKey } from './numbering.js';
import { formatZoned, nextDate, zonedDayStart, zonedParts } from './time.js';

const WX = { prefix: 'WX', dateFormat: 'YYYYMMDD' as const, seqWidth: 4 };

describe('formatNumber', () => {
  it('joins prefix, local date and padded sequence', () => {
    expect(formatNumber(WX, 7, new Date('2026-03-15T02:00:00Z'), 'Asia/Shanghai')).toBe('WX-20260315-0007');
  });

  it('reads the date in the site zone: 16:30Z on the 15th is already the 16th in Shanghai', () => {
    const at = new Date('2026-03-15T16:30:00Z');
    expect(formatNumber(WX, 1, at, 'Asia/Shanghai')).toBe('WX-20260316-0001');
    expect(formatNumber(WX, 1, at, 'UTC')).toBe('WX-20260315-0001');
    // 15:59:59Z is still the 15th in Shanghai (UTC+8 midnight is 16:00Z)
    expect(formatNumber(WX, 1, new Date('2026-03-15T15:59:59Z'), 'Asia/Shanghai')).toBe('WX-20260315-0001');
    expect(formatNumber(WX, 1, new Date('2026-03-15T16:00:00Z'), 'Asia/Shanghai')).toBe('WX-20260316-0001');
  });

  it('crosses the year in the local zone on New Year’s Eve', () => {
    const at = new Date('2026-12-31T17:00:00Z');
    expect(formatNumber({ prefix: 'YH', dateFormat: 'YYYY', seqWidth: 4 }, 12, at, 'Asia/Shanghai')).toBe('YH-2027-0012');
    expect(formatNumber({ prefix: 'YH', dateFormat: 'YYYY', seqWidth: 4 }, 12, at, 'America/New_York')).toBe('YH-2026-0012');
  });

  it('supports every date format and leaves out an empty date part', () => {
    const at = new Date('2026-03-15T02:00:00Z');
    expect(formatNumber({ prefix: 'BY', dateFormat: 'YYYYMM', seqWidth: 3 }, 42, at, 'Asia/Shanghai')).toBe('BY-202603-042');
    expect(formatNumber({ prefix: 'ZC', dateFormat: '', seqWidth: 6 }, 42, at, 'Asia/Shanghai')).toBe('ZC-000042');
    expect(datePart('', at, 'Asia/Shanghai')).toBe('');
  });

  it('prints a sequence longer than the width whole instead of cutting it', () => {
    expect(formatNumber({ prefix: 'SG', dateFormat: 'YYYY', seqWidth: 3 }, 12345, new Date('2026-03-15T02:00:00Z'), 'Asia/Shanghai')).toBe(
      'SG-2026-12345',
    );
  });
});

describe('scopeKey', () => {
  const at = new Date('2026-03-15T16:30:00Z');
  it('keys daily counters by the local day and per-site rules by site', () => {
    expect(scopeKey({ reset: 'daily', perSite: true }, 'site-1', at, 'Asia/Shanghai')).toBe('site-1:20260316');
    expect(scopeKey({ reset: 'daily', perSite: true }, 'site-1', at, 'UTC')).toBe('site-1:20260315');
  });
  it('shares one counter across sites for organisation-wide rules', () => {
    expect(scopeKey({ reset: 'monthly', perSite: false }, 'site-1', at, 'Asia/Shanghai')).toBe('*:202603');
    expect(scopeKey({ reset: 'monthly', perSite: false }, 'site-2', at, 'Asia/Shanghai')).toBe('*:202603');
  });
  it('never resets with reset=never and keys years with reset=yearly', () => {
    expect(scopeKey({ reset: 'never', perSite: false }, null, at, 'Asia/Shanghai')).toBe('*:');
    expect(scopeKey({ reset: 'yearly', perSite: false }, null, new Date('2026-12-31T16:00:00Z'), 'Asia/Shanghai')).toBe('*:2027');
  });
});

describe('resetProblem', () => {
  it('rejects a reset finer than the printed date, which would repeat numbers', () => {
    expect(resetProblem('YYYYMM', 'daily')).toMatch(/YYYYMMDD/);
    expect(resetProblem('', 'yearly')).toMatch(/YYYY/);
    expect(resetProblem('YYYY', 'monthly')).toMatch(/YYYYMM/);
  });
  it('accepts a reset as coarse as or coarser than the date part', () => {
    expect(resetProblem('YYYYMMDD', 'daily')).toBeNull();
    expect(resetProblem('YYYYMMDD', 'monthly')).toBeNull();
    expect(resetProblem('', 'never')).toBeNull();
    expect(resetProblem('YYYY', 'yearly')).toBeNull();
  });
});

describe('zoned time helpers', () => {
  it('reads wall-clock parts in a zone', () => {
    expect(zonedParts(new Date('2026-03-15T16:30:00Z'), 'Asia/Shanghai')).toEqual({
      year: 2026,
      month: 3,
      day: 16,
      hour: 0,
      minute: 30,
      second: 0,
    });
    expect(formatZoned(new Date('2026-03-15T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-03-16 00:30');
  });
  it('finds the UTC start of a local day, including across daylight saving', () => {
    expect(zonedDayStart('2026-03-16', 'Asia/Shanghai').toISOString()).toBe('2026-03-15T16:00:00.000Z');
    expect(zonedDayStart('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(zonedDayStart('2026-03-09', 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(nextDate('2026-02-28')).toBe('2026-03-01');
    expect(nextDate('2026-12-31')).toBe('2027-01-01');
  });
});
