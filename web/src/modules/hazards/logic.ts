import type { Dayjs } from 'dayjs';
import type { QueryParams } from '../../app/api';
import { yuanToFen } from '../projects/format';
import type {
  CampaignSiteResult,
  Hazard,
  HazardAction,
  HazardAddresseeType,
  HazardAssignInput,
  HazardGrade,
  HazardStatus,
  SummaryFact,
} from './types';

/**
 * The hazard pages' pure logic: where a hazard stands on the 登记 → 整改 → 待验收 → (签批)
 * → 销号 steps, which buttons its allowed actions become, the list filters that live in
 * the URL, and the figures the campaign and measures pages add up. Tested without a
 * browser (logic.test.ts).
 */

// ── status steps ─────────────────────────────────────────────────────────────────

export type StepKey = 'registered' | 'rectifying' | 'submitted' | 'pending_signoff' | 'closed';
export type StepState = 'process' | 'finish' | 'error' | 'wait';

export interface HazardSteps {
  keys: StepKey[];
  /** index of the step the hazard is at (for closed: the last one) */
  current: number;
  /** antd Steps `status` of the current step: error when overdue or cancelled */
  state: StepState;
}

type StepSource = Pick<Hazard, 'status' | 'grade' | 'overdue' | 'responsibleId' | 'rectifiedAt' | 'acceptedAt' | 'signedOffAt'>;

/** 重大 hazards pass the head's sign-off (签批) before 销号; 一般 ones go straight from acceptance. */
export function stepKeys(grade: Hazard['grade'], status?: HazardStatus): StepKey[] {
  const signoff = grade === 'major' || status === 'pending_signoff';
  return signoff
    ? ['registered', 'rectifying', 'submitted', 'pending_signoff', 'closed']
    : ['registered', 'rectifying', 'submitted', 'closed'];
}

/** How far a cancelled hazard had come before it was cancelled, read from what it recorded. */
function reachedBeforeCancel(h: StepSource): StepKey {
  if (h.acceptedAt && h.grade === 'major' && !h.signedOffAt) return 'pending_signoff';
  if (h.rectifiedAt) return 'submitted';
  if (h.responsibleId) return 'rectifying';
  return 'registered';
}

export function hazardSteps(h: StepSource): HazardSteps {
  const keys = stepKeys(h.grade, h.status);
  if (h.status === 'closed') return { keys, current: keys.length - 1, state: 'finish' };
  if (h.status === 'cancelled') return { keys, current: keys.indexOf(reachedBeforeCancel(h)), state: 'error' };
  const current = keys.indexOf(h.status);
  return { keys, current: Math.max(0, current), state: h.overdue ? 'error' : 'process' };
}

// ── actions → buttons ─────────────────────────────────────────────────────────────

/** Steps forward, in the order the loop runs them; the first one allowed is the primary button. */
const FORWARD: HazardAction[] = ['assign', 'submit', 'accept', 'sign_off'];
/** Steps back or out: red buttons after the forward ones. */
const BACKWARD: HazardAction[] = ['reject', 'cancel'];
export const DANGER_ACTIONS: ReadonlySet<HazardAction> = new Set(BACKWARD);

export interface ActionButton {
  action: HazardAction;
  primary: boolean;
  danger: boolean;
}

/** The allowed actions as buttons: forward first (the first one primary), then reject and cancel in red. */
export function actionButtons(actions: readonly HazardAction[]): ActionButton[] {
  const ordered = [...FORWARD, ...BACKWARD].filter((a) => actions.includes(a));
  const primary = FORWARD.find((a) => actions.includes(a)) ?? null;
  return ordered.map((action) => ({ action, primary: action === primary, danger: DANGER_ACTIONS.has(action) }));
}

/** Which form an action's dialog shows: 五落实 (assign), note + after photos (submit), a note (the rest). */
export type ActionForm = 'assign' | 'submit' | 'note';

export function actionForm(action: HazardAction): ActionForm {
  if (action === 'assign') return 'assign';
  if (action === 'submit') return 'submit';
  return 'note';
}

/** Submit needs what was done, reject and cancel a reason; accept and sign-off take an optional note. */
export function noteRequired(action: HazardAction): boolean {
  return action === 'reject' || action === 'cancel' || action === 'submit';
}

/** What the action dialog's form holds (every action uses a part of it). */
export interface ActionValues {
  responsibleId?: string;
  verifierId?: string;
  measures?: string;
  fundsYuan?: number | null;
  deadline?: Dayjs | null;
  contingencyPlan?: string | null;
  temporaryMeasures?: string | null;
  acceptanceStandard?: string | null;
  addresseeType?: HazardAddresseeType | null;
  addresseeId?: string | null;
  note?: string;
}

/** Trimmed text, or null when empty. */
export const text = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

/** The body of POST /hazards/:id/actions/:action from the dialog's values: funds in yuan become fen, the deadline a date. */
export function actionBody(action: HazardAction, v: ActionValues, version: number): object {
  if (action === 'assign') {
    const body: HazardAssignInput = {
      responsibleId: v.responsibleId ?? '',
      verifierId: v.verifierId ?? '',
      measures: v.measures?.trim() ?? '',
      fundsFen: yuanToFen(v.fundsYuan),
      deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : '',
      contingencyPlan: text(v.contingencyPlan),
      temporaryMeasures: text(v.temporaryMeasures),
      acceptanceStandard: text(v.acceptanceStandard),
      addresseeType: v.addresseeType ?? null,
      addresseeId: v.addresseeType ? (v.addresseeId ?? null) : null,
      version,
    };
    return body;
  }
  if (action === 'submit') return { note: v.note?.trim() ?? '', version };
  return { note: text(v.note), version };
}

/** A sub-grade's code names the grade it refines by its prefix (general_a, major_b…). */
export const subGradeFits = (code: string, grade: HazardGrade | undefined) => Boolean(grade) && code.startsWith(`${grade}_`);

/** A hazard's title proposed from a finding's description: its first line, at most 30 characters. */
export function titleFrom(description: string): string {
  const first = description.trim().split(/\r?\n/)[0] ?? '';
  return first.length > 30 ? `${first.slice(0, 30)}…` : first;
}

// ── list filters in the URL ───────────────────────────────────────────────────────

/** The findings list's filters (the measures page links to them). */
export const FINDING_FILTERS = ['siteId', 'resolution', 'source', 'campaignId', 'roundId', 'category', 'handled', 'from', 'to'] as const;
/** The register's filters. */
export const HAZARD_FILTERS = ['siteId', 'status', 'category', 'grade', 'overdue', 'onTime', 'campaignId', 'source', 'from', 'to'] as const;

/** URL query → API query for the given keys: a key given once is a value, given more often a list; empty and unknown keys are dropped. */
export function urlFilters(search: URLSearchParams, keys: readonly string[]): QueryParams {
  const out: QueryParams = {};
  for (const key of keys) {
    const values = search.getAll(key).filter(Boolean);
    if (values.length === 1) out[key] = values[0];
    else if (values.length > 1) out[key] = values;
  }
  return out;
}

/** The URL query with one filter set (or removed with undefined/empty), the others kept. */
export function withFilter(search: URLSearchParams, key: string, value: string | string[] | undefined | null): URLSearchParams {
  const next = new URLSearchParams(search);
  next.delete(key);
  for (const v of Array.isArray(value) ? value : value ? [value] : []) if (v) next.append(key, v);
  return next;
}

// ── campaigns ─────────────────────────────────────────────────────────────────────

export type CampaignTotals = Omit<CampaignSiteResult, 'siteId' | 'siteName'>;

/** The campaign's figures over all its sites (the table's 合计 row). */
export function campaignTotals(results: readonly CampaignSiteResult[]): CampaignTotals {
  const sum: CampaignTotals = { findings: 0, hazards: 0, rectified: 0, onTime: 0, open: 0, overdue: 0 };
  for (const r of results) {
    sum.findings += r.findings;
    sum.hazards += r.hazards;
    sum.rectified += r.rectified;
    sum.onTime += r.onTime;
    sum.open += r.open;
    sum.overdue += r.overdue;
  }
  return sum;
}

/** Rectified on time out of rectified, in percent with one decimal; null when nothing was rectified. */
export function onTimeRate(r: Pick<CampaignSiteResult, 'rectified' | 'onTime'>): number | null {
  return r.rectified > 0 ? Math.round((r.onTime / r.rectified) * 1000) / 10 : null;
}

// ── measures ──────────────────────────────────────────────────────────────────────

/** the prefix of the per-category hazard counts in GET /hazards/measures */
export const CATEGORY_PREFIX = 'hazards.found.category.';

export interface CategorySiteChart {
  /** the category labels (x axis) */
  categories: string[];
  /** the facts behind each category, for the click-through */
  facts: SummaryFact[];
  /** one series per site: its count in each category */
  series: { siteId: string; name: string; values: number[] }[];
}

/** Hazards by category (bars) and site (stacked series) from the per-category facts; categories with no hazards are left out. */
export function categoryBySite(
  facts: readonly SummaryFact[],
  sites: readonly { id: string; name: string }[],
  label: (f: SummaryFact) => string,
): CategorySiteChart {
  const rows = facts.filter((f) => f.key.startsWith(CATEGORY_PREFIX) && f.unit === 'count' && (f.value ?? 0) > 0);
  return {
    categories: rows.map(label),
    facts: rows,
    series: sites.map((s, i) => ({
      siteId: s.id,
      name: s.name,
      values: rows.map((f) => {
        const bySite = f.bySite?.find((v) => v.siteId === s.id) ?? f.bySite?.[i];
        return bySite?.value ?? 0;
      }),
    })),
  };
}

export interface BreakdownRow {
  /** `category.fire_safety` */
  id: string;
  dim: string;
  code: string;
  /** parent key → the fact of this row in that column */
  cells: Record<string, SummaryFact>;
}

export interface BreakdownMatrix {
  /** the parent keys (`hazards.found`, `hazards.rectified`…) in the server's order */
  columns: string[];
  rows: BreakdownRow[];
}

/**
 * Breakdown facts as a table: a row per dimension value (category 消防安全, grade 重大…),
 * a column per figure they break down (`hazards.found.category.x` → column `hazards.found`).
 */
export function breakdownMatrix(facts: readonly SummaryFact[]): BreakdownMatrix {
  const columns: string[] = [];
  const rows = new Map<string, BreakdownRow>();
  for (const f of facts) {
    const m = BREAKDOWN.exec(f.key);
    if (!m) continue;
    const parent = f.key.slice(0, m.index);
    const dim = m[1] ?? '';
    const code = f.key.slice(m.index + dim.length + 2);
    if (!columns.includes(parent)) columns.push(parent);
    const id = `${dim}.${code}`;
    const row = rows.get(id) ?? { id, dim, code, cells: {} };
    row.cells[parent] = f;
    rows.set(id, row);
  }
  return { columns, rows: [...rows.values()] };
}

/** A breakdown fact ends in a dimension and its code: `hazards.found.category.fire_safety`, `patrols.due.level.joint`. */
const BREAKDOWN = /\.(category|grade|subgrade|sub_grade|source|level|resolution|quantity|kind|channel)\.[^.]+$/;

/** The headline facts (cards and the by-site table) apart from their breakdowns (shown folded). */
export function splitFacts(facts: readonly SummaryFact[]): { main: SummaryFact[]; breakdown: SummaryFact[] } {
  return { main: facts.filter((f) => !BREAKDOWN.test(f.key)), breakdown: facts.filter((f) => BREAKDOWN.test(f.key)) };
}
