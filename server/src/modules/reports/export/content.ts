import { formatChange, formatFigure } from '../../../../../contracts/figures.js';
import type { ReportFactsDto, SummaryBlock, SummaryLang, WorkSummaryStatus } from '../../../../../contracts/reports.js';
import type { SummaryFact, SummaryUnit } from '../../../../../contracts/summary.js';
import { DEFAULT_TIME_ZONE, formatZoned } from '../../../platform/numbering/time.js';
import type { SummaryExportInput } from './index.js';

/**
 * What the Word and the PDF export print besides the prose, worked out once so that the
 * two files say the same: the figure tables (headers and formatted cells) and how wide
 * their columns are, where a line may break, the line naming the summary's number,
 * version and status, and the page footer.
 */

export type TableBlock = Extract<SummaryBlock, { type: 'table' }>;

export const STATUS_LABELS: Record<SummaryLang, Record<WorkSummaryStatus, string>> = {
  zh: { draft: '编辑中', submitted: '待审批', approved: '已审批', returned: '已退回' },
  en: { draft: 'Draft', submitted: 'Submitted', approved: 'Approved', returned: 'Returned' },
};

/** the unit column of the data sheet (cells hold money in yuan, rates in percent) */
export const UNIT_NAMES: Record<SummaryLang, Record<SummaryUnit, string>> = {
  zh: { count: '数量', percent: '%', hours: '小时', minutes: '分钟', fen: '元', score: '分', ratio: '比值', quantity: '见指标名称' },
  en: {
    count: 'count',
    percent: '%',
    hours: 'hours',
    minutes: 'minutes',
    fen: 'CNY',
    score: 'points',
    ratio: 'ratio',
    quantity: 'see label',
  },
};

const WORDS = {
  zh: {
    figure: '指标',
    total: '合计',
    previous: '上期',
    lastYear: '去年同期',
    vsPrevious: '较上期',
    vsLastYear: '较去年同期',
    bySite: '（分场所）',
    noComparison: '无可比数据',
    noFigures: '（本表的指标不在本期数据中）',
  },
  en: {
    figure: 'Figure',
    total: 'Total',
    previous: 'Previous',
    lastYear: 'Last year',
    vsPrevious: 'vs previous',
    vsLastYear: 'vs last year',
    bySite: ' (by site)',
    noComparison: 'no comparable data',
    noFigures: '(none of the figures of this table are in the period’s data)',
  },
} as const;

/** per-site columns sit in the main table up to this many sites; more get tables of their own */
export const MAX_SITE_COLUMNS = 4;
/** site columns per by-site table when the sites do not fit the main table */
const SITES_PER_TABLE = 6;

export interface FigureColumn {
  title: string;
  /** figures right-aligned, the label left */
  align: 'left' | 'right';
  /** words (the label, a change) may wrap; a figure never breaks inside */
  wrap: boolean;
}

export interface FigureTable {
  title: string;
  columns: FigureColumn[];
  rows: string[][];
  /** printed instead of rows when none of the keys are among the facts */
  empty?: string;
}

function factsOf(keys: string[], data: ReportFactsDto): SummaryFact[] {
  // a key not among the facts (a module the reader may not see) is left out rather than printed as zero
  return keys.map((k) => data.facts.find((f) => f.key === k)).filter((f): f is SummaryFact => f !== undefined);
}

const siteValue = (f: SummaryFact, siteId: string) => f.bySite?.find((s) => s.siteId === siteId)?.value ?? null;

/**
 * A table block as printed: one row per key with its label, the sites' values (when the
 * scope has several sites), total, previous period, same period last year and the two
 * changes in words. With more sites than fit the page, the sites go to extra tables.
 */
export function figureTables(block: TableBlock, data: ReportFactsDto, lang: SummaryLang): FigureTable[] {
  const w = WORDS[lang];
  const facts = factsOf(block.keys, data);
  const sites = data.sites.length > 1 ? data.sites : [];
  const inline = sites.length <= MAX_SITE_COLUMNS ? sites : [];
  const label: FigureColumn = { title: w.figure, align: 'left', wrap: true };
  const figure = (title: string): FigureColumn => ({ title, align: 'right', wrap: false });
  const words = (title: string): FigureColumn => ({ title, align: 'right', wrap: true });
  const change = (now: number | null, before: number | null | undefined, unit: SummaryUnit) =>
    formatChange(now, before, unit, lang) ?? w.noComparison;
  const main: FigureTable = {
    title: block.title,
    columns: [
      label,
      ...inline.map((s) => figure(s.name)),
      figure(w.total),
      figure(w.previous),
      figure(w.lastYear),
      words(w.vsPrevious),
      words(w.vsLastYear),
    ],
    rows: facts.map((f) => {
      const previous = data.previous.values[f.key] ?? null;
      const lastYear = data.lastYear.values[f.key] ?? null;
      return [
        f.label[lang],
        ...inline.map((s) => formatFigure(siteValue(f, s.id), f.unit, lang)),
        formatFigure(f.value, f.unit, lang),
        formatFigure(previous, f.unit, lang),
        formatFigure(lastYear, f.unit, lang),
        change(f.value, previous, f.unit),
        change(f.value, lastYear, f.unit),
      ];
    }),
    ...(facts.length ? {} : { empty: w.noFigures }),
  };
  if (!facts.length || inline.length === sites.length) return [main];
  const tables = [main];
  for (let at = 0; at < sites.length; at += SITES_PER_TABLE) {
    const chunk = sites.slice(at, at + SITES_PER_TABLE);
    tables.push({
      title: `${block.title}${w.bySite}`,
      columns: [label, ...chunk.map((s) => figure(s.name))],
      rows: facts.map((f) => [f.label[lang], ...chunk.map((s) => formatFigure(siteValue(f, s.id), f.unit, lang))]),
    });
  }
  return tables;
}

/** ideographs, kana, hangul, CJK punctuation and full-width forms: a line may break around each */
export const CJK = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/;
/** never at the start of a line (they stay with the character before) */
const NO_START = new Set(Array.from('，。、；：？！）》」』】〉”’…%·,.;:?!)]}'));
/** never at the end of a line (they go with the character after) */
const NO_END = new Set(Array.from('（《「『【〈“‘([{¥'));

/**
 * Splits text into the pieces a line may not break inside: a CJK character with the
 * punctuation that must stay with it, a run of Latin letters and digits (a word or a
 * figure such as 1,248 or 95.8%), a space.
 */
export function units(text: string): string[] {
  const out: string[] = [];
  let word = '';
  let carry = '';
  const push = (u: string) => {
    if (NO_START.has(Array.from(u)[0] ?? '') && out.length && out[out.length - 1] !== ' ') out[out.length - 1] += u;
    else out.push(carry + u);
    carry = '';
  };
  for (const ch of Array.from(text)) {
    if (ch === ' ' || CJK.test(ch)) {
      if (word) push(word);
      word = '';
      if (NO_END.has(ch)) carry += ch;
      else push(ch);
    } else {
      word += ch;
    }
  }
  if (word) push(word);
  if (carry) out.push(carry);
  return out;
}

/**
 * Column widths filling `total`: every column at its natural width (its widest cell on
 * one line) when they fit, the spare room shared out; otherwise the figures keep their
 * natural width and the wrapping columns share the rest, none narrower than its longest
 * word. Null when even that does not fit (the caller takes a smaller font).
 */
export function fitColumns(columns: FigureColumn[], natural: number[], longestWord: number[], total: number): number[] | null {
  const sum = natural.reduce((a, b) => a + b, 0);
  if (sum <= total) return natural.map((n) => n + ((total - sum) * n) / sum);
  const fixed = columns.reduce((a, c, i) => a + (c.wrap ? 0 : (natural[i] ?? 0)), 0);
  const wrapping = columns.map((c, i) => (c.wrap ? i : -1)).filter((i) => i >= 0);
  const min = (i: number) => Math.min(longestWord[i] ?? 0, natural[i] ?? 0);
  const floor = wrapping.reduce((a, i) => a + min(i), 0);
  const rest = total - fixed;
  if (rest < floor) return null;
  const slack = wrapping.reduce((a, i) => a + (natural[i] ?? 0) - min(i), 0);
  return columns.map((c, i) => (c.wrap ? min(i) + ((rest - floor) * ((natural[i] ?? 0) - min(i))) / slack : (natural[i] ?? 0)));
}

/** `YYYY-MM-DD HH:mm` in the organisation's zone */
export function exportTime(at: string | Date, input: SummaryExportInput): string {
  return formatZoned(typeof at === 'string' ? new Date(at) : at, input.timeZone ?? DEFAULT_TIME_ZONE);
}

/** 编号 ZJ-… · 第 3 版 · 已审批 · 数据生成于 …: under the subtitle */
export function summaryInfoLine(input: SummaryExportInput): string {
  const { summary, versionNo, facts, lang } = input;
  const status = STATUS_LABELS[lang][summary.status];
  const generated = exportTime(facts.generatedAt, input);
  return lang === 'zh'
    ? `编号 ${summary.number} · 第 ${versionNo} 版 · ${status} · 数据生成于 ${generated}`
    : `No. ${summary.number} · Version ${versionNo} · ${status} · Figures as of ${generated}`;
}

/** the footer before the page number: number, version, status, export time */
export function footerText(input: SummaryExportInput): string {
  const { summary, versionNo, lang } = input;
  const status = STATUS_LABELS[lang][summary.status];
  const exported = exportTime(input.exportedAt ?? new Date(), input);
  return lang === 'zh'
    ? `${summary.number} · 第 ${versionNo} 版 · ${status} · 导出于 ${exported} · Houqin 后勤`
    : `${summary.number} · version ${versionNo} · ${status} · exported ${exported} · Houqin`;
}

/** the lines that close the document: who wrote it and, once approved, who approved it and their comment */
export function signatureLines(input: SummaryExportInput): string[] {
  const { summary, lang } = input;
  const author = lang === 'zh' ? `撰写：${summary.authorName}` : `Written by ${summary.authorName}`;
  if (summary.status !== 'approved' || !summary.approvedAt) return [author];
  const approved = exportTime(summary.approvedAt, input);
  const by = summary.approvedByName ?? '';
  const lines = [lang === 'zh' ? `${author}    审批：${by}（${approved}）` : `${author}; approved by ${by} (${approved})`];
  if (summary.approvalNote) lines.push(lang === 'zh' ? `审批意见：${summary.approvalNote}` : `Approval note: ${summary.approvalNote}`);
  return lines;
}
