import type { Notice, NoticeStatus } from './types';

/** Money and dates as the counter pages show and send them (pure, unit-tested). */

/** ¥1,234.50 from integer fen. */
export function formatFen(fen: number): string {
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  return `${fen < 0 ? '-' : ''}¥${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/** yuan typed in a form → integer fen (60.5 → 6050); empty or not a number → null. */
export function yuanToFen(yuan: number | string | null | undefined): number | null {
  if (yuan === null || yuan === undefined || yuan === '') return null;
  const n = typeof yuan === 'number' ? yuan : Number(yuan);
  return Number.isFinite(n) ? Math.round(n * 100) : null;
}

/** The previous calendar month of `now` as YYYY-MM: statements are usually settled after the month ends. */
export function previousMonth(now: Date): string {
  const y = now.getFullYear();
  const m = now.getMonth(); // 0-based: the previous month's 1-based number
  return m === 0 ? `${y - 1}-12` : `${y}-${String(m).padStart(2, '0')}`;
}

const OPEN: ReadonlySet<NoticeStatus> = new Set(['issued', 'rectified', 'overdue']);

/** Still waiting for the counter and past its deadline (the scheduler may not have marked it yet). */
export function isLate(n: Pick<Notice, 'status' | 'deadline'>, now: Date): boolean {
  return n.status === 'overdue' || (n.status === 'issued' && Date.parse(n.deadline) < now.getTime());
}

export function isOpen(status: NoticeStatus): boolean {
  return OPEN.has(status);
}

/** Members to add and to remove so that `before` becomes `after`. */
export function memberChanges(before: string[], after: string[]): { add: string[]; remove: string[] } {
  const b = new Set(before);
  const a = new Set(after);
  return { add: [...a].filter((u) => !b.has(u)), remove: [...b].filter((u) => !a.has(u)) };
}
