import type { Tx } from '../../platform/context.js';

/** Demo work orders, counters and projects. TODO(issue 4, measures helper): fill. */
export async function seedWorkOrderDemo(_tx: Tx, _orgId: string, _now: string): Promise<void> {}
