import type { Tx } from '../../platform/context.js';

/** Organisation defaults, idempotent (run on every start): incident and alert numbering (SJ, JJ), incident settings. */
export async function seedIncidentDefaults(_tx: Tx, _orgId: string, _now: string): Promise<void> {}

/** The demo organisation's records of this module. */
export async function seedIncidentDemo(_tx: Tx, _orgId: string, _now: string): Promise<void> {}
