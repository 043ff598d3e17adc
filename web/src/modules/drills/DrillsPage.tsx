import { Form } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCan } from '../../app/auth';
import { PageContainer, RemoteSelect } from '../../components';
import { FilterRow, PeriodFilter, SelectFilter, SiteFilter, useUrlFilters } from '../hazards/Filters';
import { DrillDrawer } from './DrillDrawer';
import { DrillsTable } from './DrillsTable';
import { DRILL_FILTERS } from './logic';
import { useDrillTypes, useStatusOptions } from './options';
import { type DrillPlan, PATHS, PLANS } from './types';

/**
 * 演练记录: every drill of the person's sites — planned, done (with or without its report),
 * missed and cancelled — filtered by site, type, status, plan and period (the filters live
 * in the URL: summary facts and the safety calendar link here). 新建演练 plans a one-off
 * drill or records one carried out.
 */
export default function DrillsPage() {
  const { t } = useTranslation('drills');
  const can = useCan();
  const navigate = useNavigate();
  const filters = useUrlFilters(DRILL_FILTERS);
  const types = useDrillTypes();
  const statuses = useStatusOptions();
  const [creating, setCreating] = useState(false);
  const siteIds = filters.search.getAll('siteId');
  const planId = filters.search.get('planId');

  return (
    <PageContainer title={t('drills.title')} subtitle={t('drills.subtitle')}>
      <FilterRow filters={filters} testId="drill-filters">
        <SiteFilter filters={filters} />
        <SelectFilter filters={filters} name="type" placeholder={t('field.type')} options={types.options} width={130} />
        <SelectFilter filters={filters} name="status" placeholder={t('field.status')} options={statuses} width={130} />
        <SelectFilter
          filters={filters}
          name="report"
          placeholder={t('field.report')}
          options={[
            { value: '1', label: t('report.filed') },
            { value: '0', label: t('report.missing') },
          ]}
          width={120}
        />
        <Form.Item>
          <RemoteSelect<DrillPlan>
            resource={PLANS}
            labelOf={(p) => `${p.name}（${p.siteName}）`}
            placeholder={t('field.plan')}
            value={planId ?? undefined}
            onChange={(v) => filters.set('planId', (v as string | undefined) ?? undefined)}
            popupMatchSelectWidth={false}
            style={{ width: 180 }}
            data-testid="filter-planId"
          />
        </Form.Item>
        <PeriodFilter filters={filters} fromLabel={t('filters.from')} toLabel={t('filters.to')} />
      </FilterRow>
      <DrillsTable
        params={filters.params}
        onCreate={can('drills:manage') ? () => setCreating(true) : undefined}
        createLabel={t('drills.create')}
      />
      <DrillDrawer
        open={creating}
        onClose={() => setCreating(false)}
        record={null}
        defaultSiteId={siteIds.length === 1 ? siteIds[0] : undefined}
        onSaved={(d) => navigate(`${PATHS.drills}/${d.id}`)}
      />
    </PageContainer>
  );
}
