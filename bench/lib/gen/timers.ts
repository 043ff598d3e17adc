import { SLA_KINDS, type SlaKind, type WorkOrderAction } from '../../../contracts/workorders.js';
import {
  type ClockEvent,
  computeDue,
  minutesOf,
  type PolicyTerms,
  resolutionClock,
  type SiteHours,
  timerKinds,
  warnAt,
} from '../../../server/src/modules/workorders/sla.calc.js';

/**
 * An order's deadline timers through its life, as the server keeps them: the rules of
 * `syncTimers` (sla.timers.ts) at every step — created from the chosen policy, met by
 * accept / arrive / finish, recomputed on pause and resume (paused time excluded when
 * the policy says so), restarted by reject and reopen, closed by cancel — and between
 * steps the scheduler's ticks (sla.jobs.ts `runSlaTick`): a breach is claimed at the
 * first tick at or after the deadline, a warning at the first tick at or after its time
 * unless the breach comes in the same tick, and a paused order's excluded resolution
 * deadline is left alone. The deadline arithmetic is sla.calc.ts itself.
 */
export interface SimTimer {
  kind: SlaKind;
  due: number;
  warn: number | null;
  met: number | null;
  warned: number | null;
  breached: number | null;
}

/** What the order's row says at a step: when each deadline's step was done. */
export interface StepTimes {
  accepted: number | null;
  arrived: number | null;
  resolved: number | null;
  cancelled: number | null;
}

export type SlaEvent = { action: 'sla_warning' | 'sla_breach'; kind: SlaKind; at: number; due: number };

export class TimerSim {
  readonly timers: SimTimer[] = [];
  private readonly events: ClockEvent[] = [];
  private paused = false;
  private from: number;

  constructor(
    private readonly policy: PolicyTerms,
    private readonly site: SiteHours,
    private readonly created: number,
    /** the scheduler tick at or after an instant */
    private readonly tick: (at: number) => number,
  ) {
    this.from = created;
    for (const kind of timerKinds(policy)) {
      const due = this.dueOf(kind, created, []);
      this.timers.push({ kind, due, warn: warnAt(due, created, policy.warn_before_minutes), met: null, warned: null, breached: null });
    }
  }

  private dueOf(kind: SlaKind, base: number, pauses: { from: number; to: number }[]): number {
    return computeDue({
      base,
      minutes: minutesOf(this.policy, kind),
      notOvernight: kind === 'resolution' && this.policy.not_overnight === 1,
      businessHours: this.policy.business_hours === 1,
      excludePaused: this.policy.exclude_paused === 1,
      pauses: kind === 'resolution' ? pauses : [],
      site: this.site,
    }) as number;
  }

  /** The scheduler's ticks from the last step up to `until` (exclusive) and never after `now`. */
  runUntil(until: number, now: number, out: SlaEvent[]): void {
    const from = this.from;
    this.from = until;
    for (const t of this.timers) {
      if (t.met !== null || t.breached !== null) continue;
      if (t.kind === 'resolution' && this.paused && this.policy.exclude_paused === 1) continue;
      const breach = this.tick(Math.max(t.due, from));
      const warn = t.warn !== null && t.warned === null ? this.tick(Math.max(t.warn, from)) : Number.POSITIVE_INFINITY;
      if (warn < breach && warn < until && warn <= now) {
        t.warned = warn;
        out.push({ action: 'sla_warning', kind: t.kind, at: warn, due: t.due });
      }
      if (breach < until && breach <= now) {
        t.breached = breach;
        out.push({ action: 'sla_breach', kind: t.kind, at: breach, due: t.due });
      }
    }
  }

  /** After a step has been applied to the row (`times` are the row's, after the step). */
  step(action: WorkOrderAction, at: number, times: StepTimes): void {
    const metAt = (kind: SlaKind) => (kind === 'response' ? times.accepted : kind === 'arrival' ? times.arrived : times.resolved);
    if (action === 'cancel') {
      for (const t of this.timers) if (t.met === null) t.met = times.cancelled ?? at;
      return;
    }
    const reopened = action === 'reopen' || action === 'reject';
    if (!(reopened || action === 'pause' || action === 'resume')) {
      for (const t of this.timers) if (t.met === null) t.met = metAt(t.kind);
      return;
    }
    if (action === 'pause') this.paused = true;
    if (action === 'resume') this.paused = false;
    this.events.push({ at, action });
    const clock = resolutionClock(this.created, this.events, at);
    for (const kind of SLA_KINDS) {
      const t = this.timers.find((x) => x.kind === kind);
      if (!t) continue;
      const restart = kind === 'resolution' && reopened;
      if (!restart && t.met !== null) continue;
      const base = kind === 'resolution' ? clock.base : this.created;
      t.due = this.dueOf(kind, base, clock.pauses);
      t.warn = warnAt(t.due, base, this.policy.warn_before_minutes);
      if (restart) {
        t.met = null;
        t.warned = null;
        t.breached = null;
      } else t.met = metAt(kind);
    }
  }
}
