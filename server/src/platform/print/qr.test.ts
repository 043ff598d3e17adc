import jsQRModule from 'jsqr';
import { describe, expect, it } from 'vitest';
import { type QrMatrix, qrMatrix, qrPng, qrSvg } from './qr.js';

// jsqr is CommonJS: Node hands ESM its module.exports, whose `default` is the decoder
const jsQR = jsQRModule.default;

/** Paints the matrix into an RGBA bitmap (4 px per module, 4-module white border) for the decoder. */
function toRgba(m: QrMatrix, scale = 4, quiet = 4) {
  const side = (m.size + 2 * quiet) * scale;
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let y = 0; y < m.size; y++) {
    for (let x = 0; x < m.size; x++) {
      if (!m.isDark(x, y)) continue;
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const px = ((y + quiet) * scale + dy) * side + (x + quiet) * scale + dx;
          data.fill(0, px * 4, px * 4 + 3);
        }
      }
    }
  }
  return { data, side };
}

describe('QR codes', () => {
  it.each(['http://127.0.0.1:3000/q/7KQ2M9XH', 'https://houqin.example.com/q/ABCDEFGH', 'https://后勤.example.cn/q/23456789'])(
    'decodes %s back to the same URL',
    (url) => {
      const m = qrMatrix(url);
      const { data, side } = toRgba(m);
      const decoded = jsQR(data, side, side);
      expect(decoded?.data).toBe(url);
    },
  );

  it('keeps label URLs small enough to print at 20 mm (version 3, 29 modules)', () => {
    expect(qrMatrix('https://houqin.example.com/q/ABCDEFGH').size).toBeLessThanOrEqual(29);
  });

  it('renders PNG and SVG images of the requested size', async () => {
    const png = await qrPng('http://127.0.0.1:3000/q/7KQ2M9XH', 300);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(300); // IHDR width
    const svg = await qrSvg('http://127.0.0.1:3000/q/7KQ2M9XH');
    expect(svg).toMatch(/^<svg[^>]+viewBox="0 0 \d+ \d+"/);
    expect(svg).toContain('<path');
  });
});
