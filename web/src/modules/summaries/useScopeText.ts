import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkSummaryDto } from '../../../../contracts/reports';

/** 长春店、沈阳店 · 工程部, or 全部场所 when the summary covers every site of the organisation. */
export function useScopeText(): (s: Pick<WorkSummaryDto, 'siteNames' | 'siteIds' | 'departmentName'>) => string {
  const { t } = useTranslation('summaries');
  return useCallback(
    (s) => {
      const sites = s.siteIds.length ? s.siteNames.join(t('list.separator')) : t('scope.allSites');
      return s.departmentName ? `${sites} · ${s.departmentName}` : sites;
    },
    [t],
  );
}
