import type { Tx } from '../../platform/context.js';

/**
 * Idempotent per-organisation defaults of the work-order module (settings row, deadline
 * policies after DOMAIN.md §4, standard hours). TODO(issue 4, SLA helper): fill.
 */
export async function seedWorkOrderDefaults(_tx: Tx, _orgId: string, _now: string): Promise<void> {}
