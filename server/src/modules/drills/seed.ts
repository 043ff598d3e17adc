import type { Tx } from '../../platform/context.js';

/** Organisation defaults, idempotent (run on every start): drill numbering (YL). */
export async function seedDrillDefaults(_tx: Tx, _orgId: string, _now: string): Promise<void> {}

/** The demo organisation's records of this module. */
export async function seedDrillDemo(_tx: Tx, _orgId: string, _now: string): Promise<void> {}
