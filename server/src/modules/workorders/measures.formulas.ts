/**
 * The arithmetic of the work-order measures, pure so that each formula is tested on its
 * own (DOMAIN.md §5). Every rate is computed from summed numerators and denominators —
 * never as a mean of per-site rates — so a total always agrees with its sites.
 */

const HOUR_MS = 3_600_000;

export const round1 = (x: number): number => Math.round(x * 10) / 10;
export const round2 = (x: number): number => Math.round(x * 100) / 100;

/** part ÷ whole as a percentage with one decimal; null when there is nothing to divide by */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? round1((part / whole) * 100) : null;
}

/** Satisfaction index: the mean of 态度/质量/效率 (1–5) scaled to 100, one decimal. */
export function satisfactionIndex(points: number, rated: number): number | null {
  return rated > 0 ? round1((points / (3 * rated) / 5) * 100) : null;
}

export interface Span {
  createdAt: string;
  resolvedAt: string;
}

/**
 * Hours one repair took: report (downtime start) to hand-over. Paused time counts — the
 * asset is down while the work waits for parts or a contractor (SMRP 3.5.2).
 */
export function repairHours(s: Span): number {
  return Math.max(0, Date.parse(s.resolvedAt) - Date.parse(s.createdAt)) / HOUR_MS;
}

/** Sum of repair hours and number of repairs, so that site figures add up to the total's basis. */
export function repairTotals(spans: Span[]): { hours: number; repairs: number } {
  // whole milliseconds add up exactly in any order; summing fractions of hours would let the
  // order the database returns rows in move a mean across a rounding boundary (10.075 → 10.07 or 10.08)
  let ms = 0;
  for (const s of spans) ms += Math.max(0, Date.parse(s.resolvedAt) - Date.parse(s.createdAt));
  return { hours: ms / HOUR_MS, repairs: spans.length };
}

/** MTTR (SMRP 3.5.2): total repair time ÷ number of repairs, in hours with two decimals. */
export function meanHours(hours: number, repairs: number): number | null {
  return repairs > 0 ? round2(hours / repairs) : null;
}

export interface OpenOrder {
  createdAt: string;
  category: string;
}

export interface BacklogFigures {
  open: number;
  /** sum of the open orders' ages at `at`, in hours (mean = ageHours ÷ open) */
  ageHours: number;
  oldestHours: number | null;
  /** work waiting, in hours of the standard time of each open order's category */
  standardHours: number;
  /** how many open orders have a standard time (the rest add nothing to standardHours) */
  withStandard: number;
}

export function backlogFigures(orders: OpenOrder[], at: string, standards: ReadonlyMap<string, number>): BacklogFigures {
  const atMs = Date.parse(at);
  // ages add up in whole milliseconds: exact in any row order (see repairTotals)
  let ageMs = 0;
  let oldest: number | null = null;
  let standardMinutes = 0;
  let withStandard = 0;
  for (const o of orders) {
    const ms = Math.max(0, atMs - Date.parse(o.createdAt));
    ageMs += ms;
    const age = ms / HOUR_MS;
    oldest = oldest === null ? age : Math.max(oldest, age);
    const std = standards.get(o.category);
    if (std !== undefined) {
      standardMinutes += std;
      withStandard += 1;
    }
  }
  return { open: orders.length, ageHours: ageMs / HOUR_MS, oldestHours: oldest, standardHours: standardMinutes / 60, withStandard };
}
