import { Form, Select, Space, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useSelectedSite } from '../../app/site';
import { PageContainer, type QueryColumn, QueryTable, SiteSelect, StatusTag } from '../../components';
import { DateRangeFilter } from '../system/DateRangeFilter';
import { filtersFromSearch } from './forms';
import { SATISFACTION_STYLES, useEnumOptions, when } from './options';
import { type ReturnVisit, SATISFACTION, VISIT_METHODS } from './types';

const LINK_FILTERS = ['siteId', 'result', 'method', 'followUp', 'from', 'to', 'workOrderId'];

/** 回访记录: every return visit of finished work, with its result; visits are recorded from the work order. */
export default function ReturnVisitsPage() {
  const { t } = useTranslation('servicedesk');
  const site = useSelectedSite();
  const [search] = useSearchParams();
  const initial = useMemo(() => filtersFromSearch(search, LINK_FILTERS), [search]);
  const fixed = useMemo(() => ({ workOrderId: initial.workOrderId }), [initial]);
  const results = useEnumOptions(SATISFACTION, 'satisfaction');
  const methods = useEnumOptions(VISIT_METHODS, 'visit.method');

  const columns: QueryColumn<ReturnVisit>[] = [
    { title: t('visit.visitedAt'), dataIndex: 'visitedAt', sorter: true, render: when },
    { title: t('field.site'), dataIndex: 'siteName' },
    {
      title: t('field.workOrder'),
      key: 'workOrder',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/work-orders/${r.workOrderId}`}>{r.workOrderNumber}</Link>
          <Typography.Text type="secondary" ellipsis style={{ maxWidth: 240 }}>
            {r.workOrderDescription}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('visit.requester'), dataIndex: 'requesterName', render: (v: string | null) => v ?? '—' },
    { title: t('visit.methodLabel'), dataIndex: 'method', render: (m: string) => t(`visit.method.${m}`) },
    {
      title: t('visit.result'),
      dataIndex: 'result',
      render: (s: string, r) => (
        <Space size={4} wrap>
          <StatusTag status={s} map={SATISFACTION_STYLES} />
          {r.followUpNeeded ? <Tag color="warning">{t('visit.followUpTag')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('visit.comment'), dataIndex: 'comment', ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      title: t('visit.complaint'),
      dataIndex: 'complaintNumber',
      render: (v: string | null, r) => (v && r.complaintId ? <Link to={`/complaints/${r.complaintId}`}>{v}</Link> : '—'),
    },
    { title: t('visit.visitedBy'), dataIndex: 'visitedByName' },
  ];

  return (
    <PageContainer title={t('visit.title')} subtitle={t('visit.subtitle')}>
      <QueryTable<ReturnVisit>
        resource="/return-visits"
        columns={columns}
        params={fixed}
        initialFilters={initial}
        searchPlaceholder={t('visit.searchHint')}
        filters={
          <>
            {site ? null : (
              <Form.Item name="siteId">
                <SiteSelect allowClear placeholder={t('field.site')} style={{ width: 160 }} />
              </Form.Item>
            )}
            <Form.Item name="result">
              <Select allowClear placeholder={t('visit.result')} options={results} style={{ width: 130 }} />
            </Form.Item>
            <Form.Item name="method">
              <Select allowClear placeholder={t('visit.methodLabel')} options={methods} style={{ width: 130 }} />
            </Form.Item>
            <Form.Item name="followUp">
              <Select
                allowClear
                placeholder={t('visit.followUpTag')}
                style={{ width: 120 }}
                options={[
                  { value: '1', label: t('visit.followUpYes') },
                  { value: '0', label: t('visit.followUpNo') },
                ]}
              />
            </Form.Item>
            <Form.Item name="from">
              <DateRangeFilter />
            </Form.Item>
            <Form.Item name="to" hidden>
              <input type="hidden" />
            </Form.Item>
          </>
        }
      />
    </PageContainer>
  );
}
