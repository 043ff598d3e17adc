import { createBackpressure, drawLines, fitText, mm, PAGE_MM, type Pdf } from './pdf.js';
import { drawQr } from './qr.js';

/**
 * QR label sheets and room signs. Sheet labels sit edge to edge in a centred grid on A4
 * (one cut between neighbours, optional cut lines); a room sign fills an A5 page.
 */
export const LABEL_SIZES = ['50x30', '70x40', 'a5-sign'] as const;
export type LabelSize = (typeof LABEL_SIZES)[number];
export type SheetSize = Exclude<LabelSize, 'a5-sign'>;

/** What one label shows; the caller decides the words. */
export interface LabelItem {
  /** big line: the Chinese name of the room or machine */
  title: string;
  /** the record's code (asset or location code) */
  code: string;
  /** small line: site and place */
  place: string;
  /** encoded in the QR symbol */
  url: string;
  /** room signs only: a line under the QR, e.g. 扫码查看位置信息 */
  hint?: string;
}

/** Most office and label printers cannot print the outer 4–5 mm of a sheet. */
export const SHEET_MIN_MARGIN_MM = 5;

const LABEL_MM: Record<SheetSize, { width: number; height: number }> = {
  '50x30': { width: 50, height: 30 },
  '70x40': { width: 70, height: 40 },
};

export interface SheetLayout {
  label: { width: number; height: number };
  cols: number;
  rows: number;
  perPage: number;
  /** left and top offsets of the grid, centred on the page (mm) */
  marginX: number;
  marginY: number;
}

/** How a size tiles an A4 sheet: as many whole labels as fit inside the printable margin. */
export function sheetLayout(size: SheetSize): SheetLayout {
  const page = PAGE_MM.A4;
  const label = LABEL_MM[size];
  const cols = Math.floor((page.width - 2 * SHEET_MIN_MARGIN_MM) / label.width);
  const rows = Math.floor((page.height - 2 * SHEET_MIN_MARGIN_MM) / label.height);
  return {
    label,
    cols,
    rows,
    perPage: cols * rows,
    marginX: (page.width - cols * label.width) / 2,
    marginY: (page.height - rows * label.height) / 2,
  };
}

/** Pages needed for `count` labels of a size. */
export function pageCount(size: LabelSize, count: number): number {
  if (size === 'a5-sign') return count;
  return Math.ceil(count / sheetLayout(size).perPage);
}

/** Top-left corner (mm) of the n-th label on its page. */
export function labelSlot(layout: SheetLayout, indexOnPage: number): { x: number; y: number } {
  const col = indexOnPage % layout.cols;
  const row = Math.floor(indexOnPage / layout.cols);
  return { x: layout.marginX + col * layout.label.width, y: layout.marginY + row * layout.label.height };
}

export interface RenderOptions {
  size: LabelSize;
  cutLines: boolean;
}

/**
 * Renders every label into `doc` and ends it. Items are pulled from an async iterable
 * page by page, and rendering pauses while the client has not read the previous pages.
 */
export async function renderLabels(doc: Pdf, items: AsyncIterable<LabelItem> | Iterable<LabelItem>, opts: RenderOptions): Promise<void> {
  const wait = createBackpressure(doc);
  if (opts.size === 'a5-sign') {
    for await (const item of items) {
      doc.addPage();
      drawSign(doc, item);
      if (!(await wait())) return;
    }
  } else {
    const layout = sheetLayout(opts.size);
    let index = 0;
    for await (const item of items) {
      const onPage = index % layout.perPage;
      if (onPage === 0) {
        if (index > 0 && !(await wait())) return;
        doc.addPage();
        if (opts.cutLines) drawCutLines(doc, layout);
      }
      const slot = labelSlot(layout, onPage);
      drawLabel(doc, item, mm(slot.x), mm(slot.y), opts.size);
      index++;
    }
  }
  doc.end();
}

function drawCutLines(doc: Pdf, layout: SheetLayout): void {
  const left = mm(layout.marginX);
  const top = mm(layout.marginY);
  const right = left + mm(layout.cols * layout.label.width);
  const bottom = top + mm(layout.rows * layout.label.height);
  doc.save().lineWidth(0.3).strokeColor('#9a9a9a').dash(2, { space: 2 });
  for (let c = 0; c <= layout.cols; c++) {
    const x = left + mm(c * layout.label.width);
    doc.moveTo(x, top).lineTo(x, bottom);
  }
  for (let r = 0; r <= layout.rows; r++) {
    const y = top + mm(r * layout.label.height);
    doc.moveTo(left, y).lineTo(right, y);
  }
  doc.stroke().undash().restore();
}

/** Per-size typography: QR on the left, name / code / place stacked on the right. */
const LABEL_STYLE: Record<SheetSize, { pad: number; qr: number; title: [number, number]; code: number; place: [number, number] }> = {
  '50x30': { pad: 2, qr: 24, title: [10, 6.5], code: 7, place: [5.5, 4.5] },
  '70x40': { pad: 2.5, qr: 33, title: [15, 9], code: 10, place: [8, 6] },
};

function drawLabel(doc: Pdf, item: LabelItem, x: number, y: number, size: SheetSize): void {
  const s = LABEL_STYLE[size];
  const { height } = LABEL_MM[size];
  const qr = mm(s.qr);
  drawQr(doc, item.url, x + mm(s.pad) - mm(1), y + (mm(height) - qr) / 2, qr);
  const textX = x + mm(s.pad) + qr;
  const textW = mm(LABEL_MM[size].width) - qr - mm(s.pad) * 2;
  const title = fitText(doc, item.title, { width: textW, maxLines: 2, maxSize: s.title[0], minSize: s.title[1], font: 'cjk-bold' });
  const code = fitText(doc, item.code, { width: textW, maxLines: 1, maxSize: s.code, minSize: s.code * 0.7 });
  const place = fitText(doc, item.place, { width: textW, maxLines: 2, maxSize: s.place[0], minSize: s.place[1] });
  const blockH = blockHeight(title) + mm(0.8) + blockHeight(code) + mm(0.8) + blockHeight(place);
  let at = y + Math.max(mm(s.pad), (mm(height) - blockH) / 2);
  doc.fillColor('#000000');
  at = drawLines(doc, title, textX, at, { width: textW, font: 'cjk-bold' }) + mm(0.8);
  at = drawLines(doc, code, textX, at, { width: textW }) + mm(0.8);
  doc.fillColor('#444444');
  drawLines(doc, place, textX, at, { width: textW });
  doc.fillColor('#000000');
}

function blockHeight(f: { size: number; lines: string[] }): number {
  return f.lines.length * f.size * 1.15;
}

/** A5 room sign: big name, code, a large QR, then the site and place. */
function drawSign(doc: Pdf, item: LabelItem): void {
  const page = PAGE_MM.A5;
  const width = mm(page.width);
  const margin = mm(12);
  const inner = width - 2 * margin;
  doc
    .save()
    .lineWidth(1.2)
    .strokeColor('#222222')
    .roundedRect(mm(6), mm(6), width - mm(12), mm(page.height - 12), mm(4))
    .stroke()
    .restore();
  const title = fitText(doc, item.title, { width: inner, maxLines: 2, maxSize: 56, minSize: 26, font: 'cjk-bold' });
  let at = drawLines(doc, title, margin, mm(18), { width: inner, align: 'center', font: 'cjk-bold', lineGap: 0.1 });
  const code = fitText(doc, item.code, { width: inner, maxLines: 1, maxSize: 20, minSize: 12 });
  at = drawLines(doc, code, margin, at + mm(3), { width: inner, align: 'center' });
  const qr = mm(86);
  const qrTop = Math.max(at + mm(4), mm(68));
  drawQr(doc, item.url, (width - qr) / 2, qrTop, qr);
  at = qrTop + qr;
  if (item.hint) {
    const h = fitText(doc, item.hint, { width: inner, maxLines: 1, maxSize: 11, minSize: 8 });
    doc.fillColor('#666666');
    at = drawLines(doc, h, margin, at, { width: inner, align: 'center' });
  }
  const place = fitText(doc, item.place, { width: inner, maxLines: 2, maxSize: 16, minSize: 10 });
  doc.fillColor('#333333');
  drawLines(doc, place, margin, Math.max(at + mm(4), mm(page.height - 36)), { width: inner, align: 'center' });
  doc.fillColor('#000000');
}
