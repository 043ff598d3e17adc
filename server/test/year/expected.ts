import type { Db } from '../../src/platform/context.js';

/**
 * The figures of the work summary counted again, independently of the modules' facts
 * code: the rows of every table involved are read as they are (plain selects, no
 * grouping, no module function), and each figure is computed here in plain TypeScript
 * from what its formula says — "hazards found in the period, not cancelled", "rounds due
 * in the period that finished by the end of their window" — for the whole scope and for
 * each site. The annual-summary test compares every figure the summary prints with these.
 *
 * A figure is a function of the sites it covers: the total is the function over all the
 * scope's sites, a site's value the function over that site alone (so distinct people
 * are distinct over the scope, a rate is taken over the summed records, an oldest age is
 * the oldest of all).
 */

export type Figure = (sites: ReadonlySet<string>) => number | null;

export interface Period {
  from: string;
  to: string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const num = (v: unknown): number => Number(v ?? 0);
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const ms = (v: unknown): number => Date.parse(String(v));
const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;
const pct = (part: number, whole: number): number | null => (whole > 0 ? round1((part / whole) * 100) : null);
const count = <T>(rows: T[], where: (r: T) => boolean = () => true) => rows.filter(where).length;
const sum = <T>(rows: T[], value: (r: T) => number) => rows.reduce((a, r) => a + value(r), 0);
const jsonLength = (v: unknown) => {
  try {
    const parsed = JSON.parse(String(v ?? '[]')) as unknown;
    return Array.isArray(parsed) ? parsed.length : 0;
  } catch {
    return 0;
  }
};

/** the local calendar date of an instant in a zone (Intl, not the app's helpers) */
export function localDate(at: number, timeZone: string): string {
  const p = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(at));
  const get = (t: string) => p.find((x) => x.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** the instant a local date begins in a zone */
function localMidnight(date: string, timeZone: string): number {
  const guess = Date.parse(`${date}T00:00:00Z`);
  const offset = (at: number) => {
    const p = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(new Date(at));
    const g = (t: string) => Number(p.find((x) => x.type === t)?.value);
    return Date.UTC(g('year'), g('month') - 1, g('day'), g('hour'), g('minute'), g('second')) - at;
  };
  return guess - offset(guess - offset(guess));
}

const nextDate = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Every row the figures need, read once (rows do not change between the periods compared). */
export interface Rows {
  sites: { id: string; code: string; timezone: string; active: number }[];
  dictionaries: { type: string; code: string }[];
  workOrders: Record<string, unknown>[];
  timers: Record<string, unknown>[];
  breachEvents: { work_order_id: string; data: string | null }[];
  labour: Record<string, unknown>[];
  standards: { category: string; standard_minutes: number; active: number }[];
  occurrences: Record<string, unknown>[];
  maintenancePlans: { id: string; system: string; estimated_minutes: number }[];
  checklistResults: Record<string, unknown>[];
  readings: Record<string, unknown>[];
  points: Record<string, unknown>[];
  deviations: Record<string, unknown>[];
  rounds: Record<string, unknown>[];
  roundPoints: { round_id: string; status: string }[];
  findings: Record<string, unknown>[];
  hazards: Record<string, unknown>[];
  incidents: Record<string, unknown>[];
  alerts: Record<string, unknown>[];
  commendations: { alert_id: string }[];
  drills: Record<string, unknown>[];
  actions: Record<string, unknown>[];
  sessions: Record<string, unknown>[];
  attendees: { session_id: string; signed_in_at: string | null }[];
  spotChecks: Record<string, unknown>[];
  attempts: Record<string, unknown>[];
  etiquette: Record<string, unknown>[];
  complaints: Record<string, unknown>[];
  visits: Record<string, unknown>[];
  calls: Record<string, unknown>[];
  projects: Record<string, unknown>[];
}

export async function readRows(db: Db, orgId: string): Promise<Rows> {
  const all = <T extends keyof import('../../src/platform/db/schema.js').Database>(table: T) =>
    // biome-ignore lint/suspicious/noExplicitAny: a plain read of every column of one organisation's rows
    (db.selectFrom(table as any).selectAll() as any).where('org_id', '=', orgId).execute() as Promise<Record<string, unknown>[]>;
  const [
    sites,
    dictionaries,
    workOrders,
    timers,
    breachEvents,
    labour,
    standards,
    occurrences,
    maintenancePlans,
    checklistResults,
    readings,
    points,
    deviations,
    rounds,
    roundPoints,
    findings,
    hazards,
    incidents,
    alerts,
    commendations,
    drills,
    actions,
    sessions,
    attendees,
    spotChecks,
    attempts,
    etiquette,
    complaints,
    visits,
    calls,
    projects,
  ] = await Promise.all([
    all('sites'),
    all('dictionaries'),
    all('work_orders'),
    all('work_order_timers'),
    db
      .selectFrom('work_order_events')
      .select(['work_order_id', 'data'])
      .where('org_id', '=', orgId)
      .where('action', '=', 'sla_breach')
      .execute(),
    all('work_order_labour'),
    all('work_standards'),
    all('occurrences'),
    all('maintenance_plans'),
    all('checklist_results'),
    all('readings'),
    all('reading_points'),
    all('reading_deviations'),
    all('patrol_rounds'),
    all('patrol_round_points'),
    all('findings'),
    all('hazards'),
    all('incidents'),
    all('security_alerts'),
    all('security_commendations'),
    all('drills'),
    all('action_items'),
    all('training_sessions'),
    all('training_attendees'),
    all('spot_checks'),
    all('quiz_attempts'),
    all('etiquette_checks'),
    all('complaints'),
    all('return_visits'),
    all('hotline_calls'),
    all('projects'),
  ]);
  return {
    sites: sites as Rows['sites'],
    dictionaries: dictionaries as Rows['dictionaries'],
    workOrders,
    timers,
    breachEvents: breachEvents as Rows['breachEvents'],
    labour,
    standards: standards as unknown as Rows['standards'],
    occurrences,
    maintenancePlans: maintenancePlans as unknown as Rows['maintenancePlans'],
    checklistResults,
    readings,
    points,
    deviations,
    rounds,
    roundPoints: roundPoints as unknown as Rows['roundPoints'],
    findings,
    hazards,
    incidents,
    alerts,
    commendations: commendations as unknown as Rows['commendations'],
    drills,
    actions,
    sessions,
    attendees: attendees as unknown as Rows['attendees'],
    spotChecks,
    attempts,
    etiquette,
    complaints,
    visits,
    calls,
    projects,
  };
}

const CHANNELS = ['qr', 'web', 'phone', 'hotline', 'walk_in', 'patrol', 'maintenance', 'counter'];
const HOTLINE_OUTCOMES = ['work_order', 'complaint', 'info', 'transfer', 'other'];
const OPEN_HAZARD = ['registered', 'rectifying', 'submitted', 'pending_signoff'];

/**
 * The independent figures of a period, by key, as of `now` (what is open or overdue is
 * taken at that instant, as the summary takes it).
 */
export function independentFigures(rows: Rows, period: Period, now: Date): Map<string, Figure> {
  const from = ms(period.from);
  const to = ms(period.to);
  const nowMs = now.getTime();
  const inPeriod = (v: unknown) => v !== null && v !== undefined && ms(v) >= from && ms(v) < to;
  const zone = new Map(rows.sites.map((s) => [s.id, s.timezone]));
  const today = (siteId: string) => localDate(nowMs, zone.get(siteId) ?? 'Asia/Shanghai');
  const at = (sites: ReadonlySet<string>) => (r: Record<string, unknown>) => sites.has(String(r.site_id));
  const dict = (type: string) => rows.dictionaries.filter((d) => d.type === type).map((d) => d.code);
  const f = new Map<string, Figure>();

  // ── work orders ────────────────────────────────────────────────────────────────
  const wo = rows.workOrders;
  const woById = new Map(wo.map((w) => [String(w.id), w]));
  const received = (s: ReadonlySet<string>) => wo.filter(at(s)).filter((w) => inPeriod(w.created_at));
  const resolved = (s: ReadonlySet<string>) => wo.filter(at(s)).filter((w) => inPeriod(w.resolved_at));
  f.set('workorders.received', (s) => received(s).length);
  for (const ch of new Set([...CHANNELS, ...wo.map((w) => String(w.channel))])) {
    f.set(`workorders.received.channel.${ch}`, (s) => count(received(s), (w) => w.channel === ch));
  }
  for (const cat of new Set([...dict('repair_category'), ...wo.map((w) => String(w.category))])) {
    f.set(`workorders.received.category.${cat}`, (s) => count(received(s), (w) => w.category === cat));
  }
  f.set('workorders.completed', (s) => resolved(s).length);
  const breachedResolution = new Set(
    rows.breachEvents.filter((e) => (e.data ?? '').includes('"kind":"resolution"')).map((e) => e.work_order_id),
  );
  const metInTime = (t: Record<string, unknown>) => t.met_at !== null && ms(t.met_at) <= ms(t.due_at) && t.breached_at === null;
  f.set('workorders.timelyRepairRate', (s) => {
    const ids = new Set(resolved(s).map((w) => String(w.id)));
    const timers = rows.timers.filter((t) => t.kind === 'resolution' && ids.has(String(t.work_order_id)));
    return pct(
      count(timers, (t) => metInTime(t) && !breachedResolution.has(String(t.work_order_id))),
      timers.length,
    );
  });
  for (const [key, kind] of [
    ['workorders.responseOnTimeRate', 'response'],
    ['workorders.arrivalOnTimeRate', 'arrival'],
  ] as const) {
    f.set(key, (s) => {
      const ids = new Set(
        received(s)
          .filter((w) => w.status !== 'cancelled')
          .map((w) => String(w.id)),
      );
      const decided = rows.timers.filter(
        (t) => t.kind === kind && ids.has(String(t.work_order_id)) && (t.met_at !== null || t.breached_at !== null),
      );
      return pct(count(decided, metInTime), decided.length);
    });
  }
  f.set('workorders.mttr', (s) => {
    const repairs = resolved(s).filter((w) => w.asset_id !== null && w.kind !== 'maintenance');
    return repairs.length ? round2(sum(repairs, (w) => Math.max(0, ms(w.resolved_at) - ms(w.created_at))) / HOUR / repairs.length) : null;
  });
  f.set('workorders.reworkRate', (s) => {
    const r = resolved(s);
    return pct(
      count(r, (w) => num(w.rework_count) > 0),
      r.length,
    );
  });
  const labourIn = (s: ReadonlySet<string>) =>
    rows.labour.filter((l) => {
      const order = woById.get(String(l.work_order_id));
      return l.deleted_at === null && order !== undefined && s.has(String(order.site_id)) && inPeriod(l.started_at ?? l.created_at);
    });
  const minutesOf = (ls: Record<string, unknown>[], effectiveOnly: boolean) =>
    sum(
      ls.filter((l) => !effectiveOnly || l.kind === 'effective'),
      (l) => num(l.minutes),
    );
  f.set('workorders.effectiveHoursRatio', (s) => pct(minutesOf(labourIn(s), true), minutesOf(labourIn(s), false)));
  f.set('workorders.loggedHours', (s) => round2(minutesOf(labourIn(s), false) / 60));
  f.set('workorders.effectiveHours', (s) => round2(minutesOf(labourIn(s), true) / 60));
  const standard = new Map(rows.standards.filter((x) => num(x.active) === 1).map((x) => [x.category, num(x.standard_minutes)]));
  const effectiveOf = (id: string) =>
    sum(
      rows.labour.filter((l) => l.work_order_id === id && l.deleted_at === null && l.kind === 'effective'),
      (l) => num(l.minutes),
    );
  f.set('workorders.standardEfficiency', (s) => {
    const done = resolved(s).filter((w) => standard.has(String(w.category)) && effectiveOf(String(w.id)) > 0);
    return pct(
      sum(done, (w) => standard.get(String(w.category)) ?? 0),
      sum(done, (w) => effectiveOf(String(w.id))),
    );
  });
  const rated = (s: ReadonlySet<string>) =>
    wo
      .filter(at(s))
      .filter((w) => inPeriod(w.rated_at) && w.rating_attitude !== null && w.rating_quality !== null && w.rating_efficiency !== null);
  f.set('workorders.satisfaction', (s) => {
    const r = rated(s);
    return r.length
      ? round1((sum(r, (w) => num(w.rating_attitude) + num(w.rating_quality) + num(w.rating_efficiency)) / (3 * r.length) / 5) * 100)
      : null;
  });
  f.set('workorders.rated', (s) => rated(s).length);
  for (const cat of new Set([...dict('repair_category'), ...wo.map((w) => String(w.category))])) {
    const ofCategory = (s: ReadonlySet<string>) => rated(s).filter((w) => w.category === cat);
    f.set(`workorders.rated.category.${cat}`, (s) => ofCategory(s).length);
    f.set(`workorders.satisfaction.category.${cat}`, (s) => {
      const r = ofCategory(s);
      return r.length
        ? round1((sum(r, (w) => num(w.rating_attitude) + num(w.rating_quality) + num(w.rating_efficiency)) / (3 * r.length) / 5) * 100)
        : null;
    });
  }
  // the backlog of a past period is what was open at its last instant; of a running one, what is open now
  const backlogAt = to > nowMs ? nowMs : to - 1;
  const open = (s: ReadonlySet<string>) =>
    wo
      .filter(at(s))
      .filter(
        (w) =>
          ms(w.created_at) <= backlogAt &&
          (w.resolved_at === null || ms(w.resolved_at) > backlogAt) &&
          (w.cancelled_at === null || ms(w.cancelled_at) > backlogAt),
      );
  const age = (w: Record<string, unknown>) => Math.max(0, backlogAt - ms(w.created_at)) / HOUR;
  f.set('workorders.backlog', (s) => open(s).length);
  // open then with a deadline (response, arrival or repair) breached by then and not met by then
  const timersOf = new Map<string, Record<string, unknown>[]>();
  for (const t of rows.timers) timersOf.set(String(t.work_order_id), [...(timersOf.get(String(t.work_order_id)) ?? []), t]);
  f.set('workorders.overdue', (s) =>
    count(open(s), (w) =>
      (timersOf.get(String(w.id)) ?? []).some(
        (t) => t.breached_at !== null && ms(t.breached_at) <= backlogAt && (t.met_at === null || ms(t.met_at) > backlogAt),
      ),
    ),
  );
  f.set('workorders.backlogMeanAge', (s) =>
    open(s).length ? round1(sum(open(s), (w) => Math.max(0, backlogAt - ms(w.created_at))) / HOUR / open(s).length) : null,
  );
  f.set('workorders.backlogOldestAge', (s) => (open(s).length ? round1(Math.max(...open(s).map(age))) : null));
  f.set('workorders.backlogHours', (s) => round2(sum(open(s), (w) => standard.get(String(w.category)) ?? 0) / 60));

  // ── maintenance ────────────────────────────────────────────────────────────────
  const plans = new Map(rows.maintenancePlans.map((p) => [p.id, p]));
  const pmDue = (s: ReadonlySet<string>) =>
    rows.occurrences
      .filter(at(s))
      .filter(
        (o) =>
          o.owner_type === 'maintenance_plan' &&
          inPeriod(o.due_at) &&
          o.status !== 'skipped' &&
          o.status !== 'cancelled' &&
          (o.status === 'done' || ms(o.window_end_at) <= nowMs),
      );
  const onTime = (o: Record<string, unknown>) => o.status === 'done' && o.missed_at === null && ms(o.done_at) <= ms(o.window_end_at);
  const fire = (o: Record<string, unknown>) => plans.get(String(o.owner_id))?.system === 'fire';
  f.set('maintenance.due', (s) => pmDue(s).length);
  f.set('maintenance.done', (s) => count(pmDue(s), (o) => o.status === 'done'));
  f.set('maintenance.on_time', (s) => count(pmDue(s), onTime));
  f.set('maintenance.late', (s) => count(pmDue(s), (o) => o.status === 'done' && !onTime(o)));
  f.set('maintenance.missed', (s) => count(pmDue(s), (o) => o.status === 'missed'));
  f.set('maintenance.pm_compliance', (s) => pct(count(pmDue(s), onTime), pmDue(s).length));
  f.set('maintenance.schedule_compliance', (s) =>
    pct(
      count(pmDue(s), (o) => {
        if (o.status !== 'done' || o.done_at === null) return false;
        const tz = zone.get(String(o.site_id)) ?? 'Asia/Shanghai';
        return ms(o.done_at) < localMidnight(nextDate(localDate(ms(o.due_at), tz)), tz);
      }),
      pmDue(s).length,
    ),
  );
  const asOf = Math.min(to, nowMs);
  f.set('maintenance.overdue', (s) =>
    count(
      rows.occurrences.filter(at(s)),
      (o) =>
        o.owner_type === 'maintenance_plan' &&
        ms(o.due_at) >= from &&
        ms(o.due_at) < asOf &&
        (o.status === 'open' || o.status === 'missed' || (o.status === 'done' && ms(o.done_at) > asOf)),
    ),
  );
  const planned = (s: ReadonlySet<string>) => sum(pmDue(s), (o) => num(plans.get(String(o.owner_id))?.estimated_minutes));
  const spent = (s: ReadonlySet<string>) =>
    sum(
      pmDue(s).filter((o) => o.item_type === 'work_order' && o.item_id !== null),
      (o) => effectiveOf(String(o.item_id)),
    );
  f.set('maintenance.hours_planned', (s) => round2(planned(s) / 60));
  f.set('maintenance.hours_spent', (s) => round2(spent(s) / 60));
  f.set('maintenance.hours_ratio', (s) => pct(spent(s), planned(s)));
  const checklistsOf = (s: ReadonlySet<string>) => {
    const orders = new Set(
      pmDue(s)
        .filter((o) => o.item_type === 'work_order')
        .map((o) => String(o.item_id)),
    );
    return rows.checklistResults.filter(
      (c) => c.subject_type === 'work_order' && orders.has(String(c.subject_id)) && c.submitted_at !== null,
    );
  };
  f.set('maintenance.findings', (s) => sum(checklistsOf(s), (c) => jsonLength(c.findings)));
  f.set('maintenance.follow_ups', (s) => sum(checklistsOf(s), (c) => jsonLength(c.follow_ups)));
  f.set('maintenance.fire.due', (s) => count(pmDue(s), fire));
  f.set('maintenance.fire.done', (s) => count(pmDue(s), (o) => fire(o) && o.status === 'done'));
  f.set('maintenance.fire.pm_compliance', (s) =>
    pct(
      count(pmDue(s), (o) => fire(o) && onTime(o)),
      count(pmDue(s), fire),
    ),
  );

  // ── readings ───────────────────────────────────────────────────────────────────
  const readingsIn = (s: ReadonlySet<string>) => rows.readings.filter(at(s)).filter((r) => inPeriod(r.read_at));
  f.set('readings.taken', (s) => readingsIn(s).length);
  const banded = (s: ReadonlySet<string>) => readingsIn(s).filter((r) => r.in_band !== null);
  f.set('readings.in_band_rate', (s) =>
    pct(
      count(banded(s), (r) => num(r.in_band) === 1),
      banded(s).length,
    ),
  );
  f.set('readings.out_of_band', (s) => count(banded(s), (r) => num(r.in_band) === 0));
  const readingDue = (s: ReadonlySet<string>) =>
    rows.occurrences
      .filter(at(s))
      .filter(
        (o) =>
          o.owner_type === 'reading_point' &&
          inPeriod(o.due_at) &&
          o.status !== 'skipped' &&
          o.status !== 'cancelled' &&
          (o.status === 'done' || ms(o.window_end_at) <= nowMs),
      );
  const readOnTime = (o: Record<string, unknown>) => o.status === 'done' && o.missed_at === null;
  f.set('readings.due', (s) => readingDue(s).length);
  f.set('readings.on_time', (s) => count(readingDue(s), readOnTime));
  f.set('readings.missed', (s) => count(readingDue(s), (o) => o.status === 'missed'));
  f.set('readings.on_time_rate', (s) => pct(count(readingDue(s), readOnTime), readingDue(s).length));
  const readingById = new Map(rows.readings.map((r) => [String(r.id), r]));
  const opened = (s: ReadonlySet<string>) => rows.deviations.filter(at(s)).filter((d) => inPeriod(d.opened_at));
  const corrected = (d: Record<string, unknown>) => d.status === 'corrected';
  f.set('readings.deviations.opened', (s) => opened(s).length);
  f.set('readings.deviations.corrected', (s) => count(opened(s), corrected));
  f.set('readings.deviations.corrected_in_time', (s) =>
    count(opened(s), (d) => {
      const recheck = d.recheck_reading_id ? readingById.get(String(d.recheck_reading_id)) : undefined;
      return corrected(d) && num(d.failed_rechecks) === 0 && recheck !== undefined && ms(recheck.read_at) <= ms(d.recheck_due_at);
    }),
  );
  f.set('readings.deviations.correction_rate', (s) => pct(count(opened(s), corrected), opened(s).length));
  const meters = rows.points.filter((p) => p.kind === 'cumulative');
  const unitsOf = new Map<string, Set<string>>();
  for (const m of meters) {
    const kind = String(m.meter_kind ?? 'other');
    unitsOf.set(kind, (unitsOf.get(kind) ?? new Set()).add(String(m.unit)));
  }
  for (const [kind, units] of unitsOf) {
    for (const unit of units) {
      const ids = new Set(meters.filter((m) => String(m.meter_kind ?? 'other') === kind && m.unit === unit).map((m) => String(m.id)));
      f.set(`readings.consumption.${kind}${units.size > 1 ? `.${unit}` : ''}`, (s) =>
        sum(
          readingsIn(s).filter((r) => ids.has(String(r.point_id))),
          (r) => num(r.consumption),
        ),
      );
    }
  }

  // ── patrols ────────────────────────────────────────────────────────────────────
  const dueRounds = (s: ReadonlySet<string>) =>
    rows.rounds.filter(at(s)).filter((r) => r.occurrence_id !== null && r.status !== 'cancelled' && inPeriod(r.due_at));
  const roundOnTime = (r: Record<string, unknown>) => r.status === 'done' && ms(r.finished_at) <= ms(r.window_end_at);
  const roundLate = (r: Record<string, unknown>) => r.status === 'done' && ms(r.finished_at) > ms(r.window_end_at);
  const roundMissed = (r: Record<string, unknown>) => r.status === 'missed' || (r.status === 'pending' && ms(r.window_end_at) <= nowMs);
  const decided = (rs: Record<string, unknown>[]) => count(rs, (r) => roundOnTime(r) || roundLate(r) || roundMissed(r));
  f.set('patrols.rounds.due', (s) => dueRounds(s).length);
  f.set('patrols.rounds.onTime', (s) => count(dueRounds(s), roundOnTime));
  f.set('patrols.rounds.late', (s) => count(dueRounds(s), roundLate));
  f.set('patrols.rounds.missed', (s) => count(dueRounds(s), roundMissed));
  f.set('patrols.duty_rate', (s) => pct(count(dueRounds(s), roundOnTime), decided(dueRounds(s))));
  for (const level of new Set([...dict('patrol_level'), ...rows.rounds.map((r) => String(r.level))])) {
    f.set(`patrols.duty_rate.level.${level}`, (s) => {
      const rs = dueRounds(s).filter((r) => r.level === level);
      return pct(count(rs, roundOnTime), decided(rs));
    });
  }
  f.set('patrols.points.skipped', (s) => {
    const ids = new Set(dueRounds(s).map((r) => String(r.id)));
    return count(rows.roundPoints, (p) => ids.has(p.round_id) && p.status === 'skipped');
  });

  // ── findings and hazards ───────────────────────────────────────────────────────
  const hazardById = new Map(rows.hazards.map((h) => [String(h.id), h]));
  const found = (s: ReadonlySet<string>) => rows.findings.filter(at(s)).filter((x) => inPeriod(x.found_at));
  const handled = (x: Record<string, unknown>) =>
    x.resolution === 'fixed_on_spot' ||
    (x.resolution === 'work_order' && ['resolved', 'completed', 'rated'].includes(String(woById.get(String(x.work_order_id))?.status))) ||
    (x.resolution === 'hazard' && hazardById.get(String(x.hazard_id))?.status === 'closed');
  f.set('hazards.findings.found', (s) => found(s).length);
  f.set('hazards.findings.handled', (s) => count(found(s), handled));
  f.set('hazards.findings.handled_rate', (s) => pct(count(found(s), handled), found(s).length));
  for (const resolution of ['open', 'fixed_on_spot', 'work_order', 'hazard']) {
    f.set(`hazards.findings.resolution.${resolution}`, (s) => count(found(s), (x) => x.resolution === resolution));
  }
  const registered = (s: ReadonlySet<string>) => rows.hazards.filter(at(s)).filter((h) => h.status !== 'cancelled' && inPeriod(h.found_at));
  const hazardMetric: Record<string, (h: Record<string, unknown>) => boolean> = {
    found: () => true,
    rectified: (h) => h.status === 'closed',
    on_time: (h) => h.status === 'closed' && h.rectified_on !== null && h.deadline !== null && String(h.rectified_on) <= String(h.deadline),
    open: (h) => OPEN_HAZARD.includes(String(h.status)),
    overdue: (h) =>
      (h.status === 'registered' || h.status === 'rectifying') && h.deadline !== null && String(h.deadline) < today(String(h.site_id)),
  };
  for (const [metric, test] of Object.entries(hazardMetric)) {
    f.set(`hazards.${metric}`, (s) => count(registered(s), test));
    for (const category of new Set([...dict('hazard_category'), ...rows.hazards.map((h) => String(h.category))])) {
      f.set(`hazards.${metric}.category.${category}`, (s) => count(registered(s), (h) => h.category === category && test(h)));
    }
    for (const grade of ['general', 'major']) {
      f.set(`hazards.${metric}.grade.${grade}`, (s) => count(registered(s), (h) => h.grade === grade && test(h)));
    }
  }
  f.set('hazards.rectification_rate', (s) =>
    pct(count(registered(s), hazardMetric.rectified as (h: Record<string, unknown>) => boolean), registered(s).length),
  );
  f.set('hazards.on_time_rate', (s) =>
    pct(
      count(registered(s), hazardMetric.on_time as (h: Record<string, unknown>) => boolean),
      count(registered(s), hazardMetric.rectified as (h: Record<string, unknown>) => boolean),
    ),
  );

  // ── incidents and the security log ─────────────────────────────────────────────
  const reported = (s: ReadonlySet<string>) =>
    rows.incidents.filter(at(s)).filter((i) => ['submitted', 'returned', 'reviewed'].includes(String(i.status)) && inPeriod(i.occurred_at));
  const faults = (s: ReadonlySet<string>) => reported(s).filter((i) => i.type === 'fire_alarm_fault');
  const fixedInTime = (i: Record<string, unknown>) =>
    i.deadline_at !== null && i.resolved_at !== null && ms(i.resolved_at) <= ms(i.deadline_at);
  f.set('incidents.total', (s) => reported(s).length);
  for (const type of new Set([...dict('incident_type'), ...rows.incidents.map((i) => String(i.type))])) {
    f.set(`incidents.type.${type}`, (s) => count(reported(s), (i) => i.type === type));
  }
  f.set('incidents.awaiting_review', (s) => count(reported(s), (i) => i.status === 'submitted'));
  f.set('incidents.fire_alarm_faults', (s) => faults(s).length);
  f.set('incidents.fire_alarm_faults.fixed_in_time', (s) => count(faults(s), fixedInTime));
  f.set('incidents.fire_alarm_faults.fixed_in_time_rate', (s) => pct(count(faults(s), fixedInTime), faults(s).length));
  const alerts = (s: ReadonlySet<string>) => rows.alerts.filter(at(s)).filter((a) => inPeriod(a.received_at));
  f.set('security.alerts', (s) => alerts(s).length);
  for (const type of new Set([...dict('security_alert_type'), ...rows.alerts.map((a) => String(a.type))])) {
    f.set(`security.alerts.type.${type}`, (s) => count(alerts(s), (a) => a.type === type));
  }
  f.set('security.apprehended', (s) =>
    sum(
      alerts(s).filter((a) => a.outcome === 'apprehended' || a.outcome === 'handed_to_police'),
      (a) => num(a.apprehended_count),
    ),
  );
  f.set('security.handed_to_police', (s) =>
    sum(
      alerts(s).filter((a) => a.outcome === 'handed_to_police'),
      (a) => num(a.apprehended_count),
    ),
  );
  f.set('security.commendations', (s) => {
    const ids = new Set(alerts(s).map((a) => String(a.id)));
    return count(rows.commendations, (c) => ids.has(c.alert_id));
  });

  // ── drills ─────────────────────────────────────────────────────────────────────
  const drills = (s: ReadonlySet<string>) => rows.drills.filter(at(s)).filter((d) => inPeriod(d.planned_at));
  const done = (s: ReadonlySet<string>) => drills(s).filter((d) => d.status === 'done');
  f.set('drills.done', (s) => done(s).length);
  for (const type of new Set([...dict('drill_type'), ...rows.drills.map((d) => String(d.type))])) {
    f.set(`drills.done.type.${type}`, (s) => count(done(s), (d) => d.type === type));
  }
  f.set('drills.missed', (s) => count(drills(s), (d) => d.status === 'missed'));
  f.set('drills.planned', (s) => count(drills(s), (d) => d.status === 'planned'));
  f.set('drills.reports_filed', (s) => count(done(s), (d) => d.report_filed_at !== null));
  f.set('drills.participants', (s) => sum(done(s), (d) => num(d.participant_count)));

  // ── action items ───────────────────────────────────────────────────────────────
  const made = (s: ReadonlySet<string>) => rows.actions.filter(at(s)).filter((i) => i.status !== 'cancelled' && inPeriod(i.created_at));
  const verifiedOnTime = (i: Record<string, unknown>) =>
    i.status === 'verified' && i.submitted_on !== null && String(i.submitted_on) <= String(i.due_date);
  f.set('actions.total', (s) => made(s).length);
  f.set('actions.verified', (s) => count(made(s), (i) => i.status === 'verified'));
  f.set('actions.on_time', (s) => count(made(s), verifiedOnTime));
  f.set('actions.on_time_rate', (s) =>
    pct(
      count(made(s), verifiedOnTime),
      count(made(s), (i) => i.status === 'verified'),
    ),
  );
  // what is owed now, whenever it was made
  f.set('actions.open', (s) => count(rows.actions.filter(at(s)), (i) => i.status === 'open' || i.status === 'submitted'));
  f.set('actions.overdue', (s) =>
    count(rows.actions.filter(at(s)), (i) => i.status === 'open' && String(i.due_date) < today(String(i.site_id))),
  );

  // ── training, spot checks and etiquette ────────────────────────────────────────
  const held = (s: ReadonlySet<string>) => rows.sessions.filter(at(s)).filter((x) => x.status !== 'cancelled' && inPeriod(x.starts_at));
  f.set('training.sessions', (s) => held(s).length);
  for (const type of new Set([...dict('training_type'), ...rows.sessions.map((x) => String(x.type))])) {
    f.set(`training.sessions.type.${type}`, (s) => count(held(s), (x) => x.type === type));
  }
  f.set('training.attendance', (s) => {
    const ids = new Set(held(s).map((x) => String(x.id)));
    return count(rows.attendees, (a) => ids.has(a.session_id) && a.signed_in_at !== null);
  });
  f.set('training.spot_checks', (s) => count(rows.spotChecks.filter(at(s)), (c) => inPeriod(c.created_at)));
  const submitted = (s: ReadonlySet<string>) =>
    rows.attempts.filter(at(s)).filter((q) => q.submitted_at !== null && inPeriod(q.submitted_at));
  f.set('training.spot_checks.attempts', (s) => submitted(s).length);
  f.set('training.spot_checks.people', (s) => new Set(submitted(s).map((q) => String(q.user_id))).size);
  f.set('training.spot_checks.passed', (s) => count(submitted(s), (q) => num(q.passed) === 1));
  f.set('training.spot_checks.pass_rate', (s) =>
    pct(
      count(submitted(s), (q) => num(q.passed) === 1),
      submitted(s).length,
    ),
  );
  f.set('training.spot_checks.average_score', (s) =>
    submitted(s).length ? round1(sum(submitted(s), (q) => num(q.score)) / submitted(s).length) : null,
  );
  const checked = (s: ReadonlySet<string>) => rows.etiquette.filter(at(s)).filter((e) => inPeriod(e.checked_at));
  const person = (e: Record<string, unknown>) => str(e.person_id) ?? `name:${e.person_name}|${e.person_unit ?? ''}`;
  f.set('etiquette.checks', (s) => checked(s).length);
  f.set('etiquette.people', (s) => new Set(checked(s).map(person)).size);
  f.set('etiquette.average_score', (s) => (checked(s).length ? round1(sum(checked(s), (e) => num(e.score)) / checked(s).length) : null));

  // ── service desk ───────────────────────────────────────────────────────────────
  const complaintsIn = (s: ReadonlySet<string>) => rows.complaints.filter(at(s)).filter((c) => inPeriod(c.received_at));
  const complaintsResolved = (s: ReadonlySet<string>) => rows.complaints.filter(at(s)).filter((c) => inPeriod(c.resolved_at));
  f.set('servicedesk.complaints.received', (s) => complaintsIn(s).length);
  f.set('servicedesk.complaints.overdue', (s) =>
    count(
      complaintsIn(s),
      (c) =>
        ((c.status === 'open' || c.status === 'handling') && ms(c.deadline_at) < nowMs) ||
        (c.resolved_at !== null && ms(c.resolved_at) > ms(c.deadline_at)),
    ),
  );
  const resolvedOnTime = (c: Record<string, unknown>) => ms(c.resolved_at) <= ms(c.deadline_at);
  f.set('servicedesk.complaints.resolved', (s) => complaintsResolved(s).length);
  f.set('servicedesk.complaints.resolved_on_time', (s) => count(complaintsResolved(s), resolvedOnTime));
  f.set('servicedesk.complaints.on_time_rate', (s) => pct(count(complaintsResolved(s), resolvedOnTime), complaintsResolved(s).length));
  const visits = (s: ReadonlySet<string>) => rows.visits.filter(at(s)).filter((v) => inPeriod(v.visited_at));
  f.set('servicedesk.return_visits', (s) => visits(s).length);
  for (const result of ['satisfied', 'basically', 'dissatisfied']) {
    f.set(`servicedesk.return_visits.${result}`, (s) => count(visits(s), (v) => v.result === result));
  }
  f.set('servicedesk.return_visits.satisfied_share', (s) =>
    pct(
      count(visits(s), (v) => v.result === 'satisfied'),
      visits(s).length,
    ),
  );
  const calls = (s: ReadonlySet<string>) => rows.calls.filter(at(s)).filter((c) => inPeriod(c.received_at));
  f.set('servicedesk.hotline.calls', (s) => calls(s).length);
  for (const outcome of HOTLINE_OUTCOMES) {
    f.set(`servicedesk.hotline.calls.outcome.${outcome}`, (s) => count(calls(s), (c) => c.outcome === outcome));
  }

  // ── projects (calendar dates: the period's first and last local day) ────────────
  const reportZone = 'Asia/Shanghai';
  const firstDay = localDate(from, reportZone);
  const lastDay = localDate(to - 1, reportZone);
  const dayIn = (v: unknown) => v !== null && v !== undefined && String(v) >= firstDay && String(v) <= lastDay;
  const projects = (s: ReadonlySet<string>) => rows.projects.filter(at(s));
  const completed = (s: ReadonlySet<string>) => projects(s).filter((p) => p.status === 'accepted' && dayIn(p.accepted_on));
  f.set('projects.started', (s) => count(projects(s), (p) => dayIn(p.actual_start)));
  f.set('projects.completed', (s) => completed(s).length);
  f.set('projects.budget', (s) => sum(completed(s), (p) => num(p.budget)));
  f.set('projects.actual_cost', (s) => sum(completed(s), (p) => num(p.actual_cost)));
  f.set('projects.cost_missing', (s) => count(completed(s), (p) => p.actual_cost === null));
  f.set('projects.overdue', (s) =>
    count(
      projects(s),
      (p) =>
        dayIn(p.planned_end) &&
        String(p.planned_end) < today(String(p.site_id)) &&
        p.status !== 'cancelled' &&
        (p.accepted_on === null || String(p.accepted_on) > String(p.planned_end)),
    ),
  );
  return f;
}
