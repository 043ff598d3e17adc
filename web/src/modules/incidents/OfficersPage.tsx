import { useQuery } from '@tanstack/react-query';
import { Grid, Table, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api';
import { useSelectedSite } from '../../app/site';
import { PageContainer, useErrorText } from '../../components';
import { FilterRow, PeriodFilter, SiteFilter, useUrlFilters } from '../hazards/Filters';
import { monthPeriod, OFFICER_FILTERS, officerAlertsLink } from './logic';
import { OFFICERS, type OfficerRecord, PATHS } from './types';

/**
 * 安保人员记录: per officer, the alerts handled, the people caught and the commendations in
 * a period and at the chosen sites — the 接警 part of a guard's record. A name opens that
 * officer's alerts with the same period and sites.
 */
export default function OfficersPage() {
  const { t } = useTranslation('incidents');
  const screens = Grid.useBreakpoint();
  const errorText = useErrorText();
  const site = useSelectedSite();
  const filters = useUrlFilters(OFFICER_FILTERS);
  const missing = !filters.search.get('from') || !filters.search.get('to');
  // the record is always of a period: without one in the URL, this month
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the URL lacks a period
  useEffect(() => {
    if (missing) filters.setMany(monthPeriod(new Date()));
  }, [missing]);
  const query = useQuery({
    queryKey: [OFFICERS, 'list', filters.params, site],
    queryFn: ({ signal }) => api.get<OfficerRecord[]>(OFFICERS, filters.params, signal),
    enabled: !missing,
  });
  const rows = query.data ?? [];
  const number = (v: number) => <Typography.Text>{v}</Typography.Text>;

  return (
    <PageContainer title={t('officers.title')} subtitle={t('officers.subtitle')} backTo={PATHS.alerts}>
      <FilterRow filters={filters} testId="officer-filters">
        <SiteFilter filters={filters} />
        <PeriodFilter filters={filters} fromLabel={t('filters.from')} toLabel={t('filters.to')} />
      </FilterRow>
      <Table<OfficerRecord>
        rowKey="userId"
        size={screens.sm ? 'middle' : 'small'}
        loading={query.isFetching}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: query.error ? <Typography.Text type="danger">{errorText(query.error)}</Typography.Text> : t('officers.empty'),
        }}
        columns={[
          {
            title: t('officers.name'),
            dataIndex: 'name',
            render: (v: string, r) => <Link to={officerAlertsLink(PATHS.alerts, r, filters.search)}>{v}</Link>,
          },
          { title: t('officers.alerts'), dataIndex: 'alerts', align: 'right', render: number },
          { title: t('officers.apprehended'), dataIndex: 'apprehended', align: 'right', render: number },
          { title: t('officers.commendations'), dataIndex: 'commendations', align: 'right', render: number },
        ]}
        data-testid="officers-table"
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t('officers.hint')}
      </Typography.Paragraph>
    </PageContainer>
  );
}
