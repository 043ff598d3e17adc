/**
 * A reading point's band (合格范围): "24 ± 1 °C" (target and tolerance) or "2–8 °C" (min
 * and max, either may be open). Pure, shared by the service, the chart, the import and the
 * web pages (web/src/modules/readings/band.ts), so the phone predicts what the server decides.
 */
export interface BandFields {
  target: number | null;
  tolerance: number | null;
  min: number | null;
  max: number | null;
}

export interface Band {
  low: number | null;
  high: number | null;
  target: number | null;
}

/** The band's limits; all null when the point has none (a meter). */
export function bandOf(p: BandFields): Band {
  if (p.target !== null && p.tolerance !== null) return { low: p.target - p.tolerance, high: p.target + p.tolerance, target: p.target };
  return { low: p.min, high: p.max, target: p.target };
}

export function hasBand(b: Band): boolean {
  return b.low !== null || b.high !== null;
}

/** 24 - 1 is exactly 23, but 0.3 - 0.1 is 0.19999…: a value on the limit counts as in band. */
const EPSILON = 1e-9;

/** Where a value lies against the band: null when the point has none (or, on a form, nothing is typed yet). */
export type BandPosition = 'in' | 'low' | 'high' | null;

export function bandPosition(value: number | null | undefined, b: Band): BandPosition {
  if (value === null || value === undefined || Number.isNaN(value) || !hasBand(b)) return null;
  const slack = (limit: number) => EPSILON * Math.max(1, Math.abs(limit));
  if (b.low !== null && value < b.low - slack(b.low)) return 'low';
  if (b.high !== null && value > b.high + slack(b.high)) return 'high';
  return 'in';
}

/** null: the point has no band */
export function inBand(value: number | null | undefined, b: Band): boolean | null {
  const position = bandPosition(value, b);
  return position === null ? null : position === 'in';
}

/** A number as people write it: no float noise (23.000000000000004 → 23), a real minus sign. */
export function fmtNumber(v: number): string {
  const text = String(Number(v.toPrecision(12)));
  return text.startsWith('-') ? `−${text.slice(1)}` : text;
}

/**
 * "24 ± 1 °C", "2–8 °C", "−21 至 −15 °C", "≥ 2 °C", "≤ −15 °C"; null without a band. A
 * range with a negative limit says 至: an en dash next to a minus sign ("−21–−15") reads
 * as a subtraction.
 */
export function bandText(p: BandFields, unit: string): string | null {
  const u = unit ? ` ${unit}` : '';
  if (p.target !== null && p.tolerance !== null) return `${fmtNumber(p.target)} ± ${fmtNumber(p.tolerance)}${u}`;
  if (p.min !== null && p.max !== null) {
    const to = p.min < 0 || p.max < 0 ? ' 至 ' : '–';
    return `${fmtNumber(p.min)}${to}${fmtNumber(p.max)}${u}`;
  }
  if (p.min !== null) return `≥ ${fmtNumber(p.min)}${u}`;
  if (p.max !== null) return `≤ ${fmtNumber(p.max)}${u}`;
  return null;
}
