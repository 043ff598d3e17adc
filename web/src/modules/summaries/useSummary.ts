import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { WorkSummaryDetailDto } from '../../../../contracts/reports';
import { api } from '../../app/api';
import { useSelectedSite } from '../../app/site';
import { recordKey } from '../../components';
import { SUMMARIES } from './logic';

/** the record key with the version asked for (null = the current one), so `invalidate('/summaries')` refreshes it */
const summaryKey = (id: string | undefined, site: string | null, versionNo: number | null) =>
  [...recordKey(SUMMARIES, id, site), versionNo] as const;

/**
 * One summary as GET /summaries/:id[?version=n] answers it. While another version of the
 * same summary loads, the one shown stays (no blank page between versions).
 */
export function useSummary(id: string | undefined, versionNo: number | null) {
  const site = useSelectedSite();
  return useQuery({
    queryKey: summaryKey(id, site, versionNo),
    queryFn: ({ signal }) => api.get<WorkSummaryDetailDto>(`${SUMMARIES}/${id}`, { version: versionNo ?? undefined }, signal),
    enabled: Boolean(id),
    placeholderData: (previous) => (previous?.id === id ? previous : undefined),
  });
}

/** Stores an answer of a change (create, save, regenerate…) as the summary's current version, so it shows without another request. */
export function useSummaryCache(): (detail: WorkSummaryDetailDto) => void {
  const client = useQueryClient();
  const site = useSelectedSite();
  return useCallback((detail) => client.setQueryData(summaryKey(detail.id, site, null), detail), [client, site]);
}
