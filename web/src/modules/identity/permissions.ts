import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { moduleOf } from './rules';
import type { PermissionEntry } from './types';

export interface PermissionGroup {
  module: string;
  label: string;
  items: { name: string; label: string }[];
}

/** GET /permissions — the catalogue changes only with a release, so it is fetched once. */
export function usePermissionCatalogue() {
  const { t, i18n } = useTranslation('identity');
  const query = useQuery({
    queryKey: ['/permissions', 'catalogue'],
    queryFn: ({ signal }) => api.get<{ items: PermissionEntry[] }>('/permissions', undefined, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const english = !i18n.language.startsWith('zh');
  const entries = query.data?.items ?? [];

  const labelOf = useCallback(
    (name: string) => {
      const entry = entries.find((e) => e.name === name);
      return entry ? (english ? entry.en : entry.zh) : name;
    },
    [entries, english],
  );

  const groups = useMemo<PermissionGroup[]>(() => {
    const byModule = new Map<string, PermissionGroup>();
    for (const e of entries) {
      const module = moduleOf(e.name);
      let group = byModule.get(module);
      if (!group) {
        // modules added later fall back to their prefix until this namespace names them
        group = { module, label: t(`permissionGroups.${module}`, { defaultValue: module }), items: [] };
        byModule.set(module, group);
      }
      group.items.push({ name: e.name, label: english ? e.en : e.zh });
    }
    return [...byModule.values()];
  }, [entries, english, t]);

  return { ...query, entries, groups, labelOf };
}
