import { Form, Select, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useCan } from '../../app/auth';
import { useSelectedSite } from '../../app/site';
import { PageContainer, type QueryColumn, QueryTable, SiteSelect, StatusTag } from '../../components';
import { DateRangeFilter } from '../system/DateRangeFilter';
import { ComplaintDrawer } from './ComplaintDrawer';
import { filtersFromSearch } from './forms';
import { COMPLAINT_STATUS_STYLES, useEnumOptions, when } from './options';
import { COMPLAINT_CATEGORIES, COMPLAINT_CHANNELS, COMPLAINT_STATUSES, type Complaint } from './types';

/** the filters a link (e.g. from the work summary) may set */
const LINK_FILTERS = [
  'siteId',
  'status',
  'category',
  'channel',
  'overdue',
  'onTime',
  'from',
  'to',
  'resolvedFrom',
  'resolvedTo',
  'workOrderId',
];

/** 投诉管理: every complaint of the person's sites with its deadline; overdue ones stand out. */
export default function ComplaintsPage() {
  const { t } = useTranslation('servicedesk');
  const navigate = useNavigate();
  const can = useCan();
  const site = useSelectedSite();
  const [search] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const initial = useMemo(() => filtersFromSearch(search, LINK_FILTERS), [search]);
  const statuses = useEnumOptions(COMPLAINT_STATUSES, 'complaint.status');
  const categories = useEnumOptions(COMPLAINT_CATEGORIES, 'category');
  const channels = useEnumOptions(COMPLAINT_CHANNELS, 'channel');
  // filters only a link sets (resolved period, on time) stay fixed while the form changes the rest
  const fixed = useMemo(() => {
    const { resolvedFrom, resolvedTo, onTime, workOrderId } = initial;
    return { resolvedFrom, resolvedTo, onTime, workOrderId };
  }, [initial]);

  const columns: QueryColumn<Complaint>[] = [
    {
      title: t('field.number'),
      dataIndex: 'number',
      render: (v: string, r) => <Link to={`/complaints/${r.id}`}>{v}</Link>,
    },
    { title: t('field.receivedAt'), dataIndex: 'receivedAt', sorter: true, render: when },
    { title: t('field.site'), dataIndex: 'siteName' },
    {
      title: t('field.subject'),
      dataIndex: 'subject',
      render: (v: string, r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text>{v}</Typography.Text>
          <Typography.Text type="secondary">
            {t(`category.${r.category}`)} · {t(`channel.${r.channel}`)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('field.complainant'),
      key: 'complainant',
      render: (_, r) => [r.complainantName, r.complainantPhone].filter(Boolean).join(' ') || '—',
    },
    { title: t('field.handler'), dataIndex: 'handlerName', render: (v: string | null) => v ?? '—' },
    {
      title: t('field.status'),
      dataIndex: 'status',
      render: (s: string, r) => (
        <Space size={4} wrap>
          <StatusTag status={s} map={COMPLAINT_STATUS_STYLES} />
          {r.overdue ? <Tag color="error">{t('complaint.overdue')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('field.deadline'), dataIndex: 'deadlineAt', sorter: true, render: when },
  ];

  return (
    <PageContainer title={t('complaint.title')} subtitle={t('complaint.subtitle')}>
      <QueryTable<Complaint>
        resource="/complaints"
        columns={columns}
        params={fixed}
        initialFilters={initial}
        searchPlaceholder={t('complaint.searchHint')}
        onRowClick={(r) => navigate(`/complaints/${r.id}`)}
        onCreate={can('complaints:manage') ? () => setCreating(true) : undefined}
        createLabel={t('complaint.create')}
        filters={
          <>
            {site ? null : (
              <Form.Item name="siteId">
                <SiteSelect allowClear placeholder={t('field.site')} style={{ width: 160 }} />
              </Form.Item>
            )}
            <Form.Item name="status">
              <Select allowClear placeholder={t('field.status')} options={statuses} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="category">
              <Select allowClear placeholder={t('field.category')} options={categories} style={{ width: 130 }} />
            </Form.Item>
            <Form.Item name="channel">
              <Select allowClear placeholder={t('field.channel')} options={channels} style={{ width: 130 }} />
            </Form.Item>
            <Form.Item name="overdue">
              <Select
                allowClear
                placeholder={t('complaint.overdueFilter')}
                style={{ width: 120 }}
                options={[
                  { value: '1', label: t('complaint.overdueOnly') },
                  { value: '0', label: t('complaint.notOverdue') },
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
      <ComplaintDrawer open={creating} onClose={() => setCreating(false)} siteId={site} />
    </PageContainer>
  );
}
