/**
 * Summary facts (工作总结的数据): the typed figures every module contributes to the work
 * summary, dashboards and exports. A fact is computed from records only, per site and in
 * total, and links to the list of the records behind it so that every figure can be
 * checked. Each module exports `summaryFacts(ctx, scope)` returning these.
 */

/** Which sites and which period a summary covers: instants in ISO-8601, the period is [from, to). */
export interface SummaryScope {
  siteIds: string[] | 'all';
  from: string;
  to: string;
  /**
   * a department (部门) the summary is written for: modules whose records name people
   * count only those of the department's staff (see docs/summaries.md); the others ignore it
   */
  departmentId?: string | null;
}

/** `quantity`: an additive measured amount whose unit is in the label (用电量（kWh）) */
export const SUMMARY_UNITS = ['count', 'percent', 'hours', 'minutes', 'fen', 'score', 'ratio', 'quantity'] as const;
export type SummaryUnit = (typeof SUMMARY_UNITS)[number];

export interface SummarySiteValue {
  siteId: string;
  siteName: string;
  value: number | null;
}

export interface SummaryFact {
  /** stable dotted key, module first: `workorders.received`, `workorders.received.channel.qr` */
  key: string;
  label: { zh: string; en: string };
  /** null when the figure has no basis in the period (a rate over zero records) */
  value: number | null;
  unit: SummaryUnit;
  /** the same figure per site of the scope; for counts the values add up to `value` */
  bySite?: SummarySiteValue[];
  /** web path with a query that lists the records behind the figure */
  link: string;
  /** how the figure is computed, in words people read (Chinese) */
  formula?: string;
}

/** GET /api/v1/work-orders/measures: the facts of the work-order module for a scope. */
export interface SummaryFactsResponse {
  scope: { from: string; to: string; sites: { id: string; name: string }[] };
  generatedAt: string;
  facts: SummaryFact[];
}
