import { describe, expect, it } from 'vitest';
import { labelSlot, pageCount, renderLabels, SHEET_MIN_MARGIN_MM, sheetLayout } from './labels.js';
import { createPdf, fitText, mm } from './pdf.js';

describe('label sheet layout', () => {
  it('fits 4 × 9 = 36 labels of 50×30 mm on A4, centred', () => {
    const l = sheetLayout('50x30');
    expect([l.cols, l.rows, l.perPage]).toEqual([4, 9, 36]);
    expect(l.marginX).toBeCloseTo(5);
    expect(l.marginY).toBeCloseTo(13.5);
  });

  it('fits 2 × 7 = 14 labels of 70×40 mm on A4', () => {
    const l = sheetLayout('70x40');
    expect([l.cols, l.rows, l.perPage]).toEqual([2, 7, 14]);
    expect(l.marginX).toBeCloseTo(35);
    expect(l.marginY).toBeCloseTo(8.5);
  });

  it('keeps every label inside the printable area', () => {
    for (const size of ['50x30', '70x40'] as const) {
      const l = sheetLayout(size);
      const last = labelSlot(l, l.perPage - 1);
      expect(labelSlot(l, 0)).toEqual({ x: l.marginX, y: l.marginY });
      expect(last.x + l.label.width).toBeLessThanOrEqual(210 - SHEET_MIN_MARGIN_MM + 1e-9);
      expect(last.y + l.label.height).toBeLessThanOrEqual(297 - SHEET_MIN_MARGIN_MM + 1e-9);
    }
  });

  it('counts pages: full sheets, a partial last sheet, one A5 page per sign', () => {
    expect(pageCount('50x30', 36)).toBe(1);
    expect(pageCount('50x30', 37)).toBe(2);
    expect(pageCount('70x40', 100)).toBe(8);
    expect(pageCount('a5-sign', 5)).toBe(5);
    expect(pageCount('50x30', 0)).toBe(0);
  });
});

describe('text fitting', () => {
  const doc = createPdf({ page: 'A4', title: 'test' });

  it('keeps the largest size when the text fits', () => {
    const f = fitText(doc, '配电室', { width: mm(30), maxLines: 1, maxSize: 12, minSize: 6 });
    expect(f).toEqual({ size: 12, lines: ['配电室'] });
  });

  it('shrinks before wrapping onto too many lines', () => {
    const f = fitText(doc, '中央空调冷水机组一号', { width: mm(24), maxLines: 1, maxSize: 12, minSize: 6 });
    expect(f.lines).toEqual(['中央空调冷水机组一号']);
    expect(f.size).toBeLessThan(12);
    doc.fontSize(f.size);
    expect(doc.widthOfString(f.lines[0] ?? '')).toBeLessThanOrEqual(mm(24));
  });

  it('ellipsizes what does not fit even at the smallest size', () => {
    const name = '长春店A座主楼地下二层冷冻机房中央空调冷水机组一号机组变频控制柜';
    const f = fitText(doc, name, { width: mm(20), maxLines: 2, maxSize: 10, minSize: 8 });
    expect(f.size).toBe(8);
    expect(f.lines).toHaveLength(2);
    expect(f.lines[1]?.endsWith('…')).toBe(true);
    expect(f.lines.join('').replace('…', '')).toBe(name.slice(0, f.lines.join('').length - 1));
    for (const line of f.lines) expect(doc.widthOfString(line)).toBeLessThanOrEqual(mm(20));
  });

  it('breaks Latin text after a space rather than inside a word', () => {
    doc.font('cjk').fontSize(10);
    const width = doc.widthOfString('Carrier chiller') + 1;
    const f = fitText(doc, 'Carrier chiller unit', { width, maxLines: 2, maxSize: 10, minSize: 10 });
    expect(f.lines).toEqual(['Carrier chiller', 'unit']);
  });
});

describe('streaming a big batch', () => {
  it('pauses rendering while nobody reads, then finishes every page once the reader catches up', async () => {
    const doc = createPdf({ page: 'A4', title: 'batch' });
    const items = Array.from({ length: 1440 }, (_, i) => ({
      title: `冷水机组${i}号`,
      code: `ZC-${String(i).padStart(6, '0')}`,
      place: '长春店 / A座主楼 / 地下一层 / 空调机房',
      url: `https://houqin.example.com/q/AB${String(i).padStart(6, '0')}`,
    }));
    let finished = false;
    const rendering = renderLabels(doc, items, { size: '50x30', cutLines: true }).then(() => {
      finished = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(finished).toBe(false);
    expect(doc.readableLength).toBeLessThan(2 * 1024 * 1024);

    const chunks: Buffer[] = [];
    const ended = new Promise((resolve) => doc.on('end', resolve));
    doc.on('data', (c: Buffer) => chunks.push(c));
    await rendering;
    await ended;
    const pdf = Buffer.concat(chunks).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf.match(/\/Type \/Page\b/g)).toHaveLength(40);
  }, 60_000);
});
