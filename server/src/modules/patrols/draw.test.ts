import { describe, expect, it } from 'vitest';
import { drawSpotCheck } from './draw.js';
import { timesWhileOpen } from './schedule.js';

describe('spot-check draw', () => {
  it('draws the same points and time for the same occurrence, and different ones for others', () => {
    const a = drawSpotCheck('01JOCCURRENCEAAAAAAAAAAAAA', 6, 3, 240);
    expect(drawSpotCheck('01JOCCURRENCEAAAAAAAAAAAAA', 6, 3, 240)).toEqual(a);
    expect(a.indexes).toHaveLength(3);
    expect(new Set(a.indexes).size).toBe(3);
    expect([...a.indexes].sort((x, y) => x - y)).toEqual(a.indexes);
    expect(a.indexes.every((i) => i >= 0 && i < 6)).toBe(true);
    expect(a.offsetMinutes).toBeGreaterThanOrEqual(0);
    expect(a.offsetMinutes).toBeLessThanOrEqual(120);
    const draws = Array.from({ length: 40 }, (_, i) => JSON.stringify(drawSpotCheck(`occ-${i}`, 6, 3, 240)));
    expect(new Set(draws).size).toBeGreaterThan(10);
  });

  it('takes every point when asked for all of them, and stays in the first half of the window', () => {
    expect(drawSpotCheck('x', 4, 4, 0)).toEqual({ indexes: [0, 1, 2, 3], offsetMinutes: 0 });
    for (let i = 0; i < 50; i++) expect(drawSpotCheck(`w${i}`, 5, 2, 61).offsetMinutes).toBeLessThanOrEqual(30);
  });
});

describe('every N hours while open', () => {
  it('runs from opening to closing', () => {
    expect(timesWhileOpen('09:00-21:30', 2)).toEqual(['09:00', '11:00', '13:00', '15:00', '17:00', '19:00', '21:00']);
    expect(timesWhileOpen('09:00-21:00', 3)).toEqual(['09:00', '12:00', '15:00', '18:00', '21:00']);
  });
  it('wraps a night past midnight, and refuses a site without opening hours', () => {
    expect(timesWhileOpen('22:00-06:00', 4)).toEqual(['02:00', '06:00', '22:00']);
    expect(timesWhileOpen(null, 2)).toBeNull();
    expect(timesWhileOpen('全天', 2)).toBeNull();
  });
});
