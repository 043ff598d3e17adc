import type { PeriodKind, ReportFactsDto, ResolvedPeriod, SummaryLang } from '../../../../contracts/reports';
import type { SummaryFact, SummaryUnit } from '../../../../contracts/summary';
import { factSiteLink } from '../../components/FactCards';

/**
 * The dashboard's arithmetic, pure so it is tested without a browser: the period chosen
 * (and kept in the address, so Back from a list returns to the same view), which facts of
 * GET /reports/facts fill which card and chart, and where a click on any of them leads.
 */

export function langOf(language: string): SummaryLang {
  return language.startsWith('en') ? 'en' : 'zh';
}

export function labelOf(fact: Pick<SummaryFact, 'label'>, lang: SummaryLang): string {
  return fact.label[lang];
}

// ---------------------------------------------------------------- period

export interface PeriodChoice {
  kind: PeriodKind;
  year: number;
  /** month 1–12, quarter 1–4, half 1–2; 1 for a year */
  index: number;
  /** custom only: inclusive local dates YYYY-MM-DD */
  startDate?: string;
  endDate?: string;
}

const KINDS: readonly PeriodKind[] = ['month', 'quarter', 'half', 'year', 'custom'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** the years the server accepts (reports/periods.ts) */
const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

/** How many periods of a kind a year holds (0: the kind has no index). */
export function indexCount(kind: PeriodKind): number {
  return kind === 'month' ? 12 : kind === 'quarter' ? 4 : kind === 'half' ? 2 : 0;
}

/** The month (1–12) a period of `kind` with `index` starts in. */
function firstMonth(kind: PeriodKind, index: number): number {
  return kind === 'quarter' ? index * 3 - 2 : kind === 'half' ? index * 6 - 5 : kind === 'month' ? index : 1;
}

/** The period of `kind` that holds month `month` (1–12). */
function indexOfMonth(kind: PeriodKind, month: number): number {
  return kind === 'month' ? month : kind === 'quarter' ? Math.ceil(month / 3) : kind === 'half' ? Math.ceil(month / 6) : 1;
}

/** This month: what the dashboard opens on. */
export function defaultPeriod(now: Date): PeriodChoice {
  return { kind: 'month', year: now.getFullYear(), index: now.getMonth() + 1 };
}

/**
 * Another kind, keeping the time it covers where it can: from March, 季度 is Q1 and 半年
 * is H1; back from Q3 to 月度 is July. A custom period starts from the current choice's
 * dates when it has none.
 */
export function switchKind(p: PeriodChoice, kind: PeriodKind): PeriodChoice {
  const month = p.kind === 'custom' && p.startDate ? Number(p.startDate.slice(5, 7)) : firstMonth(p.kind, p.index);
  const year = p.kind === 'custom' && p.startDate ? Number(p.startDate.slice(0, 4)) : p.year;
  if (kind === 'custom') return { kind, year, index: 1, startDate: p.startDate, endDate: p.endDate };
  return { kind, year, index: indexOfMonth(kind, month) };
}

/** The query parameters of GET /reports/facts for a period; null while a custom period lacks its dates. */
export function periodQuery(p: PeriodChoice): Record<string, string | number> | null {
  if (p.kind === 'custom') return p.startDate && p.endDate ? { kind: p.kind, startDate: p.startDate, endDate: p.endDate } : null;
  if (p.kind === 'year') return { kind: p.kind, year: p.year };
  return { kind: p.kind, year: p.year, index: p.index };
}

/** The period in the page's address (?kind=quarter&year=2026&index=3); nothing for the default. */
export function periodToSearch(p: PeriodChoice, now: Date): Record<string, string> {
  const d = defaultPeriod(now);
  if (p.kind === d.kind && p.year === d.year && p.index === d.index) return {};
  const q = periodQuery(p) ?? { kind: 'custom' };
  return Object.fromEntries(Object.entries(q).map(([k, v]) => [k, String(v)]));
}

/** The period an address names; this month when it names none or one the server would refuse. */
export function periodFromSearch(search: URLSearchParams, now: Date): PeriodChoice {
  const fallback = defaultPeriod(now);
  const kind = search.get('kind') as PeriodKind | null;
  if (!kind || !KINDS.includes(kind)) return fallback;
  if (kind === 'custom') {
    const startDate = search.get('startDate') ?? '';
    const endDate = search.get('endDate') ?? '';
    const ok = DATE.test(startDate) && DATE.test(endDate) && startDate <= endDate;
    return ok ? { kind, year: Number(startDate.slice(0, 4)), index: 1, startDate, endDate } : { ...fallback, kind };
  }
  const year = Number(search.get('year'));
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) return switchKind(fallback, kind);
  const max = indexCount(kind);
  if (max === 0) return { kind, year, index: 1 };
  const index = Number(search.get('index'));
  return Number.isInteger(index) && index >= 1 && index <= max ? { kind, year, index } : { kind, year, index: 1 };
}

/** The years offered: ten back from this one and the next. */
export function yearOptions(now: Date): number[] {
  const y = now.getFullYear();
  return Array.from({ length: 11 }, (_, i) => y + 1 - i);
}

// ---------------------------------------------------------------- facts

export type Trend = 'good' | 'bad' | 'flat';

/** whether a rise is good news (a compliance rate), bad news (overdue hazards) or neither (requests received) */
type Better = 'up' | 'down' | null;

export const AREA_KEYS = ['workorders', 'maintenance', 'patrols', 'hazards', 'readings', 'safety'] as const;
export type AreaKey = (typeof AREA_KEYS)[number];

/** The headline figures of each area, in the order their cards stand; facts a reader cannot see are left out. */
export const AREAS: Record<AreaKey, [string, Better][]> = {
  workorders: [
    ['workorders.backlog', 'down'],
    ['workorders.overdue', 'down'],
    ['workorders.received', null],
    ['workorders.completed', 'up'],
    ['workorders.timelyRepairRate', 'up'],
    ['workorders.mttr', 'down'],
    ['workorders.satisfaction', 'up'],
  ],
  maintenance: [
    ['maintenance.pm_compliance', 'up'],
    ['maintenance.schedule_compliance', 'up'],
    ['maintenance.due', null],
    ['maintenance.done', 'up'],
    ['maintenance.missed', 'down'],
    ['maintenance.overdue', 'down'],
  ],
  patrols: [
    ['patrols.duty_rate', 'up'],
    ['patrols.rounds.due', null],
    ['patrols.rounds.onTime', 'up'],
    ['patrols.rounds.late', 'down'],
    ['patrols.rounds.missed', 'down'],
  ],
  hazards: [
    ['hazards.open', 'down'],
    ['hazards.overdue', 'down'],
    ['hazards.found', null],
    ['hazards.rectification_rate', 'up'],
    ['hazards.on_time_rate', 'up'],
  ],
  readings: [
    ['readings.in_band_rate', 'up'],
    ['readings.out_of_band', 'down'],
    ['readings.on_time_rate', 'up'],
    ['readings.missed', 'down'],
    ['readings.deviations.correction_rate', 'up'],
  ],
  safety: [
    ['incidents.total', 'down'],
    ['drills.done', 'up'],
    ['drills.missed', 'down'],
    ['actions.overdue', 'down'],
    ['actions.on_time_rate', 'up'],
    ['training.sessions', 'up'],
    ['training.spot_checks.pass_rate', 'up'],
    ['security.alerts', null],
  ],
};

export interface KpiView {
  fact: SummaryFact;
  previous: number | null;
  lastYear: number | null;
  /** how the change against each comparison reads; null without a basis */
  trendPrevious: Trend | null;
  trendLastYear: Trend | null;
}

export interface AreaView {
  key: AreaKey;
  kpis: KpiView[];
  /** false: every figure is zero or has no basis — the card says so instead of showing zeros */
  hasData: boolean;
}

/** A figure with something in it: not zero, and with a basis (a rate over no records is null). */
export function hasValue(value: number | null | undefined): boolean {
  return value !== null && value !== undefined && value !== 0;
}

/** Whether the period has any record at all among these facts. */
export function hasData(facts: SummaryFact[]): boolean {
  return facts.some((f) => hasValue(f.value));
}

/**
 * How a change reads: null where formatChange writes no change (no basis on either side,
 * or a count growing from zero — no rate of change exists), so nothing is coloured that
 * says 无可比数据.
 */
export function trend(now: number | null, before: number | null | undefined, better: Better, unit: SummaryUnit = 'count'): Trend | null {
  if (now === null || before === null || before === undefined) return null;
  if (before === 0 && now !== 0 && unit !== 'percent' && unit !== 'score') return null;
  if (now === before || better === null) return now === before ? 'flat' : null;
  return now > before === (better === 'up') ? 'good' : 'bad';
}

/** The areas whose facts the reader sees, each with its headline figures and their comparisons. */
export function areaViews(data: Pick<ReportFactsDto, 'facts' | 'previous' | 'lastYear'>): AreaView[] {
  const byKey = new Map(data.facts.map((f) => [f.key, f]));
  const views: AreaView[] = [];
  for (const key of AREA_KEYS) {
    const kpis: KpiView[] = [];
    for (const [factKey, better] of AREAS[key]) {
      const fact = byKey.get(factKey);
      if (!fact) continue;
      const previous = data.previous.values[factKey] ?? null;
      const lastYear = data.lastYear.values[factKey] ?? null;
      kpis.push({
        fact,
        previous,
        lastYear,
        trendPrevious: trend(fact.value, previous, better, fact.unit),
        trendLastYear: trend(fact.value, lastYear, better, fact.unit),
      });
    }
    if (kpis.length) views.push({ key, kpis, hasData: hasData(kpis.map((k) => k.fact)) });
  }
  return views;
}

// ---------------------------------------------------------------- group view: per site

/** the counts compared across sites */
export const SITE_COUNT_KEYS = [
  'workorders.received',
  'workorders.backlog',
  'workorders.overdue',
  'hazards.open',
  'hazards.overdue',
  'incidents.total',
];
/** the rates (and the 0–100 satisfaction index) compared across sites */
export const SITE_RATE_KEYS = [
  'workorders.timelyRepairRate',
  'workorders.satisfaction',
  'maintenance.pm_compliance',
  'patrols.duty_rate',
  'hazards.rectification_rate',
  'readings.in_band_rate',
];

export interface SiteBars {
  sites: { id: string; name: string }[];
  /** one series per fact that has something to show at some site */
  series: { fact: SummaryFact; values: (number | null)[] }[];
}

/** The chosen facts per site of the scope, for bars; a fact with nothing at any site is left out rather than drawn as zeros. */
export function siteBars(data: Pick<ReportFactsDto, 'facts' | 'sites'>, keys: string[]): SiteBars {
  const series: SiteBars['series'] = [];
  for (const key of keys) {
    const fact = data.facts.find((f) => f.key === key);
    if (!fact?.bySite) continue;
    const values = data.sites.map((s) => fact.bySite?.find((v) => v.siteId === s.id)?.value ?? null);
    if (values.some(hasValue)) series.push({ fact, values });
  }
  return { sites: data.sites, series };
}

/** up to this many sites every figure is drawn at once; with more, one figure at a time keeps the chart readable */
export const ALL_FIGURES_MAX_SITES = 8;
export const ALL_FIGURES = 'all';

/** The figure shown first: all of them for a few sites, the first one for many. */
export function defaultSiteFigure(bars: SiteBars): string {
  return bars.sites.length <= ALL_FIGURES_MAX_SITES ? ALL_FIGURES : (bars.series[0]?.fact.key ?? ALL_FIGURES);
}

/** The bars of one figure (or all); a figure no longer among them (another period) falls back to the default. */
export function pickFigure(bars: SiteBars, key: string | null): SiteBars {
  const wanted = key ?? defaultSiteFigure(bars);
  if (wanted === ALL_FIGURES) return bars;
  const series = bars.series.filter((s) => s.fact.key === wanted);
  return series.length ? { sites: bars.sites, series } : pickFigure(bars, defaultSiteFigure(bars));
}

/** A bar of the per-site chart opens that site's records of that figure. */
export function siteBarLink(bars: SiteBars, seriesIndex: number | undefined, dataIndex: number): string | null {
  const series = bars.series[seriesIndex ?? -1];
  const site = bars.sites[dataIndex];
  return series && site ? factSiteLink(series.fact.link, site.id) : null;
}

// ---------------------------------------------------------------- breakdowns

export const BREAKDOWN_KEYS = ['workorderCategory', 'hazardCategory', 'incidentType', 'drillType', 'alertType'] as const;
export type BreakdownKey = (typeof BREAKDOWN_KEYS)[number];

/** the fact keys under which each breakdown's parts are (their values add up to the total's) */
export const BREAKDOWN_PREFIXES: Record<BreakdownKey, string> = {
  workorderCategory: 'workorders.received.category.',
  hazardCategory: 'hazards.found.category.',
  incidentType: 'incidents.type.',
  drillType: 'drills.done.type.',
  alertType: 'security.alerts.type.',
};

/** The parts of a breakdown with something in them, largest first. */
export function breakdownParts(facts: SummaryFact[], key: BreakdownKey): SummaryFact[] {
  const prefix = BREAKDOWN_PREFIXES[key];
  return facts.filter((f) => f.key.startsWith(prefix) && hasValue(f.value)).sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
}

/** The breakdowns that have data in the period, in their fixed order. */
export function availableBreakdowns(facts: SummaryFact[]): BreakdownKey[] {
  return BREAKDOWN_KEYS.filter((k) => breakdownParts(facts, k).length > 0);
}

/**
 * A part's own name: the label names the figure too (发现隐患（消防安全）, Hazards found
 * (Fire safety)); a slice needs only 消防安全.
 */
export function partLabel(fact: SummaryFact, lang: SummaryLang): string {
  const label = labelOf(fact, lang);
  const m = lang === 'zh' ? label.match(/（([^（）]+)）$/) : label.match(/\(([^()]+)\)$/);
  return m?.[1] ?? label;
}

// ---------------------------------------------------------------- site view: against the comparisons

export const COMPARE_COUNT_KEYS = [
  'workorders.received',
  'workorders.completed',
  'workorders.backlog',
  'maintenance.done',
  'patrols.rounds.onTime',
  'hazards.found',
  'hazards.open',
  'hazards.overdue',
  'incidents.total',
  'drills.done',
];
export const COMPARE_RATE_KEYS = [
  'workorders.timelyRepairRate',
  'workorders.satisfaction',
  'maintenance.pm_compliance',
  'patrols.duty_rate',
  'hazards.rectification_rate',
  'readings.in_band_rate',
];

export interface CompareRow {
  fact: SummaryFact;
  /** 本期, 上期, 去年同期 */
  values: [number | null, number | null, number | null];
}

/** The chosen facts with their previous and last year's totals; a fact with nothing in any of the three is left out. */
export function compareRows(data: Pick<ReportFactsDto, 'facts' | 'previous' | 'lastYear'>, keys: string[]): CompareRow[] {
  const rows: CompareRow[] = [];
  for (const key of keys) {
    const fact = data.facts.find((f) => f.key === key);
    if (!fact) continue;
    const values: CompareRow['values'] = [fact.value, data.previous.values[key] ?? null, data.lastYear.values[key] ?? null];
    if (values.some(hasValue)) rows.push({ fact, values });
  }
  return rows;
}

/**
 * A fact's link moved to another period: the period's instants (and dates) in its query
 * replaced by the other period's. Null when the link names no period (a backlog "now"):
 * it could not show another period's records.
 */
export function shiftLink(link: string, from: ResolvedPeriod, to: ResolvedPeriod): string | null {
  const [path, query = ''] = link.split('?');
  const params = new URLSearchParams(query);
  const fromMs = Date.parse(from.from);
  const toMs = Date.parse(from.to);
  let moved = false;
  const out = new URLSearchParams();
  for (const [k, v] of params) {
    let value = v;
    if (v === from.startDate) value = to.startDate;
    else if (v === from.endDate) value = to.endDate;
    else if (v.includes('T') && Date.parse(v) === fromMs) value = to.from;
    else if (v.includes('T') && Date.parse(v) === toMs) value = to.to;
    if (value !== v) moved = true;
    out.append(k, value);
  }
  return moved ? `${path}?${out.toString()}` : null;
}

/** Where a bar of the comparison chart leads: 本期 to the fact's records, 上期 and 去年同期 to theirs when the link can move. */
export function compareLink(
  row: CompareRow,
  seriesIndex: number | undefined,
  data: Pick<ReportFactsDto, 'period' | 'previous' | 'lastYear'>,
): string | null {
  if (seriesIndex === 0) return row.fact.link;
  if (seriesIndex === 1) return shiftLink(row.fact.link, data.period, data.previous.period);
  if (seriesIndex === 2) return shiftLink(row.fact.link, data.period, data.lastYear.period);
  return null;
}

/** Which view the scope calls for: several sites compare sites (集团), one site compares periods (场所). */
export function viewOf(data: Pick<ReportFactsDto, 'sites'>): 'group' | 'site' {
  return data.sites.length > 1 ? 'group' : 'site';
}
