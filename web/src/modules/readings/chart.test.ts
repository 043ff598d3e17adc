import { describe, expect, it } from 'vitest';
import { COLORS, chartRange, consumptionChartOption, consumptionGroups, consumptionTable, readingChartOption, yExtent } from './chart';
import type { ConsumptionRow, ReadingChartDto } from './types';

const labels = {
  value: '读数',
  average: '平均值',
  range: '最小–最大',
  band: '允许范围',
  target: '目标',
  low: '下限',
  high: '上限',
  count: '读数条数',
  outOfBand: '超出范围',
};

const chart = (over: Partial<ReadingChartDto> = {}): ReadingChartDto => ({
  pointId: 'p1',
  unit: '°C',
  from: '2025-06-01T00:00:00.000Z',
  to: '2025-06-02T00:00:00.000Z',
  band: { low: 23, high: 25, target: 24 },
  bucketed: false,
  points: [
    { at: '2025-06-01T01:00:00.000Z', value: 24.2, min: 24.2, max: 24.2, count: 1, inBand: true },
    { at: '2025-06-01T07:00:00.000Z', value: 26.1, min: 26.1, max: 26.1, count: 1, inBand: false },
  ],
  ...over,
});

type Series = {
  id: string;
  data: unknown[];
  markArea?: { data: { yAxis: number }[][] };
  markLine?: { data: { name: string; yAxis: number }[] };
  stack?: string;
};
const seriesOf = (option: ReturnType<typeof readingChartOption>) => option.series as Series[];
const valueSeries = (option: ReturnType<typeof readingChartOption>) => seriesOf(option).find((s) => s.id === 'value') as Series;

describe('reading chart option', () => {
  it('shades the band, draws the target and paints out-of-band points red', () => {
    const option = readingChartOption({ chart: chart(), labels, formatTime: (iso) => iso });
    const value = valueSeries(option);
    expect(seriesOf(option)).toHaveLength(1);
    expect(value.markArea?.data).toEqual([[{ name: '允许范围', yAxis: 23 }, { yAxis: 25 }]]);
    expect(value.markLine?.data.map((l) => [l.name, l.yAxis])).toEqual([['目标', 24]]);
    const colors = (value.data as { itemStyle: { color: string } }[]).map((d) => d.itemStyle.color);
    expect(colors).toEqual([COLORS.line, COLORS.out]);
    expect((value.data[0] as { value: number[] }).value).toEqual([Date.parse('2025-06-01T01:00:00.000Z'), 24.2]);
  });

  it('draws one open end as a line instead of an area', () => {
    const option = readingChartOption({
      chart: chart({ band: { low: null, high: -18, target: null } }),
      labels,
      formatTime: (iso) => iso,
    });
    const value = valueSeries(option);
    expect(value.markArea).toBeUndefined();
    expect(value.markLine?.data.map((l) => [l.name, l.yAxis])).toEqual([['上限', -18]]);
  });

  it('draws no marks for a meter without a band', () => {
    const option = readingChartOption({
      chart: chart({ band: { low: null, high: null, target: null } }),
      labels,
      formatTime: (iso) => iso,
    });
    expect(valueSeries(option).markArea).toBeUndefined();
    expect(valueSeries(option).markLine).toBeUndefined();
  });

  it('puts a min–max envelope behind the averages of a bucketed range', () => {
    const bucketed = chart({
      bucketed: true,
      points: [
        { at: '2025-06-01T00:00:00.000Z', value: 24, min: 23.5, max: 24.8, count: 12, inBand: true },
        { at: '2025-06-01T12:00:00.000Z', value: 24.6, min: 23.9, max: 25.7, count: 12, inBand: false },
      ],
    });
    const option = readingChartOption({ chart: bucketed, labels, formatTime: () => '06-01 08:00' });
    const [low, range, value] = seriesOf(option);
    expect(low?.id).toBe('envelope-low');
    expect(low?.data).toEqual([
      [Date.parse('2025-06-01T00:00:00.000Z'), 23.5],
      [Date.parse('2025-06-01T12:00:00.000Z'), 23.9],
    ]);
    expect(range?.stack).toBe('envelope');
    expect(((range?.data ?? []) as number[][]).map((d) => Math.round((d[1] as number) * 10) / 10)).toEqual([1.3, 1.8]);
    expect(value?.id).toBe('value');
    const tip = (option.tooltip.formatter as (p: unknown) => string)([{ seriesId: 'value', dataIndex: 1 }]);
    expect(tip).toContain('06-01 08:00');
    expect(tip).toContain('平均值: 24.6 °C');
    expect(tip).toContain('最小–最大: 23.9 – 25.7 °C');
    expect(tip).toContain('读数条数: 12');
    expect(tip).toContain('超出范围');
  });

  it('widens the value axis to show the whole band as well as the values', () => {
    const extent = yExtent({
      points: [{ at: 'x', value: 24.2, min: 24.2, max: 24.4, count: 1, inBand: true }],
      band: { low: 23, high: 25, target: 24 },
    });
    expect(extent?.min).toBeLessThanOrEqual(23);
    expect(extent?.max).toBeGreaterThanOrEqual(25);
    expect(yExtent({ points: [], band: { low: null, high: null, target: null } })).toBeNull();
  });
});

describe('chart range', () => {
  const now = new Date('2025-06-30T04:00:00.000Z');
  it('counts the last N days back from now', () => {
    expect(chartRange('7d', now, null, 'Asia/Shanghai')).toEqual({ from: '2025-06-23T04:00:00.000Z', to: '2025-06-30T04:00:00.000Z' });
    expect(chartRange('90d', now, null, 'Asia/Shanghai')?.from).toBe('2025-04-01T04:00:00.000Z');
  });
  it('takes whole local days of the site for a custom range, the last day included', () => {
    expect(chartRange('custom', now, ['2025-06-01', '2025-06-10'], 'Asia/Shanghai')).toEqual({
      from: '2025-05-31T16:00:00.000Z',
      to: '2025-06-10T16:00:00.000Z',
    });
    expect(chartRange('custom', now, null, 'Asia/Shanghai')).toBeNull();
  });
});

describe('consumption groups', () => {
  const row = (over: Partial<ConsumptionRow>): ConsumptionRow => ({
    siteId: 'cc',
    siteName: '长春店',
    meterKind: 'electricity',
    unit: 'kWh',
    period: '2025-06-01',
    consumption: 0,
    ...over,
  });

  it('groups by meter kind and unit, fills missing periods with 0 and stacks sites', () => {
    const groups = consumptionGroups(
      [
        row({ meterKind: 'water', unit: 'm³', period: '2025-06-02', consumption: 3.5 }),
        row({ period: '2025-06-02', consumption: 120.4 }),
        row({ period: '2025-06-01', consumption: 100 }),
        row({ siteId: 'sy', siteName: '沈阳店', period: '2025-06-02', consumption: 80.2 }),
      ],
      ['electricity', 'water', 'gas', 'heat', 'other'],
    );
    expect(groups.map((g) => [g.meterKind, g.unit, g.total])).toEqual([
      ['electricity', 'kWh', 300.6],
      ['water', 'm³', 3.5],
    ]);
    const electricity = groups[0];
    expect(electricity?.periods).toEqual(['2025-06-01', '2025-06-02']);
    expect(electricity?.sites).toEqual([
      { siteId: 'sy', siteName: '沈阳店', values: [0, 80.2] },
      { siteId: 'cc', siteName: '长春店', values: [100, 120.4] },
    ]);
    const option = consumptionChartOption(electricity as (typeof groups)[number]);
    expect(option.series.map((s) => [s.name, s.stack, s.data])).toEqual([
      ['沈阳店', 'sites', [0, 80.2]],
      ['长春店', 'sites', [100, 120.4]],
    ]);
    expect(option.xAxis.data).toEqual(['2025-06-01', '2025-06-02']);
  });

  it('keeps kWh and MWh apart even for the same kind', () => {
    const groups = consumptionGroups([row({ consumption: 1 }), row({ unit: 'MWh', consumption: 2 })], ['electricity']);
    expect(groups.map((g) => [g.unit, g.total]).sort()).toEqual([
      ['MWh', 2],
      ['kWh', 1],
    ]);
  });

  it('tables one row per period and site with a column per kind and unit', () => {
    const table = consumptionTable([
      row({ period: '2025-06', consumption: 100 }),
      row({ period: '2025-06', meterKind: 'water', unit: 'm³', consumption: 4 }),
      row({ period: '2025-05', consumption: 90.5 }),
      row({ period: '2025-05', consumption: 0.25 }),
    ]);
    expect(table.map((r) => [r.period, r.siteName, r.values])).toEqual([
      ['2025-05', '长春店', { 'electricity:kWh': 90.75 }],
      ['2025-06', '长春店', { 'electricity:kWh': 100, 'water:m³': 4 }],
    ]);
  });
});
