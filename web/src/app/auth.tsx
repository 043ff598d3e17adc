import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo } from 'react';
import type { Permission } from '../../../contracts/permissions';
import type { MeResponse } from '../../../contracts/types';
import { api, isApiError, setCsrfToken } from './api';
import { useSelectedSite } from './site';

/** Query key of the signed-in person; everything else is refetched when the site changes. */
export const ME_KEY = ['auth', 'me'] as const;

export async function fetchMe(): Promise<MeResponse | null> {
  try {
    const me = await api.get<MeResponse>('/auth/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (err) {
    if (isApiError(err, 'UNAUTHENTICATED')) return null;
    throw err;
  }
}

/** null while signed out. The shell's guard waits for it before rendering pages. */
export function useMeQuery() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: Number.POSITIVE_INFINITY, retry: false });
}

/** Stores a fresh login answer so the shell starts without another round trip. */
export function useSetMe(): (me: MeResponse | null) => void {
  const client = useQueryClient();
  return useCallback(
    (me) => {
      if (me) setCsrfToken(me.csrfToken);
      else setCsrfToken('');
      client.setQueryData(ME_KEY, me);
    },
    [client],
  );
}

const MeContext = createContext<MeResponse | null>(null);

export function MeProvider({ me, children }: { me: MeResponse; children: ReactNode }) {
  return <MeContext.Provider value={me}>{children}</MeContext.Provider>;
}

/** The signed-in person, organisation, sites and grants. Only inside the signed-in shell. */
export function useMe(): MeResponse {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() used outside the signed-in shell');
  return me;
}

/**
 * Does `me` hold `perm`? With a site id: on that site (or on every site). With
 * `undefined`: on at least one site — what decides whether a menu item shows.
 */
export function hasGrant(me: MeResponse, perm: Permission, siteId?: string | null): boolean {
  return me.grants.some((g) => g.permissions.includes(perm) && (siteId == null || g.siteId === null || g.siteId === siteId));
}

/** Held on every site (organisation-wide actions, e.g. creating a site). */
export function hasGlobalGrant(me: MeResponse, perm: Permission): boolean {
  return me.grants.some((g) => g.siteId === null && g.permissions.includes(perm));
}

export interface Can {
  /** held on the switcher's site, or on any site when 全部场所 is selected; pass a site id to ask about that site */
  (perm: Permission, siteId?: string | null): boolean;
  /** held on every site */
  everywhere(perm: Permission): boolean;
}

/** `const can = useCan(); can('org:manage')` — hides buttons the server would refuse. */
export function useCan(): Can {
  const me = useMe();
  const site = useSelectedSite();
  return useMemo(
    () =>
      Object.assign((perm: Permission, siteId?: string | null) => hasGrant(me, perm, siteId === undefined ? site : siteId), {
        everywhere: (perm: Permission) => hasGlobalGrant(me, perm),
      }),
    [me, site],
  );
}
