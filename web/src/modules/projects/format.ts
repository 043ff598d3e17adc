import type { ProjectAction } from './types';

/** fen → yuan for a form field (12345 → 123.45); null stays empty. */
export function fenToYuan(fen: number | null | undefined): number | null {
  return fen === null || fen === undefined ? null : fen / 100;
}

/** yuan from a form field → integer fen (123.45 → 12345), rounding away float noise; empty → null. */
export function yuanToFen(yuan: number | string | null | undefined): number | null {
  if (yuan === null || yuan === undefined || yuan === '') return null;
  const n = typeof yuan === 'number' ? yuan : Number(yuan);
  if (!Number.isFinite(n)) return null;
  return Math.round(n * 100);
}

/** ¥1,234.50 */
export function formatMoney(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  return `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** Actual cost against budget in percent (rounded), null when either is missing or the budget is 0. */
export function costRatio(budget: number, actualCost: number | null): number | null {
  if (actualCost === null || budget <= 0) return null;
  return Math.round((actualCost / budget) * 100);
}

/** What a step asks for in its dialog, after the server's rules (projects.actions.ts). */
export interface ActionFields {
  /** the text field and whether it must be filled */
  text: 'reason' | 'note' | null;
  required: boolean;
  date: 'actualStart' | 'actualEnd' | null;
  cost: boolean;
}

export function actionFields(action: ProjectAction): ActionFields {
  switch (action) {
    case 'start':
      return { text: 'note', required: false, date: 'actualStart', cost: false };
    case 'submit':
      return { text: 'note', required: false, date: 'actualEnd', cost: false };
    case 'accept':
      return { text: 'note', required: true, date: 'actualEnd', cost: true };
    case 'suspend':
    case 'reject':
    case 'cancel':
      return { text: 'reason', required: true, date: null, cost: false };
    case 'resume':
      return { text: 'note', required: false, date: null, cost: false };
  }
}

/** Params of a list link (the summary's figures) that the filter form does not show. */
export const LINK_PARAMS = ['siteId', 'startedFrom', 'startedTo', 'acceptedFrom', 'acceptedTo', 'dueFrom', 'dueTo', 'late'] as const;

/** The link filters present in a URL query; siteId may repeat. */
export function linkFilters(search: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of LINK_PARAMS) {
    const values = search.getAll(key).filter((v) => v !== '');
    if (values.length === 0) continue;
    out[key] = key === 'siteId' ? values : (values[0] as string);
  }
  return out;
}
