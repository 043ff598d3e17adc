import QRCode from 'qrcode';
import type { Pdf } from './pdf.js';

/**
 * QR codes for labels and screens. Level M survives a scuffed or partly covered label
 * (15 % of the modules) while keeping a short URL at version 3 (29×29 modules), which
 * still reads at 20 mm on a phone.
 */
export const QR_ERROR_LEVEL = 'M' as const;

/** Quiet zone around the symbol, in modules (the standard asks for 4; 2 reads fine on white labels). */
export const QR_QUIET_MODULES = 2;

export interface QrMatrix {
  /** modules per side, without the quiet zone */
  size: number;
  isDark(x: number, y: number): boolean;
}

export function qrMatrix(text: string): QrMatrix {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: QR_ERROR_LEVEL });
  return { size: modules.size, isDark: (x, y) => modules.get(y, x) === 1 };
}

/** A PNG of the symbol with its quiet zone; `width` in pixels. */
export function qrPng(text: string, width = 256): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: QR_ERROR_LEVEL, margin: QR_QUIET_MODULES, width });
}

/** An SVG of the symbol with its quiet zone (scales to any size on screen). */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: QR_ERROR_LEVEL, margin: QR_QUIET_MODULES });
}

/**
 * Draws the symbol as vector rectangles in a `size`-point square at (x, y), quiet zone
 * included. One rectangle per horizontal run of dark modules keeps the page content small
 * (a sheet of 36 labels is a few kilobytes of drawing, no images).
 */
export function drawQr(doc: Pdf, text: string, x: number, y: number, size: number): void {
  const m = qrMatrix(text);
  const cell = size / (m.size + 2 * QR_QUIET_MODULES);
  const origin = QR_QUIET_MODULES * cell;
  doc.save().fillColor('#000000');
  for (let row = 0; row < m.size; row++) {
    let col = 0;
    while (col < m.size) {
      if (!m.isDark(col, row)) {
        col++;
        continue;
      }
      const start = col;
      while (col < m.size && m.isDark(col, row)) col++;
      // a hair of overlap hides the seams some viewers draw between adjacent rectangles
      doc.rect(x + origin + start * cell, y + origin + row * cell, (col - start) * cell, cell + 0.05);
    }
  }
  doc.fill().restore();
}
