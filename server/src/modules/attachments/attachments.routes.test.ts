import { describe, expect, it } from 'vitest';
import { cleanFilename, contentDisposition } from './attachments.routes.js';

describe('attachment file names', () => {
  it('keeps only the last path segment and drops control characters', () => {
    expect(cleanFilename('C:\\fakepath\\报修照片.jpg')).toBe('报修照片.jpg');
    expect(cleanFilename('../../etc/passwd')).toBe('passwd');
    expect(cleanFilename('a\u0000b\r\n.pdf')).toBe('ab.pdf');
    expect(cleanFilename('   ')).toBe('file');
  });

  it('caps long names but keeps the extension', () => {
    const name = cleanFilename(`${'长'.repeat(300)}.xlsx`);
    expect(name).toHaveLength(200);
    expect(name.endsWith('.xlsx')).toBe(true);
  });

  it('writes an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('attachment', '巡检 "记录"(1).csv')).toBe(
      `attachment; filename="__ ____(1).csv"; filename*=UTF-8''%E5%B7%A1%E6%A3%80%20%22%E8%AE%B0%E5%BD%95%22%281%29.csv`,
    );
    expect(contentDisposition('inline', 'plan.pdf')).toBe(`inline; filename="plan.pdf"; filename*=UTF-8''plan.pdf`);
  });
});
