import fs from 'node:fs';
import type { FastifyReply } from 'fastify';
import PDFDocument from 'pdfkit';

/**
 * The shared PDF engine: a pdfkit document with the CJK font registered (subset-embedded,
 * so a label sheet stays small), millimetre helpers, text fitting that shrinks and then
 * ellipsizes, and streaming with back-pressure so hundreds of pages never sit in memory.
 */
export type Pdf = PDFKit.PDFDocument;

/** Millimetres → PDF points (1 pt = 1/72 inch). */
export const mm = (n: number): number => (n * 72) / 25.4;

/** Page sizes in millimetres (portrait). */
export const PAGE_MM = { A4: { width: 210, height: 297 }, A5: { width: 148, height: 210 } } as const;
export type PageName = keyof typeof PAGE_MM;

interface FontCandidate {
  path: string;
  /** PostScript name inside a .ttc collection */
  family: string;
  /** the family name font databases match on (resvg, fontconfig) */
  familyName: string;
}

const REGULAR: FontCandidate[] = [
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular', familyName: 'Noto Sans CJK SC' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', family: 'WenQuanYiZenHei', familyName: 'WenQuanYi Zen Hei' },
];
const BOLD: FontCandidate[] = [
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', family: 'NotoSansCJKsc-Bold', familyName: 'Noto Sans CJK SC' },
];

interface LoadedFont {
  data: Buffer;
  family: string;
}
let regular: LoadedFont | undefined;
let bold: LoadedFont | null | undefined;

function load(candidates: FontCandidate[]): LoadedFont | null {
  const found = candidates.find((c) => fs.existsSync(c.path));
  return found ? { data: fs.readFileSync(found.path), family: found.family } : null;
}

const MISSING_FONT =
  'PDF 需要中文字体：未找到 Noto Sans CJK（Debian 软件包 fonts-noto-cjk）或文泉驿正黑（fonts-wqy-zenhei）。' +
  '请执行 apt-get install fonts-noto-cjk';

/**
 * Where the regular CJK font is, for renderers that load fonts by path (the summary's
 * chart pictures through resvg): the same candidates as the PDFs, so both print alike.
 */
export function cjkFontFile(): { path: string; familyName: string } {
  const found = REGULAR.find((c) => fs.existsSync(c.path));
  if (!found) throw new Error(MISSING_FONT);
  return { path: found.path, familyName: found.familyName };
}

/** The CJK font files, read once per process (≈20 MB; pdfkit parses them per document). */
export function cjkFonts(): { regular: LoadedFont; bold: LoadedFont | null } {
  if (!regular) {
    const found = load(REGULAR);
    if (!found) throw new Error(MISSING_FONT);
    regular = found;
  }
  if (bold === undefined) bold = load(BOLD);
  return { regular, bold };
}

export interface PdfOptions {
  page: PageName;
  title: string;
  author?: string;
  /**
   * keep every page in memory until `end()` so footers can be written afterwards ("第 2 页，
   * 共 5 页", doc.switchToPage); only for documents of a few pages, never for batches
   */
  bufferPages?: boolean;
}

/**
 * A new document without a first page (call `doc.addPage()` per page). Fonts `cjk` and
 * `cjk-bold` (the regular face when no bold file exists) are registered and selected.
 */
export function createPdf(opts: PdfOptions): Pdf {
  const fonts = cjkFonts();
  const size = PAGE_MM[opts.page];
  const doc = new PDFDocument({
    autoFirstPage: false,
    size: [mm(size.width), mm(size.height)],
    margin: 0,
    info: { Title: opts.title, Author: opts.author ?? 'Houqin 后勤', Creator: 'Houqin 后勤' },
    pdfVersion: '1.7',
    bufferPages: opts.bufferPages ?? false,
  });
  doc.registerFont('cjk', fonts.regular.data, fonts.regular.family);
  const b = fonts.bold ?? fonts.regular;
  doc.registerFont('cjk-bold', b.data, b.family);
  doc.font('cjk');
  return doc;
}

export interface FitOptions {
  width: number;
  maxLines: number;
  maxSize: number;
  minSize: number;
  font?: 'cjk' | 'cjk-bold';
}

export interface FittedText {
  size: number;
  lines: string[];
}

/**
 * Chooses the fewest lines and then the largest font size (half-point steps) at which
 * `text` fits in `maxLines`; at the smallest size the overflow is cut with an ellipsis.
 * Wrapping is per character (Chinese has no spaces), preferring a break after a space.
 */
export function fitText(doc: Pdf, text: string, opts: FitOptions): FittedText {
  doc.font(opts.font ?? 'cjk');
  const clean = text.replace(/\s+/g, ' ').trim();
  // fewer lines first: a name shrunk by up to a quarter on one line reads better than
  // one wrapped with a single character left over on the next
  for (let maxLines = 1; maxLines <= opts.maxLines; maxLines++) {
    const floor = maxLines === opts.maxLines ? opts.minSize : Math.max(opts.minSize, opts.maxSize * 0.75);
    for (let size = opts.maxSize; size >= floor; size -= 0.5) {
      doc.fontSize(size);
      const lines = wrap(doc, clean, opts.width);
      if (lines.length <= maxLines) return { size, lines };
    }
  }
  doc.fontSize(opts.minSize);
  const lines = wrap(doc, clean, opts.width).slice(0, opts.maxLines);
  const last = lines.length - 1;
  lines[last] = ellipsize(doc, `${lines[last] ?? ''}…`, opts.width);
  return { size: opts.minSize, lines };
}

function wrap(doc: Pdf, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of Array.from(text)) {
    const next = line + ch;
    if (line && doc.widthOfString(next) > width) {
      const space = line.lastIndexOf(' ');
      if (space > 0 && ch !== ' ') {
        lines.push(line.slice(0, space));
        line = line.slice(space + 1) + ch;
      } else {
        lines.push(line.trimEnd());
        line = ch === ' ' ? '' : ch;
      }
    } else {
      line = next;
    }
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/** Drops characters before the final "…" until the line fits. */
function ellipsize(doc: Pdf, line: string, width: number): string {
  let chars = Array.from(line.slice(0, -1));
  while (chars.length && doc.widthOfString(`${chars.join('')}…`) > width) chars = chars.slice(0, -1);
  return `${chars.join('').trimEnd()}…`;
}

/** Draws fitted lines top-down from (x, y); returns the y below the last line. */
export function drawLines(
  doc: Pdf,
  fitted: FittedText,
  x: number,
  y: number,
  opts: { width: number; align?: 'left' | 'center'; font?: string; lineGap?: number },
): number {
  doc.font(opts.font ?? 'cjk').fontSize(fitted.size);
  const lineHeight = fitted.size * (1 + (opts.lineGap ?? 0.15));
  let at = y;
  for (const line of fitted.lines) {
    doc.text(line, x, at, { width: opts.width, align: opts.align ?? 'left', lineBreak: false });
    at += lineHeight;
  }
  return at;
}

/**
 * Waits while the document's output buffer holds more than a few pages, so a big batch
 * renders only as fast as the client reads. pdfkit pushes without looking at the
 * consumer; Readable calls `_read` when it wants more, which is what releases us.
 * Resolves false when the consumer went away (the caller stops rendering).
 */
export function createBackpressure(doc: Pdf, limitBytes = 1024 * 1024): () => Promise<boolean> {
  let wake: (() => void) | null = null;
  const stream = doc as unknown as { _read: () => void; readableLength: number; destroyed: boolean };
  stream._read = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  doc.on('close', () => stream._read());
  return async () => {
    while (!stream.destroyed && stream.readableLength > limitBytes) {
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
    return !stream.destroyed;
  };
}

/** Answers with the document as a streamed `application/pdf` download. */
export function sendPdf(reply: FastifyReply, doc: Pdf, filename: string): FastifyReply {
  return reply
    .type('application/pdf')
    .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .header('cache-control', 'no-store')
    .send(doc);
}
