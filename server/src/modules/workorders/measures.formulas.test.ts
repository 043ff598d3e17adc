import { describe, expect, it } from 'vitest';
import { backlogFigures, meanHours, percent, repairHours, repairTotals, satisfactionIndex } from './measures.formulas.js';

describe('work-order measure formulas', () => {
  it('gives rates with one decimal and no rate over nothing', () => {
    expect(percent(2, 3)).toBe(66.7);
    expect(percent(0, 4)).toBe(0);
    expect(percent(3, 3)).toBe(100);
    expect(percent(0, 0)).toBeNull();
  });

  it('scales the mean of three 1–5 ratings to 100', () => {
    expect(satisfactionIndex(15, 1)).toBe(100);
    expect(satisfactionIndex(3, 1)).toBe(20);
    // 5/4/5 and 3/3/3 and 4/4/4: 35 points over 9 ratings
    expect(satisfactionIndex(35, 3)).toBe(77.8);
    expect(satisfactionIndex(0, 0)).toBeNull();
  });

  it('measures a repair from report to hand-over, pauses included (SMRP 3.5.2 MTTR)', () => {
    const span = { createdAt: '2026-06-01T01:00:00.000Z', resolvedAt: '2026-06-01T03:30:00.000Z' };
    expect(repairHours(span)).toBe(2.5);
    expect(repairHours({ ...span, resolvedAt: span.createdAt })).toBe(0);
    const totals = repairTotals([span, { createdAt: '2026-06-01T03:30:00.000Z', resolvedAt: '2026-06-01T07:30:00.000Z' }]);
    expect(totals).toEqual({ hours: 6.5, repairs: 2 });
    expect(meanHours(totals.hours, totals.repairs)).toBe(3.25);
    expect(meanHours(0, 0)).toBeNull();
  });

  it('ages the backlog and adds the standard time of categories that have one', () => {
    const at = '2026-06-02T00:00:00.000Z';
    const figures = backlogFigures(
      [
        { createdAt: '2026-06-01T00:00:00.000Z', category: 'hvac' },
        { createdAt: '2026-06-01T12:00:00.000Z', category: 'plumbing' },
        { createdAt: '2026-06-01T18:00:00.000Z', category: 'other' },
      ],
      at,
      new Map([
        ['hvac', 90],
        ['plumbing', 45],
      ]),
    );
    expect(figures).toEqual({ open: 3, ageHours: 42, oldestHours: 24, standardHours: 2.25, withStandard: 2 });
    expect(backlogFigures([], at, new Map())).toEqual({ open: 0, ageHours: 0, oldestHours: null, standardHours: 0, withStandard: 0 });
  });
});
