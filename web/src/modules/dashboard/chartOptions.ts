import { formatFigure } from '../../../../contracts/figures';
import type { SummaryLang } from '../../../../contracts/reports';
import type { SummaryFact } from '../../../../contracts/summary';
import { type CompareRow, labelOf, partLabel, type SiteBars } from './logic';

/**
 * The dashboard's ECharts options, pure (no ECharts import) so they are tested without a
 * browser. Bars run horizontally: site and figure names stay readable at 375 px and the
 * chart grows downwards with the number of sites or figures instead of squeezing bars.
 */

/** 本期 strong, 上期 and 去年同期 paler, so the eye reads the current period first */
export const COMPARE_COLORS = ['#1677ff', '#91caff', '#bfbfbf'] as const;

const BAR = 12;
const GAP = 18;
/** legend and axis */
const FRAME = 64;

/** The bars' value as ECharts draws it: money in yuan, no bar without a basis. */
function barValue(value: number | null, unit: SummaryFact['unit']): number | null {
  if (value === null) return null;
  return unit === 'fen' ? value / 100 : value;
}

/** Height for `groups` rows of `bars` bars each. */
export function barsHeight(groups: number, bars: number): number {
  return Math.max(200, groups * (bars * BAR + GAP) + FRAME);
}

function base(legend: boolean): Record<string, unknown> {
  return {
    animationDuration: 300,
    grid: { left: 8, right: 48, top: legend ? 36 : 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    ...(legend ? { legend: { type: 'scroll', top: 0 } } : {}),
  };
}

/** names on the category axis wrap at a width that leaves the bars room on a phone */
function categoryAxis(names: string[]): Record<string, unknown> {
  return { type: 'category', data: names, axisTick: { show: false }, axisLabel: { width: 96, overflow: 'break' } };
}

function barSeries(name: string, values: (number | null)[], fact: SummaryFact, lang: SummaryLang, color?: string) {
  return {
    type: 'bar',
    name,
    barMaxWidth: BAR,
    data: values.map((v) => barValue(v, fact.unit)),
    label: {
      show: true,
      position: 'right',
      fontSize: 10,
      formatter: (p: { dataIndex: number }) => formatFigure(values[p.dataIndex] ?? null, fact.unit, lang),
    },
    tooltip: { valueFormatter: (_v: unknown, i: number) => formatFigure(values[i] ?? null, fact.unit, lang) },
    ...(color ? { itemStyle: { color } } : {}),
  };
}

/**
 * The group view's bars: one row per site (the first on top), one bar per figure. The
 * caller maps a click (series, row) back to the site's records with siteBarLink.
 */
export function siteBarsOption(bars: SiteBars, lang: SummaryLang): Record<string, unknown> {
  // ECharts draws the first category at the bottom; reversed, the list reads top-down like the site list
  const rows = bars.sites.map((_, i) => bars.sites.length - 1 - i);
  return {
    ...base(bars.series.length > 1),
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: categoryAxis(rows.map((i) => bars.sites[i]?.name ?? '')),
    series: bars.series.map((s) =>
      barSeries(
        labelOf(s.fact, lang),
        rows.map((i) => s.values[i] ?? null),
        s.fact,
        lang,
      ),
    ),
  };
}

/** The row a clicked bar of siteBarsOption stands for (the rows are drawn reversed). */
export function siteRowIndex(bars: SiteBars, dataIndex: number): number {
  return bars.sites.length - 1 - dataIndex;
}

/** The site view's bars: one row per figure, three bars each — 本期, 上期, 去年同期. */
export function compareOption(rows: CompareRow[], seriesNames: [string, string, string], lang: SummaryLang): Record<string, unknown> {
  const order = rows.map((_, i) => rows.length - 1 - i);
  return {
    ...base(true),
    xAxis: { type: 'value' },
    yAxis: categoryAxis(order.map((i) => (rows[i] ? labelOf(rows[i].fact, lang) : ''))),
    series: seriesNames.map((name, s) => ({
      type: 'bar',
      name,
      barMaxWidth: BAR,
      itemStyle: { color: COMPARE_COLORS[s] },
      data: order.map((i) => {
        const row = rows[i];
        return row ? barValue(row.values[s] ?? null, row.fact.unit) : null;
      }),
      label: {
        show: true,
        position: 'right',
        fontSize: 10,
        formatter: (p: { dataIndex: number }) => {
          const row = rows[order[p.dataIndex] ?? -1];
          return row ? formatFigure(row.values[s] ?? null, row.fact.unit, lang) : '';
        },
      },
      tooltip: {
        valueFormatter: (_v: unknown, i: number) => {
          const row = rows[order[i] ?? -1];
          return row ? formatFigure(row.values[s] ?? null, row.fact.unit, lang) : '—';
        },
      },
    })),
  };
}

/** The row a clicked bar of compareOption stands for. */
export function compareRowIndex(rows: CompareRow[], dataIndex: number): number {
  return rows.length - 1 - dataIndex;
}

/** A breakdown as a ring: a slice per part (largest first), its share in the tooltip; a click opens the part's records. */
export function breakdownOption(parts: SummaryFact[], lang: SummaryLang): Record<string, unknown> {
  return {
    animationDuration: 300,
    tooltip: { trigger: 'item', confine: true, formatter: '{b}: {c} ({d}%)' },
    legend: { type: 'scroll', bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['38%', '64%'],
        center: ['50%', '45%'],
        avoidLabelOverlap: true,
        label: { formatter: '{b}\n{c}', fontSize: 11 },
        labelLayout: { hideOverlap: true },
        data: parts.map((f) => ({ name: partLabel(f, lang), value: barValue(f.value, f.unit) })),
      },
    ],
    // on a phone the ring shrinks so that the names beside it fit the width (the root is the base option)
    media: [
      {
        query: { maxWidth: 400 },
        option: { series: [{ radius: ['24%', '42%'], label: { fontSize: 10, alignTo: 'edge', edgeDistance: 4 } }] },
      },
    ],
  };
}
