import type { SlaTimerDto } from '../../../../contracts/workorders';

export interface TimeLeft {
  /** minutes left (negative when late) */
  minutes: number;
  late: boolean;
  /** the warning has gone out (or less than the warning window is left) */
  warned: boolean;
}

/** The most pressing open deadline of an order, or null when none runs. */
export function pressingTimer(timers: SlaTimerDto[]): TimeLeft | null {
  const open = timers.filter((t) => t.metAt === null && t.remainingMs !== null);
  if (!open.length) return null;
  const first = open.reduce((a, b) => ((a.remainingMs ?? 0) <= (b.remainingMs ?? 0) ? a : b));
  const ms = first.remainingMs ?? 0;
  return { minutes: Math.trunc(ms / 60_000), late: ms < 0 || first.breachedAt !== null, warned: first.warnedAt !== null };
}

/** 1小时20分 / 3天2小时 / 25分 (whole minutes; the sign is shown by the caller). */
export function durationText(minutes: number, lang: 'zh' | 'en'): string {
  const m = Math.abs(minutes);
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  const mins = m % 60;
  if (lang === 'en') {
    if (days) return `${days}d ${hours}h`;
    if (hours) return `${hours}h ${mins}m`;
    return `${mins}m`;
  }
  if (days) return `${days}天${hours}小时`;
  if (hours) return `${hours}小时${mins}分`;
  return `${mins}分`;
}
