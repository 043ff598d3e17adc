import type { Ctx, Tx } from '../../platform/context.js';
import type { WorkOrderRow } from './repository.js';

/**
 * Automatic dispatch (category × site × location → team or person, round-robin in a team).
 * Returns the dispatched row, or null when no rule matches.
 * TODO(issue 4, dispatch helper): implement.
 */
export async function autoDispatch(_ctx: Ctx, _tx: Tx, _row: WorkOrderRow): Promise<WorkOrderRow | null> {
  return null;
}
