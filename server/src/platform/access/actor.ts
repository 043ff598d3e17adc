import { ALL_PERMISSIONS, type Permission } from '../../../../contracts/permissions.js';

/**
 * Who is acting and where. Grants come from memberships: a role on one site, or on
 * every site (siteId null). `selectedSiteId` is the site switcher's choice; it narrows
 * lists but never widens what the grants allow.
 */
export interface Grant {
  siteId: string | null;
  permissions: ReadonlySet<string>;
}

export interface Actor {
  kind: 'user' | 'token' | 'system';
  userId: string | null;
  name: string;
  orgId: string;
  grants: Grant[];
  selectedSiteId: string | null;
  /** API tokens are limited to chosen permissions on top of their owner's grants */
  tokenPermissions?: ReadonlySet<string>;
  sessionId?: string;
  /** set by an administrator's reset: only the password change is allowed until then */
  mustChangePassword?: boolean;
  csrfToken?: string;
}

/** 'all' or the list of site ids where the actor holds `perm`, narrowed by the site switcher. */
export type SiteScope = 'all' | string[];

function allowedByToken(actor: Actor, perm: Permission): boolean {
  return !actor.tokenPermissions || actor.tokenPermissions.has(perm);
}

export function hasPermission(actor: Actor, perm: Permission, siteId?: string | null): boolean {
  if (!allowedByToken(actor, perm)) return false;
  return actor.grants.some((g) => g.permissions.has(perm) && (g.siteId === null || siteId === undefined || g.siteId === siteId));
}

/** A permission held on every site (needed to create sites, roles, organisation-wide records). */
export function hasGlobalPermission(actor: Actor, perm: Permission): boolean {
  return allowedByToken(actor, perm) && actor.grants.some((g) => g.siteId === null && g.permissions.has(perm));
}

export function siteScope(actor: Actor, perm: Permission): SiteScope {
  if (!allowedByToken(actor, perm)) return [];
  const relevant = actor.grants.filter((g) => g.permissions.has(perm));
  const everywhere = relevant.some((g) => g.siteId === null);
  const sel = actor.selectedSiteId;
  if (everywhere) return sel ? [sel] : 'all';
  const ids = [...new Set(relevant.map((g) => g.siteId as string))];
  return sel ? ids.filter((id) => id === sel) : ids;
}

export function inScope(scope: SiteScope, siteId: string | null): boolean {
  if (scope === 'all') return true;
  return siteId !== null && scope.includes(siteId);
}

export function systemActor(orgId: string): Actor {
  return {
    kind: 'system',
    userId: null,
    name: '系统',
    orgId,
    grants: [{ siteId: null, permissions: new Set<string>(ALL_PERMISSIONS) }],
    selectedSiteId: null,
  };
}
