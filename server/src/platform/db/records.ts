import type { Tx } from '../context.js';
import { notFound, staleVersion } from '../http/errors.js';
import type { Database } from './schema.js';

type Versioned = { [K in keyof Database]: Database[K] extends { version: unknown; id: string } ? K : never }[keyof Database];

/**
 * Optimistic concurrency: the update applies only when the stored version is the one
 * the client read; otherwise 409 STALE_VERSION (or 404 when the row is gone).
 */
export async function updateVersioned<T extends Versioned>(
  tx: Tx,
  table: T,
  id: string,
  version: number,
  patch: Record<string, unknown>,
  now: string,
): Promise<void> {
  // biome-ignore lint/suspicious/noExplicitAny: generic over versioned tables
  const t = tx as any;
  const res = await t
    .updateTable(table)
    .set({ ...patch, updated_at: now, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) {
    const exists = await t.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst();
    throw exists ? staleVersion() : notFound();
  }
}
