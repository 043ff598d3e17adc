import { describe, expect, it } from 'vitest';
import type { ReportFactsDto } from '../../../../../contracts/reports.js';
import { figureTables, fitColumns, MAX_SITE_COLUMNS, units } from './content.js';
import { fixtureFacts } from './fixture.js';

const block = { type: 'table' as const, title: '表1 报修', keys: ['workorders.received', 'hazards.found', 'nowhere.figure'] };

describe('figure tables', () => {
  it('has a column per site when the scope has several, and leaves out unknown keys', () => {
    const [table, ...more] = figureTables(block, fixtureFacts(), 'zh');
    expect(more).toEqual([]);
    expect(table?.columns.map((c) => c.title)).toEqual(['指标', '长春店', '沈阳店', '合计', '上期', '去年同期', '较上期', '较去年同期']);
    expect(table?.rows).toEqual([
      ['报修总数', '812', '436', '1,248', '1,190', '1,302', '增长4.9%', '下降4.1%'],
      // no rate of change from zero
      ['发现隐患', '311', '149', '460', '402', '0', '增长14.4%', '无可比数据'],
    ]);
  });

  it('has no site columns for one site', () => {
    const facts = fixtureFacts();
    const one: ReportFactsDto = { ...facts, sites: facts.sites.slice(0, 1) };
    const [table] = figureTables(block, one, 'en');
    expect(table?.columns.map((c) => c.title)).toEqual(['Figure', 'Total', 'Previous', 'Last year', 'vs previous', 'vs last year']);
  });

  it('moves many sites to tables of their own', () => {
    const facts = fixtureFacts();
    const sites = Array.from({ length: 8 }, (_, i) => ({ id: `s${i}`, name: `${i + 1}号店` }));
    const many: ReportFactsDto = {
      ...facts,
      sites,
      facts: facts.facts.map((f) => ({ ...f, bySite: sites.map((s, i) => ({ siteId: s.id, siteName: s.name, value: i })) })),
    };
    const tables = figureTables(block, many, 'zh');
    expect(sites.length).toBeGreaterThan(MAX_SITE_COLUMNS);
    expect(tables.map((t) => t.title)).toEqual(['表1 报修', '表1 报修（分场所）', '表1 报修（分场所）']);
    expect(tables[0]?.columns.map((c) => c.title)).toEqual(['指标', '合计', '上期', '去年同期', '较上期', '较去年同期']);
    expect(tables[1]?.columns.map((c) => c.title)).toEqual(['指标', '1号店', '2号店', '3号店', '4号店', '5号店', '6号店']);
    expect(tables[2]?.rows[0]).toEqual(['报修总数', '6', '7']);
  });

  it('says so when none of the keys are among the facts', () => {
    const [table] = figureTables({ ...block, keys: ['nowhere.figure'] }, fixtureFacts(), 'zh');
    expect(table?.rows).toEqual([]);
    expect(table?.empty).toBe('（本表的指标不在本期数据中）');
  });
});

describe('column widths', () => {
  const columns = [
    { title: 'label', align: 'left' as const, wrap: true },
    { title: 'figure', align: 'right' as const, wrap: false },
    { title: 'change', align: 'right' as const, wrap: true },
  ];

  it('shares spare room in proportion when everything fits', () => {
    expect(fitColumns(columns, [20, 10, 10], [5, 10, 5], 80)).toEqual([40, 20, 20]);
  });

  it('keeps figures whole and narrows the wrapping columns, never below their longest word', () => {
    const w = fitColumns(columns, [60, 30, 40], [20, 30, 10], 100) as number[];
    expect(w[1]).toBe(30);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(100);
    expect(w[0]).toBeGreaterThanOrEqual(20);
    expect(w[2]).toBeGreaterThanOrEqual(10);
  });

  it('gives up when even the longest words do not fit', () => {
    expect(fitColumns(columns, [60, 50, 40], [40, 50, 30], 100)).toBeNull();
  });
});

describe('line-break units', () => {
  it('keeps figures, words and the punctuation around them together', () => {
    expect(units('报修1,248单，较上期增长4.9%。')).toEqual(['报', '修', '1,248', '单，', '较', '上', '期', '增', '长', '4.9%。']);
    expect(units('平均修复时间（MTTR）')).toEqual(['平', '均', '修', '复', '时', '间', '（MTTR）']);
    expect(units('up 4.9% on “last”')).toEqual(['up', ' ', '4.9%', ' ', 'on', ' ', '“last”']);
  });
});
