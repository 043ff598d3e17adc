import { FieldCheck } from '../http/validators.js';

/** Longest period one measures request may cover (five years of days). */
const MAX_SPAN_DAYS = 1830;
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(10000, 0, 1);

/**
 * The period [from, to) of a measures or summary request, checked with Chinese messages:
 * both real instants with four-digit years (PostgreSQL cannot compare a timestamptz with
 * '+010000-…' or a year before 1), `to` after `from`, at most five years. Answers them
 * normalised to ISO-8601 UTC.
 */
export function checkPeriod(fromText: string, toText: string): { from: string; to: string } {
  const check = new FieldCheck();
  const from = Date.parse(fromText);
  const to = Date.parse(toText);
  const bad = (ms: number) => Number.isNaN(ms) || ms < EARLIEST || ms >= LATEST;
  if (bad(from)) check.add('from', '开始时间格式不正确（ISO 8601，年份 1970–9999）');
  if (bad(to)) check.add('to', '结束时间格式不正确（ISO 8601，年份 1970–9999）');
  if (!bad(from) && !bad(to)) {
    if (to <= from) check.add('to', '结束时间必须晚于开始时间');
    else if (to - from > MAX_SPAN_DAYS * 86_400_000) check.add('to', '统计期间最长五年');
  }
  check.throwIfAny();
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}
