import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { summaryDocx } from './docx.js';
import { fixtureExport } from './fixture.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The visible text of a WordprocessingML part: the runs' text, paragraphs on their own lines. */
function wordText(xml: string): string {
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<[^>]+>/g, (_m, text: string | undefined) => text ?? '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"');
}

async function build(lang: 'zh' | 'en') {
  const zip = await JSZip.loadAsync(await summaryDocx(fixtureExport(lang)));
  const part = async (name: string) => (await zip.file(name)?.async('string')) ?? '';
  return {
    zip,
    document: await part('word/document.xml'),
    styles: await part('word/styles.xml'),
    footer: await part('word/footer1.xml'),
    media: Object.keys(zip.files).filter((n) => n.startsWith('word/media/')),
  };
}

type Opened = Awaited<ReturnType<typeof build>>;
const opened = new Map<'zh' | 'en', Opened>();
// built once per language for all the tests below; rasterising the charts takes a few
// seconds on a busy two-core machine, beyond the default timeout of a single test
beforeAll(async () => {
  for (const lang of ['zh', 'en'] as const) opened.set(lang, await build(lang));
}, 120_000);
const open = (lang: 'zh' | 'en') => opened.get(lang) as Opened;

describe('summary as Word', () => {
  it('is a Word package with the headings, the sentences written out and the tables', () => {
    const { zip, document } = open('zh');
    expect(zip.file('[Content_Types].xml')).not.toBeNull();
    const text = wordText(document);
    expect(text).toContain('2026年第三季度后勤工作总结');
    expect(text).toContain('长春店、沈阳店 · 2026年7月1日至2026年9月30日');
    expect(text).toContain('编号 ZJ-20261008-0001 · 第 3 版 · 已审批 · 数据生成于 2026-10-08 09:30');
    for (const heading of ['一、概述', '二、服务与维修', '三、设施设备维护', '四、环境与巡查', '七、存在的问题', '八、下阶段工作计划']) {
      expect(text).toContain(heading);
    }
    // headings are Word headings (navigation pane, table of contents)
    expect(document.match(/<w:pStyle w:val="Heading1"\/>/g)).toHaveLength(8);
    expect(text).toContain('发现安全隐患460项，其中长春店311项，沈阳店149项，均已在规定期限内整改完毕。');
    expect(text).toContain('本季度后勤部门共受理报修1,248单，较上季度增长4.9%，较去年同期下降4.1%；其中长春店812单，沈阳店436单。');
    expect(text).toContain('本季度验收工程项目实际费用¥174,540.50。');
    expect(text).not.toContain('{{');
    // list items are bulleted paragraphs
    expect(text).toContain('空调暖通类报修仍较集中，需加强夏季来临前的预防性检修。');
    expect(document.match(/<w:numPr>/g)?.length).toBe(7);
    // table 2: header, then label, 长春店, 沈阳店, total, previous, last year, the changes
    expect(text).toContain('表2 报修与维修主要指标');
    expect(text).toMatch(/指标\n长春店\n沈阳店\n合计\n上期\n去年同期\n较上期\n较去年同期\n/);
    expect(text).toContain('维修及时率\n96.3%\n94.8%\n95.8%\n94.1%\n92.7%\n提高1.7个百分点\n提高3.1个百分点\n');
    expect(text).toContain('平均修复时间（MTTR）\n3.4小时\n4.1小时\n3.6小时\n3.9小时\n—\n下降7.7%\n无可比数据\n');
    // the header row repeats when a table runs over a page
    expect(document).toContain('<w:tblHeader/>');
    expect(text).toContain('撰写：王后勤    审批：李经理（2026-10-10 11:00）');
    expect(text).toContain('审批意见：数据已核对，同意。');
  });

  it('holds the charts as PNG pictures', async () => {
    const { zip, document, media } = open('zh');
    expect(media).toHaveLength(2);
    for (const name of media) {
      expect(name).toMatch(/\.png$/);
      const png = await zip.file(name)?.async('nodebuffer');
      expect(png?.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    }
    expect(document.match(/<pic:pic /g)).toHaveLength(2);
    expect(document).toContain('descr="各店报修与完工"');
  });

  it('names East Asian fonts so Word shows Chinese in Chinese fonts', () => {
    const { styles } = open('zh');
    expect(styles).toMatch(/<w:rFonts [^>]*w:eastAsia="宋体"/);
    expect(styles).toMatch(/<w:rFonts [^>]*w:eastAsia="黑体"/);
    expect(styles).toContain('<w:lang w:val="zh-CN" w:eastAsia="zh-CN"/>');
  });

  it('prints number, version, status, export time and page numbers in the footer', () => {
    const { footer } = open('zh');
    const text = wordText(footer);
    expect(text).toContain('ZJ-20261008-0001 · 第 3 版 · 已审批 · 导出于 2026-10-12 14:45');
    expect(footer).toContain('PAGE');
    expect(footer).toContain('NUMPAGES');
  });

  it('writes the English version', () => {
    const { document, styles, footer, media } = open('en');
    const text = wordText(document);
    expect(text).toContain('Facilities work summary, Q3 2026');
    expect(text).toContain('1. Overview');
    expect(text).toContain('No. ZJ-20261008-0001 · Version 3 · Approved · Figures as of 2026-10-08 09:30');
    expect(text).toContain('460 hazards were found, 311 at 长春店 and 149 at 沈阳店, all rectified within their deadlines.');
    expect(text).toContain('The mean time to repair was 3.6 h (down 7.7% on the previous quarter).');
    expect(text).toMatch(/Figure\n长春店\n沈阳店\nTotal\nPrevious\nLast year\nvs previous\nvs last year\n/);
    expect(text).toContain('Mean time to repair (MTTR)\n3.4 h\n4.1 h\n3.6 h\n3.9 h\n—\ndown 7.7%\nno comparable data\n');
    expect(media).toHaveLength(2);
    // site names stay Chinese in the English version: the East Asian font is still named
    expect(styles).toContain('<w:lang w:val="en-US" w:eastAsia="zh-CN"/>');
    expect(wordText(footer)).toContain('ZJ-20261008-0001 · version 3 · Approved · exported 2026-10-12 14:45');
  });
});
