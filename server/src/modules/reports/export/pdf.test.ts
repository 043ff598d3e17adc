import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPdf, mm } from '../../../platform/print/pdf.js';
import { fixtureExport } from './fixture.js';
import { summaryPdf, wrapText } from './pdf.js';

/** Text extraction and page counting need poppler-utils (pdftotext, pdfinfo, pdffonts); the test fails rather than skips without them. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'houqin-summary-pdf-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const files: Record<'zh' | 'en', string> = { zh: '', en: '' };
// built once per language for all the tests below; rasterising the charts takes a few
// seconds on a busy two-core machine, beyond the default timeout of a single test
beforeAll(async () => {
  for (const lang of ['zh', 'en'] as const) {
    files[lang] = path.join(dir, `summary-${lang}.pdf`);
    fs.writeFileSync(files[lang], await summaryPdf(fixtureExport(lang)));
  }
}, 120_000);
const pdfFile = (lang: 'zh' | 'en') => files[lang];
const run = (tool: string, args: string[]) => execFileSync(tool, args, { encoding: 'utf8' });
/** pdftotext in reading order, whitespace removed (Chinese has no spaces; lines break anywhere) */
const squeezed = (file: string) => run('pdftotext', ['-raw', file, '-']).replace(/\s+/g, '');
const pages = (file: string) => Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [file]))?.[1]);
const count = (text: string, part: string) => text.split(part).length - 1;

describe('summary as PDF', () => {
  it('is a PDF with the CJK font embedded', () => {
    const file = pdfFile('zh');
    expect(fs.readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const fonts = run('pdffonts', [file]);
    expect(fonts).toMatch(/NotoSansCJK|WenQuanYi/);
    expect(
      fonts
        .split('\n')
        .filter((l) => /CID/.test(l))
        .every((l) => /\byes\s+yes\b/.test(l)),
    ).toBe(true);
  });

  it('prints the headings and the sentences written from the figure tokens', () => {
    const text = squeezed(pdfFile('zh'));
    for (const part of [
      '2026年第三季度后勤工作总结',
      '长春店、沈阳店·2026年7月1日至2026年9月30日',
      '编号ZJ-20261008-0001·第3版·已审批·数据生成于2026-10-0809:30',
      '一、概述',
      '四、环境与巡查',
      '八、下阶段工作计划',
      '发现安全隐患460项，其中长春店311项，沈阳店149项，均已在规定期限内整改完毕。',
      '本季度后勤部门共受理报修1,248单，较上季度增长4.9%，较去年同期下降4.1%；其中长春店812单，沈阳店436单。',
      '平均修复时间（MTTR）为3.6小时，上季度为3.9小时，下降7.7%',
      '本季度验收工程项目实际费用¥174,540.50。',
      '沈阳店计划保养完成率91.5%，低于长春店',
      '撰写：王后勤审批：李经理（2026-10-1011:00）',
      '审批意见：数据已核对，同意。',
    ]) {
      expect(text).toContain(part);
    }
    expect(text).not.toContain('{{');
  });

  it('prints the figure tables row by row', () => {
    const text = squeezed(pdfFile('zh'));
    expect(text).toContain('表2报修与维修主要指标指标长春店沈阳店合计上期去年同期较上期较去年同期');
    expect(text).toContain('报修总数8124361,2481,1901,302增长4.9%下降4.1%');
    expect(text).toContain('维修及时率96.3%94.8%95.8%94.1%92.7%提高1.7个百分点提高3.1个百分点');
    expect(text).toContain('平均修复时间（MTTR）3.4小时4.1小时3.6小时3.9小时—下降7.7%无可比数据');
    // figures are never split inside a cell
    expect(text).toContain('项目实际费用¥128,340.50¥46,200.00¥174,540.50¥215,000.00—下降18.8%无可比数据');
    expect(text).toContain('用电量（kWh）186,420.597,310.3283,730.8301,200279,850.5下降5.8%增长1.4%');
  });

  it('breaks a long table across pages with its header row repeated, and numbers the pages', () => {
    const file = pdfFile('zh');
    const n = pages(file);
    expect(n).toBeGreaterThanOrEqual(3);
    const header = '指标长春店沈阳店合计上期去年同期较上期较去年同期';
    const page = (p: number) => run('pdftotext', ['-raw', '-f', String(p), '-l', String(p), file, '-']).replace(/\s+/g, '');
    // table 1 (every figure) starts on the first page and goes on on the second, under its header again
    expect(page(1)).toContain(`表1本季度指标一览${header}报修总数`);
    expect(page(2).startsWith(header)).toBe(true);
    // three tables, each header printed once more on each page a table goes on to
    const continued = Array.from({ length: n - 1 }, (_, i) => page(i + 2)).filter((t) => t.startsWith(header)).length;
    expect(count(squeezed(file), header)).toBe(3 + continued);
    for (let p = 1; p <= n; p++) {
      expect(page(p)).toContain(`ZJ-20261008-0001·第3版·已审批·导出于2026-10-1214:45·Houqin后勤·第${p}页，共${n}页`);
    }
  });

  it('places the chart pictures', () => {
    const file = pdfFile('zh');
    // page num type width height …: the pictures, not their alpha masks
    const images = run('pdfimages', ['-list', file])
      .trim()
      .split('\n')
      .slice(2)
      .map((l) => l.trim().split(/\s+/));
    const pictures = images.filter((cols) => cols[2] === 'image');
    expect(pictures.map((cols) => [cols[3], cols[4]])).toEqual([
      ['1440', '800'],
      ['1440', '800'],
    ]);
  });

  it('writes the English version', () => {
    const file = pdfFile('en');
    const text = squeezed(file);
    for (const part of [
      'Facilitiesworksummary,Q32026',
      '1.Overview',
      'No.ZJ-20261008-0001·Version3·Approved·Figuresasof2026-10-0809:30',
      '460hazardswerefound,311at长春店and149at沈阳店,allrectifiedwithintheirdeadlines.',
      'Themeantimetorepairwas3.6h(down7.7%onthepreviousquarter).',
      'Requestsreceived8124361,2481,1901,302up4.9%down4.1%',
      'Writtenby王后勤;approvedby李经理(2026-10-1011:00)',
    ]) {
      expect(text).toContain(part);
    }
    expect(text).toContain(`page1of${pages(file)}`);
  });
});

describe('line wrapping', () => {
  const doc = createPdf({ page: 'A4', title: 'wrap' });
  doc.font('cjk').fontSize(10.5);
  const measure = (text: string) => doc.widthOfString(text);

  it('keeps closing punctuation off the start of a line and figures in one piece', () => {
    const text = '本季度后勤部门共受理报修1,248单，较上季度增长4.9%，较去年同期下降4.1%；其中长春店812单，沈阳店436单。';
    for (const lineWidth of [mm(30), mm(42), mm(55), mm(80)]) {
      const lines = wrapText(measure, text, lineWidth);
      expect(lines.join('')).toBe(text);
      for (const line of lines.slice(1)) expect(line).not.toMatch(/^[，。；%、）]/);
      // no figure split over two lines
      for (let i = 1; i < lines.length; i++) {
        expect(`${lines[i - 1]?.slice(-1)}${lines[i]?.[0]}`).not.toMatch(/^[\d,.][\d,.%]$/);
      }
    }
  });

  it('breaks English between words and narrows the first line by the indent', () => {
    const text = 'The department received 1,248 repair requests this quarter, up 4.9% on the previous quarter.';
    const lines = wrapText(measure, text, mm(50), mm(40));
    expect(lines.join(' ')).toBe(text);
    expect(doc.widthOfString(lines[0] ?? '')).toBeLessThanOrEqual(mm(40));
    for (const line of lines.slice(1)) expect(doc.widthOfString(line)).toBeLessThanOrEqual(mm(50));
  });

  it('cuts a piece longer than a line and keeps hard line breaks', () => {
    const link = '/work-orders?createdFrom=2026-06-30T16%3A00%3A00.000Z&createdTo=2026-09-30T16%3A00%3A00.000Z';
    const lines = wrapText(measure, link, mm(40));
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('')).toBe(link);
    expect(wrapText(measure, '第一行\n第二行', mm(80))).toEqual(['第一行', '第二行']);
  });
});
