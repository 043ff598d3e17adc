import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Page } from '../../../contracts/types';
import { api, type QueryParams } from '../app/api';
import { useSelectedSite } from '../app/site';

/**
 * Query keys start with the resource path, so `invalidate('/sites')` refreshes every
 * list and record of it; the selected site is part of each key, so switching sites
 * shows that site's data (and switching back is instant from the cache).
 */
export const listKey = (resource: string, params: QueryParams | undefined, site: string | null) =>
  [resource, 'list', params ?? {}, site] as const;
export const recordKey = (resource: string, id: string | null | undefined, site: string | null) => [resource, 'record', id, site] as const;

/** One page of `GET /api/v1<resource>?…` ({items, nextCursor}); previous data stays while the next loads. */
export function useList<T>(resource: string, params?: QueryParams, opts: { enabled?: boolean } = {}) {
  const site = useSelectedSite();
  return useQuery({
    queryKey: listKey(resource, params, site),
    queryFn: ({ signal }) => api.list<T>(resource, params, signal),
    placeholderData: keepPreviousData,
    enabled: opts.enabled ?? true,
  });
}

/** Pages appended one after another ("加载更多"): `data.pages.flatMap(p => p.items)`. */
export function useInfiniteList<T>(resource: string, params?: QueryParams, opts: { enabled?: boolean } = {}) {
  const site = useSelectedSite();
  return useInfiniteQuery({
    queryKey: [...listKey(resource, params, site), 'infinite'],
    queryFn: ({ pageParam, signal }) => api.list<T>(resource, { ...params, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: Page<T>) => last.nextCursor ?? undefined,
    enabled: opts.enabled ?? true,
  });
}

/** `GET /api/v1<resource>/<id>`; disabled while id is empty. */
export function useRecord<T>(resource: string, id: string | null | undefined) {
  const site = useSelectedSite();
  return useQuery({
    queryKey: recordKey(resource, id, site),
    queryFn: ({ signal }) => api.get<T>(`${resource}/${id}`, undefined, signal),
    enabled: Boolean(id),
  });
}

/** Refreshes every list and record of the given resources (after a change). */
export function useInvalidate(): (...resources: string[]) => Promise<void> {
  const client = useQueryClient();
  return useCallback(
    async (...resources: string[]) => {
      await Promise.all(resources.map((r) => client.invalidateQueries({ queryKey: [r] })));
    },
    [client],
  );
}

/**
 * A mutation that refreshes `resource` afterwards:
 * `const save = useApiMutation('/sites', (body) => api.post('/sites', body))`.
 */
export function useApiMutation<TVars, TResult>(resource: string | string[], fn: (vars: TVars) => Promise<TResult>) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => invalidate(...(Array.isArray(resource) ? resource : [resource])),
  });
}
