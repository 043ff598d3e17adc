import type { Db, Tx } from '../context.js';

/** Live attachment ids of one owner type per owner id, oldest first, read together. */
export async function attachmentIdsByOwner(
  db: Db | Tx,
  orgId: string,
  ownerType: string,
  ownerIds: string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!ownerIds.length) return out;
  const rows = await db
    .selectFrom('attachments')
    .select(['id', 'owner_id'])
    .where('org_id', '=', orgId)
    .where('owner_type', '=', ownerType)
    .where('owner_id', 'in', [...new Set(ownerIds)])
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute();
  for (const r of rows) out.set(r.owner_id, [...(out.get(r.owner_id) ?? []), r.id]);
  return out;
}
