import type { SummaryFact, SummaryUnit } from '../../../../contracts/summary';

/**
 * The period picker's arithmetic and how measures are shown, pure so they are tested
 * without a browser. Periods are whole local days, [from, to) as ISO instants, which is
 * what GET /work-orders/measures takes.
 */
export const PRESETS = ['thisMonth', 'lastMonth', 'thisQuarter', 'thisYear', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];

export interface Period {
  from: string;
  to: string;
}

const startOfDay = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate());

/** The period of a preset around `now` (local time); `custom` takes the chosen first and last day. */
export function periodOf(preset: Preset, now: Date, custom?: [Date, Date]): Period {
  const y = now.getFullYear();
  const m = now.getMonth();
  let from: Date;
  let to: Date;
  if (preset === 'lastMonth') {
    from = new Date(y, m - 1, 1);
    to = new Date(y, m, 1);
  } else if (preset === 'thisQuarter') {
    from = new Date(y, m - (m % 3), 1);
    to = new Date(y, m - (m % 3) + 3, 1);
  } else if (preset === 'thisYear') {
    from = new Date(y, 0, 1);
    to = new Date(y + 1, 0, 1);
  } else if (preset === 'custom' && custom) {
    from = startOfDay(custom[0]);
    const last = startOfDay(custom[1]);
    to = new Date(last.getFullYear(), last.getMonth(), last.getDate() + 1);
  } else {
    from = new Date(y, m, 1);
    to = new Date(y, m + 1, 1);
  }
  return { from: from.toISOString(), to: to.toISOString() };
}

/** Text of a figure with its unit; an em dash when there is no basis for it. */
export function formatValue(value: number | null | undefined, unit: SummaryUnit, units: Record<SummaryUnit, string>): string {
  if (value === null || value === undefined) return '—';
  if (unit === 'fen') return `¥${(value / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  const text = value.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
  return unit === 'percent' ? `${text}%` : `${text} ${units[unit]}`.trim();
}

/** The facts of one group (`workorders.received.channel.`), in the server's order. */
export function factsUnder(facts: SummaryFact[], prefix: string): SummaryFact[] {
  return facts.filter((f) => f.key.startsWith(prefix));
}

export function factByKey(facts: SummaryFact[], key: string): SummaryFact | undefined {
  return facts.find((f) => f.key === key);
}

export function labelOf(fact: SummaryFact, language: string): string {
  return language.startsWith('en') ? fact.label.en : fact.label.zh;
}
