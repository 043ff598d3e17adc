import { nextDate, zonedParts } from '../../platform/numbering/time.js';

/**
 * Deadline arithmetic of the work-order SLA, pure (no database, no clock): which policy
 * applies, when a step is due, when to warn, how much time is left.
 *
 * Instants are epoch milliseconds. "Working time" is wall time, or — when a policy
 * counts business hours — only the time inside the site's opening hours
 * ("HH:mm-HH:mm" every day, in the site's zone; a window whose end is not after its
 * start runs past midnight, e.g. "22:00-06:00"). A site without opening hours is open
 * around the clock.
 */

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;
const DAY_MS = DAY_MINUTES * MINUTE;

export interface SiteHours {
  timeZone: string;
  /** "HH:mm-HH:mm" or null (open 24 hours) */
  openingHours: string | null;
}

export interface Interval {
  from: number;
  to: number;
}

/** The policy fields the calculation reads (a row of sla_policies fits). */
export interface PolicyTerms {
  id: string;
  site_id: string | null;
  category: string | null;
  urgency: string | null;
  response_minutes: number | null;
  arrival_minutes: number | null;
  resolution_minutes: number | null;
  not_overnight: 0 | 1;
  business_hours: 0 | 1;
  exclude_paused: 0 | 1;
  warn_before_minutes: number;
  active: 0 | 1;
}

export type TimerKind = 'response' | 'arrival' | 'resolution';

/**
 * The policy for an order: among active policies whose every set dimension (site,
 * category, urgency) equals the order's, the one that sets the most dimensions wins;
 * between equally specific ones a site beats a category, which beats an urgency
 * (weights 4 / 2 / 1); the last tie goes to the smallest id so the choice is stable.
 * So: site+category+urgency > site+category > site+urgency > category+urgency > site
 * > category > urgency > the organisation-wide default with nothing set.
 */
export function choosePolicy<P extends PolicyTerms>(
  policies: readonly P[],
  order: { siteId: string; category: string; urgency: string },
): P | null {
  let best: P | null = null;
  let bestScore = -1;
  for (const p of policies) {
    if (p.active !== 1) continue;
    if (p.site_id !== null && p.site_id !== order.siteId) continue;
    if (p.category !== null && p.category !== order.category) continue;
    if (p.urgency !== null && p.urgency !== order.urgency) continue;
    const set = Number(p.site_id !== null) + Number(p.category !== null) + Number(p.urgency !== null);
    const weight = (p.site_id !== null ? 4 : 0) + (p.category !== null ? 2 : 0) + (p.urgency !== null ? 1 : 0);
    const score = set * 8 + weight;
    if (score > bestScore || (score === bestScore && best !== null && p.id < best.id)) {
      best = p;
      bestScore = score;
    }
  }
  return best;
}

export function minutesOf(policy: PolicyTerms, kind: TimerKind): number | null {
  if (kind === 'response') return policy.response_minutes;
  if (kind === 'arrival') return policy.arrival_minutes;
  return policy.resolution_minutes;
}

/** The kinds a policy sets a deadline for (resolution also when only 不过夜 is set). */
export function timerKinds(policy: PolicyTerms): TimerKind[] {
  const kinds: TimerKind[] = [];
  if (policy.response_minutes) kinds.push('response');
  if (policy.arrival_minutes) kinds.push('arrival');
  if (policy.resolution_minutes || policy.not_overnight === 1) kinds.push('resolution');
  return kinds;
}

/** Opening hours as minutes of the day; the end is after the start (past 24:00 for night windows). */
export function parseOpeningHours(value: string | null): { open: number; close: number } | null {
  const m = value?.match(/^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/);
  if (!m) return null;
  const open = Number(m[1]) * 60 + Number(m[2]);
  let close = Math.min(Number(m[3]) * 60 + Number(m[4]), DAY_MINUTES);
  if (close <= open) close += DAY_MINUTES;
  return { open, close };
}

function localDate(at: number, timeZone: string): string {
  const p = zonedParts(new Date(at), timeZone);
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

function previousDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

function offsetAt(ms: number, timeZone: string): number {
  const p = zonedParts(new Date(ms), timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant of a wall-clock time (`minuteOfDay` may pass 24:00 into the next days).
 * Tries the zone's offset from before and after the day: a time that occurs twice
 * (autumn fall-back) is its first occurrence, a time the spring-forward gap skips is
 * the instant just after the gap.
 */
export function localInstant(date: string, minuteOfDay: number, timeZone: string): number {
  let day = date;
  let minutes = minuteOfDay;
  while (minutes >= DAY_MINUTES) {
    day = nextDate(day);
    minutes -= DAY_MINUTES;
  }
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, Math.floor(minutes / 60), minutes % 60);
  const candidates = [wall - offsetAt(wall - DAY_MS, timeZone), wall - offsetAt(wall + DAY_MS, timeZone)];
  const exact = candidates.filter((c) => c + offsetAt(c, timeZone) === wall);
  return exact.length ? Math.min(...exact) : Math.max(...candidates);
}

/** The opening window that starts on local day `date`. */
function windowOn(date: string, hours: { open: number; close: number }, timeZone: string): Interval {
  return { from: localInstant(date, hours.open, timeZone), to: localInstant(date, hours.close, timeZone) };
}

/** Opening windows in order from the one that covers or follows `from`, lazily (callers stop when done). */
function* windowsFrom(from: number, site: SiteHours): Generator<Interval> {
  const hours = parseOpeningHours(site.openingHours);
  if (!hours) {
    yield { from, to: Number.POSITIVE_INFINITY };
    return;
  }
  // yesterday's window may still be open (night hours)
  let date = previousDate(localDate(from, site.timeZone));
  for (;;) {
    const w = windowOn(date, hours, site.timeZone);
    if (w.to > from) yield { from: Math.max(w.from, from), to: w.to };
    date = nextDate(date);
  }
}

/** Working time (ms) between two instants: wall time, or the part inside opening hours. */
export function workingMs(from: number, to: number, site: SiteHours, businessHours: boolean): number {
  if (to <= from) return 0;
  if (!businessHours) return to - from;
  let total = 0;
  for (const w of windowsFrom(from, site)) {
    if (w.from >= to) break;
    total += Math.min(w.to, to) - w.from;
  }
  return total;
}

/** The instant at which `ms` of working time has passed since `start`. */
export function addWorkingMs(start: number, ms: number, site: SiteHours, businessHours: boolean): number {
  if (!businessHours) return start + ms;
  let left = ms;
  for (const w of windowsFrom(start, site)) {
    const span = w.to - w.from;
    if (left <= span) return w.from + left;
    left -= span;
  }
  return start + ms; // unreachable: windows never run out
}

/**
 * The end of the site's day of `at` for 不过夜: the close of the opening window that is
 * open at `at` or opens later that local day; when the day's hours are over (or the
 * site has none), 24:00 local time.
 */
export function endOfSiteDay(at: number, site: SiteHours): number {
  const date = localDate(at, site.timeZone);
  const midnight = localInstant(nextDate(date), 0, site.timeZone);
  const hours = parseOpeningHours(site.openingHours);
  if (!hours) return midnight;
  for (const d of [previousDate(date), date]) {
    const w = windowOn(d, hours, site.timeZone);
    if (w.to > at) return w.to;
  }
  return midnight;
}

export interface DueInput {
  /** when the clock started: the report, or the last reopen / rejection for resolution */
  base: number;
  minutes: number | null;
  notOvernight: boolean;
  businessHours: boolean;
  excludePaused: boolean;
  /** pauses since `base`, in order; an open pause ends "now" */
  pauses: readonly Interval[];
  site: SiteHours;
}

/**
 * The deadline: `minutes` of working time after `base`, not counting the pauses when the
 * policy says so (a pause that begins after the deadline does not move it); with 不过夜
 * never later than the end of the site's day of `base` — that cap is the rule itself and
 * does not move with pauses. Null when the policy sets no such deadline.
 */
export function computeDue(input: DueInput): number | null {
  const { base, site, businessHours } = input;
  let due: number | null = null;
  if (input.minutes) {
    let cursor = base;
    let left = input.minutes * MINUTE;
    for (const p of input.excludePaused ? input.pauses : []) {
      if (p.to <= cursor) continue;
      const run = workingMs(cursor, Math.max(cursor, p.from), site, businessHours);
      if (run >= left) break;
      left -= run;
      cursor = Math.max(cursor, p.to);
    }
    due = addWorkingMs(cursor, left, site, businessHours);
  }
  if (input.notOvernight) {
    const cap = endOfSiteDay(base, site);
    due = due === null ? cap : Math.min(due, cap);
  }
  return due;
}

/** When to warn: `warnBefore` minutes ahead of the deadline, or never when that is not after the start. */
export function warnAt(due: number, base: number, warnBeforeMinutes: number): number | null {
  const at = due - warnBeforeMinutes * MINUTE;
  return at > base ? at : null;
}

/**
 * Time left: working time until the deadline (negative wall time once it has passed);
 * frozen at the pause's start while a pause is excluded from the deadline.
 */
export function remainingMs(
  due: number,
  now: number,
  opts: { site: SiteHours; businessHours: boolean; pausedSince: number | null; excludePaused: boolean },
): number {
  const at = opts.excludePaused && opts.pausedSince !== null && opts.pausedSince < due ? Math.min(opts.pausedSince, now) : now;
  if (at >= due) return due - at;
  return workingMs(at, due, opts.site, opts.businessHours);
}

/** Actions of the event log that shape the resolution deadline. */
export interface ClockEvent {
  at: number;
  action: string;
}

/**
 * Where the resolution clock starts — the report, or the last reopen / rejection — and
 * the pauses since then (an open pause runs until `now`).
 */
export function resolutionClock(created: number, events: readonly ClockEvent[], now: number): { base: number; pauses: Interval[] } {
  let base = created;
  for (const e of events) if (e.action === 'reopen' || e.action === 'reject') base = Math.max(base, e.at);
  const pauses: Interval[] = [];
  let open: number | null = null;
  for (const e of events) {
    if (e.at < base) continue;
    if (e.action === 'pause' && open === null) open = e.at;
    if (e.action === 'resume' && open !== null) {
      pauses.push({ from: open, to: e.at });
      open = null;
    }
  }
  if (open !== null) pauses.push({ from: open, to: Math.max(open, now) });
  return { base, pauses };
}
