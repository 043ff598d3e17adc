import type { Tx } from '../../platform/context.js';
import { ensureNumberingRule } from '../system/index.js';

/**
 * Idempotent per-organisation defaults of the service desk: the numbering rule of
 * complaints (投诉, `TS-202603-0001`, per site, monthly). Runs at organisation creation
 * and on every start; a rule an administrator has since edited is left alone.
 */
export async function seedServiceDeskDefaults(tx: Tx, orgId: string, now: string): Promise<void> {
  await ensureNumberingRule(
    tx,
    orgId,
    { code: 'TS', name: '投诉登记', prefix: 'TS', dateFormat: 'YYYYMM', seqWidth: 4, reset: 'monthly', perSite: true },
    now,
  );
}
