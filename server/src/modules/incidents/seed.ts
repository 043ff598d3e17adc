import type { Tx } from '../../platform/context.js';
import { ensureNumberingRule } from '../system/index.js';
import { ALERT_NUMBERING } from './alerts.service.js';
import { INCIDENT_NUMBERING } from './incidents.service.js';
import { seedIncidentSettings } from './settings.js';

export { seedIncidentDemo } from './seed.demo.js';

/** Organisation defaults, idempotent (run on every start): incident and alert numbering (SJ, JJ), incident settings. */
export async function seedIncidentDefaults(tx: Tx, orgId: string, now: string): Promise<void> {
  await ensureNumberingRule(tx, orgId, { ...INCIDENT_NUMBERING }, now);
  await ensureNumberingRule(tx, orgId, { ...ALERT_NUMBERING }, now);
  await seedIncidentSettings(tx, orgId, now);
}
