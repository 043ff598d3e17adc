import { describe, expect, it } from 'vitest';
import { COMPARE_SERIES, chartValue, type SummaryChartBlock, summaryChartOption } from './charts.js';
import type { ReportFactsDto, ResolvedPeriod } from './reports.js';
import type { SummaryFact } from './summary.js';

interface BarItem {
  value: number;
  label: { formatter: string };
}
interface Series {
  type: string;
  name: string;
  data: (BarItem | null)[];
  tooltip: { valueFormatter: (value: unknown, index: number) => string };
  itemStyle?: { color: string };
}
interface Option {
  animation: boolean;
  title: { text: string; subtext: string };
  legend: { data: string[] };
  xAxis: { type: string; data: string[] };
  yAxis: { type: string };
  series: Series[];
}

const CHANGCHUN = { id: 'site-cc', name: '长春店' };
const SHENYANG = { id: 'site-sy', name: '沈阳店' };

const fact = (
  key: string,
  zh: string,
  en: string,
  unit: SummaryFact['unit'],
  [cc, sy, total]: [number | null, number | null, number | null],
): SummaryFact => ({
  key,
  label: { zh, en },
  value: total,
  unit,
  bySite: [
    { siteId: CHANGCHUN.id, siteName: CHANGCHUN.name, value: cc },
    { siteId: SHENYANG.id, siteName: SHENYANG.name, value: sy },
  ],
  link: `/x?key=${key}`,
});
const period = (zh: string, en: string): ResolvedPeriod => ({
  kind: 'quarter',
  from: '',
  to: '',
  startDate: '',
  endDate: '',
  label: { zh, en },
});

const facts: ReportFactsDto = {
  period: period('2026年第三季度', 'Q3 2026'),
  sites: [CHANGCHUN, SHENYANG],
  departmentId: null,
  generatedAt: '2026-10-08T01:30:00.000Z',
  modules: [],
  facts: [
    fact('workorders.received', '报修总数', 'Requests received', 'count', [812, 436, 1248]),
    fact('workorders.completed', '完工数', 'Repairs finished', 'count', [790, 421, 1211]),
    fact('workorders.timelyRepairRate', '维修及时率', 'Timely-repair rate', 'percent', [96.3, 94.8, 95.8]),
    fact('workorders.mttr', '平均修复时间（MTTR）', 'Mean time to repair (MTTR)', 'hours', [3.4, 4.1, 3.6]),
    fact('projects.actualCost', '项目实际费用', 'Project actual cost', 'fen', [12834050, 4620000, 17454050]),
  ],
  previous: {
    period: period('2026年第二季度', 'Q2 2026'),
    values: { 'workorders.received': 1190, 'workorders.timelyRepairRate': 94.1, 'workorders.mttr': 3.9 },
  },
  lastYear: {
    period: period('2025年第三季度', 'Q3 2025'),
    values: { 'workorders.received': 1302, 'workorders.timelyRepairRate': 92.7, 'workorders.mttr': null },
  },
};
const option = (block: SummaryChartBlock, lang: 'zh' | 'en' = 'zh') => summaryChartOption(block, facts, lang) as unknown as Option;
const bars = (s: Series | undefined) => s?.data.map((d) => (d ? [d.value, d.label.formatter] : null));

describe('summary chart option: by site', () => {
  const block: SummaryChartBlock = {
    type: 'chart',
    title: '各店报修与完工',
    keys: ['workorders.received', 'workorders.completed'],
    kind: 'bySite',
  };

  it('draws a bar group per site and a series per figure, labelled with the printed figure', () => {
    const o = option(block);
    expect(o.animation).toBe(false);
    expect(o.title).toMatchObject({ text: '各店报修与完工', subtext: '2026年第三季度' });
    expect(o.xAxis).toMatchObject({ type: 'category', data: [CHANGCHUN.name, SHENYANG.name] });
    expect(o.yAxis.type).toBe('value');
    expect(o.legend.data).toEqual(['报修总数', '完工数']);
    expect(o.series.map((s) => [s.type, s.name])).toEqual([
      ['bar', '报修总数'],
      ['bar', '完工数'],
    ]);
    expect(bars(o.series[0])).toEqual([
      [812, '812'],
      [436, '436'],
    ]);
    expect(bars(o.series[1])).toEqual([
      [790, '790'],
      [421, '421'],
    ]);
  });

  it('draws money in yuan, labelled as the text prints it', () => {
    const o = option({ ...block, keys: ['projects.actualCost'] });
    expect(bars(o.series[0])).toEqual([
      [128340.5, '¥128,340.50'],
      [46200, '¥46,200.00'],
    ]);
    expect(o.series[0]?.tooltip.valueFormatter(128340.5, 0)).toBe('¥128,340.50');
  });

  it('writes names and titles in English', () => {
    const o = option({ ...block, title: 'Requests and repairs by store' }, 'en');
    expect(o.title).toMatchObject({ text: 'Requests and repairs by store', subtext: 'Q3 2026' });
    expect(o.legend.data).toEqual(['Requests received', 'Repairs finished']);
  });

  it('leaves out keys that are not among the facts and says when nothing has a basis', () => {
    const o = option({ ...block, keys: ['nowhere.figure', 'workorders.completed'] });
    expect(o.series.map((s) => s.name)).toEqual(['完工数']);
    const empty = option({ ...block, keys: ['nowhere.figure'] });
    expect(empty.series).toEqual([]);
    expect(empty.title.subtext).toBe('2026年第三季度 · 本期无数据');
  });
});

describe('summary chart option: against the comparisons', () => {
  const block: SummaryChartBlock = {
    type: 'chart',
    title: '主要指标与上期、去年同期对比',
    keys: ['workorders.timelyRepairRate', 'workorders.mttr'],
    kind: 'compare',
  };

  it('draws 本期, 上期 and 去年同期 per figure, with the periods in the legend', () => {
    const o = option(block);
    expect(o.xAxis.data).toEqual(['维修及时率', '平均修复时间（MTTR）']);
    expect(o.legend.data).toEqual(['本期（2026年第三季度）', '上期（2026年第二季度）', '去年同期（2025年第三季度）']);
    expect(o.series.map((s) => s.name)).toEqual(o.legend.data);
    expect(bars(o.series[0])).toEqual([
      [95.8, '95.8%'],
      [3.6, '3.6小时'],
    ]);
    expect(bars(o.series[1])).toEqual([
      [94.1, '94.1%'],
      [3.9, '3.9小时'],
    ]);
    // the MTTR of the same quarter last year has no basis: no bar, not a zero
    expect(bars(o.series[2])).toEqual([[92.7, '92.7%'], null]);
    expect(o.series[2]?.tooltip.valueFormatter(null, 1)).toBe('—');
    // the current period stands out from the comparisons
    expect(new Set(o.series.map((s) => s.itemStyle?.color)).size).toBe(3);
  });

  it('names the series in English', () => {
    const o = option(block, 'en');
    expect(o.series.map((s) => s.name)).toEqual([
      `${COMPARE_SERIES.en[0]} (Q3 2026)`,
      `${COMPARE_SERIES.en[1]} (Q2 2026)`,
      `${COMPARE_SERIES.en[2]} (Q3 2025)`,
    ]);
    expect(o.xAxis.data).toEqual(['Timely-repair rate', 'Mean time to repair (MTTR)']);
  });

  it('says when no figure has a basis in any period', () => {
    const none = {
      ...facts,
      facts: facts.facts.map((f) => (f.key === 'workorders.mttr' ? { ...f, value: null } : f)),
      previous: { ...facts.previous, values: { 'workorders.mttr': null } },
      lastYear: { ...facts.lastYear, values: {} },
    };
    const o = summaryChartOption({ ...block, keys: ['workorders.mttr'] }, none, 'zh') as unknown as Option;
    expect(o.series.every((s) => s.data.every((d) => d === null))).toBe(true);
    expect(o.title.subtext).toBe('2026年第三季度 · 本期无数据');
  });
});

describe('chart values', () => {
  it('turns fen into yuan and keeps other units', () => {
    expect(chartValue(12345, 'fen')).toBe(123.45);
    expect(chartValue(95.5, 'percent')).toBe(95.5);
    expect(chartValue(null, 'count')).toBeNull();
    expect(chartValue(undefined, 'hours')).toBeNull();
  });
});
