/**
 * Pure display helpers of the work-done panels (no React; format.test.ts): money in
 * fen shown as ¥ with two decimals, minutes as hours, ratios as percentages, and the
 * yuan a person types turned back into fen.
 */

/** `¥1,234.50` for 123450 fen (DOMAIN.md §4: two decimals, right-aligned in tables). */
export function yuan(fen: number): string {
  const abs = Math.abs(Math.round(fen));
  const whole = Math.floor(abs / 100).toLocaleString('en-US');
  return `${fen < 0 ? '-' : ''}¥${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** What a person typed in yuan (two decimals at most) as integer fen. */
export function toFen(yuanValue: number): number {
  return Math.round(yuanValue * 100);
}

export function fromFen(fen: number): number {
  return fen / 100;
}

/** `1.50` hours for 90 minutes. */
export function hours(minutes: number): string {
  return (minutes / 60).toFixed(2);
}

/** `81.8%` for 0.818; an em dash when there is nothing to divide. */
export function percent(ratio: number | null | undefined): string {
  return ratio === null || ratio === undefined ? '—' : `${(ratio * 100).toFixed(1)}%`;
}

/** Whole minutes between two instants, or null when either is missing or the end is not after the start. */
export function minutesBetween(start: Date | null | undefined, end: Date | null | undefined): number | null {
  if (!start || !end) return null;
  const ms = end.getTime() - start.getTime();
  return ms > 0 ? Math.round(ms / 60_000) : null;
}

/** A quantity without trailing zeros (2, 1.5, 0.125). */
export function quantity(q: number): string {
  return String(Number(q.toFixed(3)));
}
