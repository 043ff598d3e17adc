import { describe, expect, it } from 'vitest';
import type { ReportFactsDto, ResolvedPeriod } from '../../../../contracts/reports';
import type { SummaryFact } from '../../../../contracts/summary';
import { breakdownOption, compareOption, compareRowIndex, siteBarsOption, siteRowIndex } from './chartOptions';
import {
  areaViews,
  availableBreakdowns,
  breakdownParts,
  compareLink,
  compareRows,
  defaultPeriod,
  hasData,
  partLabel,
  periodFromSearch,
  periodQuery,
  periodToSearch,
  pickFigure,
  SITE_COUNT_KEYS,
  shiftLink,
  siteBarLink,
  siteBars,
  switchKind,
  trend,
  viewOf,
} from './logic';

const NOW = new Date(2026, 10, 27); // 27 November 2026, local time

const period = (from: string, to: string, startDate: string, endDate: string): ResolvedPeriod => ({
  kind: 'month',
  from,
  to,
  startDate,
  endDate,
  label: { zh: '', en: '' },
});
const NOV = period('2026-10-31T16:00:00.000Z', '2026-11-30T16:00:00.000Z', '2026-11-01', '2026-11-30');
const OCT = period('2026-09-30T16:00:00.000Z', '2026-10-31T16:00:00.000Z', '2026-10-01', '2026-10-31');
const NOV_2025 = period('2025-10-31T16:00:00.000Z', '2025-11-30T16:00:00.000Z', '2025-11-01', '2025-11-30');
const Q = `from=${encodeURIComponent(NOV.from)}&to=${encodeURIComponent(NOV.to)}`;

const SITES = [
  { id: 'cc', name: '长春店' },
  { id: 'sy', name: '沈阳店' },
];

function fact(key: string, value: number | null, bySite: (number | null)[], extra: Partial<SummaryFact> = {}): SummaryFact {
  return {
    key,
    label: { zh: key, en: key },
    value,
    unit: 'count',
    bySite: bySite.map((v, i) => ({ siteId: SITES[i]?.id ?? '', siteName: SITES[i]?.name ?? '', value: v })),
    link: `/list/${key}?${Q}`,
    ...extra,
  };
}

function dto(
  facts: SummaryFact[],
  previous: Record<string, number | null> = {},
  lastYear: Record<string, number | null> = {},
): ReportFactsDto {
  return {
    period: NOV,
    sites: SITES,
    departmentId: null,
    generatedAt: '2026-11-27T06:00:00.000Z',
    modules: [],
    facts,
    previous: { period: OCT, values: previous },
    lastYear: { period: NOV_2025, values: lastYear },
  };
}

describe('period', () => {
  it('opens on this month', () => {
    expect(defaultPeriod(NOW)).toEqual({ kind: 'month', year: 2026, index: 11 });
    expect(periodQuery(defaultPeriod(NOW))).toEqual({ kind: 'month', year: 2026, index: 11 });
  });

  it('keeps the time covered when the kind changes', () => {
    const nov = defaultPeriod(NOW);
    expect(switchKind(nov, 'quarter')).toEqual({ kind: 'quarter', year: 2026, index: 4 });
    expect(switchKind(nov, 'half')).toEqual({ kind: 'half', year: 2026, index: 2 });
    expect(switchKind({ kind: 'quarter', year: 2026, index: 3 }, 'month')).toEqual({ kind: 'month', year: 2026, index: 7 });
    expect(switchKind({ kind: 'half', year: 2025, index: 2 }, 'quarter')).toEqual({ kind: 'quarter', year: 2025, index: 3 });
    expect(periodQuery(switchKind(nov, 'year'))).toEqual({ kind: 'year', year: 2026 });
    const custom = { kind: 'custom' as const, year: 2025, index: 1, startDate: '2025-05-10', endDate: '2025-06-01' };
    expect(switchKind(custom, 'month')).toEqual({ kind: 'month', year: 2025, index: 5 });
  });

  it('asks for nothing while a custom period lacks its dates', () => {
    const custom = switchKind(defaultPeriod(NOW), 'custom');
    expect(periodQuery(custom)).toBeNull();
    expect(periodQuery({ ...custom, startDate: '2026-01-05', endDate: '2026-02-04' })).toEqual({
      kind: 'custom',
      startDate: '2026-01-05',
      endDate: '2026-02-04',
    });
  });

  it('round-trips through the address, which stays empty for the default', () => {
    expect(periodToSearch(defaultPeriod(NOW), NOW)).toEqual({});
    for (const p of [
      { kind: 'quarter' as const, year: 2025, index: 2 },
      { kind: 'year' as const, year: 2024, index: 1 },
      { kind: 'custom' as const, year: 2026, index: 1, startDate: '2026-03-01', endDate: '2026-03-15' },
    ]) {
      expect(periodFromSearch(new URLSearchParams(periodToSearch(p, NOW)), NOW)).toEqual(p);
    }
  });

  it('falls back to this month on an address the server would refuse', () => {
    expect(periodFromSearch(new URLSearchParams('kind=week'), NOW)).toEqual(defaultPeriod(NOW));
    expect(periodFromSearch(new URLSearchParams('kind=month&year=1999&index=3'), NOW)).toEqual(defaultPeriod(NOW));
    expect(periodFromSearch(new URLSearchParams('kind=month&year=2026&index=13'), NOW)).toEqual({ kind: 'month', year: 2026, index: 1 });
    // a custom period with its dates the wrong way round waits for new dates
    expect(periodQuery(periodFromSearch(new URLSearchParams('kind=custom&startDate=2026-03-02&endDate=2026-03-01'), NOW))).toBeNull();
  });
});

describe('areas', () => {
  it('puts the headline facts in their areas with their comparisons, leaving out what the reader cannot see', () => {
    const data = dto(
      [
        fact('workorders.backlog', 9, [6, 3]),
        fact('workorders.timelyRepairRate', 92.1, [90, 95], { unit: 'percent' }),
        fact('workorders.received.category.power', 8, [5, 3]),
        fact('hazards.open', 0, [0, 0]),
        fact('hazards.overdue', 0, [0, 0]),
      ],
      { 'workorders.backlog': 12, 'workorders.timelyRepairRate': 92.1 },
      { 'workorders.backlog': null },
    );
    const areas = areaViews(data);
    expect(areas.map((a) => a.key)).toEqual(['workorders', 'hazards']);
    const [workorders, hazards] = areas;
    expect(workorders?.kpis.map((k) => k.fact.key)).toEqual(['workorders.backlog', 'workorders.timelyRepairRate']);
    expect(workorders?.kpis[0]).toMatchObject({ previous: 12, lastYear: null, trendPrevious: 'good', trendLastYear: null });
    expect(workorders?.kpis[1]).toMatchObject({ trendPrevious: 'flat' });
    expect(workorders?.hasData).toBe(true);
    // only zeros: the card says there is nothing rather than printing zeros as results
    expect(hazards?.hasData).toBe(false);
  });

  it('puts the overdue open orders beside the backlog, a rise being bad news, and compares them across sites', () => {
    const link = '/work-orders?status=pending%2Cdispatched%2Caccepted&overdue=1';
    const data = dto(
      [fact('workorders.overdue', 4, [3, 1], { link }), fact('workorders.received', 47, [30, 17]), fact('workorders.backlog', 9, [6, 3])],
      { 'workorders.overdue': 2 },
      { 'workorders.overdue': 5 },
    );
    const [workorders] = areaViews(data);
    expect(workorders?.kpis.map((k) => k.fact.key)).toEqual(['workorders.backlog', 'workorders.overdue', 'workorders.received']);
    expect(workorders?.kpis[1]).toMatchObject({ previous: 2, lastYear: 5, trendPrevious: 'bad', trendLastYear: 'good' });
    const bars = siteBars(data, SITE_COUNT_KEYS);
    expect(bars.series.map((s) => s.fact.key)).toEqual(['workorders.received', 'workorders.backlog', 'workorders.overdue']);
    // a bar opens that site's overdue open orders
    expect(siteBarLink(bars, 2, 1)).toBe(`${link}&siteId=sy`);
  });

  it('colours a change by whether a rise is good news', () => {
    expect(trend(95, 90, 'up')).toBe('good');
    expect(trend(3, 1, 'down')).toBe('bad');
    expect(trend(5, 5, 'down')).toBe('flat');
    expect(trend(50, 40, null)).toBeNull();
    expect(trend(null, 40, 'up')).toBeNull();
    expect(trend(40, undefined, 'up')).toBeNull();
    // a count from zero has no rate of change (formatChange: 无可比数据), so it is not coloured; a rate from zero is
    expect(trend(9, 0, 'down')).toBeNull();
    expect(trend(0, 0, 'down')).toBe('flat');
    expect(trend(20, 0, 'up', 'percent')).toBe('good');
  });

  it('finds a period without records', () => {
    expect(hasData([fact('a', 0, [0, 0]), fact('b', null, [null, null], { unit: 'percent' })])).toBe(false);
    expect(hasData([fact('a', 0, [0, 0]), fact('b', 1, [1, 0])])).toBe(true);
  });

  it('compares sites for several sites and periods for one', () => {
    expect(viewOf({ sites: SITES })).toBe('group');
    expect(viewOf({ sites: [SITES[0] as { id: string; name: string }] })).toBe('site');
  });
});

describe('group view: per site', () => {
  const data = dto([
    fact('workorders.received', 47, [30, 17]),
    fact('workorders.backlog', 0, [0, 0]),
    fact('hazards.open', 5, [5, 0]),
    fact('maintenance.pm_compliance', null, [null, null], { unit: 'percent' }),
  ]);

  it('draws the chosen facts that have something at some site, in the order asked', () => {
    const bars = siteBars(data, [...SITE_COUNT_KEYS, 'maintenance.pm_compliance']);
    expect(bars.series.map((s) => s.fact.key)).toEqual(['workorders.received', 'hazards.open']);
    expect(bars.series[1]?.values).toEqual([5, 0]);
  });

  it('draws every figure for a few sites and one at a time for many', () => {
    const bars = siteBars(data, SITE_COUNT_KEYS);
    expect(pickFigure(bars, null)).toBe(bars);
    expect(pickFigure(bars, 'hazards.open').series.map((s) => s.fact.key)).toEqual(['hazards.open']);
    // a figure the period does not have falls back to the default
    expect(pickFigure(bars, 'workorders.backlog')).toBe(bars);
    const many = { sites: Array.from({ length: 9 }, (_, i) => ({ id: `s${i}`, name: `店${i}` })), series: bars.series };
    expect(pickFigure(many, null).series.map((s) => s.fact.key)).toEqual(['workorders.received']);
    expect(pickFigure(many, 'all').series).toHaveLength(2);
  });

  it("opens the clicked site's records of the clicked figure", () => {
    const bars = siteBars(data, SITE_COUNT_KEYS);
    // the chart draws the sites bottom-up: the first bar row from the bottom is the last site
    const option = siteBarsOption(bars, 'zh') as { yAxis: { data: string[] }; series: { data: unknown[] }[] };
    expect(option.yAxis.data).toEqual(['沈阳店', '长春店']);
    expect(option.series[0]?.data).toEqual([17, 30]);
    const link = siteBarLink(bars, 1, siteRowIndex(bars, 0));
    expect(link).toBe(`/list/hazards.open?${Q}&siteId=sy`);
    expect(siteBarLink(bars, 5, 0)).toBeNull();
  });
});

describe('breakdowns', () => {
  const facts = [
    fact('workorders.received.category.power', 8, [5, 3], { label: { zh: '强电', en: 'Power' } }),
    fact('workorders.received.category.fire', 0, [0, 0]),
    fact('workorders.received.category.hvac', 12, [6, 6]),
    fact('hazards.found.category.fire_safety', 3, [3, 0], {
      label: { zh: '发现隐患（消防安全）', en: 'Hazards found (Fire safety)' },
    }),
    fact('incidents.type.fire', 0, [0, 0]),
  ];

  it('lists the breakdowns with data and their parts largest first, without the empty ones', () => {
    expect(availableBreakdowns(facts)).toEqual(['workorderCategory', 'hazardCategory']);
    expect(breakdownParts(facts, 'workorderCategory').map((f) => f.key)).toEqual([
      'workorders.received.category.hvac',
      'workorders.received.category.power',
    ]);
  });

  it("names a slice by the part's own name", () => {
    const hazard = facts[3] as SummaryFact;
    expect(partLabel(hazard, 'zh')).toBe('消防安全');
    expect(partLabel(hazard, 'en')).toBe('Fire safety');
    expect(partLabel(facts[0] as SummaryFact, 'zh')).toBe('强电');
  });

  it('draws a slice per part in the order of the parts, so a click finds its fact', () => {
    const parts = breakdownParts(facts, 'workorderCategory');
    const option = breakdownOption(parts, 'en') as { series: { data: { name: string; value: number }[] }[] };
    expect(option.series[0]?.data).toEqual([
      { name: 'workorders.received.category.hvac', value: 12 },
      { name: 'Power', value: 8 },
    ]);
  });
});

describe('site view: against the comparisons', () => {
  const data = dto(
    [
      fact('workorders.received', 47, [47]),
      fact('workorders.backlog', 9, [9], { link: '/work-orders?status=pending%2Cdispatched' }),
      fact('hazards.found', 0, [0]),
      fact('readings.in_band_rate', null, [null], { unit: 'percent' }),
    ],
    { 'workorders.received': 40, 'hazards.found': 0, 'readings.in_band_rate': null },
    { 'workorders.received': null, 'readings.in_band_rate': 98.5 },
  );

  it('keeps the facts with something in any of the three periods', () => {
    const rows = compareRows(data, ['workorders.received', 'workorders.backlog', 'hazards.found', 'readings.in_band_rate', 'unknown']);
    expect(rows.map((r) => [r.fact.key, r.values])).toEqual([
      ['workorders.received', [47, 40, null]],
      ['workorders.backlog', [9, null, null]],
      ['readings.in_band_rate', [null, null, 98.5]],
    ]);
  });

  it("moves a link's period to the previous period and last year", () => {
    const link = `/work-orders?createdFrom=${encodeURIComponent(NOV.from)}&createdTo=${encodeURIComponent(NOV.to)}&channel=qr`;
    expect(shiftLink(link, NOV, OCT)).toBe(
      `/work-orders?createdFrom=${encodeURIComponent(OCT.from)}&createdTo=${encodeURIComponent(OCT.to)}&channel=qr`,
    );
    expect(shiftLink('/drills?from=2026-11-01&to=2026-11-30', NOV, NOV_2025)).toBe('/drills?from=2025-11-01&to=2025-11-30');
    // a link without the period (the backlog now) cannot show another period's records
    expect(shiftLink('/work-orders?status=pending', NOV, OCT)).toBeNull();
  });

  it('opens the records behind the clicked bar of each period', () => {
    const rows = compareRows(data, ['workorders.received', 'workorders.backlog']);
    const option = compareOption(rows, ['本期', '上期', '去年同期'], 'zh') as { yAxis: { data: string[] }; series: { data: unknown[] }[] };
    expect(option.yAxis.data).toEqual(['workorders.backlog', 'workorders.received']);
    expect(option.series.map((s) => s.data)).toEqual([
      [9, 47],
      [null, 40],
      [null, null],
    ]);
    const received = rows[compareRowIndex(rows, 1)] as (typeof rows)[number];
    expect(compareLink(received, 0, data)).toBe(received.fact.link);
    expect(compareLink(received, 1, data)).toBe(
      `/list/workorders.received?from=${encodeURIComponent(OCT.from)}&to=${encodeURIComponent(OCT.to)}`,
    );
    expect(compareLink(received, 2, data)).toBe(
      `/list/workorders.received?from=${encodeURIComponent(NOV_2025.from)}&to=${encodeURIComponent(NOV_2025.to)}`,
    );
    const backlog = rows[compareRowIndex(rows, 0)] as (typeof rows)[number];
    expect(compareLink(backlog, 1, data)).toBeNull();
  });
});
