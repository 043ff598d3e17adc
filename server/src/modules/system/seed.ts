import type { Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import type { DateFormat, ResetPeriod } from '../../platform/numbering/numbering.js';
import { DICTIONARY_TYPES, SORT_STEP } from './dictionaries.catalog.js';

/**
 * Default numbering rules for the documents later modules issue. Work that happens
 * many times a day per store resets daily; rarer records reset monthly or yearly, so
 * numbers stay short. Purchasing and stocktakes are run centrally, hence one counter
 * for the organisation.
 */
export const DEFAULT_NUMBERING_RULES: {
  code: string;
  name: string;
  dateFormat: DateFormat;
  seqWidth: number;
  reset: ResetPeriod;
  perSite: boolean;
}[] = [
  { code: 'WX', name: '维修工单', dateFormat: 'YYYYMMDD', seqWidth: 4, reset: 'daily', perSite: true },
  { code: 'BY', name: '保养工单', dateFormat: 'YYYYMM', seqWidth: 4, reset: 'monthly', perSite: true },
  // organisation-wide: patrol_rounds numbers are unique per organisation (migration 0025)
  { code: 'XJ', name: '巡检记录', dateFormat: 'YYYYMMDD', seqWidth: 4, reset: 'daily', perSite: false },
  { code: 'YH', name: '隐患整改', dateFormat: 'YYYY', seqWidth: 4, reset: 'yearly', perSite: true },
  { code: 'CG', name: '采购申请', dateFormat: 'YYYYMM', seqWidth: 4, reset: 'monthly', perSite: false },
  { code: 'PD', name: '盘点', dateFormat: 'YYYYMM', seqWidth: 3, reset: 'monthly', perSite: false },
];

/** Seeds an organisation's default dictionaries and numbering rules (in the bootstrap transaction). */
export async function seedSystemDefaults(tx: Tx, orgId: string, now: string): Promise<void> {
  const base = { org_id: orgId, created_at: now, updated_at: now, version: 1 };
  const dictionaries = DICTIONARY_TYPES.flatMap((t) =>
    t.items.map(([code, zh, en], i) => ({
      ...base,
      id: newId(),
      type: t.type,
      code,
      label_zh: zh,
      label_en: en,
      sort: (i + 1) * SORT_STEP,
      active: 1 as const,
    })),
  );
  await tx.insertInto('dictionaries').values(dictionaries).execute();
  await tx
    .insertInto('numbering_rules')
    .values(
      DEFAULT_NUMBERING_RULES.map((r) => ({
        ...base,
        id: newId(),
        code: r.code,
        name: r.name,
        prefix: r.code,
        date_format: r.dateFormat,
        seq_width: r.seqWidth,
        reset: r.reset,
        per_site: r.perSite ? (1 as const) : (0 as const),
      })),
    )
    .execute();
}
