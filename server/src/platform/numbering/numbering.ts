import { sql } from 'kysely';
import type { Db, Tx } from '../context.js';
import type { Row } from '../db/schema.js';
import { AppError, notFound } from '../http/errors.js';
import { siteTimeZone, zonedParts } from './time.js';

/**
 * Human document numbers: prefix + date part + sequence, e.g. `WX-20260315-0007`.
 * The date part and the reset period are read in the site's time zone, so a repair
 * logged at 00:30 in 长春 belongs to that local day even though it is still
 * "yesterday" in UTC.
 */
export const DATE_FORMATS = ['', 'YYYY', 'YYYYMM', 'YYYYMMDD'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];
export const RESET_PERIODS = ['never', 'daily', 'monthly', 'yearly'] as const;
export type ResetPeriod = (typeof RESET_PERIODS)[number];
export const SEQ_WIDTH_MIN = 1;
export const SEQ_WIDTH_MAX = 10;

export interface NumberFormat {
  prefix: string;
  dateFormat: DateFormat;
  seqWidth: number;
}

export interface NumberingRuleSpec extends NumberFormat {
  reset: ResetPeriod;
  perSite: boolean;
}

export type NumberingRuleRow = Row<'numbering_rules'>;

export function ruleSpec(row: NumberingRuleRow): NumberingRuleSpec {
  return {
    prefix: row.prefix,
    dateFormat: row.date_format as DateFormat,
    seqWidth: row.seq_width,
    reset: row.reset as ResetPeriod,
    perSite: row.per_site === 1,
  };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The `YYYY` / `YYYYMM` / `YYYYMMDD` text of an instant in a zone ('' for no date part). */
export function datePart(format: DateFormat, at: Date, timeZone: string): string {
  if (!format) return '';
  const p = zonedParts(at, timeZone);
  const full = `${pad(p.year, 4)}${pad(p.month, 2)}${pad(p.day, 2)}`;
  return full.slice(0, format.length);
}

/** Pure: the number for sequence `seq`. A sequence longer than the width is printed whole, never cut. */
export function formatNumber(rule: NumberFormat, seq: number, at: Date, timeZone: string): string {
  return [rule.prefix, datePart(rule.dateFormat, at, timeZone), pad(seq, rule.seqWidth)].filter((s) => s !== '').join('-');
}

const PERIOD_FORMAT: Record<ResetPeriod, DateFormat> = { never: '', yearly: 'YYYY', monthly: 'YYYYMM', daily: 'YYYYMMDD' };

/** Pure: which counter a number draws from — the site (for per-site rules) and the reset period. */
export function scopeKey(rule: Pick<NumberingRuleSpec, 'reset' | 'perSite'>, siteId: string | null, at: Date, timeZone: string): string {
  return `${rule.perSite ? (siteId ?? '') : '*'}:${datePart(PERIOD_FORMAT[rule.reset], at, timeZone)}`;
}

/**
 * A reset finer than the printed date would repeat numbers (daily reset with a monthly
 * date part prints `WX-202603-0001` on the 1st and again on the 2nd). Returns the
 * Chinese problem, or null when the pair is safe.
 */
export function resetProblem(dateFormat: DateFormat, reset: ResetPeriod): string | null {
  const needs = PERIOD_FORMAT[reset];
  if (dateFormat.length >= needs.length) return null;
  return `重置周期为“${RESET_LABELS[reset]}”时，日期部分至少需要 ${needs}，否则编号会重复`;
}

export const RESET_LABELS: Record<ResetPeriod, string> = { never: '不重置', daily: '按日', monthly: '按月', yearly: '按年' };

export interface NextNumberInput {
  orgId: string;
  ruleCode: string;
  siteId: string | null;
  at: Date;
}

async function resolve(db: Db, input: NextNumberInput): Promise<{ rule: NumberingRuleRow; key: string; timeZone: string }> {
  const rule = await db
    .selectFrom('numbering_rules')
    .selectAll()
    .where('org_id', '=', input.orgId)
    .where('code', '=', input.ruleCode)
    .executeTakeFirst();
  if (!rule) throw notFound(`编号规则 ${input.ruleCode} `);
  const spec = ruleSpec(rule);
  if (spec.perSite && !input.siteId) {
    throw new AppError('VALIDATION', `编号规则 ${rule.code} 按场所编号，必须指定场所`, {
      fields: [{ field: 'siteId', message: '按场所编号的规则必须指定场所' }],
    });
  }
  const timeZone = await siteTimeZone(db, input.orgId, input.siteId);
  return { rule, key: scopeKey(spec, input.siteId, input.at, timeZone), timeZone };
}

/**
 * Takes the next number. One `insert … on conflict do update … returning` statement
 * both creates a period's counter and increments it, so concurrent callers on either
 * engine each get a distinct value; call it inside the transaction that stores the
 * document, so a rolled-back document gives its number back.
 */
export async function nextNumber(tx: Tx | Db, input: NextNumberInput): Promise<string> {
  const { rule, key, timeZone } = await resolve(tx, input);
  const row = await tx
    .insertInto('numbering_counters')
    .values({ rule_id: rule.id, scope_key: key, value: 1 })
    .onConflict((oc) => oc.columns(['rule_id', 'scope_key']).doUpdateSet({ value: sql<number>`numbering_counters.value + 1` }))
    .returning('value')
    .executeTakeFirstOrThrow();
  return formatNumber(ruleSpec(rule), Number(row.value), input.at, timeZone);
}

/** The number `nextNumber` would give now, without taking it. */
export async function previewNumber(db: Tx | Db, input: NextNumberInput): Promise<string> {
  const { rule, key, timeZone } = await resolve(db, input);
  const counter = await db
    .selectFrom('numbering_counters')
    .select('value')
    .where('rule_id', '=', rule.id)
    .where('scope_key', '=', key)
    .executeTakeFirst();
  return formatNumber(ruleSpec(rule), Number(counter?.value ?? 0) + 1, input.at, timeZone);
}

/** Whether a rule has issued any number (its date format, reset and per-site flag are then fixed). */
export async function ruleHasIssued(db: Tx | Db, ruleId: string): Promise<boolean> {
  const row = await db.selectFrom('numbering_counters').select('rule_id').where('rule_id', '=', ruleId).limit(1).executeTakeFirst();
  return row !== undefined;
}
