import type { ReportFactsDto, SummaryLang } from './reports.js';
import type { SummaryFact, SummaryUnit } from './summary.js';

/**
 * Figure tokens in a summary's prose (contracts/reports.ts) and how a figure is written,
 * shared by the browser, the Word and the PDF renderers so that the three print the
 * same text. Pure: no I/O, no locale of the machine.
 */

export const FIGURE_VARIANTS = ['value', 'site', 'prev', 'ly', 'dprev', 'dly'] as const;
export type FigureVariant = (typeof FIGURE_VARIANTS)[number];

export interface FigureToken {
  key: string;
  variant: FigureVariant;
  /** for `site` */
  siteId?: string;
}

export type TextPart = { text: string } | { token: FigureToken; raw: string };

/** what a fact key may hold to be cited: anything but braces, blanks, `:` and `@` (a unit such as m³ is fine) */
export const FIGURE_KEY = /^[^{}\s:@]+$/;
const TOKEN = /\{\{\s*([^{}\s:@]+)\s*(?:@\s*([a-zA-Z0-9_-]+)\s*|:\s*(prev|ly|dprev|dly)\s*)?\}\}/g;

/** Splits a text into plain parts and figure tokens, in order. */
export function parseFigureText(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index ?? 0;
    if (start > at) parts.push({ text: text.slice(at, start) });
    const key = m[1] as string;
    const token: FigureToken = m[2]
      ? { key, variant: 'site', siteId: m[2] }
      : { key, variant: (m[3] as FigureVariant | undefined) ?? 'value' };
    parts.push({ token, raw: m[0] });
    at = start + m[0].length;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}

export function figureToken(key: string, variant: FigureVariant = 'value', siteId?: string): string {
  if (variant === 'site') return `{{${key}@${siteId}}}`;
  return variant === 'value' ? `{{${key}}}` : `{{${key}:${variant}}}`;
}

const UNIT_WORDS: Record<SummaryLang, Record<SummaryUnit, string>> = {
  zh: { count: '', percent: '%', hours: '小时', minutes: '分钟', fen: '', score: '分', ratio: '', quantity: '' },
  en: { count: '', percent: '%', hours: ' h', minutes: ' min', fen: '', score: ' pts', ratio: '', quantity: '' },
};

/** thousands separated; trailing zeros of the decimals dropped unless `keepZeros` (money) */
function grouped(n: number, decimals: number, keepZeros = false): string {
  const fixed = Math.abs(n).toFixed(decimals);
  const [int = '0', frac] = fixed.split('.');
  const withCommas = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const trimmed = keepZeros ? frac : frac?.replace(/0+$/, '');
  return `${n < 0 ? '-' : ''}${withCommas}${trimmed ? `.${trimmed}` : ''}`;
}

/** A figure with its unit: 460, 95.2%, 3.5小时, ¥1,234.50; a dash when it has no basis. */
export function formatFigure(value: number | null | undefined, unit: SummaryUnit, lang: SummaryLang): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (unit === 'fen') return `¥${grouped(value / 100, 2, true)}`;
  const decimals = unit === 'count' ? 0 : unit === 'score' ? 2 : 1;
  return `${grouped(value, decimals)}${UNIT_WORDS[lang][unit]}`;
}

/**
 * The change from `before` to `now` in words: 增长12.5% / 下降3.1% / 持平; for percentages
 * and scores the difference in points (提高2.3个百分点). Null when either has no basis or
 * a count grows from zero (no rate of change exists).
 */
export function formatChange(
  now: number | null | undefined,
  before: number | null | undefined,
  unit: SummaryUnit,
  lang: SummaryLang,
): string | null {
  if (now === null || now === undefined || before === null || before === undefined) return null;
  const zh = lang === 'zh';
  if (unit === 'percent' || unit === 'score') {
    const d = Math.round((now - before) * 10) / 10;
    if (d === 0) return zh ? '持平' : 'unchanged';
    const points = grouped(Math.abs(d), 1);
    if (unit === 'percent') return zh ? `${d > 0 ? '提高' : '下降'}${points}个百分点` : `${d > 0 ? 'up' : 'down'} ${points} points`;
    return zh ? `${d > 0 ? '提高' : '下降'}${points}分` : `${d > 0 ? 'up' : 'down'} ${points}`;
  }
  if (before === 0) return now === 0 ? (zh ? '持平' : 'unchanged') : null;
  const pct = Math.round(((now - before) / Math.abs(before)) * 1000) / 10;
  if (pct === 0) return zh ? '持平' : 'unchanged';
  const p = grouped(Math.abs(pct), 1);
  return zh ? `${pct > 0 ? '增长' : '下降'}${p}%` : `${pct > 0 ? 'up' : 'down'} ${p}%`;
}

export type FigureLookup = Pick<ReportFactsDto, 'facts' | 'previous' | 'lastYear'>;

/** The value a token stands for, and its unit; undefined when the key is not among the facts. */
export function resolveToken(token: FigureToken, data: FigureLookup): { fact: SummaryFact; value: number | null } | undefined {
  const fact = data.facts.find((f) => f.key === token.key);
  if (!fact) return undefined;
  switch (token.variant) {
    case 'site':
      return { fact, value: fact.bySite?.find((s) => s.siteId === token.siteId)?.value ?? null };
    case 'prev':
      return { fact, value: data.previous.values[token.key] ?? null };
    case 'ly':
      return { fact, value: data.lastYear.values[token.key] ?? null };
    default:
      return { fact, value: fact.value };
  }
}

/** The text a token prints as, in one language. */
export function tokenText(token: FigureToken, data: FigureLookup, lang: SummaryLang): string {
  const resolved = resolveToken(token, data);
  if (!resolved) return '—';
  const { fact } = resolved;
  if (token.variant === 'dprev' || token.variant === 'dly') {
    const before = token.variant === 'dprev' ? data.previous.values[token.key] : data.lastYear.values[token.key];
    return formatChange(fact.value, before, fact.unit, lang) ?? (lang === 'zh' ? '无可比数据' : 'no comparable data');
  }
  return formatFigure(resolved.value, fact.unit, lang);
}

/** A text with every token replaced by its figure: what a reader sees and what exports print. */
export function renderFigureText(text: string, data: FigureLookup, lang: SummaryLang): string {
  return parseFigureText(text)
    .map((p) => ('token' in p ? tokenText(p.token, data, lang) : p.text))
    .join('');
}

/** Tokens whose key is not among the facts (or whose site is not in the scope): a save is refused with these. */
export function unknownTokens(text: string, data: FigureLookup): string[] {
  const bad: string[] = [];
  for (const p of parseFigureText(text)) {
    if (!('token' in p)) continue;
    const fact = data.facts.find((f) => f.key === p.token.key);
    if (!fact || (p.token.variant === 'site' && !fact.bySite?.some((s) => s.siteId === p.token.siteId))) bad.push(p.raw);
  }
  return bad;
}
