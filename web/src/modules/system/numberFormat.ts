import type { DateFormat, ResetPeriod } from './types';

/**
 * The same formatting as the server (platform/numbering/numbering.ts), so the rule
 * form can show the effect of each keystroke: prefix, date part and the sequence
 * padded to its width, joined by `-`; empty parts are left out.
 */
export function formatNumber(rule: { prefix: string; dateFormat: DateFormat; seqWidth: number }, seq: number, at: Date): string {
  return [rule.prefix, datePart(rule.dateFormat, at), pad(seq, Math.max(1, rule.seqWidth))].filter((s) => s !== '').join('-');
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** `2026` / `202603` / `20260315` for a local date ('' without a date part). */
export function datePart(format: DateFormat, at: Date): string {
  const full = `${pad(at.getFullYear(), 4)}${pad(at.getMonth() + 1, 2)}${pad(at.getDate(), 2)}`;
  return full.slice(0, format.length);
}

const PERIOD_FORMAT: Record<ResetPeriod, DateFormat> = { never: '', yearly: 'YYYY', monthly: 'YYYYMM', daily: 'YYYYMMDD' };

/** A reset finer than the printed date would repeat numbers: the date part the reset needs, or null when safe. */
export function requiredDateFormat(dateFormat: DateFormat, reset: ResetPeriod): DateFormat | null {
  const needs = PERIOD_FORMAT[reset];
  return dateFormat.length >= needs.length ? null : needs;
}
