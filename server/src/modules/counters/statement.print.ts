import type { MaterialSupplier } from '../../../../contracts/workorders.js';
import { excel } from '../../platform/http/import.js';
import { formatZoned } from '../../platform/numbering/time.js';
import { formatYuan } from '../../platform/print/money.js';
import { createPdf, mm, PAGE_MM, type Pdf } from '../../platform/print/pdf.js';
import type { ChargeRuleDto, StatementDto, StatementItemDto } from './dto.js';

/** The monthly statement as a printable A4 form (PDF) and as a spreadsheet. */
export const SUPPLIER_LABELS: Record<MaterialSupplier, string> = {
  department: '后勤',
  counter: '专柜',
  requester: '报修人',
  vendor: '外协',
};

const yuanText = (fen: number) => formatYuan(fen).replace('¥', '');
const monthText = (month: string) => `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;

export function ruleText(r: ChargeRuleDto): string {
  const labour = r.chargeLabour ? `工时费 ${formatYuan(r.labourRate)}/小时` : '工时不收费';
  return `${SUPPLIER_LABELS[r.supplier]}提供材料：${r.chargeMaterials ? '材料收费' : '材料不收费'}，${labour}`;
}

function labourText(i: StatementItemDto): string {
  if (!i.labourMinutes && !i.labourCharged) return '';
  const base = `有效工时 ${i.labourMinutes} 分钟`;
  return i.labourCharged ? `${base} × ${formatYuan(i.labourRate)}/小时 = ${formatYuan(i.labourAmount)}` : `${base}，不收费`;
}

/** What one order's content cell says: the description, then a line per material and the labour. */
function detailLines(i: StatementItemDto): string[] {
  const lines = [i.description];
  for (const m of i.materials) {
    const spec = m.spec ? ` ${m.spec}` : '';
    const priced = `${m.quantity}${m.unit} × ${formatYuan(m.unitPrice)} = ${formatYuan(m.amount)}`;
    lines.push(`· ${m.name}${spec} ${priced}（${SUPPLIER_LABELS[m.suppliedBy]}提供${m.charged ? '' : '，不收费'}）`);
  }
  const labour = labourText(i);
  if (labour) lines.push(`· ${labour}`);
  return lines;
}

const MARGIN = mm(15);
const PAGE = { width: mm(PAGE_MM.A4.width), height: mm(PAGE_MM.A4.height) };
const COLS = [
  { title: '序号', width: mm(10), align: 'center' },
  { title: '工单号', width: mm(33), align: 'left' },
  { title: '完工日期', width: mm(21), align: 'center' },
  { title: '维修内容及材料明细', width: mm(64), align: 'left' },
  { title: '材料费', width: mm(17), align: 'right' },
  { title: '人工费', width: mm(17), align: 'right' },
  { title: '合计', width: mm(18), align: 'right' },
] as const;
const PAD = mm(1.5);
const BODY = 8.5;

function drawRow(doc: Pdf, y: number, cells: string[], height: number, opts: { bold?: boolean; fill?: string } = {}): void {
  let x = MARGIN;
  doc.font(opts.bold ? 'cjk-bold' : 'cjk').fontSize(BODY);
  COLS.forEach((col, i) => {
    if (opts.fill) doc.rect(x, y, col.width, height).fill(opts.fill).fillColor('black');
    doc.rect(x, y, col.width, height).lineWidth(0.5).stroke();
    doc.text(cells[i] ?? '', x + PAD, y + PAD, { width: col.width - 2 * PAD, align: col.align });
    x += col.width;
  });
}

function cellHeight(doc: Pdf, text: string, colIndex: number): number {
  const col = COLS[colIndex] as (typeof COLS)[number];
  doc.font('cjk').fontSize(BODY);
  return doc.heightOfString(text || ' ', { width: col.width - 2 * PAD }) + 2 * PAD;
}

/** Every page: the form's heading and column titles on top, generation time and page number at the foot. */
function header(doc: Pdf, s: StatementDto, page: number): number {
  doc.addPage();
  doc.font('cjk').fontSize(7.5).fillColor('#777777');
  const stamp = `第 ${page} 页 · 生成时间 ${formatZoned(new Date(s.generatedAt), s.timeZone)}（${s.timeZone}）· Houqin 后勤`;
  doc.text(stamp, MARGIN, PAGE.height - MARGIN - mm(4), { width: PAGE.width - 2 * MARGIN, align: 'right', lineBreak: false });
  doc.fillColor('black');
  doc
    .font('cjk-bold')
    .fontSize(16)
    .text(`${s.counter.name} 月度对账单`, MARGIN, MARGIN, { width: PAGE.width - 2 * MARGIN, align: 'center' });
  doc.font('cjk').fontSize(9.5);
  const info = `场所：${s.counter.siteName}    专柜：${s.counter.code} ${s.counter.name}    账期：${monthText(s.month)}`;
  doc.text(info, MARGIN, MARGIN + mm(10), { width: PAGE.width - 2 * MARGIN });
  doc.fontSize(8).fillColor('#555555');
  doc.text(`收费规则：${s.rules.map(ruleText).join('；')}`, MARGIN, MARGIN + mm(15), { width: PAGE.width - 2 * MARGIN });
  doc.fillColor('black');
  const y = doc.y + mm(2);
  const h = cellHeight(doc, '序号', 0);
  drawRow(
    doc,
    y,
    COLS.map((c) => c.title),
    h,
    { bold: true, fill: '#eeeeee' },
  );
  return y + h;
}

/** Renders the statement; the caller streams it (sendPdf) or reads it whole. */
export function statementPdf(s: StatementDto): Pdf {
  const doc = createPdf({ page: 'A4', title: `${s.counter.name} ${s.month} 月度对账单` });
  const bottom = PAGE.height - MARGIN - mm(8);
  let page = 1;
  let y = header(doc, s, page);
  s.items.forEach((item, n) => {
    const cells = [
      String(n + 1),
      item.number,
      item.date,
      detailLines(item).join('\n'),
      yuanText(item.materialsAmount),
      yuanText(item.labourAmount),
      yuanText(item.total),
    ];
    const height = Math.max(...cells.map((c, i) => cellHeight(doc, c, i)));
    if (y + height > bottom) y = header(doc, s, ++page);
    drawRow(doc, y, cells, height);
    y += height;
  });
  if (!s.items.length) {
    const cells = ['', '', '', '本月无有偿维修', '', '', ''];
    const h = cellHeight(doc, cells[3] as string, 3);
    drawRow(doc, y, cells, h);
    y += h;
  }
  const totals = ['', '合计', '', `共 ${s.items.length} 单`, yuanText(s.materialsAmount), yuanText(s.labourAmount), yuanText(s.total)];
  const th = cellHeight(doc, '合计', 1);
  // the totals stay on one page with the amount in words and the signature lines
  if (y + th + mm(40) > bottom) y = header(doc, s, ++page);
  drawRow(doc, y, totals, th, { bold: true });
  y += th + mm(4);
  const width = PAGE.width - 2 * MARGIN;
  doc.font('cjk-bold').fontSize(10.5).text(`合计金额（大写）：人民币${s.totalInCapitals}`, MARGIN, y, { width });
  doc
    .font('cjk')
    .fontSize(10.5)
    .text(`（小写）${formatYuan(s.total)}`, MARGIN, doc.y + mm(1), { width });
  y = doc.y + mm(10);
  doc.fontSize(10);
  doc.text('专柜确认（签字/盖章）：____________    日期：__________', MARGIN, y, { width });
  doc.text('后勤部门（签字/盖章）：____________    日期：__________', MARGIN, y + mm(9), { width });
  doc.end();
  return doc;
}

interface SheetRow {
  id: string;
  number: string;
  date: string;
  description: string;
  item: string;
  spec: string | null;
  quantity: number | null;
  unit: string | null;
  unitPrice: number | null;
  amount: number | null;
  supplier: string | null;
  charged: string | null;
  charge: number | null;
}

const yuan = (fen: number) => fen / 100;

/** One row per material line and labour line, a subtotal per order, then the month's total in figures and capitals. */
export async function statementXlsx(s: StatementDto): Promise<Buffer> {
  const rows: SheetRow[] = [];
  const blank = { spec: null, quantity: null, unit: null, unitPrice: null, amount: null, supplier: null, charged: null };
  for (const i of s.items) {
    const order = { number: i.number, date: i.date, description: i.description };
    i.materials.forEach((m, k) => {
      rows.push({
        id: `${i.workOrderId}-m${k}`,
        ...order,
        item: m.name,
        spec: m.spec,
        quantity: m.quantity,
        unit: m.unit,
        unitPrice: yuan(m.unitPrice),
        amount: yuan(m.amount),
        supplier: SUPPLIER_LABELS[m.suppliedBy],
        charged: m.charged ? '是' : '否',
        charge: m.charged ? yuan(m.amount) : 0,
      });
    });
    if (i.labourMinutes || i.labourCharged) {
      rows.push({
        id: `${i.workOrderId}-l`,
        ...order,
        ...blank,
        item: '有效工时（分钟）',
        quantity: i.labourMinutes,
        unit: '分钟',
        unitPrice: i.labourCharged ? yuan(i.labourRate) : null,
        charged: i.labourCharged ? '是' : '否',
        charge: yuan(i.labourAmount),
      });
    }
    rows.push({ id: `${i.workOrderId}-t`, ...order, ...blank, item: '小计', charge: yuan(i.total) });
  }
  const end = {
    number: '',
    date: '',
    spec: null,
    quantity: null,
    unit: null,
    unitPrice: null,
    amount: null,
    supplier: null,
    charged: null,
  };
  rows.push({ id: 'total', ...end, description: `${monthText(s.month)} 共 ${s.items.length} 单`, item: '合计', charge: yuan(s.total) });
  rows.push({ id: 'capitals', ...end, description: `人民币${s.totalInCapitals}`, item: '合计（大写）', charge: null });
  const { writeXlsx } = await excel();
  return writeXlsx(
    `${s.month} 对账单`,
    [
      { header: '工单号', value: (r: SheetRow) => r.number, width: 20 },
      { header: '完工日期', value: (r: SheetRow) => r.date, width: 12 },
      { header: '维修内容', value: (r: SheetRow) => r.description, width: 36 },
      { header: '项目', value: (r: SheetRow) => r.item, width: 18 },
      { header: '规格', value: (r: SheetRow) => r.spec },
      { header: '数量', value: (r: SheetRow) => r.quantity },
      { header: '单位', value: (r: SheetRow) => r.unit },
      { header: '单价（元）', value: (r: SheetRow) => r.unitPrice },
      { header: '金额（元）', value: (r: SheetRow) => r.amount },
      { header: '提供方', value: (r: SheetRow) => r.supplier },
      { header: '是否收费', value: (r: SheetRow) => r.charged },
      { header: '收费金额（元）', value: (r: SheetRow) => r.charge, width: 16 },
    ],
    rows,
  );
}
