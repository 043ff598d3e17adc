import type { LabourKind, LabourSummaryDto } from '../../../../contracts/workorders.js';

/**
 * The arithmetic of labour entries (工时), kept free of the database: how long an entry
 * is, whether two entries of one person overlap, and the order's totals — 工时工效
 * (effective ÷ logged, DOMAIN.md §5) and efficiency (standard ÷ effective).
 */
export const MAX_ENTRY_MINUTES = 1440;

export interface EntryTimes {
  startedAt?: string | null;
  endedAt?: string | null;
  minutes?: number | null;
}

export interface ResolvedTimes {
  startedAt: string | null;
  endedAt: string | null;
  minutes: number;
}

/**
 * Either a start and an end (minutes computed, rounded to the nearest minute) or
 * minutes alone. Returns the field problems instead of throwing so the caller can
 * report them together with its own.
 */
export function resolveTimes(input: EntryTimes, now: Date): { times: ResolvedTimes | null; errors: { field: string; message: string }[] } {
  const errors: { field: string; message: string }[] = [];
  const hasStart = Boolean(input.startedAt);
  const hasEnd = Boolean(input.endedAt);
  if (hasStart || hasEnd) {
    if (!hasStart) errors.push({ field: 'startedAt', message: '请填写开始时间' });
    if (!hasEnd) errors.push({ field: 'endedAt', message: '请填写结束时间' });
    const start = hasStart ? Date.parse(input.startedAt as string) : Number.NaN;
    const end = hasEnd ? Date.parse(input.endedAt as string) : Number.NaN;
    if (hasStart && Number.isNaN(start)) errors.push({ field: 'startedAt', message: '开始时间格式不正确' });
    if (hasEnd && Number.isNaN(end)) errors.push({ field: 'endedAt', message: '结束时间格式不正确' });
    if (errors.length) return { times: null, errors };
    if (end <= start) errors.push({ field: 'endedAt', message: '结束时间须晚于开始时间' });
    else if (end > now.getTime()) errors.push({ field: 'endedAt', message: '结束时间不能晚于现在' });
    const minutes = Math.round((end - start) / 60_000);
    if (!errors.length && (minutes < 1 || minutes > MAX_ENTRY_MINUTES)) {
      errors.push({ field: 'endedAt', message: `一条工时须在 1–${MAX_ENTRY_MINUTES} 分钟之间` });
    }
    return errors.length
      ? { times: null, errors }
      : { times: { startedAt: new Date(start).toISOString(), endedAt: new Date(end).toISOString(), minutes }, errors };
  }
  const m = input.minutes;
  if (m === undefined || m === null) errors.push({ field: 'minutes', message: '请填写开始和结束时间，或填写分钟数' });
  else if (!Number.isInteger(m) || m < 1 || m > MAX_ENTRY_MINUTES)
    errors.push({ field: 'minutes', message: `分钟数须为 1–${MAX_ENTRY_MINUTES} 的整数` });
  return errors.length ? { times: null, errors } : { times: { startedAt: null, endedAt: null, minutes: m as number }, errors };
}

export interface TimedEntry {
  id: string;
  startedAt: string | null;
  endedAt: string | null;
}

/** The first of `others` whose time span overlaps `entry` (touching ends do not overlap). */
export function findOverlap<T extends TimedEntry>(entry: TimedEntry, others: readonly T[]): T | undefined {
  if (!entry.startedAt || !entry.endedAt) return undefined;
  const s = Date.parse(entry.startedAt);
  const e = Date.parse(entry.endedAt);
  return others.find((o) => o.id !== entry.id && o.startedAt && o.endedAt && Date.parse(o.startedAt) < e && s < Date.parse(o.endedAt));
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

export function summarize(
  entries: readonly { userId: string; userName: string; kind: LabourKind; minutes: number }[],
  standardMinutes: number | null,
): LabourSummaryDto {
  const byUser = new Map<string, LabourSummaryDto['byUser'][number]>();
  let total = 0;
  let effective = 0;
  for (const e of entries) {
    const u = byUser.get(e.userId) ?? { userId: e.userId, userName: e.userName, totalMinutes: 0, effectiveMinutes: 0 };
    u.totalMinutes += e.minutes;
    total += e.minutes;
    if (e.kind === 'effective') {
      u.effectiveMinutes += e.minutes;
      effective += e.minutes;
    }
    byUser.set(e.userId, u);
  }
  return {
    totalMinutes: total,
    effectiveMinutes: effective,
    effectiveRatio: total ? round3(effective / total) : null,
    standardMinutes,
    efficiency: standardMinutes !== null && effective ? round3(standardMinutes / effective) : null,
    byUser: [...byUser.values()],
  };
}
