import type { Dayjs } from 'dayjs';
import type {
  ActionItem,
  ActionItemInput,
  ActionKind,
  ActionOwnerType,
  ActionStep,
  SafetyEvent,
  SafetyEventKind,
  SafetySiteCountsDto,
  SummaryFact,
} from './types';
import { PATHS } from './types';

/**
 * The safety pages' pure logic: which buttons an action item offers, the bodies of its
 * steps, the action list's URL filters, the calendar's days and the overview's links.
 * Tested without a browser (logic.test.ts).
 */

// ── action items ──────────────────────────────────────────────────────────────────

/** The owner's API resource, refreshed when its items change (its DTO counts open items). */
export function ownerResource(ownerType: ActionOwnerType): string {
  return ownerType === 'incident' ? '/incidents' : '/drills';
}

export type ItemButton = ActionStep | 'edit';

export interface ItemButtonView {
  step: ItemButton;
  primary: boolean;
  danger: boolean;
}

/**
 * The buttons an item offers the signed-in person, from what the server allows it
 * (canSubmit, canVerify, canEdit, canCancel): 提交落实情况 for its assignee, 验证通过 /
 * 退回 for a verifier, 编辑 and 取消 for those who manage the owner. The step that moves
 * the item on is primary; 退回 and 取消 are red.
 */
export function itemButtons(item: Pick<ActionItem, 'status' | 'canSubmit' | 'canVerify' | 'canEdit' | 'canCancel'>): ItemButtonView[] {
  const out: ItemButtonView[] = [];
  if (item.status === 'open' && item.canSubmit) out.push({ step: 'submit', primary: true, danger: false });
  if (item.status === 'submitted' && item.canVerify) {
    out.push({ step: 'verify', primary: true, danger: false });
    out.push({ step: 'reject', primary: false, danger: true });
  }
  if (item.status === 'open' && item.canEdit) out.push({ step: 'edit', primary: false, danger: false });
  if ((item.status === 'open' || item.status === 'submitted') && item.canCancel) out.push({ step: 'cancel', primary: false, danger: true });
  return out;
}

/** Submit needs what was done, reject and cancel a reason; a verification's note is optional. */
export function stepNoteRequired(step: ActionStep): boolean {
  return step !== 'verify';
}

/** Trimmed text, or null when empty. */
export const text = (v: string | null | undefined): string | null => (v?.trim() ? v.trim() : null);

/** The body of POST /actions/:id/<step> from the dialog's note. */
export function stepBody(step: ActionStep, note: string | undefined, version: number): object {
  if (step === 'submit') return { note: note?.trim() ?? '', version };
  if (step === 'verify') return { note: text(note), version };
  return { reason: note?.trim() ?? '', version };
}

/** What the add/edit drawer holds. */
export interface ItemValues {
  kind?: ActionKind;
  title?: string;
  description?: string | null;
  assigneeId?: string;
  dueDate?: Dayjs | null;
  verifierId?: string | null;
}

/** The drawer's values as POST /actions and PUT /actions/:id take them (the due date a plain day). */
export function itemBody(v: ItemValues): ActionItemInput {
  return {
    kind: v.kind ?? 'corrective',
    title: v.title?.trim() ?? '',
    description: text(v.description),
    assigneeId: v.assigneeId ?? '',
    dueDate: v.dueDate ? v.dueDate.format('YYYY-MM-DD') : '',
    verifierId: v.verifierId ?? null,
  };
}

// ── the action list's filters in the URL ──────────────────────────────────────────

/**
 * The action list's filters (the overview and the facts link to them): `from`/`to` is the
 * period the items were created in (the measures' period), `dueFrom`/`dueTo` local days;
 * `q` is the table's search box.
 */
export const ACTION_FILTERS = [
  'siteId',
  'ownerType',
  'ownerId',
  'status',
  'kind',
  'assignee',
  'overdue',
  'onTime',
  'dueFrom',
  'dueTo',
  'from',
  'to',
] as const;

/** The statuses of the URL, given repeated (`status=open&status=submitted`) or comma-separated as the facts' links write them. */
export function statusesOf(search: URLSearchParams): string[] {
  return search
    .getAll('status')
    .flatMap((s) => s.split(','))
    .filter(Boolean);
}

/** The list of one kind of action items, as the overview's figures open it. */
export function actionsLink(filter: 'open' | 'overdue', siteId?: string | null): string {
  const params = new URLSearchParams();
  if (siteId) params.append('siteId', siteId);
  if (filter === 'open') {
    params.append('status', 'open');
    params.append('status', 'submitted');
  } else {
    params.append('overdue', '1');
  }
  return `${PATHS.actions}?${params.toString()}`;
}

// ── calendar ──────────────────────────────────────────────────────────────────────

/** YYYY-MM-DD plus n days, in plain calendar arithmetic (no zone involved). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + n));
  return date.toISOString().slice(0, 10);
}

/**
 * The days to ask the calendar for when a month is shown: the month grid starts up to six
 * days before the 1st and runs six weeks, so a week before and two after cover any week
 * start; [from, to) as days.
 */
export function calendarWindow(month: string): { from: string; to: string } {
  const first = `${month}-01`;
  // the 1st plus 31 days is always in the next month
  const nextMonth = `${addDays(first, 31).slice(0, 7)}-01`;
  return { from: addDays(first, -7), to: addDays(nextMonth, 14) };
}

/** The local day (YYYY-MM-DD) of an instant in a zone (the event's site's). */
export function dayIn(iso: string, zone: string | undefined): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat('sv-SE', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** The local time (HH:mm) of an instant in a zone. */
export function timeIn(iso: string, zone: string | undefined): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat('sv-SE', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
}

/**
 * Events by the local day they happen on in their own site's zone, each day in time
 * order (an action item's due date is its site's midnight, so it lands on its day).
 */
export function eventsByDay(events: readonly SafetyEvent[], zoneOf: (siteId: string) => string | undefined): Map<string, SafetyEvent[]> {
  const out = new Map<string, SafetyEvent[]>();
  const sorted = [...events].sort((a, b) => a.at.localeCompare(b.at) || a.title.localeCompare(b.title));
  for (const e of sorted) {
    const day = dayIn(e.at, zoneOf(e.siteId));
    if (!day) continue;
    const list = out.get(day);
    if (list) list.push(e);
    else out.set(day, [e]);
  }
  return out;
}

/** The days of one month (YYYY-MM) that have events, in order: the phone's day list. */
export function daysOfMonth(byDay: ReadonlyMap<string, SafetyEvent[]>, month: string): string[] {
  return [...byDay.keys()].filter((d) => d.startsWith(`${month}-`)).sort();
}

/** Whole-day events (an action's due date) show no time; the others their start. */
export function isAllDay(e: Pick<SafetyEvent, 'kind'>): boolean {
  return e.kind === 'action';
}

/** Per kind of event: drills red, training blue, spot checks purple, action items orange. */
export const EVENT_COLORS: Record<SafetyEventKind, string> = {
  drill: '#cf1322',
  training: '#1677ff',
  spot_check: '#722ed1',
  action: '#d46b08',
};

/** The event is done with or called off: shown faded. Missed and overdue ones stay loud. */
export function eventSettled(e: Pick<SafetyEvent, 'status'>): boolean {
  return ['done', 'cancelled', 'verified', 'closed'].includes(e.status);
}

// ── overview ──────────────────────────────────────────────────────────────────────

export type CountField = Exclude<keyof SafetySiteCountsDto, 'siteId' | 'siteName'>;

export interface CountSpec {
  field: CountField;
  /** the summary fact with the same figure; its link opens the records behind it */
  fact: string;
  /** the list opened when the fact is not there (its module's list, narrowed to the period) */
  path: string;
  /** a rate or an average, not a count */
  unit?: 'percent' | 'score';
  /** counts shown in red when not zero */
  alarm?: boolean;
  /** a figure of now, not of the period (open and overdue actions) */
  current?: boolean;
}

/** The overview's figures in the order of its cards and columns, grouped by area. */
export const COUNT_GROUPS: { key: string; specs: CountSpec[] }[] = [
  {
    key: 'incidents',
    specs: [
      { field: 'incidents', fact: 'incidents.total', path: '/incidents' },
      { field: 'incidentsAwaitingReview', fact: 'incidents.awaiting_review', path: '/incidents' },
      { field: 'alerts', fact: 'security.alerts', path: '/security-alerts' },
      { field: 'apprehended', fact: 'security.apprehended', path: '/security-alerts' },
    ],
  },
  {
    key: 'drills',
    specs: [
      { field: 'drillsDone', fact: 'drills.done', path: '/drills' },
      { field: 'drillsMissed', fact: 'drills.missed', path: '/drills', alarm: true },
      { field: 'drillsPlanned', fact: 'drills.planned', path: '/drills' },
      { field: 'drillReportsFiled', fact: 'drills.reports_filed', path: '/drills' },
    ],
  },
  {
    key: 'training',
    specs: [
      { field: 'trainingSessions', fact: 'training.sessions', path: '/training/sessions' },
      { field: 'trainingAttendance', fact: 'training.attendance', path: '/training/sessions' },
      { field: 'spotCheckAttempts', fact: 'training.spot_checks.attempts', path: '/training/spot-checks' },
      { field: 'spotCheckPassRate', fact: 'training.spot_checks.pass_rate', path: '/training/spot-checks', unit: 'percent' },
      { field: 'etiquetteChecks', fact: 'etiquette.checks', path: '/etiquette' },
      { field: 'etiquetteAverage', fact: 'etiquette.average_score', path: '/etiquette', unit: 'score' },
    ],
  },
  {
    key: 'actions',
    specs: [
      { field: 'actionsOpen', fact: 'actions.open', path: PATHS.actions, current: true },
      { field: 'actionsOverdue', fact: 'actions.overdue', path: PATHS.actions, alarm: true, current: true },
    ],
  },
];

export const COUNT_SPECS: CountSpec[] = COUNT_GROUPS.flatMap((g) => g.specs);

/** A link narrowed to one site (the site filter replaced). */
export function withSite(link: string, siteId: string | null): string {
  if (!siteId) return link;
  const [path, query = ''] = link.split('?');
  const params = new URLSearchParams(query);
  params.delete('siteId');
  params.append('siteId', siteId);
  return `${path}?${params.toString()}`;
}

/**
 * Where a figure of the overview leads: the summary fact's own link (its module knows its
 * list's filters), for one site or all; without the fact, the module's list for the period.
 */
export function countLink(
  spec: CountSpec,
  siteId: string | null,
  period: { from: string; to: string },
  facts: readonly SummaryFact[],
): string {
  const fact = facts.find((f) => f.key === spec.fact);
  if (fact) return withSite(fact.link, siteId);
  if (spec.field === 'actionsOpen') return actionsLink('open', siteId);
  if (spec.field === 'actionsOverdue') return actionsLink('overdue', siteId);
  const params = new URLSearchParams();
  if (siteId) params.append('siteId', siteId);
  params.append('from', period.from);
  params.append('to', period.to);
  return `${spec.path}?${params.toString()}`;
}

/** A figure's text: counts as they are, a pass rate in percent, an average score with one decimal; — without a basis. */
export function countText(value: number | null, unit?: 'percent' | 'score'): string {
  if (value === null) return '—';
  if (unit === 'percent') return `${Math.round(value * 10) / 10}%`;
  if (unit === 'score') return (Math.round(value * 10) / 10).toString();
  return value.toString();
}

// ── measures ──────────────────────────────────────────────────────────────────────

/** The areas of the safety facts, in the page's order; a fact belongs to the area its key starts with. */
export const FACT_AREAS = ['incidents', 'security', 'drills', 'training', 'etiquette', 'actions'] as const;
export type FactArea = (typeof FACT_AREAS)[number];

/** A figure broken down by type: `drills.done.type.fire_evacuation` → parent `drills.done`, code `fire_evacuation`. */
const BY_TYPE = /^(.+)\.type\.([^.]+)$/;

export interface TypeBreakdown {
  /** the figure broken down (`incidents.total`, `drills.done`…) */
  parent: string;
  rows: { code: string; fact: SummaryFact }[];
}

export interface AreaFacts {
  area: FactArea;
  /** the headline figures (cards and the by-site table) */
  main: SummaryFact[];
  /** their breakdowns by type, shown folded */
  byType: TypeBreakdown[];
}

/**
 * The facts of GET /safety/measures by area, headline figures apart from their by-type
 * breakdowns. `incidents.type.x` breaks down `incidents.total` (the incident count has no
 * other parent); the others name their parent. Areas without facts are left out.
 */
export function factsByArea(facts: readonly SummaryFact[]): AreaFacts[] {
  const out: AreaFacts[] = [];
  for (const area of FACT_AREAS) {
    const mine = facts.filter((f) => f.key.split('.')[0] === area);
    if (!mine.length) continue;
    const main: SummaryFact[] = [];
    const byType = new Map<string, TypeBreakdown>();
    for (const f of mine) {
      const m = BY_TYPE.exec(f.key);
      if (!m) {
        main.push(f);
        continue;
      }
      const parent = m[1] === 'incidents' ? 'incidents.total' : (m[1] ?? '');
      const group = byType.get(parent) ?? { parent, rows: [] };
      group.rows.push({ code: m[2] ?? '', fact: f });
      byType.set(parent, group);
    }
    out.push({ area, main, byType: [...byType.values()] });
  }
  return out;
}

/** The dictionary that names the type codes of a broken-down figure. */
export function typeDictionary(parent: string): string | null {
  if (parent.startsWith('incidents.')) return 'incident_type';
  if (parent.startsWith('security.')) return 'security_alert_type';
  if (parent.startsWith('drills.')) return 'drill_type';
  if (parent.startsWith('training.')) return 'training_type';
  return null;
}
