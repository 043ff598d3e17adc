import type { Db, Tx } from '../../platform/context.js';
import './schema.js';

/** The vendor counters (专柜) a user works for; their staff see those counters' records only. */
export async function counterIdsOfUser(db: Db | Tx, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('counter_members').select('counter_id').where('user_id', '=', userId).execute();
  return rows.map((r) => r.counter_id);
}
