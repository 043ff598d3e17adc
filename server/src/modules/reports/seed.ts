import type { Tx } from '../../platform/context.js';
import { ensureNumberingRule } from '../system/index.js';

/** ZJ-20261126-0001: organisation-wide (a summary may cover several sites), daily. */
export const SUMMARY_NUMBERING = {
  code: 'ZJ',
  name: '工作总结',
  prefix: 'ZJ',
  dateFormat: 'YYYYMMDD',
  seqWidth: 4,
  reset: 'daily',
  perSite: false,
} as const;

/** Organisation defaults, idempotent (run on every start): the work-summary numbering rule. */
export async function seedReportDefaults(tx: Tx, orgId: string, now: string): Promise<void> {
  await ensureNumberingRule(tx, orgId, { ...SUMMARY_NUMBERING }, now);
}
