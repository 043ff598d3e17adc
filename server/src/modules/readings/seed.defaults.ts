import type { Tx } from '../../platform/context.js';
import { ensureNumberingRule } from '../system/index.js';

/** Deviation numbers (PC-20260315-0001, 偏差): one counter for the organisation, reset daily. */
export const DEVIATION_NUMBERING = {
  code: 'PC',
  name: '读数偏差',
  prefix: 'PC',
  dateFormat: 'YYYYMMDD',
  seqWidth: 4,
  reset: 'daily',
  perSite: false,
} as const;

/** Idempotent per-organisation defaults of the readings module (run at creation and on every start). */
export async function seedReadingDefaults(tx: Tx, orgId: string, now: string): Promise<void> {
  await ensureNumberingRule(tx, orgId, { ...DEVIATION_NUMBERING }, now);
}
