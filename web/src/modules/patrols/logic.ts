import type { QueryParams } from '../../app/api';
import { recurrenceText, type TextLang } from '../../components/recurrenceText';
import type { StatusStyle } from '../../components/StatusTag';
import { formatInZone } from '../maintenance/format';
import type { DutyComplianceRow, PatrolPlan, Round, RoundPoint, RoundPointStatus, RoundStatus } from './types';

/**
 * The patrol pages' pure rules: status colours, which point comes next on a route, which
 * point a scan just checked in, how a round's time is described, the rounds list's URL
 * filters and where each duty-compliance figure leads. Tested without a browser (logic.test.ts).
 */

/** 待巡检 blue, 进行中 animated blue, 已完成 green, 已漏检 red, 已取消 grey. */
export const ROUND_STYLES: Record<RoundStatus, StatusStyle> = {
  pending: { color: 'blue', label: 'patrols:roundStatus.pending' },
  in_progress: { color: 'processing', label: 'patrols:roundStatus.in_progress' },
  done: { color: 'success', label: 'patrols:roundStatus.done' },
  missed: { color: 'error', label: 'patrols:roundStatus.missed' },
  cancelled: { color: 'default', label: 'patrols:roundStatus.cancelled' },
};

/** 待签到 grey, 已签到 green, 已跳过 orange. */
export const POINT_STYLES: Record<RoundPointStatus, StatusStyle> = {
  pending: { color: 'default', label: 'patrols:pointStatus.pending' },
  checked: { color: 'success', label: 'patrols:pointStatus.checked' },
  skipped: { color: 'warning', label: 'patrols:pointStatus.skipped' },
};

/**
 * When a plan's rounds fall due, in words: the recurrence (每天 09:00、15:00), or for
 * "every N hours while open" the rule's days followed by the interval (the times of day
 * come from the site's opening hours, so the rule's own times are left out).
 */
export function planScheduleText(plan: Pick<PatrolPlan, 'recurrence' | 'everyHoursWhileOpen'>, lang: TextLang): string {
  const n = plan.everyHoursWhileOpen;
  if (!n) return recurrenceText(plan.recurrence, lang);
  const days = recurrenceText({ ...plan.recurrence, times: [] }, lang);
  return lang === 'zh' ? `${days} 营业时间内每 ${n} 小时` : `${days}, every ${n} h while open`;
}

/** A round someone still works on (it can be started, checked in, finished). */
export const isOpenRound = (status: RoundStatus): boolean => status === 'pending' || status === 'in_progress';

/** The point to walk to next: the first one of the route not yet checked in or skipped. */
export function nextPoint<P extends Pick<RoundPoint, 'seq' | 'status'>>(points: P[]): P | null {
  return [...points].sort((a, b) => a.seq - b.seq).find((p) => p.status === 'pending') ?? null;
}

/**
 * The point a check-in just recorded: pending before, checked after. When the answer
 * names none (the scan matched a point already checked in), null.
 */
export function newlyChecked(before: Pick<RoundPoint, 'id' | 'status'>[], after: Pick<RoundPoint, 'id' | 'status'>[]): string | null {
  const was = new Map(before.map((p) => [p.id, p.status]));
  return after.find((p) => p.status === 'checked' && was.get(p.id) !== 'checked')?.id ?? null;
}

/** Points dealt with (checked in or skipped) out of all, for the progress bar and the cards. */
export function routeProgress(points: Pick<RoundPoint, 'status'>[]): { done: number; total: number; percent: number } {
  const done = points.filter((p) => p.status !== 'pending').length;
  const total = points.length;
  return { done, total, percent: total ? Math.round((done / total) * 100) : 0 };
}

/** The points of a round still waiting for a check-in when someone finishes it: they will count as skipped. */
export const pendingCount = (points: Pick<RoundPoint, 'status'>[]): number => points.filter((p) => p.status === 'pending').length;

/**
 * Where an open round stands against the clock: `upcoming` before its due time, `due`
 * inside its window, `late` once the window has closed (about to be marked missed).
 */
export type RoundTiming = 'upcoming' | 'due' | 'late' | 'closed';

export function roundTiming(round: Pick<Round, 'status' | 'dueAt' | 'windowEndAt'>, now: Date): RoundTiming {
  if (!isOpenRound(round.status)) return 'closed';
  const t = now.getTime();
  if (t > Date.parse(round.windowEndAt)) return 'late';
  if (t >= Date.parse(round.dueAt)) return 'due';
  return 'upcoming';
}

/**
 * A time on a phone card, in the site's zone: `HH:mm` today, `MM-DD HH:mm` on another
 * day (an overdue round from yesterday must not look like today's).
 */
export function shortTime(iso: string | null | undefined, timeZone: string | undefined, now: Date): string {
  if (!iso) return '—';
  const full = formatInZone(iso, timeZone);
  if (full === '—') return full;
  const today = formatInZone(now.toISOString(), timeZone, false);
  return full.startsWith(today) ? full.slice(11) : full.slice(5);
}

/** 1 小时 5 分 / 1 h 5 min; under an hour only minutes; null → em dash. */
export function durationText(minutes: number | null | undefined, lang: 'zh' | 'en'): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return '—';
  const total = Math.max(0, Math.round(minutes));
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (lang === 'zh') return h ? `${h} 小时${m ? ` ${m} 分` : ''}` : `${m} 分钟`;
  return h ? `${h} h${m ? ` ${m} min` : ''}` : `${m} min`;
}

/**
 * On-time rate as the server gives it — a percentage with one decimal (onTime ÷ (due −
 * open) × 100) — for people; nothing decided yet → em dash.
 */
export function rateText(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return `${(Math.round(rate * 10) / 10).toLocaleString('zh-CN', { maximumFractionDigits: 1 })}%`;
}

/** 95 % and better is good, 80 % and better needs attention, anything less is bad. */
export type RateTone = 'good' | 'warn' | 'bad' | 'none';

export function rateTone(rate: number | null | undefined): RateTone {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return 'none';
  if (rate >= 95) return 'good';
  if (rate >= 80) return 'warn';
  return 'bad';
}

// ── the rounds list's filters, all in the URL (compliance figures link to them) ─────────

/**
 * `siteId` and `status` may repeat; the others are single values. `assignee` is `me` or
 * the key of a compliance row's person (`user:<id>`, `team:<id>`, `role:<code>`).
 */
export const ROUND_FILTERS = ['siteId', 'planId', 'level', 'status', 'assignee', 'from', 'to', 'onTime'] as const;
export type RoundFilter = (typeof ROUND_FILTERS)[number];
const REPEATED: ReadonlySet<RoundFilter> = new Set(['siteId', 'status']);

/** URL query → API query; unknown keys are ignored. */
export function roundFilters(search: URLSearchParams): QueryParams {
  const out: QueryParams = {};
  for (const key of ROUND_FILTERS) {
    if (REPEATED.has(key)) {
      const values = search.getAll(key).filter(Boolean);
      if (values.length) out[key] = values;
      continue;
    }
    const v = search.get(key);
    if (v) out[key] = v;
  }
  return out;
}

/** The URL query with one filter set (or removed with undefined/empty), the others kept. */
export function withRoundFilter(search: URLSearchParams, key: RoundFilter, value: string | string[] | undefined | null): URLSearchParams {
  const next = new URLSearchParams(search);
  next.delete(key);
  for (const v of Array.isArray(value) ? value : value ? [value] : []) if (v) next.append(key, v);
  return next;
}

/** the figures of a compliance row, in the order of the table's columns */
export const COMPLIANCE_FIGURES = ['due', 'onTime', 'late', 'missed', 'open'] as const;
export type ComplianceFigure = (typeof COMPLIANCE_FIGURES)[number];
export type ComplianceGroup = 'person' | 'level' | 'site' | 'total';

/** which rounds each figure counts: the status (and on-time flag) filters of the rounds list */
const FIGURE_FILTERS: Record<ComplianceFigure, [RoundFilter, string][]> = {
  due: [],
  onTime: [
    ['status', 'done'],
    ['onTime', '1'],
  ],
  late: [
    ['status', 'done'],
    ['onTime', '0'],
  ],
  missed: [['status', 'missed']],
  open: [
    ['status', 'pending'],
    ['status', 'in_progress'],
  ],
};

/** URL only: the name shown on the rounds list's assignee filter tag */
export const ASSIGNEE_NAME = 'assigneeName';

const GROUP_FILTER: Record<Exclude<ComplianceGroup, 'total'>, RoundFilter> = { person: 'assignee', level: 'level', site: 'siteId' };

/**
 * The rounds behind one figure of the compliance tables: the period's due times, the row's
 * person / level / site, and the figure's status. `siteIds` narrows the whole page.
 */
export function complianceLink(
  group: ComplianceGroup,
  row: Pick<DutyComplianceRow, 'key' | 'label'>,
  figure: ComplianceFigure,
  period: { from: string; to: string },
  siteIds: string[] = [],
): string {
  const q = new URLSearchParams({ from: period.from, to: period.to });
  if (group !== 'site') for (const id of siteIds) q.append('siteId', id);
  if (group !== 'total') q.append(GROUP_FILTER[group], row.key);
  // the person's name for the filter tag of the list (not sent to the server)
  if (group === 'person') q.append(ASSIGNEE_NAME, row.label);
  for (const [key, value] of FIGURE_FILTERS[figure]) q.append(key, value);
  return `/patrols/rounds?${q.toString()}`;
}
