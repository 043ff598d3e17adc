import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth';
import { PageContainer, useDictionary } from '../../components';
import { CampaignFilter, FilterRow, PeriodFilter, SelectFilter, SiteFilter, useUrlFilters } from './Filters';
import { FindingDrawer, FindingPhotosDialog } from './FindingDrawer';
import { FindingResolveDialog } from './FindingResolveDialog';
import { FindingsTable } from './FindingsTable';
import { FINDING_FILTERS } from './logic';
import { useHazardOptions } from './options';
import type { Finding } from './types';

/**
 * 发现问题: every finding of the person's sites — from rounds, checklists, readings or
 * reported directly — and how each was handled. Filters live in the URL (the measures
 * page links here); 报告问题 records one, asks for photos, and offers to handle it.
 */
export default function FindingsPage() {
  const { t } = useTranslation('hazards');
  const can = useCan();
  const filters = useUrlFilters(FINDING_FILTERS);
  const options = useHazardOptions();
  const categories = useDictionary('hazard_category');
  const [creating, setCreating] = useState(false);
  const [photosOf, setPhotosOf] = useState<Finding | null>(null);
  const [resolving, setResolving] = useState<Finding | null>(null);
  const siteIds = filters.search.getAll('siteId');

  return (
    <PageContainer title={t('findings.title')} subtitle={t('findings.subtitle')}>
      <FilterRow filters={filters} testId="finding-filters">
        <SiteFilter filters={filters} />
        <SelectFilter filters={filters} name="resolution" placeholder={t('field.resolution')} options={options.resolutions} />
        <SelectFilter filters={filters} name="source" placeholder={t('field.source')} options={options.findingSources} width={110} />
        <SelectFilter filters={filters} name="category" placeholder={t('field.category')} options={categories.options} />
        <SelectFilter
          filters={filters}
          name="handled"
          placeholder={t('finding.handledFilter')}
          options={[
            { value: '1', label: t('finding.handled') },
            { value: '0', label: t('finding.unhandled') },
          ]}
          width={110}
        />
        <CampaignFilter filters={filters} />
        <PeriodFilter filters={filters} fromLabel={t('filters.foundFrom')} toLabel={t('filters.foundTo')} />
      </FilterRow>
      <FindingsTable
        params={filters.params}
        onCreate={can('hazards:report') ? () => setCreating(true) : undefined}
        createLabel={t('findings.create')}
      />
      <FindingDrawer
        open={creating}
        onClose={() => setCreating(false)}
        defaultSiteId={siteIds.length === 1 ? siteIds[0] : undefined}
        onSaved={setPhotosOf}
      />
      <FindingPhotosDialog
        finding={photosOf}
        onClose={() => setPhotosOf(null)}
        onResolve={(f) => {
          setPhotosOf(null);
          setResolving(f);
        }}
      />
      <FindingResolveDialog finding={resolving} onClose={() => setResolving(null)} />
    </PageContainer>
  );
}
