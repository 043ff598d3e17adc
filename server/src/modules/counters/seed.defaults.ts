import type { Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { ensureNumberingRule } from '../system/index.js';
import { DEFAULT_CHARGE_RULES } from './charges.js';

/** 整改通知 numbers: ZG-202603-0001, per store, restarting every month. */
export const NOTICE_NUMBERING = {
  code: 'ZG',
  name: '专柜整改通知',
  prefix: 'ZG',
  dateFormat: 'YYYYMM',
  seqWidth: 4,
  reset: 'monthly',
  perSite: true,
} as const;

/**
 * Idempotent per-organisation defaults of the counters module: the notice numbering
 * rule and the charge rules of 篇1 (counter supplies → nothing charged; department
 * supplies → materials charged, labour free). Rows an administrator edited stay as they are.
 */
export async function seedCounterDefaults(tx: Tx, orgId: string, now: string): Promise<void> {
  await ensureNumberingRule(tx, orgId, { ...NOTICE_NUMBERING }, now);
  await tx
    .insertInto('counter_charge_rules')
    .values(
      DEFAULT_CHARGE_RULES.map((r) => ({
        id: newId(),
        org_id: orgId,
        supplier: r.supplier,
        charge_materials: r.chargeMaterials ? (1 as const) : (0 as const),
        charge_labour: r.chargeLabour ? (1 as const) : (0 as const),
        labour_rate: r.labourRate,
        created_at: now,
        updated_at: now,
        version: 1,
      })),
    )
    .onConflict((oc) => oc.columns(['org_id', 'supplier']).doNothing())
    .execute();
}
