import { useMemo } from 'react';
import type { Permission } from '../../../../contracts/permissions';
import type { MeResponse } from '../../../../contracts/types';
import { hasGlobalGrant, hasGrant, useMe } from '../../app/auth';
import type { Membership } from './types';

/**
 * The server's identity rules (identity.rules.ts) for hiding buttons it would refuse:
 * changing a user needs users:manage on every site they work on (on every site when
 * they hold an all-sites membership or none); granting on a site needs it there.
 */
export function managesUser(me: MeResponse, memberships: Pick<Membership, 'siteId'>[]): boolean {
  const sites = memberships.map((m) => m.siteId);
  if (sites.length === 0 || sites.includes(null)) return hasGlobalGrant(me, 'users:manage');
  return sites.every((s) => hasGrant(me, 'users:manage', s));
}

/** May grant (or remove) a role on `siteId` (null = every site) for a user with these memberships. */
export function managesMembership(me: MeResponse, siteId: string | null, memberships: Pick<Membership, 'siteId'>[]): boolean {
  if (memberships.some((m) => m.siteId === null) && !hasGlobalGrant(me, 'users:manage')) return false;
  return siteId === null ? hasGlobalGrant(me, 'users:manage') : hasGrant(me, 'users:manage', siteId);
}

/** Permissions of a role the person does not hold on `siteId` (null = every site): nobody hands on more than they hold. */
export function permissionsNotHeld(me: MeResponse, permissions: string[], siteId: string | null): string[] {
  return permissions.filter((p) => (siteId === null ? !hasGlobalGrant(me, p as Permission) : !hasGrant(me, p as Permission, siteId)));
}

/** Permissions held on at least one site — what an API token of mine may carry. */
export function useHeldPermissions(): Set<string> {
  const me = useMe();
  return useMemo(() => new Set(me.grants.flatMap((g) => g.permissions)), [me]);
}
