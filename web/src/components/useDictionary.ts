import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api';

interface Entry {
  code: string;
  labelZh: string;
  labelEn: string;
  sort: number;
  active: boolean;
}

export interface DictionaryView {
  /** active entries in display order, for selects */
  options: { value: string; label: string }[];
  /** the label of any code, inactive ones included (old records keep their words); the code itself when unknown */
  label: (code: string | null | undefined) => string;
  loading: boolean;
}

/**
 * One dictionary type (repair_category, urgency, hazard_category…) in the interface
 * language. Entries change rarely, so they are cached for the session.
 */
export function useDictionary(type: string): DictionaryView {
  const { i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const query = useQuery({
    queryKey: ['/dictionaries', 'type', type],
    queryFn: ({ signal }) => api.list<Entry>('/dictionaries', { type, limit: 200, sort: 'sort' }, signal),
    staleTime: 10 * 60_000,
  });
  const entries = query.data?.items;
  const text = useCallback((e: Entry) => (en ? e.labelEn || e.labelZh : e.labelZh), [en]);
  const options = useMemo(() => (entries ?? []).filter((e) => e.active).map((e) => ({ value: e.code, label: text(e) })), [entries, text]);
  const label = useCallback(
    (code: string | null | undefined) => {
      if (!code) return '—';
      const e = entries?.find((x) => x.code === code);
      return e ? text(e) : code;
    },
    [entries, text],
  );
  return { options, label, loading: query.isLoading };
}
