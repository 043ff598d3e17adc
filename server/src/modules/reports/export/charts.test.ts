import { beforeAll, describe, expect, it } from 'vitest';
import type { SummaryChartBlock } from '../../../../../contracts/charts.js';
import { CHART_SIZE, chartPng, chartSvg } from './charts.js';
import { fixtureFacts } from './fixture.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** width and height from the PNG's IHDR chunk */
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

const facts = fixtureFacts();
const bySite: SummaryChartBlock = {
  type: 'chart',
  title: '各店报修与完工',
  keys: ['workorders.received', 'workorders.completed'],
  kind: 'bySite',
};
const compare: SummaryChartBlock = {
  type: 'chart',
  title: '主要指标与上期、去年同期对比',
  keys: ['workorders.timelyRepairRate', 'maintenance.compliance', 'hazards.rectification_rate'],
  kind: 'compare',
};

describe('chart pictures', () => {
  const png: { zh?: Buffer; en?: Buffer } = {};
  // rasterising takes a second or more on a busy two-core machine: once per language, with room
  beforeAll(() => {
    png.zh = chartPng(compare, facts, 'zh');
    png.en = chartPng({ ...compare, title: 'Key rates against the comparisons' }, facts, 'en');
  }, 60_000);

  it('renders the ECharts option to an SVG with the Chinese names and the bar labels', () => {
    const svg = chartSvg(bySite, facts, 'zh');
    expect(svg.startsWith('<svg')).toBe(true);
    for (const text of ['各店报修与完工', '2026年第三季度', '长春店', '沈阳店', '报修总数', '完工数', '812', '436', '790', '421']) {
      expect(svg).toContain(text);
    }
  });

  it('rasterises to a PNG twice the chart size', () => {
    expect(png.zh?.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(png.zh && pngSize(png.zh)).toEqual({ width: CHART_SIZE.width * 2, height: CHART_SIZE.height * 2 });
  });

  it('renders the English names', () => {
    const svg = chartSvg({ ...compare, title: 'Key rates against the comparisons' }, facts, 'en');
    for (const text of [
      'Key rates against the comparisons',
      'This period (Q3 2026)',
      'Same period last year (Q3 2025)',
      'Timely-repair rate',
      '95.8%',
    ]) {
      expect(svg).toContain(text);
    }
    expect(png.en?.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  });

  it('draws no bar for a figure without a basis (the rectification rate of last year)', () => {
    const svg = chartSvg({ ...compare, keys: ['hazards.rectification_rate'] }, facts, 'zh');
    expect(svg).toContain('100%');
    expect(svg).toContain('98.5%');
    expect(svg).not.toContain('—');
  });
});
