import type { Cause, LabourKind, MaterialSupplier } from '../../../../contracts/workorders.js';
import { formatZoned } from '../../platform/numbering/time.js';
import { formatYuan } from '../../platform/print/money.js';
import { createPdf, drawLines, fitText, mm, type Pdf } from '../../platform/print/pdf.js';
import type { PrintData } from './print.data.js';
import { STATUS_LABELS } from './state.js';

/**
 * The printable 维修工单 (DOMAIN.md §3): one A4 form per order, bordered cells in the
 * order people fill it in — request, dispatch, work, materials, labour, result,
 * acceptance and rating, return visit, signatures. Long tables flow onto further pages.
 */
const CAUSE_LABELS: Record<Cause, string> = { human: '人为', ageing: '老化', natural: '自然', other: '其他' };
const CHANNEL_LABELS: Record<string, string> = {
  qr: '扫码',
  web: '网页',
  phone: '电话',
  hotline: '24小时热线',
  walk_in: '现场',
  patrol: '巡检',
  maintenance: '保养',
  counter: '专柜',
};
export const LABOUR_KIND_LABELS: Record<LabourKind, string> = {
  effective: '有效维修',
  waiting: '等待',
  travel: '路途',
  material: '取料',
  standby: '待命',
};
export const SUPPLIER_LABELS: Record<MaterialSupplier, string> = {
  department: '后勤',
  counter: '专柜',
  requester: '报修人',
  vendor: '外协',
};

const PAGE_W = mm(210);
const PAGE_H = mm(297);
const MARGIN = mm(14);
const WIDTH = PAGE_W - 2 * MARGIN;
const LABEL_W = mm(24);
const PAD = mm(1.5);
const SIZE = 9;
const MIN_ROW = mm(7);

interface Cell {
  text: string;
  width: number;
  label?: boolean;
  align?: 'left' | 'center' | 'right';
  maxLines?: number;
}

class Form {
  y = MARGIN;
  constructor(
    readonly doc: Pdf,
    readonly number: string,
  ) {}

  newPage(): void {
    this.doc.addPage();
    this.y = MARGIN;
    this.doc.font('cjk').fontSize(7.5).fillColor('#666');
    this.doc.text(`维修工单 ${this.number}`, MARGIN, PAGE_H - MARGIN + mm(3), { width: WIDTH, align: 'right', lineBreak: false });
    this.doc.fillColor('black');
  }

  /** Starts a new page when `height` does not fit below the cursor. */
  ensure(height: number): void {
    if (this.y + height > PAGE_H - MARGIN) this.newPage();
  }

  /** One bordered row of cells, as tall as its tallest text. */
  row(cells: Cell[]): void {
    const fitted = cells.map((c) =>
      fitText(this.doc, c.text || ' ', {
        width: c.width - 2 * PAD,
        maxLines: c.maxLines ?? 2,
        maxSize: SIZE,
        minSize: 7,
        font: c.label ? 'cjk-bold' : 'cjk',
      }),
    );
    const height = Math.max(MIN_ROW, ...fitted.map((f) => f.lines.length * f.size * 1.2 + 2 * PAD));
    this.ensure(height);
    let x = MARGIN;
    cells.forEach((c, i) => {
      const f = fitted[i] as ReturnType<typeof fitText>;
      if (c.label) this.doc.rect(x, this.y, c.width, height).fillColor('#f2f2f2').fill().fillColor('black');
      this.doc.rect(x, this.y, c.width, height).lineWidth(0.5).stroke();
      const textHeight = f.lines.length * f.size * 1.2;
      if (c.align === 'right') {
        // money is right-aligned (DOMAIN.md §4); such cells hold one short line
        this.doc.font('cjk').fontSize(f.size);
        this.doc.text(f.lines.join(''), x + PAD, this.y + (height - textHeight) / 2, {
          width: c.width - 2 * PAD,
          align: 'right',
          lineBreak: false,
        });
      } else {
        drawLines(this.doc, f, x + PAD, this.y + (height - textHeight) / 2, {
          width: c.width - 2 * PAD,
          align: c.align ?? 'left',
          font: c.label ? 'cjk-bold' : 'cjk',
          lineGap: 0.2,
        });
      }
      x += c.width;
    });
    this.y += height;
  }

  /** label | value | label | value */
  pair(a: [string, string], b?: [string, string]): void {
    const half = WIDTH / 2;
    if (!b) {
      this.row([
        { text: a[0], width: LABEL_W, label: true },
        { text: a[1], width: WIDTH - LABEL_W, maxLines: 4 },
      ]);
      return;
    }
    this.row([
      { text: a[0], width: LABEL_W, label: true },
      { text: a[1], width: half - LABEL_W },
      { text: b[0], width: LABEL_W, label: true },
      { text: b[1], width: half - LABEL_W },
    ]);
  }

  heading(text: string): void {
    this.ensure(mm(9) + MIN_ROW);
    this.y += mm(2);
    this.doc.font('cjk-bold').fontSize(10.5).text(text, MARGIN, this.y, { lineBreak: false });
    this.y += mm(6);
  }

  /** A table with a shaded header row; `widths` are fractions of the page width. */
  table(headers: string[], widths: number[], rows: string[][], rightAligned: number[] = []): void {
    const w = widths.map((f) => f * WIDTH);
    this.row(headers.map((h, i) => ({ text: h, width: w[i] as number, label: true })));
    for (const r of rows) {
      this.ensure(MIN_ROW);
      this.row(r.map((t, i) => ({ text: t, width: w[i] as number, align: rightAligned.includes(i) ? 'right' : 'left' })));
    }
  }
}

const hours = (minutes: number) => (minutes / 60).toFixed(2);
const percent = (ratio: number | null) => (ratio === null ? '—' : `${(ratio * 100).toFixed(1)}%`);
const blank = '　'.repeat(8);

function quantityText(q: number): string {
  return Number.isInteger(q) ? String(q) : String(Number(q.toFixed(3)));
}

export function renderWorkOrderPdf(data: PrintData, printedAt: Date): Pdf {
  const { wo, timeZone: tz } = data;
  const when = (iso: string | null | undefined) => (iso ? formatZoned(new Date(iso), tz) : '');
  const doc = createPdf({ page: 'A4', title: `维修工单 ${wo.number}` });
  const f = new Form(doc, wo.number);
  f.newPage();

  doc.font('cjk-bold').fontSize(18).text('维修工单', MARGIN, f.y, { width: WIDTH, align: 'center', lineBreak: false });
  f.y += mm(9);
  doc.font('cjk').fontSize(8.5);
  doc.text(`${wo.siteName}　状态：${STATUS_LABELS[wo.status]}`, MARGIN, f.y, { width: WIDTH / 2, lineBreak: false });
  doc.text(`打印时间：${formatZoned(printedAt, tz)}`, MARGIN + WIDTH / 2, f.y, { width: WIDTH / 2, align: 'right', lineBreak: false });
  f.y += mm(5);

  f.heading('一、报修信息');
  f.pair(['工单号', wo.number], ['报修时间', when(wo.createdAt)]);
  f.pair(['报修人', wo.requesterName ?? ''], ['部门', wo.requesterDepartment ?? '']);
  f.pair(['联系电话', wo.requesterPhone ?? ''], ['报修渠道', CHANNEL_LABELS[wo.channel] ?? wo.channel]);
  f.pair(['位置', wo.locationPath ?? '']);
  f.pair(['设备', wo.assetCode ? `${wo.assetCode} ${wo.assetName ?? ''}` : '']);
  f.pair(['报修类别', data.categoryName], ['紧急程度', data.urgencyName]);
  f.pair(['故障描述', wo.description]);
  f.pair(['预约时间', when(wo.appointmentAt)], ['首问负责人', wo.ownerName ?? '']);

  f.heading('二、派单与维修');
  f.pair(['派单人', data.dispatch?.by ?? ''], ['派单时间', when(data.dispatch?.at ?? wo.dispatchedAt)]);
  f.pair(['维修班组', wo.teamName ?? ''], ['维修人员', wo.assigneeName ?? '']);
  f.pair(['接单时间', when(wo.acceptedAt)], ['到场时间', when(wo.arrivedAt)]);
  f.pair(['开始维修', when(wo.startedAt)], ['完工时间', when(wo.resolvedAt)]);
  f.pair(['故障原因', wo.cause ? CAUSE_LABELS[wo.cause] : '人为 / 老化 / 自然 / 其他'], ['返修次数', String(wo.reworkCount)]);

  f.heading('三、材料');
  const m = data.materials;
  f.table(
    ['序号', '名称', '规格', '数量', '单位', '单价', '金额', '供应方'],
    [0.06, 0.22, 0.16, 0.09, 0.08, 0.13, 0.14, 0.12],
    m.items.length
      ? m.items.map((l, i) => [
          String(i + 1),
          l.name,
          l.spec ?? '',
          quantityText(l.quantity),
          l.unit,
          formatYuan(l.unitPrice),
          formatYuan(l.amount),
          SUPPLIER_LABELS[l.suppliedBy],
        ])
      : [['', '', '', '', '', '', '', '']],
    [3, 5, 6],
  );
  f.pair(['材料合计', `${formatYuan(m.totalAmount)}　其中后勤材料费 ${formatYuan(m.materialCost)}`]);

  f.heading('四、工时');
  const l = data.labour;
  f.table(
    ['维修人员', '类别', '开始', '结束', '分钟', '有效工时（小时）'],
    [0.18, 0.13, 0.2, 0.2, 0.11, 0.18],
    l.items.length
      ? l.items.map((e) => [
          e.userName,
          LABOUR_KIND_LABELS[e.kind],
          when(e.startedAt),
          when(e.endedAt),
          String(e.minutes),
          e.kind === 'effective' ? hours(e.minutes) : '',
        ])
      : [['', '', '', '', '', '']],
    [4, 5],
  );
  const s = l.summary;
  f.pair(
    ['工时合计', `${s.totalMinutes} 分钟，有效 ${s.effectiveMinutes} 分钟（${hours(s.effectiveMinutes)} 小时）`],
    [
      '工时工效',
      `${percent(s.effectiveRatio)}${s.standardMinutes === null ? '' : `　标准工时 ${s.standardMinutes} 分钟，工效 ${percent(s.efficiency)}`}`,
    ],
  );

  f.heading('五、维修结果与验收');
  f.pair(['维修结果', wo.result ?? '']);
  const acc = wo.completedAt && data.acceptance;
  f.pair(
    ['验收', acc ? (acc.auto ? '超期自动验收' : `通过（${acc.by ?? ''}）`) : '□ 通过　□ 不通过'],
    ['验收时间', acc ? when(acc.at) : ''],
  );
  const score = (v: number | null) => (v === null ? '　　/5' : `${v}/5`);
  f.row([
    { text: '评价', width: LABEL_W, label: true },
    { text: `态度 ${score(wo.ratingAttitude)}`, width: (WIDTH - LABEL_W) / 3 },
    { text: `质量 ${score(wo.ratingQuality)}`, width: (WIDTH - LABEL_W) / 3 },
    { text: `效率 ${score(wo.ratingEfficiency)}`, width: (WIDTH - LABEL_W) / 3 },
  ]);
  f.pair(['评价意见', wo.ratingComment ?? '']);

  f.heading('六、回访');
  if (data.visits.length) {
    for (const v of data.visits) {
      const how = [v.visitorName, v.method].filter(Boolean).join('，');
      f.pair(['回访', `${when(v.visitedAt)}　${how}　结果：${v.result}${v.comment ? `　${v.comment}` : ''}`]);
    }
  } else {
    f.pair(['回访人', blank], ['回访时间', blank]);
    f.pair(['回访结果', ' ']);
  }

  f.heading('七、签字');
  f.pair(['维修人员', ' '], ['报修人', ' ']);
  f.pair(['首问负责人', ' '], ['日期', ' ']);
  return doc;
}
