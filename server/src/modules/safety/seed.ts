import type { Tx } from '../../platform/context.js';

/** Organisation defaults, idempotent (run on every start): 整改措施 (ZG) numbering. */
export async function seedSafetyDefaults(_tx: Tx, _orgId: string, _now: string): Promise<void> {}

/** The demo organisation's records of this module. */
export async function seedSafetyDemo(_tx: Tx, _orgId: string, _now: string): Promise<void> {}
