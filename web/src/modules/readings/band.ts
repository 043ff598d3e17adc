import { type Band, bandPosition, fmtNumber } from '../../../../server/src/modules/readings/band';
import type { ReadingPoint } from './types';

/**
 * The band rule is the server's own (server/src/modules/readings/band.ts: low ≤ value ≤
 * high, both ends included, a missing end does not limit), so the phone page, the bulk
 * form and the chart say exactly what the server will decide. Only the wording helpers
 * of the pages live here.
 */
export {
  type Band,
  type BandPosition,
  bandOf,
  bandPosition,
  bandText,
  fmtNumber as numberText,
  hasBand,
  inBand,
} from '../../../../server/src/modules/readings/band';

/** A number without binary floating-point noise: 24.3 + 0.1 → 24.4 (as the server writes numbers). */
const clean = (n: number) => Number(n.toPrecision(12));

const withUnit = (n: number, unit: string) => (unit ? `${fmtNumber(n)} ${unit}` : fmtNumber(n));

/**
 * How far outside the band a value is (positive), for the warning "高出上限 1.5 °C";
 * 0 inside the band or without one.
 */
export function outBy(value: number, band: Band): number {
  const pos = bandPosition(value, band);
  if (pos === 'low' && band.low !== null) return clean(band.low - value);
  if (pos === 'high' && band.high !== null) return clean(value - band.high);
  return 0;
}

/**
 * A cumulative meter never runs backwards: the server refuses a reading below the last
 * one (读数小于上次读数). The form says so before sending.
 */
export function belowLast(value: number | null | undefined, point: Pick<ReadingPoint, 'kind' | 'lastValue'>): boolean {
  return point.kind === 'cumulative' && value !== null && value !== undefined && point.lastValue !== null && value < point.lastValue;
}

/** A value with its unit, "24.2 °C"; an em dash for none. */
export function valueText(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined) return '—';
  return withUnit(value, unit);
}
