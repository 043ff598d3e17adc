import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { renderFigureText } from '../../../../../contracts/figures.js';
import type { SummaryBlock } from '../../../../../contracts/reports.js';
import { CHART_SIZE, chartPng } from './charts.js';
import { CJK, type FigureTable, figureTables, fitColumns, footerText, signatureLines, summaryInfoLine, units } from './content.js';
import type { SummaryExportInput } from './index.js';

/**
 * The summary as a Word document: title, subtitle, a heading per chapter, the prose with
 * its figures written out, lists, figure tables and the charts as PNG pictures. Word
 * picks fonts per script, so every run names an East Asian font (宋体 for text, 黑体 for
 * headings) besides the Latin one: Chinese then shows in Word's Chinese fonts rather
 * than a Latin font's fallback, in the English version too (site names stay Chinese).
 */

/** A4 in twips (1/20 pt) with 2.54 cm top/bottom and 2.2 cm side margins */
const PAGE = { width: 11906, height: 16838, marginY: 1440, marginX: 1247 };
const TEXT_WIDTH = PAGE.width - 2 * PAGE.marginX;
/** the chart picture at the text width, in the pixels (96 dpi) docx sizes images in */
const CHART_PX = { width: 600, height: Math.round((600 * CHART_SIZE.height) / CHART_SIZE.width) };

const LATIN = 'Calibri';
const BODY_FONT = { ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia: '宋体' };
const HEADING_FONT = { ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia: '黑体' };
/** half-points */
const SIZE = { body: 22, table: 18, footer: 16, info: 18, heading: 30, title: 36, subtitle: 24 };

const thin = { style: BorderStyle.SINGLE, size: 4, color: '808080' };
const CELL_BORDERS = { top: thin, bottom: thin, left: thin, right: thin };

/** twips of a text in the table's font, estimated: Word measures when it lays out, we cannot */
function estimate(text: string): number {
  const em = (SIZE.table / 2) * 20;
  let n = 0;
  // ideographs and full-width forms are one em; Calibri's digits and letters about half of one
  for (const ch of Array.from(text)) n += CJK.test(ch) ? 1 : 0.58;
  return n * em;
}

/** widths in twips: figures unbroken, label and changes wrapping when the table is tight */
function columnWidths(t: FigureTable): number[] {
  const cellMargins = 2 * 80 + 40;
  const cells = t.columns.map((c, i) => [c.title, ...t.rows.map((r) => r[i] ?? '')]);
  const natural = cells.map((col) => Math.max(...col.map(estimate)) + cellMargins);
  const words = cells.map((col) => Math.max(...col.flatMap((text) => units(text).map(estimate))) + cellMargins);
  const fitted = fitColumns(t.columns, natural, words, TEXT_WIDTH);
  const sum = natural.reduce((a, b) => a + b, 0);
  return (fitted ?? natural.map((n) => (TEXT_WIDTH * n) / sum)).map((w) => Math.floor(w));
}

function tableOf(t: FigureTable): (Paragraph | Table)[] {
  const caption = new Paragraph({
    alignment: AlignmentType.CENTER,
    keepNext: true,
    spacing: { before: 200, after: 80 },
    children: [new TextRun({ text: t.title, bold: true, font: HEADING_FONT })],
  });
  if (t.empty)
    return [caption, new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: t.empty, color: '666666' })] })];
  const widths = columnWidths(t);
  const cell = (text: string, i: number, header: boolean) =>
    new TableCell({
      width: { size: widths[i] ?? 0, type: WidthType.DXA },
      borders: CELL_BORDERS,
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      ...(header ? { shading: { fill: 'F0F0F0', type: ShadingType.CLEAR, color: 'auto' } } : {}),
      children: [
        new Paragraph({
          alignment: header ? AlignmentType.CENTER : t.columns[i]?.align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [new TextRun({ text, bold: header, size: SIZE.table, ...(header ? { font: HEADING_FONT } : {}) })],
        }),
      ],
    });
  const table = new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      // the header row repeats on every page the table runs over
      new TableRow({ tableHeader: true, cantSplit: true, children: t.columns.map((c, i) => cell(c.title, i, true)) }),
      ...t.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, i, false)) })),
    ],
  });
  return [caption, table, new Paragraph({ spacing: { after: 120 }, children: [] })];
}

function blockOf(block: SummaryBlock, input: SummaryExportInput): (Paragraph | Table)[] {
  const { facts, lang } = input;
  const text = (t: string) => renderFigureText(t, facts, lang);
  switch (block.type) {
    case 'paragraph':
      return text(block.text)
        .split(/\n+/)
        .filter((p) => p.trim())
        .map(
          (p) =>
            new Paragraph({
              // Chinese prose opens each paragraph two characters in
              indent: lang === 'zh' ? { firstLine: 2 * 11 * 20 } : undefined,
              spacing: { after: 120, line: 360 },
              alignment: AlignmentType.JUSTIFIED,
              children: [new TextRun(p)],
            }),
        );
    case 'list':
      return block.items.map(
        (item) => new Paragraph({ bullet: { level: 0 }, spacing: { after: 60, line: 336 }, children: [new TextRun(text(item))] }),
      );
    case 'table':
      return figureTables(block, facts, lang).flatMap(tableOf);
    case 'chart':
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { before: 120, after: 120 },
          children: [
            new ImageRun({
              type: 'png',
              data: chartPng(block, facts, lang),
              transformation: CHART_PX,
              altText: { name: block.title, title: block.title, description: block.title },
            }),
          ],
        }),
      ];
  }
}

export async function summaryDocx(input: SummaryExportInput): Promise<Buffer> {
  const { body, lang } = input;
  const language = { value: lang === 'zh' ? 'zh-CN' : 'en-US', eastAsia: 'zh-CN' };
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(body.title)] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 60 },
      children: [new TextRun({ text: body.subtitle, size: SIZE.subtitle })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [new TextRun({ text: summaryInfoLine(input), size: SIZE.info, color: '666666' })],
    }),
  ];
  for (const section of body.sections) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(section.title)] }));
    for (const block of section.blocks) children.push(...blockOf(block, input));
  }
  signatureLines(input).forEach((line, i) => {
    children.push(
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        spacing: { before: i === 0 ? 360 : 0 },
        children: [new TextRun({ text: line, color: '444444' })],
      }),
    );
  });

  const pageWords =
    lang === 'zh'
      ? [' · 第 ', PageNumber.CURRENT, ' 页，共 ', PageNumber.TOTAL_PAGES, ' 页']
      : [' · page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES];
  const doc = new Document({
    creator: 'Houqin 后勤',
    title: body.title,
    description: body.subtitle,
    styles: {
      default: {
        document: { run: { font: BODY_FONT, size: SIZE.body, language } },
        title: { run: { font: HEADING_FONT, size: SIZE.title, bold: true, color: '000000' }, paragraph: { spacing: { after: 120 } } },
        heading1: {
          run: { font: HEADING_FONT, size: SIZE.heading, bold: true, color: '000000' },
          paragraph: { spacing: { before: 360, after: 160 }, keepNext: true },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.marginY, bottom: PAGE.marginY, left: PAGE.marginX, right: PAGE.marginX },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ size: SIZE.footer, color: '777777', children: [footerText(input), ...pageWords] })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
