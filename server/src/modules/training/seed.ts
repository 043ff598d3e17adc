import type { Tx } from '../../platform/context.js';

/** Organisation defaults, idempotent (run on every start): training numbering (PX, CC, LY), etiquette checklist templates. */
export async function seedTrainingDefaults(_tx: Tx, _orgId: string, _now: string): Promise<void> {}

/** The demo organisation's records of this module. */
export async function seedTrainingDemo(_tx: Tx, _orgId: string, _now: string): Promise<void> {}
