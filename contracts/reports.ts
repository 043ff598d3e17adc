import type { SummaryFact } from './summary.js';

/**
 * Dashboards and the work summary (工作总结): every module's summary facts
 * (contracts/summary.ts) gathered for one scope, compared with the previous period and
 * the same period last year; the summary document written from them, whose prose holds
 * figure tokens instead of typed numbers so that every printed figure stays linked to
 * the query that produced it.
 */

/** The chapters of a summary, in the seed's order (概述 … 下阶段工作计划). */
export const SUMMARY_SECTIONS = ['overview', 'service', 'facilities', 'environment', 'safety', 'team', 'problems', 'plans'] as const;
export type SummarySectionKey = (typeof SUMMARY_SECTIONS)[number];

/** 月度, 季度, 半年, 年度, 自定义 */
export const PERIOD_KINDS = ['month', 'quarter', 'half', 'year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/**
 * A period as people choose it. `year` + `index` (month 1–12, quarter 1–4, half 1–2) for
 * the calendar kinds; `startDate`/`endDate` (inclusive local dates YYYY-MM-DD) for custom.
 * The server turns it into instants in the organisation's zone.
 */
export interface PeriodInput {
  kind: PeriodKind;
  year?: number;
  index?: number;
  startDate?: string;
  endDate?: string;
}

export interface ResolvedPeriod {
  kind: PeriodKind;
  /** instants, [from, to) */
  from: string;
  to: string;
  /** inclusive local dates */
  startDate: string;
  endDate: string;
  /** 2026年第三季度 / Q3 2026 */
  label: { zh: string; en: string };
}

/** one module's part of the facts: which chapter it belongs to */
export interface FactModuleDto {
  module: string;
  section: SummarySectionKey;
  label: { zh: string; en: string };
  /** the keys of its facts, in order */
  keys: string[];
}

/** the total of every fact of another period, for comparisons; null = no basis */
export interface ComparisonDto {
  period: ResolvedPeriod;
  values: Record<string, number | null>;
}

/** GET /reports/facts — the dashboard, and the data of a summary version. */
export interface ReportFactsDto {
  period: ResolvedPeriod;
  sites: { id: string; name: string }[];
  departmentId: string | null;
  generatedAt: string;
  modules: FactModuleDto[];
  facts: SummaryFact[];
  previous: ComparisonDto;
  lastYear: ComparisonDto;
}

/**
 * The prose of a summary. Paragraph and list texts hold figure tokens:
 *   {{key}}            the figure's total           {{key@siteId}}   one site's value
 *   {{key:prev}}       the previous period's total  {{key:ly}}       the same period last year
 *   {{key:dprev}}      change against the previous period, in words (增长12.5% / 持平)
 *   {{key:dly}}        change against the same period last year
 * An unknown key is refused on save; numbers are never typed into the text by Houqin.
 */
export type SummaryBlock =
  | { type: 'paragraph'; text: string }
  | { type: 'list'; items: string[] }
  /** a table of figures: one row per key; columns per site (when several), total, previous, last year */
  | { type: 'table'; title: string; keys: string[] }
  /** a chart image in exports and an ECharts chart in the browser: per site, or against the comparisons */
  | { type: 'chart'; title: string; keys: string[]; kind: 'bySite' | 'compare' };

export interface SummarySection {
  key: SummarySectionKey;
  title: string;
  blocks: SummaryBlock[];
}

export interface SummaryBody {
  title: string;
  /** one line under the title: scope and period (长春店、沈阳店 · 2026年1月1日至2026年12月31日) */
  subtitle: string;
  sections: SummarySection[];
}

export type SummaryLang = 'zh' | 'en';

/** draft (编辑中) → submitted (待审批) → approved (已审批) | returned (已退回, editable again) */
export const WORK_SUMMARY_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type WorkSummaryStatus = (typeof WORK_SUMMARY_STATUSES)[number];

/** how a version came about */
export const SUMMARY_VERSION_KINDS = ['generated', 'edited', 'regenerated'] as const;
export type SummaryVersionKind = (typeof SUMMARY_VERSION_KINDS)[number];

export interface WorkSummaryDto {
  id: string;
  /** ZJ-20261126-0001 */
  number: string;
  title: string;
  period: ResolvedPeriod;
  /** empty = every site of the organisation at generation time */
  siteIds: string[];
  siteNames: string[];
  departmentId: string | null;
  departmentName: string | null;
  status: WorkSummaryStatus;
  currentVersionNo: number;
  authorId: string;
  authorName: string;
  submittedAt: string | null;
  approvedAt: string | null;
  approvedBy: string | null;
  approvedByName: string | null;
  returnReason: string | null;
  /** the approver's comment, kept while approved */
  approvalNote: string | null;
  createdAt: string;
  updatedAt: string;
  canEdit: boolean;
  canSubmit: boolean;
  canApprove: boolean;
  /** approved, and the actor may approve its sites: 重新打开 */
  canReopen: boolean;
  version: number;
}

export interface SummaryVersionDto {
  no: number;
  kind: SummaryVersionKind;
  note: string | null;
  createdAt: string;
  createdBy: string;
  createdByName: string;
}

/** GET /summaries/:id[?version=n] */
export interface WorkSummaryDetailDto extends WorkSummaryDto {
  /** the version shown (the current one unless asked) */
  versionNo: number;
  body: Record<SummaryLang, SummaryBody>;
  facts: ReportFactsDto;
  versions: SummaryVersionDto[];
}

/** POST /summaries */
export interface WorkSummaryCreateInput {
  period: PeriodInput;
  /** omitted or empty: all sites the author may see */
  siteIds?: string[];
  departmentId?: string | null;
  title?: string;
}

/** PUT /summaries/:id — saves the edited prose as a new version */
export interface WorkSummaryEditInput {
  version: number;
  title?: string;
  body: Partial<Record<SummaryLang, SummaryBody>>;
  note?: string | null;
}
