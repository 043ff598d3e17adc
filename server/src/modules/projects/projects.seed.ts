import type { Tx } from '../../platform/context.js';
import { ensureNumberingRule } from '../system/index.js';

/**
 * Project numbers (GC-2026-0001): one counter for the whole organisation, reset each
 * year — projects are few (a store has a hundred or so a year) and a number that is
 * unique across sites can be quoted in contracts and invoices without the site.
 */
export const PROJECT_NUMBERING = {
  code: 'GC',
  name: '改造施工项目',
  prefix: 'GC',
  dateFormat: 'YYYY',
  seqWidth: 4,
  reset: 'yearly',
  perSite: false,
} as const;

/** Idempotent per-organisation defaults of the projects module (run at creation and on every start). */
export async function seedProjectDefaults(tx: Tx, orgId: string, now: string): Promise<void> {
  await ensureNumberingRule(tx, orgId, { ...PROJECT_NUMBERING }, now);
}
