/**
 * Date maths of portable fire equipment (DOMAIN.md §4): monthly checks, first service
 * after N years then every M years, scrapping at an age — all on calendar dates
 * `YYYY-MM-DD`, so no time zone enters here; callers pass "today" in the site's zone.
 */
export interface FireRuleSpec {
  checkIntervalDays: number;
  firstServiceYears: number | null;
  serviceIntervalYears: number | null;
  scrapYears: number | null;
}

export interface FireItemFacts {
  /** production date of the unit (出厂日期) */
  productionDate: string | null;
  /** the day the asset was registered: the check clock starts there when nothing else is known */
  registeredOn: string;
  lastCheckOn: string | null;
  lastServiceOn: string | null;
  /** flagged lost by a check that did not find it or by a stocktake */
  lost: boolean;
}

export const FIRE_STATES = ['ok', 'check_due', 'service_due', 'scrap_due', 'missing'] as const;
export type FireState = (typeof FIRE_STATES)[number];
export const FIRE_STATE_LABELS: Record<FireState, string> = {
  ok: '正常',
  check_due: '待月检',
  service_due: '待维保',
  scrap_due: '应报废',
  missing: '遗失',
};

export const FIRE_DUE_KINDS = ['check', 'service', 'scrap', 'missing'] as const;
export type FireDueKind = (typeof FIRE_DUE_KINDS)[number];

export interface FireSchedule {
  nextCheckDue: string;
  nextServiceDue: string | null;
  scrapDate: string | null;
  state: FireState;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written `YYYY-MM-DD` (rejects 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

function parts(date: string): [number, number, number] {
  const m = DATE_RE.exec(date);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

const iso = (t: Date) => t.toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return iso(new Date(Date.UTC(y, m - 1, d + days)));
}

/**
 * The same day `years` later. A 29 February lands on 28 February of a common year —
 * the service falls due no later than the anniversary, never in March.
 */
export function addYears(date: string, years: number): string {
  const [y, m, d] = parts(date);
  const lastDay = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return iso(new Date(Date.UTC(y + years, m - 1, Math.min(d, lastDay))));
}

/** Last check + interval; an item never checked counts from its production date, else from its registration. */
export function nextCheckDue(rule: FireRuleSpec, item: FireItemFacts): string {
  return addDays(item.lastCheckOn ?? item.productionDate ?? item.registeredOn, rule.checkIntervalDays);
}

/**
 * Never serviced: production + first-service years. Serviced: last service + the
 * service interval. Null when the kind needs no service or the production date is unknown.
 */
export function nextServiceDue(rule: FireRuleSpec, item: FireItemFacts): string | null {
  if (item.lastServiceOn) {
    const every = rule.serviceIntervalYears ?? null;
    return every === null ? null : addYears(item.lastServiceOn, every);
  }
  const first = rule.firstServiceYears ?? rule.serviceIntervalYears;
  if (first === null || !item.productionDate) return null;
  return addYears(item.productionDate, first);
}

export function scrapDate(rule: FireRuleSpec, item: FireItemFacts): string | null {
  if (rule.scrapYears === null || !item.productionDate) return null;
  return addYears(item.productionDate, rule.scrapYears);
}

/** The most pressing state: missing, then scrap, then service, then check. */
export function fireSchedule(rule: FireRuleSpec, item: FireItemFacts, today: string): FireSchedule {
  const check = nextCheckDue(rule, item);
  const service = nextServiceDue(rule, item);
  const scrap = scrapDate(rule, item);
  let state: FireState = 'ok';
  if (item.lost) state = 'missing';
  else if (scrap !== null && scrap <= today) state = 'scrap_due';
  else if (service !== null && service <= today) state = 'service_due';
  else if (check <= today) state = 'check_due';
  return { nextCheckDue: check, nextServiceDue: service, scrapDate: scrap, state };
}

/** Whether an item belongs on the `due` list: due on or before today + `withinDays` (missing ignores the window). */
export function isDue(
  kind: FireDueKind,
  schedule: FireSchedule,
  item: Pick<FireItemFacts, 'lost'>,
  today: string,
  withinDays: number,
): boolean {
  const horizon = addDays(today, withinDays);
  switch (kind) {
    case 'missing':
      return item.lost;
    case 'check':
      return schedule.nextCheckDue <= horizon;
    case 'service':
      return schedule.nextServiceDue !== null && schedule.nextServiceDue <= horizon;
    case 'scrap':
      return schedule.scrapDate !== null && schedule.scrapDate <= horizon;
  }
}
