import type { Ctx, Db, Tx } from '../context.js';
import { newId } from '../db/ids.js';

export type AuditAction = 'create' | 'update' | 'deactivate' | 'activate' | 'delete' | 'login' | 'logout' | string;

/**
 * Field-level difference between two versions of a record: `{ field: [before, after] }`.
 * Secrets and bookkeeping columns are left out.
 */
export function diff(before: object | null, after: object | null): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (IGNORED.has(key)) continue;
    const from = b[key] ?? null;
    const to = a[key] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) out[key] = [from, to];
  }
  return out;
}

const IGNORED = new Set(['updated_at', 'created_at', 'version', 'password_hash', 'token_hash', 'org_id', 'path']);

/** Writes one audit entry. Call it with the transaction that makes the change. */
export async function writeAudit(
  ctx: Pick<Ctx, 'actor' | 'requestId' | 'clock'>,
  tx: Tx | Db,
  entry: { entity: string; entityId: string; action: AuditAction; siteId?: string | null; before?: object | null; after?: object | null },
): Promise<void> {
  await tx
    .insertInto('audit_log')
    .values({
      id: newId(),
      org_id: ctx.actor.orgId,
      site_id: entry.siteId ?? null,
      actor_id: ctx.actor.userId,
      actor_name: ctx.actor.name,
      at: ctx.clock.now().toISOString(),
      entity: entry.entity,
      entity_id: entry.entityId,
      action: entry.action,
      diff: JSON.stringify(diff(entry.before ?? null, entry.after ?? null)),
      request_id: ctx.requestId,
    })
    .execute();
}
