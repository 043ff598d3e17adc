import { Form, Grid, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { WorkSummaryDto } from '../../../../contracts/reports';
import { useCan, useMe } from '../../app/auth';
import { PageContainer, type QueryColumn, QueryTable } from '../../components';
import { formatInZone } from '../maintenance/format';
import { docLang, PATHS, SUMMARIES, SUMMARY_FILTERS } from './logic';
import { SummaryStatusTag, useSummaryOptions } from './options';
import { useScopeText } from './useScopeText';

/**
 * 工作总结: every summary the person may read (all of its sites among theirs), newest first,
 * filtered by words, status, kind of period and site (a link may bring them in the URL),
 * with the list as Excel and 新建总结 for those who write them. A phone shows one card each.
 */
export default function SummariesPage() {
  const { t, i18n } = useTranslation('summaries');
  const can = useCan();
  const me = useMe();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  // a link may open the list filtered (/summaries?status=submitted); the filters are the list's own from then on
  const [search] = useSearchParams();
  const [initialFilters] = useState(() => Object.fromEntries(SUMMARY_FILTERS.flatMap((k) => (search.get(k) ? [[k, search.get(k)]] : []))));
  const options = useSummaryOptions();
  const scopeText = useScopeText();
  const lang = docLang(i18n.language);
  const at = (iso: string) => formatInZone(iso, undefined);

  const desktop: QueryColumn<WorkSummaryDto>[] = [
    { title: t('field.number'), dataIndex: 'number', sorter: true, render: (v: string, r) => <Link to={PATHS.detail(r.id)}>{v}</Link> },
    {
      title: t('field.title'),
      dataIndex: 'title',
      render: (v: string, r) => (
        <Space orientation="vertical" size={0} style={{ maxWidth: 320 }}>
          <Typography.Text style={{ whiteSpace: 'normal' }}>{v}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'normal' }}>
            {scopeText(r)}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('field.period'), key: 'period', sorter: true, sortKey: 'periodFrom', render: (_, r) => r.period.label[lang] },
    { title: t('field.status'), dataIndex: 'status', render: (_, r) => <SummaryStatusTag status={r.status} /> },
    { title: t('field.version'), dataIndex: 'currentVersionNo', align: 'right', render: (v: number) => t('version.short', { no: v }) },
    { title: t('field.author'), dataIndex: 'authorName' },
    { title: t('field.createdAt'), dataIndex: 'createdAt', sorter: true, render: (v: string) => at(v) },
  ];

  const phone: QueryColumn<WorkSummaryDto>[] = [
    {
      title: t('list.summary'),
      key: 'card',
      render: (_, r) => (
        <Space orientation="vertical" size={2} style={{ width: '100%' }} data-testid="summary-card">
          <Typography.Text strong style={{ whiteSpace: 'normal' }}>
            {r.title}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[r.number, r.period.label[lang]].join(' · ')}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'normal' }}>
            {scopeText(r)}
          </Typography.Text>
          <Space size={6} wrap>
            <SummaryStatusTag status={r.status} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[t('version.short', { no: r.currentVersionNo }), r.authorName, at(r.createdAt)].join(' · ')}
            </Typography.Text>
          </Space>
        </Space>
      ),
    },
  ];

  return (
    <PageContainer title={t('list.title')} subtitle={t('list.subtitle')}>
      <QueryTable<WorkSummaryDto>
        resource={SUMMARIES}
        defaultSort="-createdAt"
        columns={screens.sm === false ? phone : desktop}
        tableProps={screens.sm === false ? { scroll: undefined, showHeader: false, size: 'small' } : undefined}
        searchPlaceholder={t('list.search')}
        initialFilters={initialFilters}
        filters={
          <>
            <Form.Item name="status">
              <Select
                allowClear
                placeholder={t('field.status')}
                options={options.statuses}
                style={{ width: 130 }}
                data-testid="filter-status"
              />
            </Form.Item>
            <Form.Item name="kind">
              <Select allowClear placeholder={t('field.kind')} options={options.kinds} style={{ width: 130 }} data-testid="filter-kind" />
            </Form.Item>
            <Form.Item name="siteId">
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('field.site')}
                options={me.sites.map((site) => ({ value: site.id, label: site.name }))}
                style={{ width: 160 }}
                data-testid="filter-site"
              />
            </Form.Item>
          </>
        }
        onCreate={can('summaries:write') ? () => navigate(PATHS.create) : undefined}
        createLabel={t('list.create')}
        onRowClick={(r) => navigate(PATHS.detail(r.id))}
      />
    </PageContainer>
  );
}
