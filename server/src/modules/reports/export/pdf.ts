import { renderFigureText } from '../../../../../contracts/figures.js';
import type { SummaryBlock } from '../../../../../contracts/reports.js';
import { createPdf, mm, PAGE_MM, type Pdf } from '../../../platform/print/pdf.js';
import { CHART_SIZE, chartPng } from './charts.js';
import { type FigureTable, figureTables, fitColumns, footerText, signatureLines, summaryInfoLine, units } from './content.js';
import type { SummaryExportInput } from './index.js';

/**
 * The summary as an A4 PDF through the shared print platform (the CJK font embedded):
 * the same content as the Word file. Text is wrapped here line by line rather than by
 * pdfkit's own flow, so that page breaks are ours: a heading never ends a page, a
 * table's header row is repeated on the next page and no row is cut in half, and the
 * footer with "第 n 页，共 N 页" is written once the page count is known.
 */

const PAGE = { width: mm(PAGE_MM.A4.width), height: mm(PAGE_MM.A4.height) };
const MARGIN_X = mm(20);
const TOP = mm(20);
const BOTTOM = PAGE.height - mm(22);
const WIDTH = PAGE.width - 2 * MARGIN_X;
const PAD = mm(1.6);

const SIZE = { title: 18, subtitle: 11, info: 8.5, heading: 14, body: 10.5, table: 9, caption: 10, footer: 7.5 };
/** line height as a multiple of the font size: Chinese prose reads better with air between lines */
const LEADING = { body: 1.65, table: 1.3, title: 1.3 };

type Font = 'cjk' | 'cjk-bold';

/** how wide a piece of text is in the font being laid out */
export type Measure = (text: string) => number;

/**
 * Widths of characters per font at 1 pt, a text's width being the sum of its
 * characters': pdfkit then lays out each character once per document instead of every
 * piece of every cell and line (about 4,000 layouts for the summary's tables and prose,
 * most of the PDF's time). Kerning is left out, which can only make a line look a hair
 * longer than it is; widths grow linearly with the font size.
 */
class Widths {
  private readonly perPoint = new Map<string, number>();
  constructor(private readonly doc: Pdf) {}

  measure(font: Font, size: number): Measure {
    return (text) => {
      let sum = 0;
      for (const ch of text) {
        const key = `${font}\u0000${ch}`;
        let w = this.perPoint.get(key);
        if (w === undefined) {
          w = this.doc.font(font).fontSize(size).widthOfString(ch) / size;
          this.perPoint.set(key, w);
        }
        sum += w;
      }
      return sum * size;
    };
  }
}

/** Lines of `text`; `first` narrows the first line (an indent). */
export function wrapText(measure: Measure, text: string, width: number, first = width): string[] {
  const lines: string[] = [];
  for (const hard of text.split('\n')) {
    let line = '';
    let w = 0;
    const limit = () => (lines.length ? width : first);
    for (const u of units(hard)) {
      const uw = measure(u);
      if (line && w + uw > limit()) {
        lines.push(line.trimEnd());
        line = '';
        w = 0;
      }
      // a line never starts with a space
      if (!line && u === ' ') continue;
      if (!line && uw > limit()) {
        // a piece longer than a whole line (a long link) is cut where it must
        for (const ch of Array.from(u)) {
          const cw = measure(ch);
          if (line && w + cw > limit()) {
            lines.push(line);
            line = '';
            w = 0;
          }
          line += ch;
          w += cw;
        }
        continue;
      }
      line += u;
      w += uw;
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

class Layout {
  y = TOP;
  private readonly widths: Widths;
  constructor(readonly doc: Pdf) {
    this.widths = new Widths(doc);
    doc.addPage();
  }

  newPage(): void {
    this.doc.addPage();
    this.y = TOP;
  }

  /** a new page when `height` does not fit below y (a block taller than a page starts on a fresh one) */
  room(height: number): void {
    if (this.y + height > BOTTOM && this.y > TOP) this.newPage();
  }

  /** Wrapped lines across the text width, each moved to the next page when the page is full. */
  text(
    text: string,
    opts: { font: Font; size: number; leading: number; indent?: number; align?: 'left' | 'center' | 'right'; color?: string },
  ): void {
    const { doc } = this;
    const indent = opts.indent ?? 0;
    const lines = wrapText(this.widths.measure(opts.font, opts.size), text, WIDTH, WIDTH - indent);
    doc
      .font(opts.font)
      .fontSize(opts.size)
      .fillColor(opts.color ?? 'black');
    const lineHeight = opts.size * opts.leading;
    lines.forEach((line, i) => {
      this.room(lineHeight);
      const x = MARGIN_X + (i === 0 ? indent : 0);
      doc.text(line, x, this.y + (lineHeight - opts.size) / 2, {
        width: MARGIN_X + WIDTH - x,
        align: opts.align ?? 'left',
        lineBreak: false,
      });
      this.y += lineHeight;
    });
    doc.fillColor('black');
  }

  heading(title: string): void {
    // the heading keeps together with at least the first lines of what follows
    this.room(mm(10) + SIZE.heading * LEADING.title + 3 * SIZE.body * LEADING.body);
    this.y += mm(4);
    this.text(title, { font: 'cjk-bold', size: SIZE.heading, leading: LEADING.title });
    this.y += mm(1.5);
  }

  bullet(text: string): void {
    const { doc } = this;
    const indent = mm(5);
    const lines = wrapText(this.widths.measure('cjk', SIZE.body), text, WIDTH - indent);
    doc.font('cjk').fontSize(SIZE.body);
    const lineHeight = SIZE.body * LEADING.body;
    lines.forEach((line, i) => {
      this.room(lineHeight);
      const y = this.y + (lineHeight - SIZE.body) / 2;
      if (i === 0) doc.text('•', MARGIN_X + mm(1), y, { lineBreak: false });
      doc.text(line, MARGIN_X + indent, y, { width: WIDTH - indent, lineBreak: false });
      this.y += lineHeight;
    });
    this.y += mm(0.8);
  }

  /**
   * Column widths and font size for a table: the largest size (9 → 7 pt) at which the
   * figures fit unbroken; past that the columns are scaled to the page and may wrap.
   */
  private columns(t: FigureTable): { widths: number[]; size: number } {
    let natural: number[] = [];
    for (const size of [SIZE.table, 8, 7]) {
      const measure = (font: Font, text: string) => {
        const width = this.widths.measure(font, size);
        return { line: width(text), word: Math.max(0, ...units(text).map(width)) };
      };
      const cells = t.columns.map((c, i) => [measure('cjk-bold', c.title), ...t.rows.map((r) => measure('cjk', r[i] ?? ''))]);
      // a hair over the measured width: pdfkit must not see a line as too long to draw
      natural = cells.map((col) => Math.max(...col.map((m) => m.line)) + 2 * PAD + 1);
      const words = cells.map((col) => Math.max(...col.map((m) => m.word)) + 2 * PAD + 1);
      const widths = fitColumns(t.columns, natural, words, WIDTH);
      if (widths) return { widths, size };
    }
    const sum = natural.reduce((a, b) => a + b, 0);
    return { widths: natural.map((n) => (WIDTH * n) / sum), size: 7 };
  }

  /** A bordered table; rows never split, the header row repeats on each page it runs over. */
  table(t: FigureTable): void {
    const { doc } = this;
    const captionHeight = SIZE.caption * LEADING.title + mm(2);
    const { widths, size } = this.columns(t);
    const lineHeight = size * LEADING.table;
    const measure = (cells: string[], header: boolean) => {
      const width = this.widths.measure(header ? 'cjk-bold' : 'cjk', size);
      const lines = cells.map((c, i) => wrapText(width, c, (widths[i] ?? 0) - 2 * PAD));
      return { lines, height: Math.max(...lines.map((l) => l.length)) * lineHeight + 2 * PAD };
    };
    const header = measure(
      t.columns.map((c) => c.title),
      true,
    );
    const rows = t.rows.map((r) => measure(r, false));
    const draw = (row: { lines: string[][]; height: number }, isHeader: boolean) => {
      let x = MARGIN_X;
      doc.font(isHeader ? 'cjk-bold' : 'cjk').fontSize(size);
      row.lines.forEach((lines, i) => {
        const w = widths[i] ?? 0;
        if (isHeader) doc.rect(x, this.y, w, row.height).fill('#f0f0f0').fillColor('black');
        doc.rect(x, this.y, w, row.height).lineWidth(0.5).strokeColor('#808080').stroke();
        const align = isHeader ? 'center' : (t.columns[i]?.align ?? 'left');
        lines.forEach((line, n) => {
          doc.text(line, x + PAD, this.y + PAD + n * lineHeight + (lineHeight - size) / 2, {
            width: w - 2 * PAD,
            align,
            lineBreak: false,
          });
        });
        x += w;
      });
      this.y += row.height;
    };

    // the caption stays with the header and the first row
    this.room(mm(3) + captionHeight + header.height + (rows[0]?.height ?? lineHeight));
    this.y += mm(3);
    this.text(t.title, { font: 'cjk-bold', size: SIZE.caption, leading: LEADING.title, align: 'center' });
    this.y += mm(1);
    if (t.empty) {
      this.text(t.empty, { font: 'cjk', size: SIZE.table, leading: LEADING.table, align: 'center', color: '#666666' });
      this.y += mm(3);
      return;
    }
    draw(header, true);
    for (const row of rows) {
      if (this.y + row.height > BOTTOM) {
        this.newPage();
        draw(header, true);
      }
      draw(row, false);
    }
    doc.strokeColor('black');
    this.y += mm(4);
  }

  /** a chart picture at the text width (its title is inside the picture) */
  image(png: Buffer): void {
    const height = (WIDTH * CHART_SIZE.height) / CHART_SIZE.width;
    this.room(height + mm(4));
    this.y += mm(2);
    this.doc.image(png, MARGIN_X, this.y, { width: WIDTH, height });
    this.y += height + mm(2);
  }
}

function block(l: Layout, b: SummaryBlock, input: SummaryExportInput): void {
  const { facts, lang } = input;
  const text = (t: string) => renderFigureText(t, facts, lang);
  switch (b.type) {
    case 'paragraph':
      for (const p of text(b.text)
        .split(/\n+/)
        .filter((s) => s.trim())) {
        // Chinese prose opens each paragraph two characters in
        l.text(p, { font: 'cjk', size: SIZE.body, leading: LEADING.body, indent: lang === 'zh' ? 2 * SIZE.body : 0 });
        l.y += mm(1.5);
      }
      return;
    case 'list':
      for (const item of b.items) l.bullet(text(item));
      l.y += mm(1);
      return;
    case 'table':
      for (const t of figureTables(b, facts, lang)) l.table(t);
      return;
    case 'chart':
      l.image(chartPng(b, facts, lang));
      return;
  }
}

/** The footer of every page, written when the page count is known. */
function footers(doc: Pdf, input: SummaryExportInput): void {
  const range = doc.bufferedPageRange();
  const stamp = footerText(input);
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const n = i - range.start + 1;
    const page = input.lang === 'zh' ? `第 ${n} 页，共 ${range.count} 页` : `page ${n} of ${range.count}`;
    doc.font('cjk').fontSize(SIZE.footer).fillColor('#777777');
    doc.text(`${stamp} · ${page}`, MARGIN_X, PAGE.height - mm(13), { width: WIDTH, align: 'center', lineBreak: false });
    doc.fillColor('black');
  }
}

function toBuffer(doc: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

export async function summaryPdf(input: SummaryExportInput): Promise<Buffer> {
  const { body } = input;
  const doc = createPdf({ page: 'A4', title: body.title, bufferPages: true });
  const done = toBuffer(doc);
  const l = new Layout(doc);
  l.text(body.title, { font: 'cjk-bold', size: SIZE.title, leading: LEADING.title, align: 'center' });
  l.y += mm(2);
  l.text(body.subtitle, { font: 'cjk', size: SIZE.subtitle, leading: LEADING.title, align: 'center' });
  l.y += mm(1);
  l.text(summaryInfoLine(input), { font: 'cjk', size: SIZE.info, leading: LEADING.title, align: 'center', color: '#666666' });
  l.y += mm(4);
  for (const section of body.sections) {
    l.heading(section.title);
    for (const b of section.blocks) block(l, b, input);
  }
  l.y += mm(6);
  for (const line of signatureLines(input)) {
    l.text(line, { font: 'cjk', size: SIZE.body, leading: LEADING.body, align: 'right', color: '#444444' });
  }
  footers(doc, input);
  doc.end();
  return done;
}
