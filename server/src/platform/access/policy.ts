import type { Permission } from '../../../../contracts/permissions.js';
import type { Ctx } from '../context.js';
import { forbidden, notFound } from '../http/errors.js';
import { hasGlobalPermission, hasPermission, inScope, siteScope } from './actor.js';

/**
 * Record-level checks shared by every module's policy:
 * - a record the actor cannot read is reported as missing (404), never as forbidden,
 *   so ids of other sites' records reveal nothing;
 * - a record the actor can read but not change answers 403.
 */
export function assertReadable(ctx: Ctx, perm: Permission, siteId: string | null, what?: string): void {
  // organisation-wide records (siteId null) are readable by anyone holding the permission
  if (siteId === null ? !hasPermission(ctx.actor, perm) : !inScope(siteScope(ctx.actor, perm), siteId)) {
    throw notFound(what);
  }
}

export function assertCan(ctx: Ctx, perm: Permission, siteId: string | null): void {
  const ok = siteId === null ? hasGlobalPermission(ctx.actor, perm) : hasPermission(ctx.actor, perm, siteId);
  if (!ok) throw forbidden();
}
