import { describe, expect, it } from 'vitest';
import { FactBuilder, sumBy } from './facts.js';

describe('summary facts', () => {
  const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);

  it('builds facts whose site counts add up and whose rates come from summed parts', () => {
    const sites = [
      { id: 'a', name: 'A' },
      { id: 'b', name: 'B' },
      { id: 'c', name: 'C' },
    ];
    const f = new FactBuilder(sites, '/maintenance/occurrences', [['siteId', 'a']]);
    const rows = [
      { siteId: 'a', due: 3, onTime: 1 },
      { siteId: 'b', due: 1, onTime: 1 },
    ];
    f.count(
      'x.due',
      { zh: '应', en: 'due' },
      sumBy(rows, (r) => r.due),
      f.link({ status: 'done' }),
      '',
    );
    f.derived(
      'x.rate',
      { zh: '率', en: 'rate' },
      'percent',
      [sumBy(rows, (r) => r.onTime), sumBy(rows, (r) => r.due)],
      percent,
      f.link({}),
      '',
    );
    const [due, rate] = f.facts;
    expect(due?.value).toBe(4);
    expect(due?.bySite?.map((s) => s.value)).toEqual([3, 1, 0]);
    expect(due?.link).toBe('/maintenance/occurrences?siteId=a&status=done');
    // (1 + 1) ÷ (3 + 1), not the mean of 33.3 % and 100 %; a site without records has no rate
    expect(rate?.value).toBe(50);
    expect(rate?.bySite?.map((s) => s.value)).toEqual([33.3, 100, null]);
  });
});
