import ExcelJS from 'exceljs';
import { chartValue } from '../../../../../contracts/charts.js';
import { formatChange } from '../../../../../contracts/figures.js';
import type { SummaryLang } from '../../../../../contracts/reports.js';
import type { SummaryFact, SummaryUnit } from '../../../../../contracts/summary.js';
import { exportTime, STATUS_LABELS, UNIT_NAMES } from './content.js';
import type { SummaryExportInput } from './index.js';

/**
 * The figures of a summary version as a workbook: sheet 数据 with every fact (total,
 * each site, the comparisons and changes, how it is computed and where its records are
 * listed) and sheet 说明 with the scope, the periods and the version. Cells hold numbers
 * (money in yuan) formatted like the document prints them, so the sheet can be
 * recomputed; the changes are the same words as in the text.
 */

const HEAD = {
  zh: {
    data: '数据',
    about: '说明',
    module: '模块',
    key: '键',
    label: '指标',
    unit: '单位',
    total: '合计',
    previous: '上期',
    lastYear: '去年同期',
    vsPrevious: '较上期',
    vsLastYear: '较去年同期',
    formula: '计算方法',
    link: '链接',
    noComparison: '无可比数据',
    item: '项目',
    value: '内容',
  },
  en: {
    data: 'Data',
    about: 'About',
    module: 'Module',
    key: 'Key',
    label: 'Figure',
    unit: 'Unit',
    total: 'Total',
    previous: 'Previous period',
    lastYear: 'Same period last year',
    vsPrevious: 'vs previous',
    vsLastYear: 'vs last year',
    formula: 'How it is computed',
    link: 'Link',
    noComparison: 'no comparable data',
    item: 'Item',
    value: 'Value',
  },
} as const;

const NUMBER_FORMATS: Record<SummaryUnit, string> = {
  count: '#,##0',
  percent: '0.0"%"',
  hours: '#,##0.0',
  minutes: '#,##0.0',
  fen: '"¥"#,##0.00',
  score: '0.00',
  ratio: '0.0',
  quantity: '#,##0.0',
};

/** the facts in the summary's order: by module as the dashboard lists them, then any left over */
function ordered(input: SummaryExportInput): { fact: SummaryFact; module: string }[] {
  const { facts, lang } = input;
  const byKey = new Map(facts.facts.map((f) => [f.key, f]));
  const out: { fact: SummaryFact; module: string }[] = [];
  const seen = new Set<string>();
  for (const m of facts.modules) {
    for (const key of m.keys) {
      const fact = byKey.get(key);
      if (!fact || seen.has(key)) continue;
      seen.add(key);
      out.push({ fact, module: m.label[lang] });
    }
  }
  for (const fact of facts.facts) if (!seen.has(fact.key)) out.push({ fact, module: fact.key.split('.')[0] ?? '' });
  return out;
}

function dataSheet(wb: ExcelJS.Workbook, input: SummaryExportInput): void {
  const { facts, lang } = input;
  const h = HEAD[lang];
  const ws = wb.addWorksheet(h.data);
  const sites = facts.sites;
  ws.columns = [
    { header: h.module, width: 16 },
    { header: h.key, width: 34 },
    { header: h.label, width: 26 },
    { header: h.unit, width: 10 },
    { header: h.total, width: 14 },
    ...sites.map((s) => ({ header: s.name, width: 14 })),
    { header: h.previous, width: 14 },
    { header: h.lastYear, width: 14 },
    { header: h.vsPrevious, width: 18 },
    { header: h.vsLastYear, width: 18 },
    { header: h.formula, width: 50 },
    { header: h.link, width: 60 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1, xSplit: 3 }];
  const numberColumns = [5, ...sites.map((_, i) => 6 + i), 6 + sites.length, 7 + sites.length];
  const base = input.publicUrl?.replace(/\/+$/, '');
  for (const { fact, module } of ordered(input)) {
    const previous = facts.previous.values[fact.key] ?? null;
    const lastYear = facts.lastYear.values[fact.key] ?? null;
    const change = (before: number | null) => formatChange(fact.value, before, fact.unit, lang) ?? h.noComparison;
    const row = ws.addRow([
      module,
      fact.key,
      fact.label[lang],
      UNIT_NAMES[lang][fact.unit],
      chartValue(fact.value, fact.unit),
      ...sites.map((s) => chartValue(fact.bySite?.find((v) => v.siteId === s.id)?.value, fact.unit)),
      chartValue(previous, fact.unit),
      chartValue(lastYear, fact.unit),
      change(previous),
      change(lastYear),
      fact.formula ?? '',
      base ? { text: fact.link, hyperlink: `${base}${fact.link}` } : fact.link,
    ]);
    for (const c of numberColumns) row.getCell(c).numFmt = NUMBER_FORMATS[fact.unit];
  }
}

function aboutSheet(wb: ExcelJS.Workbook, input: SummaryExportInput): void {
  const { summary, facts, lang, versionNo } = input;
  const h = HEAD[lang];
  const ws = wb.addWorksheet(h.about);
  ws.columns = [
    { header: h.item, width: 18 },
    { header: h.value, width: 80 },
  ];
  ws.getRow(1).font = { bold: true };
  const span = (p: { label: Record<SummaryLang, string>; startDate: string; endDate: string }) =>
    lang === 'zh' ? `${p.label.zh}（${p.startDate} 至 ${p.endDate}）` : `${p.label.en} (${p.startDate} to ${p.endDate})`;
  const sites = facts.sites.map((s) => s.name).join(lang === 'zh' ? '、' : ', ');
  const rows: [string, string][] =
    lang === 'zh'
      ? [
          ['标题', summary.title],
          ['编号', summary.number],
          ['版本', `第 ${versionNo} 版`],
          ['状态', STATUS_LABELS.zh[summary.status]],
          ['期间', span(facts.period)],
          ['上期', span(facts.previous.period)],
          ['去年同期', span(facts.lastYear.period)],
          ['场所', sites],
          ['部门', summary.departmentName ?? '全部'],
          ['撰写人', summary.authorName],
          ['审批人', summary.approvedByName ?? '—'],
          ['数据生成时间', exportTime(facts.generatedAt, input)],
          ['导出时间', exportTime(input.exportedAt ?? new Date(), input)],
          [
            '说明',
            '每项指标均由后勤系统按记录计算，“计算方法”说明口径，“链接”打开该指标所依据记录的列表。' +
              '金额单位为元；空白表示该期间没有计算依据（例如分母为零）。',
          ],
        ]
      : [
          ['Title', summary.title],
          ['Number', summary.number],
          ['Version', String(versionNo)],
          ['Status', STATUS_LABELS.en[summary.status]],
          ['Period', span(facts.period)],
          ['Previous period', span(facts.previous.period)],
          ['Same period last year', span(facts.lastYear.period)],
          ['Sites', sites],
          ['Department', summary.departmentName ?? 'All'],
          ['Written by', summary.authorName],
          ['Approved by', summary.approvedByName ?? '—'],
          ['Figures as of', exportTime(facts.generatedAt, input)],
          ['Exported', exportTime(input.exportedAt ?? new Date(), input)],
          [
            'Note',
            'Every figure is computed by Houqin from its records; "How it is computed" gives the definition and "Link" opens the list ' +
              'of the records behind it. Money is in yuan; a blank cell means the figure has no basis in that period (a rate over zero records).',
          ],
        ];
  for (const r of rows) ws.addRow(r);
  ws.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
}

export async function summaryFactsXlsx(input: SummaryExportInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Houqin';
  wb.title = input.summary.title;
  dataSheet(wb, input);
  aboutSheet(wb, input);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
