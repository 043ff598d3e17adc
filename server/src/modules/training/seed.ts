import type { Tx } from '../../platform/context.js';
import { ensureNumberingRule } from '../system/index.js';
import { seedEtiquetteDefaults, seedEtiquetteDemo } from './etiquette.seed.js';
import { seedTrainingDemoRecords } from './seed.demo.js';
import { SESSION_NUMBERING } from './sessions.service.js';
import { SPOT_CHECK_NUMBERING } from './spotchecks.service.js';

/** Organisation defaults, idempotent (run on every start): training numbering (PX, CC, LY), etiquette checklist templates. */
export async function seedTrainingDefaults(tx: Tx, orgId: string, now: string): Promise<void> {
  await ensureNumberingRule(tx, orgId, { ...SESSION_NUMBERING }, now);
  await ensureNumberingRule(tx, orgId, { ...SPOT_CHECK_NUMBERING }, now);
  // the LY numbering rule and the etiquette checklist templates
  await seedEtiquetteDefaults(tx, orgId, now);
}

/** The demo organisation's records of this module. */
export async function seedTrainingDemo(tx: Tx, orgId: string, now: string): Promise<void> {
  await seedTrainingDemoRecords(tx, orgId, now);
  await seedEtiquetteDemo(tx, orgId, now);
}
