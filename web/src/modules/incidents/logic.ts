import dayjs, { type Dayjs } from 'dayjs';
import { dayStart, formatInZone } from '../maintenance/format';
import { fenToYuan, yuanToFen } from '../projects/format';
import type {
  AlertOutcome,
  Incident,
  IncidentInput,
  IncidentSettings,
  IncidentStatus,
  OfficerRecord,
  SecurityAlert,
  SecurityAlertInput,
} from './types';

/**
 * The incident and security-log pages' pure logic: form values ⇄ request bodies (money in
 * yuan on screen, fen on the wire), the 不过夜 deadline and whether a fault was fixed in
 * time, which review buttons a report shows, and the officers table's totals. Tested
 * without a browser (logic.test.ts).
 */

/** how the date-time pickers show an instant */
export const DATE_TIME = 'YYYY-MM-DD HH:mm';

/** Trimmed text, or null when empty. */
export const text = (v: string | null | undefined): string | null => (v?.trim() ? v.trim() : null);

const iso = (d: Dayjs | null | undefined): string | null => (d ? d.toISOString() : null);
const day = (s: string | null | undefined): Dayjs | null => (s ? dayjs(s) : null);

// ── incident form ────────────────────────────────────────────────────────────────

/** 责任人: a user of the site, or a name written out (a vendor's staff). */
export type ResponsibleMode = 'user' | 'name';

/** What the incident drawer's form holds. */
export interface IncidentValues {
  siteId?: string;
  title?: string;
  type?: string;
  occurredAt?: Dayjs | null;
  locationId?: string | null;
  place?: string | null;
  responsibleMode?: ResponsibleMode;
  responsibleId?: string | null;
  responsibleName?: string | null;
  summary?: string;
  course?: string | null;
  handling?: string | null;
  losses?: string | null;
  lossYuan?: number | null;
  causeAnalysis?: string | null;
  resolvedAt?: Dayjs | null;
  workOrderId?: string | null;
  /** 提交审核 at once rather than keeping a draft */
  submit?: boolean;
}

/** A stored report → the drawer's values (fen shown as yuan, instants as pickers' days). */
export function incidentValues(r: Incident): IncidentValues {
  return {
    siteId: r.siteId,
    title: r.title,
    type: r.type,
    occurredAt: day(r.occurredAt),
    locationId: r.locationId,
    place: r.place,
    responsibleMode: r.responsibleId || !r.responsibleName ? 'user' : 'name',
    responsibleId: r.responsibleId,
    responsibleName: r.responsibleId ? null : r.responsibleName,
    summary: r.summary,
    course: r.course,
    handling: r.handling,
    losses: r.losses,
    lossYuan: fenToYuan(r.lossFen),
    causeAnalysis: r.causeAnalysis,
    resolvedAt: day(r.resolvedAt),
    workOrderId: r.workOrderId,
    submit: false,
  };
}

/** The drawer's values → POST/PUT /incidents: one of user or written name as 责任人, yuan → fen. */
export function incidentBody(v: IncidentValues, siteId: string): IncidentInput {
  const byUser = (v.responsibleMode ?? 'user') === 'user';
  return {
    siteId,
    title: v.title?.trim() ?? '',
    type: v.type ?? '',
    occurredAt: iso(v.occurredAt) ?? '',
    locationId: v.locationId ?? null,
    place: text(v.place),
    responsibleId: byUser ? (v.responsibleId ?? null) : null,
    responsibleName: byUser ? null : text(v.responsibleName),
    summary: v.summary?.trim() ?? '',
    course: text(v.course),
    handling: text(v.handling),
    losses: text(v.losses),
    lossFen: yuanToFen(v.lossYuan),
    causeAnalysis: text(v.causeAnalysis),
    resolvedAt: iso(v.resolvedAt),
    workOrderId: v.workOrderId ?? null,
    submit: Boolean(v.submit),
  };
}

/** The largest loss the form takes, in yuan (the server's bound, 10 亿). */
export const MAX_LOSS_YUAN = 1_000_000_000;

// ── deadline (不过夜) ──────────────────────────────────────────────────────────────

type DeadlineRule = Pick<IncidentSettings, 'deadlineTypes' | 'deadlineMode' | 'deadlineHours'>;

/**
 * The handling deadline of an incident of `type` that occurred at `occurredAt`, as the
 * server computes it (server/src/modules/incidents/deadline.ts): `overnight` is the last
 * millisecond of the local day in the site's zone, `hours` N hours later; null when the
 * type has no deadline.
 */
export function deadlineFor(
  type: string | undefined,
  occurredAt: string | null,
  rule: DeadlineRule | undefined,
  zone: string,
): string | null {
  if (!type || !occurredAt || !rule?.deadlineTypes.includes(type)) return null;
  if (rule.deadlineMode === 'hours') return new Date(Date.parse(occurredAt) + rule.deadlineHours * 3_600_000).toISOString();
  return new Date(Date.parse(dayStart(formatInZone(occurredAt, zone, false), zone, 1)) - 1).toISOString();
}

/**
 * A deadline as people say it: the end of a day (its last millisecond, or the next
 * midnight) reads as that day at 24:00 — 不过夜：2026-03-12 24:00 前 — other deadlines as
 * their minute.
 */
export function deadlineText(deadlineAt: string | null, zone: string | undefined): string {
  if (!deadlineAt) return '—';
  const at = Date.parse(deadlineAt);
  const midnight = [at, at + 1].find((ms) => ms % 60_000 === 0 && formatInZone(new Date(ms).toISOString(), zone).endsWith(' 00:00'));
  if (midnight === undefined) return formatInZone(deadlineAt, zone);
  return `${formatInZone(new Date(midnight - 60_000).toISOString(), zone, false)} 24:00`;
}

/** 按时修复 / 超时修复 / 超时未修复 / 待修复 (within the deadline, not yet fixed); none without a deadline. */
export type DeadlineState = 'in_time' | 'late' | 'overdue' | 'pending' | 'none';

/** Where a report stands against its deadline, as of `now`. */
export function deadlineState(i: { deadlineAt: string | null; resolvedAt: string | null }, now: Date = new Date()): DeadlineState {
  if (!i.deadlineAt) return 'none';
  const deadline = Date.parse(i.deadlineAt);
  if (i.resolvedAt) return Date.parse(i.resolvedAt) <= deadline ? 'in_time' : 'late';
  return now.getTime() > deadline ? 'overdue' : 'pending';
}

// ── review ───────────────────────────────────────────────────────────────────────

/** The report's own steps (the action items have theirs in the panel). */
export type IncidentStep = 'edit' | 'submit' | 'approve' | 'return';

/**
 * The buttons of a report, after the server's rules (incidents.service.ts): whoever may
 * edit it (the author while a draft or returned, a reviewer of the site until it is
 * reviewed) changes it, and submits it while a draft or returned; a reviewer other than
 * the author approves or returns a submitted one.
 */
export function incidentSteps(i: Pick<Incident, 'status' | 'canEdit' | 'canReview'>): IncidentStep[] {
  const steps: IncidentStep[] = [];
  const open: IncidentStatus[] = ['draft', 'returned'];
  if (i.canEdit && open.includes(i.status)) steps.push('submit');
  if (i.canReview && i.status === 'submitted') steps.push('approve', 'return');
  if (i.canEdit && i.status !== 'reviewed') steps.push('edit');
  return steps;
}

/** What a report must say before it is submitted, beyond a draft: where, the course of events, the handling and the cause. */
export const SUBMIT_FIELDS = ['where', 'course', 'handling', 'causeAnalysis'] as const;
export type SubmitField = (typeof SUBMIT_FIELDS)[number];

/** The fields a draft still lacks for submitting (the server refuses it without them). */
export function missingForSubmit(i: Pick<Incident, 'locationId' | 'place' | 'course' | 'handling' | 'causeAnalysis'>): SubmitField[] {
  const filled: Record<SubmitField, boolean> = {
    where: Boolean(i.locationId || text(i.place)),
    course: Boolean(text(i.course)),
    handling: Boolean(text(i.handling)),
    causeAnalysis: Boolean(text(i.causeAnalysis)),
  };
  return SUBMIT_FIELDS.filter((f) => !filled[f]);
}

/** The incident list's filters, all in the URL (the safety overview's figures link to them). */
export const INCIDENT_FILTERS = ['siteId', 'type', 'status', 'from', 'to', 'author', 'awaitingReview', 'fixedInTime'] as const;
/** The security log's filters. */
export const ALERT_FILTERS = ['siteId', 'type', 'source', 'outcome', 'officerId', 'from', 'to', 'commended'] as const;
/** The officer's name rides in the URL beside the id, so the filter reads as a name after a reload. */
export const OFFICER_NAME = 'officerName';
/** The officers table's filters. */
export const OFFICER_FILTERS = ['siteId', 'from', 'to'] as const;

// ── security log ─────────────────────────────────────────────────────────────────

/** the most officers one alert names (the server's bound) */
export const MAX_OFFICERS = 20;
/** the most people one alert records as caught (the server's bound) */
export const MAX_APPREHENDED = 1000;

/** Catching someone is the outcome: 抓获 and 移交公安 name at least one person. */
export function apprehendedRequired(outcome: AlertOutcome | undefined): boolean {
  return outcome === 'apprehended' || outcome === 'handed_to_police';
}

/** What the alert drawer's form holds. */
export interface AlertValues {
  siteId?: string;
  receivedAt?: Dayjs | null;
  source?: string;
  type?: string;
  locationId?: string | null;
  place?: string | null;
  description?: string;
  handling?: string | null;
  outcome?: AlertOutcome;
  apprehendedCount?: number | null;
  officerIds?: string[];
  closedAt?: Dayjs | null;
  incidentId?: string | null;
}

export function alertValues(r: SecurityAlert): AlertValues {
  return {
    siteId: r.siteId,
    receivedAt: day(r.receivedAt),
    source: r.source,
    type: r.type,
    locationId: r.locationId,
    place: r.place,
    description: r.description,
    handling: r.handling,
    outcome: r.outcome,
    apprehendedCount: r.apprehendedCount,
    officerIds: r.officers.map((o) => o.userId),
    closedAt: day(r.closedAt),
    incidentId: r.incidentId,
  };
}

/** The drawer's values → POST/PUT /security-alerts; nobody is counted as caught when the outcome is 已处置. */
export function alertBody(v: AlertValues, siteId: string): SecurityAlertInput {
  const outcome = v.outcome ?? 'resolved';
  return {
    siteId,
    receivedAt: iso(v.receivedAt) ?? '',
    source: v.source ?? '',
    type: v.type ?? '',
    locationId: v.locationId ?? null,
    place: text(v.place),
    description: v.description?.trim() ?? '',
    handling: text(v.handling),
    outcome,
    apprehendedCount: apprehendedRequired(outcome) ? (v.apprehendedCount ?? 0) : 0,
    officerIds: v.officerIds ?? [],
    closedAt: iso(v.closedAt),
    incidentId: v.incidentId ?? null,
  };
}

/** The calendar month of `now` in the browser's zone as [from, to) instants: the officers page's default period. */
export function monthPeriod(now: Date): { from: string; to: string } {
  return {
    from: new Date(now.getFullYear(), now.getMonth(), 1).toISOString(),
    to: new Date(now.getFullYear(), now.getMonth() + 1, 1).toISOString(),
  };
}

/**
 * The security log filtered to one officer with the officers page's sites and period
 * (the name rides along so the filter tag reads as a name).
 */
export function officerAlertsLink(path: string, officer: Pick<OfficerRecord, 'userId' | 'name'>, search: URLSearchParams): string {
  const q = new URLSearchParams();
  for (const key of OFFICER_FILTERS) for (const v of search.getAll(key)) if (v) q.append(key, v);
  q.set('officerId', officer.userId);
  q.set(OFFICER_NAME, officer.name);
  return `${path}?${q.toString()}`;
}
