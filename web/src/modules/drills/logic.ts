import type { Dayjs } from 'dayjs';
import { formatInZone } from '../maintenance/format';
import type { Drill, DrillInput, DrillParticipantGroup, DrillRecordInput, DrillReport, DrillStatus, DrillUpdateInput } from './types';

/**
 * The drill pages' pure logic: participants by group as the phone form holds them and as
 * the server takes them, which steps a drill offers in each status, the times of a record
 * and the bodies of the drill forms. Tested without a browser (logic.test.ts).
 */

// ── participants ──────────────────────────────────────────────────────────────────

/** One row of the participants editor: nothing is required while the person is typing. */
export interface ParticipantRow {
  group?: string | null;
  count?: number | null;
  names?: string | null;
}

/** Names as people write them down: 张三、李四，王五 / one per line / separated by spaces. */
export function namesIn(text: string | null | undefined): string[] {
  return (text ?? '')
    .split(/[、,，;；\s]+/u)
    .map((n) => n.trim())
    .filter(Boolean);
}

const blank = (row: ParticipantRow) => !row.group?.trim() && (row.count === null || row.count === undefined) && !row.names?.trim();

/**
 * The rows as the server takes them: empty rows dropped, text trimmed, and a count left
 * empty taken from the names written (a list of 12 names is 12 people).
 */
export function participantGroups(rows: readonly (ParticipantRow | null | undefined)[] | null | undefined): DrillParticipantGroup[] {
  const out: DrillParticipantGroup[] = [];
  for (const row of rows ?? []) {
    if (!row || blank(row)) continue;
    const names = row.names?.trim() || null;
    const count = typeof row.count === 'number' ? row.count : namesIn(names).length;
    out.push({ group: row.group?.trim() ?? '', count, names });
  }
  return out;
}

/** Everyone who took part (the 参演人数 of the record). */
export function participantTotal(
  groups: readonly (ParticipantRow | DrillParticipantGroup | null | undefined)[] | null | undefined,
): number {
  return participantGroups(groups ?? []).reduce((sum, g) => sum + (Number.isFinite(g.count) && g.count > 0 ? g.count : 0), 0);
}

export type ParticipantProblem = 'group' | 'count' | 'namesExceedCount' | 'duplicateGroup';

/**
 * What is wrong with one row of the editor (null: nothing, or the row is empty and will be
 * dropped): a count without its group, a count that is not a whole number of at least one,
 * more names than the count says, a group written twice.
 */
export function participantProblem(rows: readonly (ParticipantRow | null | undefined)[], index: number): ParticipantProblem | null {
  const row = rows[index];
  if (!row || blank(row)) return null;
  const group = row.group?.trim() ?? '';
  if (!group) return 'group';
  const named = namesIn(row.names).length;
  if (row.count === null || row.count === undefined) return named > 0 ? null : 'count';
  if (!Number.isInteger(row.count) || row.count < 1) return 'count';
  if (named > row.count) return 'namesExceedCount';
  const earlier = rows.slice(0, index).some((r) => r && !blank(r) && r.group?.trim() === group);
  return earlier ? 'duplicateGroup' : null;
}

// ── steps ─────────────────────────────────────────────────────────────────────────

export type DrillStep = 'record' | 'report' | 'edit' | 'cancel' | 'print';

export interface DrillButton {
  step: DrillStep;
  primary: boolean;
  danger: boolean;
}

/**
 * The steps a drill offers: a planned drill is recorded (登记演练), edited or cancelled; a
 * missed one may still be recorded late; a done one gets its report (演练报告) and may have
 * its record corrected. Printing the record is offered for everything but a cancelled drill.
 * Without drills:manage only printing is left; the server decides in the end.
 */
export function drillButtons(d: Pick<Drill, 'status' | 'report'>, canManage: boolean): DrillButton[] {
  const steps: DrillStep[] = [];
  if (canManage) {
    if (d.status === 'planned' || d.status === 'missed') steps.push('record');
    if (d.status === 'done') steps.push('report');
    if (d.status === 'planned' || d.status === 'done') steps.push('edit');
    if (d.status === 'planned') steps.push('cancel');
  }
  if (d.status !== 'cancelled') steps.push('print');
  // the report is the next thing to do only while it is missing
  const primary = steps.find((s) => s === 'record' || (s === 'report' && !d.report)) ?? null;
  return steps.map((step) => ({ step, primary: step === primary, danger: step === 'cancel' }));
}

/** Whether the edit form of a drill in this status holds the record (start, end, participants) or only the plan. */
export const editsRecord = (status: DrillStatus): boolean => status === 'done';

// ── times ─────────────────────────────────────────────────────────────────────────

/** Whole minutes from start to end; null when either is missing or the end is not after the start. */
export function durationMinutes(start: string | null | undefined, end: string | null | undefined): number | null {
  if (!start || !end) return null;
  const ms = Date.parse(end) - Date.parse(start);
  return Number.isFinite(ms) && ms > 0 ? Math.round(ms / 60_000) : null;
}

/** 95 minutes → { hours: 1, minutes: 35 }. */
export function splitMinutes(total: number): { hours: number; minutes: number } {
  return { hours: Math.floor(total / 60), minutes: total % 60 };
}

/**
 * When a drill was carried out, in the site's zone: `2026-10-24 08:00–08:40` on one day,
 * both dates when it ran past midnight; '—' before it is recorded. Without the start date
 * in lists, where the planned date stands above it.
 */
export function carriedOutText(
  start: string | null | undefined,
  end: string | null | undefined,
  timeZone: string | undefined,
  withStartDate = true,
): string {
  if (!start) return '—';
  const from = formatInZone(start, timeZone);
  const shownFrom = withStartDate ? from : from.slice(11);
  if (!end) return shownFrom;
  const to = formatInZone(end, timeZone);
  return to.slice(0, 10) === from.slice(0, 10) ? `${shownFrom}–${to.slice(11)}` : `${shownFrom} – ${to}`;
}

/**
 * Where the record form starts the drill: at its planned time when that has come, else now
 * (recorded on the spot before the planned minute), to the minute.
 */
export function defaultStart(plannedAt: string, now: Date): Date {
  const planned = new Date(plannedAt);
  const at = Number.isNaN(planned.getTime()) || planned > now ? now : planned;
  const out = new Date(at);
  out.setSeconds(0, 0);
  return out;
}

/**
 * Where a drill is, in one line: the location's path (which starts with the site) and the
 * place in words; the site alone when neither is given.
 */
export function placeText(d: Pick<Drill, 'siteName' | 'locationPath' | 'place'>): string {
  const where = [d.locationPath, d.place].filter(Boolean).join(' · ');
  return where || d.siteName;
}

/** A planned drill whose window has passed shows as late before the server marks it missed. */
export const pastDue = (d: Pick<Drill, 'status' | 'dueBy'>, now: Date): boolean =>
  d.status === 'planned' && Date.parse(d.dueBy) < now.getTime();

// ── forms → bodies ────────────────────────────────────────────────────────────────

export const text = (v: string | null | undefined): string | null => (v?.trim() ? v.trim() : null);
const iso = (d: Dayjs | null | undefined): string | null => (d ? d.second(0).millisecond(0).toISOString() : null);

/** The drill form: the plan of a drill and, when it is recorded at once or already done, its record. */
export interface DrillValues {
  siteId?: string;
  type?: string;
  title?: string;
  scenario?: string;
  plannedAt?: Dayjs | null;
  locationId?: string | null;
  place?: string | null;
  commanderId?: string | null;
  startedAt?: Dayjs | null;
  endedAt?: Dayjs | null;
  participants?: ParticipantRow[];
  preparation?: string | null;
}

/** POST /drills: planned (record false: no start, end or participants) or recorded at once. */
export function drillInput(v: DrillValues, record: boolean): DrillInput {
  const base: DrillInput = {
    siteId: v.siteId ?? '',
    type: v.type ?? '',
    title: v.title?.trim() ?? '',
    scenario: v.scenario?.trim() ?? '',
    plannedAt: iso(v.plannedAt ?? (record ? v.startedAt : null)) ?? '',
    locationId: v.locationId ?? null,
    place: text(v.place),
    commanderId: v.commanderId ?? null,
  };
  if (!record) return base;
  return {
    ...base,
    startedAt: iso(v.startedAt),
    endedAt: iso(v.endedAt),
    participants: participantGroups(v.participants),
    preparation: text(v.preparation),
  };
}

/** PUT /drills/:id: the plan of a planned drill, or the plan and record of a done one (the version is added by the form). */
export function drillUpdate(v: DrillValues, record: boolean): Omit<DrillUpdateInput, 'version'> {
  const { siteId: _site, ...rest } = drillInput(v, record);
  return rest;
}

/** POST /drills/:id/record (the version is added by the form). */
export function recordInput(v: DrillValues): Omit<DrillRecordInput, 'version'> {
  return {
    startedAt: iso(v.startedAt) ?? '',
    endedAt: iso(v.endedAt) ?? '',
    commanderId: v.commanderId ?? '',
    participants: participantGroups(v.participants),
    preparation: text(v.preparation),
    locationId: v.locationId ?? null,
    place: text(v.place),
    ...(v.scenario?.trim() ? { scenario: v.scenario.trim() } : {}),
  };
}

export type ReportValues = Partial<Record<keyof DrillReport, string | null>>;

/** PUT /drills/:id/report (the version is added by the form): purpose and course required, the rest optional. */
export function reportInput(v: ReportValues): DrillReport {
  return {
    purpose: v.purpose?.trim() ?? '',
    course: v.course?.trim() ?? '',
    problems: text(v.problems),
    causes: text(v.causes),
    lessons: text(v.lessons),
    evaluation: text(v.evaluation),
    improvements: text(v.improvements),
  };
}

/** The editor's rows for stored groups, with one empty row to start from when there are none. */
export const participantRows = (groups: readonly DrillParticipantGroup[] | null | undefined): ParticipantRow[] =>
  groups?.length
    ? groups.map((g) => ({ group: g.group, count: g.count, names: g.names ?? null }))
    : [{ group: null, count: null, names: null }];

// ── list filters ──────────────────────────────────────────────────────────────────

/** The drill list's filters, all in the URL (summary facts and the calendar link to it). */
export const DRILL_FILTERS = ['siteId', 'type', 'status', 'planId', 'report', 'from', 'to'] as const;
