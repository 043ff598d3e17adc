import { formatFigure } from './figures.js';
import type { ReportFactsDto, SummaryBlock, SummaryLang } from './reports.js';
import type { SummaryFact, SummaryUnit } from './summary.js';

/**
 * The charts of a work summary as ECharts options, shared by the browser (modular
 * ECharts: bar chart with the grid, legend, tooltip and title components) and the
 * server's exports (the same option rendered to an SVG and then a PNG), so that the
 * pictures in the Word and PDF files are the charts people saw on screen. Pure: no
 * ECharts import, no I/O; bar labels carry the figures as formatFigure writes them.
 */

export type SummaryChartBlock = Extract<SummaryBlock, { type: 'chart' }>;

/** the series of a comparison chart, in order: 本期, 上期, 去年同期 */
export const COMPARE_SERIES: Record<SummaryLang, [string, string, string]> = {
  zh: ['本期', '上期', '去年同期'],
  en: ['This period', 'Previous period', 'Same period last year'],
};

/** current period strong, the comparisons paler, so the eye reads 本期 first */
const COMPARE_COLORS = ['#1677ff', '#91caff', '#bfbfbf'] as const;

const NO_DATA: Record<SummaryLang, string> = { zh: '本期无数据', en: 'No data for the period' };

/** The height a bar is drawn at: money in yuan (facts hold fen, the axis would read 100× too much). */
export function chartValue(value: number | null | undefined, unit: SummaryUnit): number | null {
  if (value === null || value === undefined || Number.isNaN(value)) return null;
  return unit === 'fen' ? value / 100 : value;
}

interface Bar {
  value: number | null;
  text: string;
}

/** a bar with its printed figure as the label; null draws no bar (no basis for the figure) */
function barItem(bar: Bar): Record<string, unknown> | null {
  if (bar.value === null) return null;
  return { value: bar.value, label: { formatter: bar.text } };
}

function barSeries(name: string, bars: Bar[], color?: string): Record<string, unknown> {
  return {
    type: 'bar',
    name,
    data: bars.map(barItem),
    barMaxWidth: 44,
    label: { show: true, position: 'top', fontSize: 11 },
    // the tooltip says what the label says (95.2%, ¥1,234.50), not the raw number
    tooltip: { valueFormatter: (_value: unknown, index: number) => bars[index]?.text ?? '—' },
    ...(color ? { itemStyle: { color } } : {}),
  };
}

/** category labels wrap instead of overlapping when many long labels share the axis */
function categoryAxis(names: string[]): Record<string, unknown> {
  const width = Math.max(56, Math.floor(600 / Math.max(1, names.length)) - 12);
  return { type: 'category', data: names, axisTick: { alignWithLabel: true }, axisLabel: { interval: 0, width, overflow: 'break' } };
}

/**
 * Rows the legend takes: a plain legend wraps when its names do not fit one line, and
 * the plot moves down so that the rows do not cover the bars. Estimated from the text
 * (12 px per CJK character, 7 px otherwise, with the symbol and gaps) on a chart about
 * 640 px wide.
 */
function legendRows(names: string[]): number {
  const px = (s: string) => Array.from(s).reduce((a, ch) => a + (/[\u2e80-\uffef]/.test(ch) ? 12 : 7), 0);
  const total = names.reduce((a, n) => a + 25 + 5 + px(n) + 10, 0);
  return Math.max(1, Math.ceil(total / 640));
}

function base(title: string, subtitle: string, legend: string[]): Record<string, unknown> {
  return {
    animation: false,
    title: { text: title, subtext: subtitle, left: 'center', top: 8 },
    legend: { data: legend, top: 62, left: 'center', itemGap: 16 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    // room above the plot for the legend rows and for a label over the tallest bar
    grid: { left: 48, right: 24, top: legend.length ? 90 + 24 * legendRows(legend) : 84, bottom: 40 },
    yAxis: { type: 'value' },
  };
}

function factsOf(block: SummaryChartBlock, data: ReportFactsDto): SummaryFact[] {
  // a key not among the facts (a module the reader may not see) is left out rather than drawn as zero
  return block.keys.map((k) => data.facts.find((f) => f.key === k)).filter((f): f is SummaryFact => f !== undefined);
}

function hasBars(series: Bar[][]): boolean {
  return series.some((bars) => bars.some((b) => b.value !== null));
}

/**
 * `bySite`: a bar group per site of the scope, one series (colour) per figure;
 * `compare`: a bar group per figure with 本期 / 上期 / 去年同期. A figure without a basis
 * draws no bar. Titles, legend names and axis labels are in `lang`.
 */
export function summaryChartOption(block: SummaryChartBlock, data: ReportFactsDto, lang: SummaryLang): Record<string, unknown> {
  const facts = factsOf(block, data);
  const period = data.period.label[lang];
  if (block.kind === 'bySite') {
    const bars = facts.map((f) =>
      data.sites.map((s): Bar => {
        const value = f.bySite?.find((v) => v.siteId === s.id)?.value ?? null;
        return { value: chartValue(value, f.unit), text: formatFigure(value, f.unit, lang) };
      }),
    );
    const names = facts.map((f) => f.label[lang]);
    const subtitle = hasBars(bars) ? period : `${period} · ${NO_DATA[lang]}`;
    return {
      ...base(block.title, subtitle, names),
      xAxis: categoryAxis(data.sites.map((s) => s.name)),
      series: facts.map((f, i) => barSeries(f.label[lang], bars[i] ?? [])),
    };
  }
  const periods = [data.period, data.previous.period, data.lastYear.period];
  const names = COMPARE_SERIES[lang].map((name, i) => {
    const label = periods[i]?.label[lang] ?? '';
    return lang === 'zh' ? `${name}（${label}）` : `${name} (${label})`;
  });
  const columns = [
    (f: SummaryFact) => f.value,
    (f: SummaryFact) => data.previous.values[f.key] ?? null,
    (f: SummaryFact) => data.lastYear.values[f.key] ?? null,
  ];
  const bars = columns.map((read) =>
    facts.map((f): Bar => ({ value: chartValue(read(f), f.unit), text: formatFigure(read(f), f.unit, lang) })),
  );
  const subtitle = hasBars(bars) ? period : `${period} · ${NO_DATA[lang]}`;
  return {
    ...base(block.title, subtitle, names),
    xAxis: categoryAxis(facts.map((f) => f.label[lang])),
    series: names.map((name, i) => barSeries(name, bars[i] ?? [], COMPARE_COLORS[i])),
  };
}
