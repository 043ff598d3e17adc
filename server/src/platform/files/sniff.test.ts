import { Document, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';
import { writeXlsx } from '../print/excel.js';
import { extensionOf, sniff, zipEntryNames } from './sniff.js';

/** A minimal stored (uncompressed) zip with the given entry names — enough for the central-directory check. */
function makeZip(names: string[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const n = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n);
    centrals.push(central, n);
    offset += 30 + n.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(names.length, 8);
  eocd.writeUInt16LE(names.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

const bytes = (...parts: (number[] | string)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

function mp4(major: string, compatible: string[] = []): Buffer {
  const size = 16 + compatible.length * 4;
  const head = Buffer.alloc(4);
  head.writeUInt32BE(size, 0);
  return Buffer.concat([
    head,
    Buffer.from(`ftyp${major}`, 'latin1'),
    Buffer.alloc(4),
    Buffer.from(compatible.join(''), 'latin1'),
    Buffer.alloc(32),
  ]);
}

describe('sniff', () => {
  it('recognises images and PDF from their magic bytes; images may carry each other’s extension', () => {
    expect(sniff(bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'), 'x.png')).toEqual({ mime: 'image/jpeg', inline: true });
    expect(sniff(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'x.gif')?.mime).toBe('image/png');
    expect(sniff(bytes('GIF89a', [1, 0, 1, 0]))?.mime).toBe('image/gif');
    expect(sniff(bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'IMG_0001.JPG')?.mime).toBe('image/webp');
    expect(sniff(bytes('%PDF-1.7\n%âãÏÓ\n'), '报告.PDF')).toEqual({ mime: 'application/pdf', inline: true });
  });

  it('tells real .docx and .xlsx apart by their parts, and refuses one named as the other', async () => {
    const docx = Buffer.from(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('维修报告')] }] })));
    const xlsx = await writeXlsx('表', [{ header: '名称', value: (r: { n: string }) => r.n }], [{ n: '空调' }]);
    expect(sniff(docx, 'a.docx')?.mime).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(sniff(xlsx, 'a.xlsx')?.mime).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(sniff(docx, 'a.xlsx')).toBeNull();
    expect(sniff(xlsx, 'a.docx')).toBeNull();
    expect(zipEntryNames(xlsx)).toContain('xl/workbook.xml');
  });

  it('refuses type spoofing: bytes that are not what the extension says', () => {
    const pdf = bytes('%PDF-1.7\n');
    expect(sniff(pdf, 'photo.jpg')).toBeNull();
    expect(sniff(Buffer.from('<html><script>alert(1)</script></html>'), 'photo.png')).toBeNull();
    expect(sniff(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'logo.png')).toBeNull();
    expect(sniff(Buffer.from('alert(document.cookie)'), 'pic.jpeg')).toBeNull();
    expect(sniff(Buffer.from('just words'), 'page.html')).toBeNull();
    expect(sniff(Buffer.from('just words'), 'icon.svg')).toBeNull();
    expect(sniff(bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'), 'x.html')).toBeNull();
    expect(sniff(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'x.svg')).toBeNull();
  });

  it('refuses markup even under a text name: HTML, SVG and XML are never accepted', () => {
    expect(sniff(Buffer.from('\uFEFF  <!DOCTYPE html><p>hi</p>'), 'notes.txt')).toBeNull();
    expect(sniff(Buffer.from('<svg><script>alert(1)</script></svg>'), 'data.csv')).toBeNull();
    expect(sniff(Buffer.from('<?xml version="1.0"?><a/>'))).toBeNull();
    // a comparison in plain text is not markup
    expect(sniff(Buffer.from('<50 件需补货\n'), 'notes.txt')?.mime).toBe('text/plain');
  });

  it('takes extensions case-insensitively and a name without one by its bytes alone', () => {
    expect(extensionOf('扫描件.JPG')).toBe('jpg');
    expect(extensionOf('.profile')).toBe('');
    expect(extensionOf('README')).toBe('');
    expect(sniff(Buffer.from('巡检记录\n'), 'README')?.mime).toBe('text/plain');
  });

  it('refuses zips that are not Office documents', () => {
    expect(sniff(makeZip(['word/document.xml']))).toBeNull(); // no [Content_Types].xml
    expect(sniff(makeZip(['[Content_Types].xml', 'ppt/presentation.xml']))).toBeNull();
    expect(sniff(makeZip(['[Content_Types].xml', 'xl/workbook.xml']))?.mime).toContain('spreadsheetml');
    expect(sniff(bytes([0x50, 0x4b, 0x03, 0x04], 'truncated'))).toBeNull();
  });

  it('accepts MP4 brands but not QuickTime or HEIC in the same container', () => {
    expect(sniff(mp4('isom', ['iso2', 'avc1']))?.mime).toBe('video/mp4');
    expect(sniff(mp4('XAVC', ['mp42']))?.mime).toBe('video/mp4');
    expect(sniff(mp4('qt  '))).toBeNull();
    expect(sniff(mp4('heic', ['mif1', 'heic']))).toBeNull();
  });

  it('accepts UTF-8 text and CSV, refuses binaries and other encodings', () => {
    expect(sniff(Buffer.from('编号,名称\n1,空调\n'), '清单.csv')).toEqual({ mime: 'text/csv', inline: false });
    expect(sniff(Buffer.from('巡检记录\n'), 'notes.txt')?.mime).toBe('text/plain');
    expect(sniff(bytes('MZ', [0x90, 0, 3, 0, 0, 0]), 'setup.png')).toBeNull();
    expect(sniff(Buffer.from('a\u0000b'))).toBeNull();
    expect(sniff(Buffer.from([0xb1, 0xe0, 0xba, 0xc5]), 'gbk.csv')).toBeNull(); // GBK 编号 is not UTF-8
    expect(sniff(Buffer.alloc(0))).toBeNull();
  });
});
