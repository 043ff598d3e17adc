import dayjs from 'dayjs';
import {
  OPEN_STATUSES,
  SLA_KINDS,
  type SlaTimerDto,
  type WorkOrderAction,
  type WorkOrderDto,
  type WorkOrderStatus,
} from '../../../../contracts/workorders';
import type { QueryParams } from '../../app/api';
import type { StatusStyle } from '../../components/StatusTag';

/**
 * Pure helpers of the work-order pages: colours, which action is the next step, the
 * quick tabs' filters, SLA time left and the created-date filter. No React here, so
 * every rule is unit-tested (options.test.ts).
 */

/** Waiting states warm, work under way blue, waiting for the requester purple, closed green/grey. */
export const STATUS_STYLES: Record<WorkOrderStatus, StatusStyle> = {
  pending: { color: 'orange', label: 'workorders:status.pending' },
  dispatched: { color: 'blue', label: 'workorders:status.dispatched' },
  accepted: { color: 'cyan', label: 'workorders:status.accepted' },
  arrived: { color: 'geekblue', label: 'workorders:status.arrived' },
  in_progress: { color: 'processing', label: 'workorders:status.in_progress' },
  paused: { color: 'gold', label: 'workorders:status.paused' },
  resolved: { color: 'purple', label: 'workorders:status.resolved' },
  completed: { color: 'success', label: 'workorders:status.completed' },
  rated: { color: 'green', label: 'workorders:status.rated' },
  cancelled: { color: 'default', label: 'workorders:status.cancelled' },
};

/** Seeded urgency codes (dictionary `urgency`); codes an organisation adds are grey. */
export const URGENCY_COLORS: Record<string, string> = { emergency: 'red', urgent: 'orange', normal: 'default' };

export const isOpen = (status: WorkOrderStatus) => OPEN_STATUSES.includes(status);
export const isClosed = (status: WorkOrderStatus) => status === 'completed' || status === 'rated' || status === 'cancelled';

// ---------------------------------------------------------------- actions

/** The steps that move an order forward, in the order a person would look for them. */
const FORWARD: WorkOrderAction[] = ['dispatch', 'claim', 'accept', 'arrive', 'start', 'resume', 'finish', 'approve', 'rate'];
/** Side steps, least disruptive first. */
const SIDE: WorkOrderAction[] = ['pause', 'transfer', 'pool', 'send_back', 'reject', 'reopen', 'cancel'];
/** Steps that undo work or end the order: red, and kept in 更多. */
export const DANGER_ACTIONS: ReadonlySet<WorkOrderAction> = new Set(['send_back', 'reject', 'reopen', 'cancel']);
/** What the server requires a reason for (server state.ts REASON_REQUIRED). */
export const REASON_ACTIONS: ReadonlySet<WorkOrderAction> = new Set(['send_back', 'transfer', 'reject', 'reopen', 'cancel']);

/** The allowed actions in display order; the scheduler's auto_approve is never offered. */
export function orderActions(actions: readonly WorkOrderAction[]): WorkOrderAction[] {
  return [...FORWARD, ...SIDE].filter((a) => actions.includes(a));
}

/** The next step (the primary button), or null when only side steps are left. */
export function primaryAction(actions: readonly WorkOrderAction[]): WorkOrderAction | null {
  return FORWARD.find((a) => actions.includes(a)) ?? null;
}

/**
 * Buttons for a detail page that must fit a phone: the primary step, up to `visible`
 * harmless side steps as buttons, everything else (and every danger step) in 更多.
 */
export function splitActions(
  actions: readonly WorkOrderAction[],
  visible = 2,
): { primary: WorkOrderAction | null; shown: WorkOrderAction[]; more: WorkOrderAction[] } {
  const primary = primaryAction(actions);
  const rest = orderActions(actions).filter((a) => a !== primary);
  const safe = rest.filter((a) => !DANGER_ACTIONS.has(a));
  const shown = safe.slice(0, visible);
  return { primary, shown, more: rest.filter((a) => !shown.includes(a)) };
}

/** Which form an action's dialog shows. */
export type ActionForm = 'assign' | 'pause' | 'finish' | 'reason' | 'rate' | 'confirm';

export function actionForm(action: WorkOrderAction): ActionForm {
  if (action === 'dispatch' || action === 'transfer') return 'assign';
  if (action === 'pause') return 'pause';
  if (action === 'finish') return 'finish';
  if (action === 'rate') return 'rate';
  if (REASON_ACTIONS.has(action)) return 'reason';
  return 'confirm';
}

// ---------------------------------------------------------------- quick tabs

export const QUICK_TABS = ['all', 'pending', 'active', 'resolved', 'overdue', 'owned', 'reported'] as const;
export type QuickTab = (typeof QUICK_TABS)[number];

const ACTIVE: WorkOrderStatus[] = ['dispatched', 'accepted', 'arrived', 'in_progress', 'paused'];

export function isQuickTab(v: string | null | undefined): v is QuickTab {
  return (QUICK_TABS as readonly string[]).includes(v ?? '');
}

/** The fixed list parameters of a quick tab (they win over the filter form). */
export function tabParams(tab: QuickTab, userId: string): QueryParams {
  switch (tab) {
    case 'pending':
      return { status: 'pending' };
    case 'active':
      return { status: ACTIVE.join(',') };
    case 'resolved':
      return { status: 'resolved' };
    case 'overdue':
      // a cancelled order keeps its breached timers; only open work is late
      return { overdue: '1', status: OPEN_STATUSES.join(',') };
    case 'owned':
      return { ownerId: userId };
    case 'reported':
      return { requesterId: userId };
    default:
      return {};
  }
}

/** Multi-select value ↔ the API's comma list. */
export const statusesToParam = (statuses: readonly string[] | undefined): string | undefined =>
  statuses?.length ? statuses.join(',') : undefined;
export const paramToStatuses = (param: string | undefined): WorkOrderStatus[] =>
  (param ?? '').split(',').filter((s): s is WorkOrderStatus => s in STATUS_STYLES);

// ---------------------------------------------------------------- SLA

export type SlaState = 'ok' | 'warned' | 'breached' | 'met' | 'metLate';

/** The running deadline that matters now: the first unmet one in response → arrival → resolution order. */
export function firstOpenTimer(timers: readonly SlaTimerDto[]): SlaTimerDto | null {
  for (const kind of SLA_KINDS) {
    const t = timers.find((x) => x.kind === kind && !x.metAt);
    if (t) return t;
  }
  return null;
}

/**
 * Milliseconds left now, from what the server said `elapsedMs` ago. A paused order's
 * clock stands still (the server counts paused time out), so it does not tick down.
 */
export function remainingAt(timer: SlaTimerDto, elapsedMs: number, paused: boolean): number | null {
  if (timer.metAt || timer.remainingMs === null) return null;
  return paused ? timer.remainingMs : timer.remainingMs - Math.max(0, elapsedMs);
}

export function slaState(timer: SlaTimerDto, remaining: number | null): SlaState {
  if (timer.metAt) return Date.parse(timer.metAt) > Date.parse(timer.dueAt) || timer.breachedAt ? 'metLate' : 'met';
  if (timer.breachedAt || (remaining !== null && remaining < 0)) return 'breached';
  if (timer.warnedAt) return 'warned';
  return 'ok';
}

export const SLA_COLORS: Record<SlaState, string> = { ok: 'blue', warned: 'orange', breached: 'red', met: 'green', metLate: 'volcano' };

/** Unit templates, e.g. zh `{day:'{{n}}天', hour:'{{n}}小时', minute:'{{n}}分', join:''}`. */
export interface DurationWords {
  day: string;
  hour: string;
  minute: string;
  /** shown for less than a minute */
  underMinute: string;
  join: string;
}

/** The two largest units of |ms|: 2天3小时, 1小时20分, 25分. */
export function formatDuration(ms: number, w: DurationWords): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes === 0) return w.underMinute;
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const unit = (tpl: string, n: number) => tpl.replace('{{n}}', String(n));
  const parts =
    d > 0 ? [unit(w.day, d), h ? unit(w.hour, h) : ''] : h > 0 ? [unit(w.hour, h), m ? unit(w.minute, m) : ''] : [unit(w.minute, m)];
  return parts.filter(Boolean).join(w.join);
}

/** 剩余 1小时20分 / 超时 25分 — `left` and `late` are templates with {{d}}. */
export function formatRemaining(ms: number, w: DurationWords & { left: string; late: string }): string {
  return (ms < 0 ? w.late : w.left).replace('{{d}}', formatDuration(ms, w));
}

// ---------------------------------------------------------------- created date range

const DAY = 'YYYY-MM-DD';

/** Local days (inclusive) → the API's instants: from the first day's start to the day after the last. */
export function dayRangeToParams(from: string | undefined, to: string | undefined): { createdFrom?: string; createdTo?: string } {
  return {
    createdFrom: from ? dayjs(from).startOf('day').toISOString() : undefined,
    createdTo: to ? dayjs(to).add(1, 'day').startOf('day').toISOString() : undefined,
  };
}

/** The instants back to the local days the picker shows (the end is exclusive, so one day earlier). */
export function paramsToDayRange(createdFrom: string | undefined, createdTo: string | undefined): [string | undefined, string | undefined] {
  return [
    createdFrom ? dayjs(createdFrom).format(DAY) : undefined,
    createdTo ? dayjs(createdTo).subtract(1, 'day').format(DAY) : undefined,
  ];
}

// ---------------------------------------------------------------- small things

/** Same rule as the server's intake (digits, + - ( ) and spaces, 5–20 characters). */
export const PHONE_PATTERN = /^[0-9+\-() ]{5,20}$/;

/** Who the order is with: the technician, else the team, else the pool. */
export function assignedTo(wo: Pick<WorkOrderDto, 'assigneeName' | 'teamName' | 'inPool'>): { name: string | null; pool: boolean } {
  if (wo.assigneeName) return { name: wo.teamName ? `${wo.assigneeName}（${wo.teamName}）` : wo.assigneeName, pool: false };
  if (wo.teamName) return { name: wo.teamName, pool: false };
  return { name: null, pool: wo.inPool };
}

/** list filters another page may put in the URL (`/work-orders?resolvedFrom=…&reworked=1`) */
export const LINKABLE_FILTERS = [
  'siteId',
  'status',
  'channel',
  'category',
  'urgency',
  'assigneeId',
  // a summary figure scoped to a department: orders whose assignee is on its staff
  'assigneeDepartmentId',
  'teamId',
  'counterId',
  'assetId',
  'locationId',
  'createdFrom',
  'createdTo',
  'resolvedFrom',
  'resolvedTo',
  'ratedFrom',
  'ratedTo',
  'workedFrom',
  'workedTo',
  'reworked',
  'hasAsset',
  'overdue',
] as const;

export function linkedFilters(search: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of LINKABLE_FILTERS) {
    const v = search.get(key);
    if (v) out[key] = v;
  }
  return out;
}

/** The URL without one linked filter (its tag closed); the tab and the other filters stay. */
export function withoutLinked(search: URLSearchParams, key: (typeof LINKABLE_FILTERS)[number]): URLSearchParams {
  const next = new URLSearchParams(search);
  next.delete(key);
  return next;
}
