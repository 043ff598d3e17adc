import {
  type FigureLookup,
  type FigureToken,
  type FigureVariant,
  figureToken,
  formatChange,
  formatFigure,
  tokenText,
  unknownTokens,
} from '../../../../contracts/figures';
import type {
  FactModuleDto,
  PeriodInput,
  PeriodKind,
  ReportFactsDto,
  ResolvedPeriod,
  SummaryBlock,
  SummaryBody,
  SummaryLang,
  SummarySectionKey,
  WorkSummaryDto,
} from '../../../../contracts/reports';
import type { SummaryFact } from '../../../../contracts/summary';
import { factSiteLink } from '../../components/FactCards';

/**
 * The work summary pages' pure logic, tested without a browser (logic.test.ts): the
 * period chosen on the new-summary page, the workflow buttons a summary offers, the
 * figures of its tables and where each figure links to, and the editor's operations on
 * the prose (tokens inserted at the caret, list items added and removed, unknown tokens
 * found before a save).
 */

export const SUMMARIES = '/summaries';
export const PATHS = {
  list: '/summaries',
  create: '/summaries/new',
  detail: (id: string) => `/summaries/${id}`,
};

/** the list's filters, kept in the URL so that a link (the dashboard's, a bookmark) opens the same list */
export const SUMMARY_FILTERS = ['q', 'status', 'kind', 'siteId'] as const;

/** The language of the document that goes with the interface language. */
export function docLang(language: string | undefined): SummaryLang {
  return language?.startsWith('en') ? 'en' : 'zh';
}

// ── the period of a new summary ─────────────────────────────────────────────────────

/** how many months, quarters or halves a year has; 0 for kinds chosen without an index */
export const PERIOD_INDEX_COUNT: Record<PeriodKind, number> = { month: 12, quarter: 4, half: 2, year: 0, custom: 0 };

/** the period fields of the form; dates are local days YYYY-MM-DD */
export interface PeriodValues {
  kind: PeriodKind;
  year?: number | null;
  index?: number | null;
  startDate?: string | null;
  endDate?: string | null;
}

/** a local calendar day */
export interface Day {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

const pad = (n: number) => String(n).padStart(2, '0');
export const dayText = (d: Day) => `${d.year}-${pad(d.month)}-${pad(d.day)}`;

/** the index (month, quarter, half) of a kind in which a month falls */
function indexOfMonth(kind: PeriodKind, month: number): number {
  if (kind === 'quarter') return Math.ceil(month / 3);
  if (kind === 'half') return month <= 6 ? 1 : 2;
  return month;
}

/**
 * What the form proposes for a kind: the last whole period before today (上月, 上季度,
 * the last half-year, 去年), since a summary is written after its period has ended; a
 * custom period proposes this month so far.
 */
export function defaultPeriod(kind: PeriodKind, today: Day): PeriodValues {
  if (kind === 'custom') return { kind, startDate: dayText({ ...today, day: 1 }), endDate: dayText(today) };
  if (kind === 'year') return { kind, year: today.year - 1 };
  const index = indexOfMonth(kind, today.month) - 1;
  return index >= 1 ? { kind, year: today.year, index } : { kind, year: today.year - 1, index: PERIOD_INDEX_COUNT[kind] };
}

/** the first day of the period, YYYY-MM-DD; null while the fields are incomplete */
export function periodStartDay(v: PeriodValues): string | null {
  if (v.kind === 'custom') return v.startDate || null;
  if (!v.year) return null;
  if (v.kind === 'year') return `${v.year}-01-01`;
  if (!v.index) return null;
  const month = v.kind === 'month' ? v.index : v.kind === 'quarter' ? (v.index - 1) * 3 + 1 : (v.index - 1) * 6 + 1;
  return `${v.year}-${pad(month)}-01`;
}

/** the first and last day of the period, YYYY-MM-DD (shown under the fields); null while incomplete */
export function periodDays(v: PeriodValues): [string, string] | null {
  if (v.kind === 'custom') return v.startDate && v.endDate ? [v.startDate, v.endDate] : null;
  const start = periodStartDay(v);
  if (!start || !v.year) return null;
  const months = v.kind === 'year' ? 12 : v.kind === 'half' ? 6 : v.kind === 'quarter' ? 3 : 1;
  const [y, m] = start.split('-').map(Number) as [number, number];
  // day 0 of the month after the period is its last day
  const last = new Date(Date.UTC(y, m - 1 + months, 0));
  return [start, dayText({ year: last.getUTCFullYear(), month: last.getUTCMonth() + 1, day: last.getUTCDate() })];
}

/** the longest custom period the server takes (contracts: five years of days) */
export const MAX_SPAN_DAYS = 1830;

/** what is wrong with the period fields; each has a Chinese message in the locale (`create.problem.*`) */
export type PeriodProblem = 'year' | 'index' | 'range' | 'order' | 'span' | 'future';

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/** Checks the period fields as the server will, and refuses a period that has not begun. */
export function periodProblem(v: PeriodValues, today: Day): PeriodProblem | null {
  if (v.kind === 'custom') {
    if (!v.startDate || !v.endDate || Number.isNaN(dayNumber(v.startDate)) || Number.isNaN(dayNumber(v.endDate))) return 'range';
    if (v.endDate < v.startDate) return 'order';
    if (dayNumber(v.endDate) - dayNumber(v.startDate) + 1 > MAX_SPAN_DAYS) return 'span';
  } else {
    if (!v.year || !Number.isInteger(v.year) || v.year < 1970 || v.year > 9999) return 'year';
    const count = PERIOD_INDEX_COUNT[v.kind];
    if (count && (!v.index || !Number.isInteger(v.index) || v.index < 1 || v.index > count)) return 'index';
  }
  const start = periodStartDay(v);
  return start && start > dayText(today) ? 'future' : null;
}

/** The form's fields as the API's PeriodInput (only the fields of the kind). */
export function toPeriodInput(v: PeriodValues): PeriodInput {
  if (v.kind === 'custom') return { kind: 'custom', startDate: v.startDate ?? undefined, endDate: v.endDate ?? undefined };
  if (v.kind === 'year') return { kind: 'year', year: v.year ?? undefined };
  return { kind: v.kind, year: v.year ?? undefined, index: v.index ?? undefined };
}

/** the years offered: this year back to ten years ago */
export function yearChoices(today: Day): number[] {
  return Array.from({ length: 11 }, (_, i) => today.year - i);
}

// ── workflow ─────────────────────────────────────────────────────────────────────────

export type SummaryStep = 'edit' | 'regenerate' | 'submit' | 'approve' | 'return' | 'reopen' | 'delete' | 'restore';

/**
 * The buttons a summary offers, from the server's flags. An older version is read-only:
 * it offers only 恢复此版本 (which makes it the newest version), and only while the summary
 * may be edited. 删除 only for a draft never submitted (the server's rule: a summary that
 * went to the head stays on record).
 */
export function summarySteps(
  s: Pick<WorkSummaryDto, 'status' | 'canEdit' | 'canSubmit' | 'canApprove' | 'canReopen' | 'submittedAt'>,
  viewingOld: boolean,
): SummaryStep[] {
  if (viewingOld) return s.canEdit ? ['restore'] : [];
  const steps: SummaryStep[] = [];
  if (s.canEdit) steps.push('edit', 'regenerate');
  if (s.canSubmit) steps.push('submit');
  if (s.canApprove && s.status === 'submitted') steps.push('approve', 'return');
  if (s.canReopen) steps.push('reopen');
  if (s.canEdit && s.status === 'draft' && !s.submittedAt) steps.push('delete');
  return steps;
}

// ── where a figure links to ─────────────────────────────────────────────────────────

const sameInstant = (a: string, b: string) => {
  const x = Date.parse(a);
  return !Number.isNaN(x) && x === Date.parse(b);
};

/**
 * A fact's link moved to another period: the query values that are the summary period's
 * bounds (instants, or local days) replaced by the other period's. Null when the link
 * carries no period (nothing to move, so it would list the wrong records).
 */
export function periodLink(link: string, current: ResolvedPeriod, other: ResolvedPeriod): string | null {
  const [path, query = ''] = link.split('?');
  const params = new URLSearchParams(query);
  const next = new URLSearchParams();
  let moved = false;
  for (const [k, v] of params) {
    let value = v;
    if (v === current.startDate) value = other.startDate;
    else if (v === current.endDate) value = other.endDate;
    else if (/^\d{4}-\d{2}-\d{2}T/.test(v) && sameInstant(v, current.from)) value = other.from;
    else if (/^\d{4}-\d{2}-\d{2}T/.test(v) && sameInstant(v, current.to)) value = other.to;
    if (value !== v) moved = true;
    next.append(k, value);
  }
  return moved ? `${path}?${next.toString()}` : null;
}

/** Where a figure in the text opens: the records behind it, for its site or for the period it compares with. */
export function tokenLink(token: FigureToken, data: ReportFactsDto): string | null {
  const fact = data.facts.find((f) => f.key === token.key);
  if (!fact) return null;
  if (token.variant === 'site' && token.siteId) return factSiteLink(fact.link, token.siteId);
  if (token.variant === 'prev') return periodLink(fact.link, data.period, data.previous.period);
  if (token.variant === 'ly') return periodLink(fact.link, data.period, data.lastYear.period);
  return fact.link;
}

/**
 * Where a click on a bar of a summary chart (contracts/charts.ts) opens: `bySite` draws a
 * series per fact (the keys among the facts, in order) and a bar per site; `compare` a
 * series per period (本期, 上期, 去年同期) and a bar per fact.
 */
export function chartLink(
  block: Extract<SummaryBlock, { type: 'chart' }>,
  data: ReportFactsDto,
  seriesIndex: number,
  dataIndex: number,
): string | null {
  const facts = block.keys.map((k) => data.facts.find((f) => f.key === k)).filter((f): f is SummaryFact => f !== undefined);
  if (block.kind === 'bySite') {
    const fact = facts[seriesIndex];
    const site = data.sites[dataIndex];
    return fact && site ? factSiteLink(fact.link, site.id) : null;
  }
  const fact = facts[dataIndex];
  if (!fact) return null;
  if (seriesIndex === 1) return periodLink(fact.link, data.period, data.previous.period);
  if (seriesIndex === 2) return periodLink(fact.link, data.period, data.lastYear.period);
  return fact.link;
}

// ── figure tables ────────────────────────────────────────────────────────────────────

export interface FigureCell {
  value: number | null;
  text: string;
  /** the records behind the value; null when none can be listed */
  link: string | null;
}

export interface FigureRow {
  key: string;
  /** undefined: the key is not among the version's facts */
  fact: SummaryFact | undefined;
  label: string;
  bySite: Record<string, FigureCell>;
  total: FigureCell;
  previous: FigureCell;
  lastYear: FigureCell;
  /** 增长12.5% / 持平; null without a basis */
  changePrevious: string | null;
  changeLastYear: string | null;
}

const NO_CELL: FigureCell = { value: null, text: '—', link: null };

/** One row per key of a table block: the total, each site, the previous period and last year, each cell with its link. */
export function figureRows(keys: string[], data: ReportFactsDto, lang: SummaryLang): FigureRow[] {
  return keys.map((key) => {
    const fact = data.facts.find((f) => f.key === key);
    if (!fact) {
      return {
        key,
        fact,
        label: key,
        bySite: {},
        total: NO_CELL,
        previous: NO_CELL,
        lastYear: NO_CELL,
        changePrevious: null,
        changeLastYear: null,
      };
    }
    const cell = (value: number | null, link: string | null): FigureCell => ({ value, text: formatFigure(value, fact.unit, lang), link });
    const bySite: Record<string, FigureCell> = {};
    for (const s of fact.bySite ?? []) bySite[s.siteId] = cell(s.value, factSiteLink(fact.link, s.siteId));
    const prev = data.previous.values[key] ?? null;
    const ly = data.lastYear.values[key] ?? null;
    return {
      key,
      fact,
      label: fact.label[lang],
      bySite,
      total: cell(fact.value, fact.link),
      previous: cell(prev, periodLink(fact.link, data.period, data.previous.period)),
      lastYear: cell(ly, periodLink(fact.link, data.period, data.lastYear.period)),
      changePrevious: formatChange(fact.value, prev, fact.unit, lang),
      changeLastYear: formatChange(fact.value, ly, fact.unit, lang),
    };
  });
}

// ── the figure picker ────────────────────────────────────────────────────────────────

export interface FactGroup {
  module: string;
  label: string;
  facts: SummaryFact[];
}

/**
 * The facts whose label (in either language) or key contains the search, grouped by the
 * module they come from in the server's order; facts of no module come last.
 */
export function searchFacts(
  data: Pick<ReportFactsDto, 'facts' | 'modules'>,
  q: string,
  lang: SummaryLang,
  otherLabel: string,
): FactGroup[] {
  const needle = q.trim().toLowerCase();
  const hit = (f: SummaryFact) =>
    !needle ||
    f.key.toLowerCase().includes(needle) ||
    f.label.zh.toLowerCase().includes(needle) ||
    f.label.en.toLowerCase().includes(needle);
  const byKey = new Map(data.facts.map((f) => [f.key, f]));
  const placed = new Set<string>();
  const groups: FactGroup[] = [];
  for (const m of data.modules as FactModuleDto[]) {
    const facts = m.keys.flatMap((k) => {
      const f = byKey.get(k);
      if (!f || placed.has(k)) return [];
      placed.add(k);
      return hit(f) ? [f] : [];
    });
    if (facts.length) groups.push({ module: m.module, label: m.label[lang], facts });
  }
  const rest = data.facts.filter((f) => !placed.has(f.key) && hit(f));
  if (rest.length) groups.push({ module: '', label: otherLabel, facts: rest });
  return groups;
}

export interface FigureChoice {
  variant: FigureVariant;
  siteId?: string;
  siteName?: string;
  token: string;
  /** how it prints in the document's language */
  text: string;
}

/** The ways one fact can be cited: its total, each site's value, the comparisons and the changes. */
export function figureChoices(fact: SummaryFact, data: FigureLookup, lang: SummaryLang): FigureChoice[] {
  const choice = (variant: FigureVariant, siteId?: string, siteName?: string): FigureChoice => {
    const token: FigureToken = siteId ? { key: fact.key, variant, siteId } : { key: fact.key, variant };
    return { variant, siteId, siteName, token: figureToken(fact.key, variant, siteId), text: tokenText(token, data, lang) };
  };
  return [
    choice('value'),
    ...(fact.bySite ?? []).map((s) => choice('site', s.siteId, s.siteName)),
    choice('prev'),
    choice('ly'),
    choice('dprev'),
    choice('dly'),
  ];
}

// ── editing the prose ────────────────────────────────────────────────────────────────

/** `text` with `insert` put in place of the selection [start, end), and where the caret goes after it. */
export function insertAt(text: string, start: number, end: number, insert: string): { text: string; caret: number } {
  const a = Math.max(0, Math.min(start, text.length));
  const b = Math.max(a, Math.min(end, text.length));
  return { text: text.slice(0, a) + insert + text.slice(b), caret: a + insert.length };
}

/** A paragraph (no `item`) or one list item of a section's block. */
export interface TextPath {
  section: number;
  block: number;
  item?: number;
}

export const pathKey = (p: TextPath) => (p.item === undefined ? `${p.section}.${p.block}` : `${p.section}.${p.block}.${p.item}`);

/** chapters whose lists the author may lengthen or shorten: 存在的问题, 下阶段工作计划 */
export const ITEM_EDITABLE_SECTIONS: readonly SummarySectionKey[] = ['problems', 'plans'];

export function textAt(body: SummaryBody, p: TextPath): string | undefined {
  const block = body.sections[p.section]?.blocks[p.block];
  if (block?.type === 'paragraph') return p.item === undefined ? block.text : undefined;
  if (block?.type === 'list') return p.item === undefined ? undefined : block.items[p.item];
  return undefined;
}

function withBlock(body: SummaryBody, section: number, block: number, change: (b: SummaryBlock) => SummaryBlock): SummaryBody {
  return {
    ...body,
    sections: body.sections.map((s, si) =>
      si === section ? { ...s, blocks: s.blocks.map((b, bi) => (bi === block ? change(b) : b)) } : s,
    ),
  };
}

/** The body with one paragraph's or list item's text replaced (a new object; the old one is left as it was). */
export function setText(body: SummaryBody, p: TextPath, text: string): SummaryBody {
  return withBlock(body, p.section, p.block, (b) => {
    if (b.type === 'paragraph' && p.item === undefined) return { ...b, text };
    if (b.type === 'list' && p.item !== undefined) return { ...b, items: b.items.map((it, i) => (i === p.item ? text : it)) };
    return b;
  });
}

/** An empty item put into a list at `at` (the end when `at` is past it). */
export function addItem(body: SummaryBody, section: number, block: number, at: number): SummaryBody {
  return withBlock(body, section, block, (b) => {
    if (b.type !== 'list') return b;
    const i = Math.max(0, Math.min(at, b.items.length));
    return { ...b, items: [...b.items.slice(0, i), '', ...b.items.slice(i)] };
  });
}

export function removeItem(body: SummaryBody, section: number, block: number, item: number): SummaryBody {
  return withBlock(body, section, block, (b) => (b.type === 'list' ? { ...b, items: b.items.filter((_, i) => i !== item) } : b));
}

/** every editable text of the body with where it is */
export function bodyTexts(body: SummaryBody): { path: TextPath; text: string }[] {
  const out: { path: TextPath; text: string }[] = [];
  body.sections.forEach((s, section) => {
    s.blocks.forEach((b, block) => {
      if (b.type === 'paragraph') out.push({ path: { section, block }, text: b.text });
      else if (b.type === 'list') {
        b.items.forEach((text, item) => {
          out.push({ path: { section, block, item }, text });
        });
      }
    });
  });
  return out;
}

export interface BodyProblems {
  /** tokens naming no fact of the version (or a site outside its scope), each once */
  unknown: string[];
  /** paragraphs and items left empty */
  empty: TextPath[];
  titleMissing: boolean;
}

/** What a save would be refused for, found before sending it. */
export function bodyProblems(body: SummaryBody, data: FigureLookup): BodyProblems {
  const unknown = new Set<string>();
  const empty: TextPath[] = [];
  for (const { path, text } of bodyTexts(body)) {
    for (const raw of unknownTokens(text, data)) unknown.add(raw);
    if (!text.trim()) empty.push(path);
  }
  return { unknown: [...unknown], empty, titleMissing: !body.title.trim() };
}

export const hasProblems = (p: BodyProblems) => p.unknown.length > 0 || p.empty.length > 0 || p.titleMissing;
