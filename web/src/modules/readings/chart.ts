import { dayStart } from '../maintenance/format';
import { type Band, hasBand, numberText } from './band';
import type { ConsumptionRow, MeterKind, ReadingChartDto } from './types';

/**
 * What the point chart and the consumption chart draw, built as plain ECharts options so
 * that the drawing rules (band as a shaded area, target line, red points out of band,
 * the min–max envelope of bucketed ranges) are tested without a canvas (chart.test.ts).
 */

export const COLORS = {
  line: '#1677ff',
  out: '#ff4d4f',
  band: 'rgba(82, 196, 26, 0.14)',
  bandEdge: '#52c41a',
  envelope: 'rgba(22, 119, 255, 0.15)',
} as const;

export interface ChartLabels {
  value: string;
  average: string;
  range: string;
  band: string;
  target: string;
  low: string;
  high: string;
  count: string;
  outOfBand: string;
}

export interface ChartOptionInput {
  chart: ReadingChartDto;
  labels: ChartLabels;
  /** an instant as the site's wall clock, for the tooltip */
  formatTime: (iso: string) => string;
}

/** The y range that shows every value and the whole band, with a margin, on round numbers. */
export function yExtent(chart: Pick<ReadingChartDto, 'points' | 'band'>): { min: number; max: number } | null {
  const values = chart.points.flatMap((p) => [p.min, p.max, p.value]);
  for (const v of [chart.band.low, chart.band.high, chart.band.target]) if (v !== null) values.push(v);
  if (!values.length) return null;
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const span = hi - lo || Math.abs(hi) || 1;
  const step = 10 ** Math.floor(Math.log10(span / 4));
  return { min: Math.floor((lo - span * 0.1) / step) * step, max: Math.ceil((hi + span * 0.1) / step) * step };
}

type MarkLineItem = { name: string; yAxis: number; lineStyle: Record<string, unknown>; label: Record<string, unknown> };

/** The band as marks on the value series: an area between two ends, lines for one end and the target. */
function bandMarks(band: Band, labels: ChartLabels) {
  const lines: MarkLineItem[] = [];
  const edge = (name: string, y: number): MarkLineItem => ({
    name,
    yAxis: y,
    lineStyle: { color: COLORS.bandEdge, type: 'dotted', width: 1 },
    label: { formatter: `${name} ${numberText(y)}`, position: 'insideEndTop', color: COLORS.bandEdge },
  });
  const twoEnds = band.low !== null && band.high !== null;
  if (!twoEnds && band.low !== null) lines.push(edge(labels.low, band.low));
  if (!twoEnds && band.high !== null) lines.push(edge(labels.high, band.high));
  if (band.target !== null) {
    lines.push({
      name: labels.target,
      yAxis: band.target,
      lineStyle: { color: COLORS.bandEdge, type: 'dashed', width: 1.5 },
      label: { formatter: `${labels.target} ${numberText(band.target)}`, position: 'insideEndTop', color: COLORS.bandEdge },
    });
  }
  return {
    markArea:
      twoEnds && band.low !== null && band.high !== null
        ? {
            silent: true,
            itemStyle: { color: COLORS.band },
            label: { show: true, position: 'insideTopLeft', color: COLORS.bandEdge, formatter: labels.band },
            data: [[{ name: labels.band, yAxis: band.low }, { yAxis: band.high }]],
          }
        : undefined,
    markLine: lines.length ? { silent: true, symbol: 'none', data: lines } : undefined,
  };
}

/**
 * The point chart: one line of readings (or of bucket averages) over time; points out of
 * band red; the band shaded; bucketed ranges with a min–max envelope behind the line.
 */
export function readingChartOption({ chart, labels, formatTime }: ChartOptionInput) {
  const { points, band, bucketed, unit } = chart;
  const time = (p: { at: string }) => Date.parse(p.at);
  const valueData = points.map((p) => ({
    value: [time(p), p.value],
    itemStyle: { color: p.inBand === false ? COLORS.out : COLORS.line },
    symbolSize: p.inBand === false ? 8 : 5,
  }));
  const marks = hasBand(band) || band.target !== null ? bandMarks(band, labels) : {};
  const extent = yExtent(chart);
  const unitText = unit ? ` ${unit}` : '';

  const series: Record<string, unknown>[] = [];
  if (bucketed) {
    // the envelope is two stacked series: the invisible minimum and, on top of it, max − min filled
    const envelopeLine = { opacity: 0 };
    series.push(
      {
        id: 'envelope-low',
        type: 'line',
        stack: 'envelope',
        symbol: 'none',
        lineStyle: envelopeLine,
        silent: true,
        data: points.map((p) => [time(p), p.min]),
      },
      {
        id: 'envelope-range',
        name: labels.range,
        type: 'line',
        stack: 'envelope',
        symbol: 'none',
        lineStyle: envelopeLine,
        areaStyle: { color: COLORS.envelope },
        itemStyle: { color: COLORS.envelope },
        silent: true,
        data: points.map((p) => [time(p), p.max - p.min]),
      },
    );
  }
  series.push({
    id: 'value',
    name: bucketed ? labels.average : labels.value,
    type: 'line',
    showSymbol: true,
    symbol: 'circle',
    lineStyle: { color: COLORS.line, width: 1.5 },
    itemStyle: { color: COLORS.line },
    data: valueData,
    ...marks,
  });

  const tooltipFormatter = (params: unknown) => {
    const list = (Array.isArray(params) ? params : [params]) as { seriesId?: string; dataIndex: number }[];
    const hit = list.find((p) => p.seriesId === 'value') ?? list[0];
    const p = hit ? points[hit.dataIndex] : undefined;
    if (!p) return '';
    const rows = [formatTime(p.at), `${bucketed ? labels.average : labels.value}: ${numberText(p.value)}${unitText}`];
    if (bucketed) {
      rows.push(`${labels.range}: ${numberText(p.min)} – ${numberText(p.max)}${unitText}`, `${labels.count}: ${p.count}`);
    }
    if (p.inBand === false) rows.push(`<span style="color:${COLORS.out}">${labels.outOfBand}</span>`);
    return rows.join('<br/>');
  };

  return {
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    legend: bucketed ? { top: 0, itemWidth: 14, data: [labels.average, labels.range] } : undefined,
    tooltip: { trigger: 'axis', formatter: tooltipFormatter },
    xAxis: { type: 'time' },
    yAxis: {
      type: 'value',
      name: unit || undefined,
      min: extent?.min,
      max: extent?.max,
      axisLabel: { formatter: (v: number) => numberText(v) },
    },
    series,
  };
}

/** The chart's range presets; `custom` takes first and last day chosen. */
export const RANGE_PRESETS = ['7d', '30d', '90d', 'custom'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
const PRESET_DAYS: Record<Exclude<RangePreset, 'custom'>, number> = { '7d': 7, '30d': 30, '90d': 90 };

/**
 * [from, to) of the chart: the last N days up to `now`, or whole local days of the site's
 * zone for a custom range (the last day included). null while a custom range is not chosen.
 */
export function chartRange(
  preset: RangePreset,
  now: Date,
  custom: [string, string] | null,
  timeZone: string,
): { from: string; to: string } | null {
  if (preset === 'custom') return custom ? { from: dayStart(custom[0], timeZone), to: dayStart(custom[1], timeZone, 1) } : null;
  return { from: new Date(now.getTime() - PRESET_DAYS[preset] * 86_400_000).toISOString(), to: now.toISOString() };
}

export interface ConsumptionGroup {
  meterKind: MeterKind;
  unit: string;
  periods: string[];
  /** one stack part per site, its consumption per period (0 where it had none) */
  sites: { siteId: string; siteName: string; values: number[] }[];
  total: number;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Consumption rows → one group per meter kind and unit (kWh and m³ are never added up),
 * each with every period of the rows (sorted) and a stack part per site.
 */
export function consumptionGroups(rows: ConsumptionRow[], kindOrder: readonly MeterKind[]): ConsumptionGroup[] {
  const byKey = new Map<string, ConsumptionRow[]>();
  for (const r of rows) {
    const key = `${r.meterKind}\u0000${r.unit}`;
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  const groups = [...byKey.values()].map((list): ConsumptionGroup => {
    const first = list[0] as ConsumptionRow;
    const periods = [...new Set(list.map((r) => r.period))].sort();
    const siteIds = [...new Set(list.map((r) => r.siteId))];
    const sites = siteIds.map((siteId) => {
      const own = list.filter((r) => r.siteId === siteId);
      return {
        siteId,
        siteName: own[0]?.siteName ?? '',
        values: periods.map((period) => round3(own.filter((r) => r.period === period).reduce((s, r) => s + r.consumption, 0))),
      };
    });
    sites.sort((a, b) => a.siteName.localeCompare(b.siteName, 'zh-CN'));
    return { meterKind: first.meterKind, unit: first.unit, periods, sites, total: round3(list.reduce((s, r) => s + r.consumption, 0)) };
  });
  const order = (k: MeterKind) => {
    const i = kindOrder.indexOf(k);
    return i < 0 ? kindOrder.length : i;
  };
  return groups.sort((a, b) => order(a.meterKind) - order(b.meterKind) || a.unit.localeCompare(b.unit));
}

/** A meter kind's stacked bars: periods along the bottom, one stack part per site. */
export function consumptionChartOption(group: ConsumptionGroup) {
  return {
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, itemWidth: 14, type: 'scroll' },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: group.periods },
    yAxis: { type: 'value', name: group.unit || undefined },
    series: group.sites.map((s) => ({ name: s.siteName, type: 'bar', stack: 'sites', barMaxWidth: 28, data: s.values })),
  };
}

/** A group's key among the table's columns. */
export const groupKey = (g: Pick<ConsumptionGroup, 'meterKind' | 'unit'>) => `${g.meterKind}:${g.unit}`;

export interface ConsumptionTableRow {
  key: string;
  period: string;
  siteId: string;
  siteName: string;
  /** by groupKey; absent where the site had no meter of that kind */
  values: Record<string, number>;
}

/** The table under the charts: one row per period and site, one column per meter kind (and unit). */
export function consumptionTable(rows: ConsumptionRow[]): ConsumptionTableRow[] {
  const out = new Map<string, ConsumptionTableRow>();
  for (const r of rows) {
    const key = `${r.period}|${r.siteId}`;
    const row = out.get(key) ?? { key, period: r.period, siteId: r.siteId, siteName: r.siteName, values: {} };
    const k = groupKey(r);
    row.values[k] = round3((row.values[k] ?? 0) + r.consumption);
    out.set(key, row);
  }
  return [...out.values()].sort((a, b) => a.period.localeCompare(b.period) || a.siteName.localeCompare(b.siteName, 'zh-CN'));
}
