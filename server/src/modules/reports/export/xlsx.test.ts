import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { CHANGCHUN, fixtureExport, SHENYANG } from './fixture.js';
import { summaryFactsXlsx } from './xlsx.js';

async function read(buffer: Buffer) {
  const wb = new ExcelJS.Workbook();
  // exceljs' typing predates Node's generic Buffer
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}
/** a row's cell values, empty cells as null */
const values = (row: ExcelJS.Row) => Array.from({ length: row.cellCount }, (_, i) => row.getCell(i + 1).value);
/** rows of a sheet keyed by the text of a column */
function rowsBy(ws: ExcelJS.Worksheet, col: number): Map<string, ExcelJS.Row> {
  const out = new Map<string, ExcelJS.Row>();
  ws.eachRow((row, n) => {
    if (n > 1) out.set(String(row.getCell(col).value), row);
  });
  return out;
}

describe('summary figures as Excel', () => {
  it('lists every fact with total, each site, comparisons, changes, formula and link', async () => {
    const input = fixtureExport('zh');
    const wb = await read(await summaryFactsXlsx(input));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['数据', '说明']);
    const ws = wb.getWorksheet('数据') as ExcelJS.Worksheet;
    expect(values(ws.getRow(1))).toEqual([
      '模块',
      '键',
      '指标',
      '单位',
      '合计',
      CHANGCHUN.name,
      SHENYANG.name,
      '上期',
      '去年同期',
      '较上期',
      '较去年同期',
      '计算方法',
      '链接',
    ]);
    expect(ws.rowCount - 1).toBe(input.facts.facts.length);
    const rows = rowsBy(ws, 2);
    expect(new Set(rows.keys())).toEqual(new Set(input.facts.facts.map((f) => f.key)));

    const received = values(rows.get('workorders.received') as ExcelJS.Row);
    expect(received.slice(0, 11)).toEqual([
      '报修与维修',
      'workorders.received',
      '报修总数',
      '数量',
      1248,
      812,
      436,
      1190,
      1302,
      '增长4.9%',
      '下降4.1%',
    ]);
    expect(received[11]).toBe('报修时间在期间内的工单数（含已取消）');
    expect(received[12]).toMatch(/^\/work-orders\?createdFrom=/);

    // a rate without a basis last year: an empty cell, and the change says so
    const mttr = rows.get('workorders.mttr') as ExcelJS.Row;
    expect(values(mttr).slice(3, 11)).toEqual(['小时', 3.6, 3.4, 4.1, 3.9, null, '下降7.7%', '无可比数据']);
    expect(mttr.getCell(5).numFmt).toBe('#,##0.0');

    // money in yuan, formatted as money; rates formatted with a percent sign
    const cost = rows.get('projects.actualCost') as ExcelJS.Row;
    expect(values(cost).slice(3, 9)).toEqual(['元', 174540.5, 128340.5, 46200, 215000, null]);
    expect(cost.getCell(5).numFmt).toBe('"¥"#,##0.00');
    const rate = rows.get('workorders.timelyRepairRate') as ExcelJS.Row;
    expect(values(rate).slice(4, 11)).toEqual([95.8, 96.3, 94.8, 94.1, 92.7, '提高1.7个百分点', '提高3.1个百分点']);
    expect(rate.getCell(5).numFmt).toBe('0.0"%"');

    // in the summary's module order
    expect([...rows.keys()].slice(0, 3)).toEqual(['workorders.received', 'workorders.completed', 'workorders.received.category.plumbing']);
  });

  it('describes scope, periods and version on the second sheet', async () => {
    const wb = await read(await summaryFactsXlsx(fixtureExport('zh')));
    const about = rowsBy(wb.getWorksheet('说明') as ExcelJS.Worksheet, 1);
    const v = (k: string) => about.get(k)?.getCell(2).value;
    expect(v('编号')).toBe('ZJ-20261008-0001');
    expect(v('版本')).toBe('第 3 版');
    expect(v('状态')).toBe('已审批');
    expect(v('期间')).toBe('2026年第三季度（2026-07-01 至 2026-09-30）');
    expect(v('上期')).toBe('2026年第二季度（2026-04-01 至 2026-06-30）');
    expect(v('去年同期')).toBe('2025年第三季度（2025-07-01 至 2025-09-30）');
    expect(v('场所')).toBe('长春店、沈阳店');
    expect(v('数据生成时间')).toBe('2026-10-08 09:30');
    expect(v('导出时间')).toBe('2026-10-12 14:45');
  });

  it('writes English headers and labels, and clickable links when the public address is known', async () => {
    const input = { ...fixtureExport('en'), publicUrl: 'https://houqin.example.com/' };
    const wb = await read(await summaryFactsXlsx(input));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Data', 'About']);
    const ws = wb.getWorksheet('Data') as ExcelJS.Worksheet;
    expect(values(ws.getRow(1))).toEqual([
      'Module',
      'Key',
      'Figure',
      'Unit',
      'Total',
      CHANGCHUN.name,
      SHENYANG.name,
      'Previous period',
      'Same period last year',
      'vs previous',
      'vs last year',
      'How it is computed',
      'Link',
    ]);
    const mttr = rowsBy(ws, 2).get('workorders.mttr') as ExcelJS.Row;
    expect(values(mttr).slice(0, 11)).toEqual([
      'Repairs',
      'workorders.mttr',
      'Mean time to repair (MTTR)',
      'hours',
      3.6,
      3.4,
      4.1,
      3.9,
      null,
      'down 7.7%',
      'no comparable data',
    ]);
    const link = mttr.getCell(13).value as ExcelJS.CellHyperlinkValue;
    expect(link.hyperlink).toBe(`https://houqin.example.com${input.facts.facts.find((f) => f.key === 'workorders.mttr')?.link}`);
    const about = rowsBy(wb.getWorksheet('About') as ExcelJS.Worksheet, 1);
    expect(about.get('Period')?.getCell(2).value).toBe('Q3 2026 (2026-07-01 to 2026-09-30)');
    expect(about.get('Status')?.getCell(2).value).toBe('Approved');
  });
});
