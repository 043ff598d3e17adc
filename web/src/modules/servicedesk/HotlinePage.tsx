import { PhoneOutlined } from '@ant-design/icons';
import { Button, Form, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useCan } from '../../app/auth';
import { useSelectedSite } from '../../app/site';
import { PageContainer, type QueryColumn, QueryTable, SiteSelect, StatusTag } from '../../components';
import { DateRangeFilter } from '../system/DateRangeFilter';
import { filtersFromSearch } from './forms';
import { HotlineDrawer } from './HotlineDrawer';
import { OUTCOME_STYLES, useEnumOptions, when } from './options';
import { HOTLINE_OUTCOMES, type HotlineCall } from './types';

const LINK_FILTERS = ['siteId', 'outcome', 'from', 'to'];

/** 热线记录: every call of the 24-hour line, what came of it, and a quick entry for the next one. */
export default function HotlinePage() {
  const { t } = useTranslation('servicedesk');
  const can = useCan();
  const site = useSelectedSite();
  const [search] = useSearchParams();
  const [entering, setEntering] = useState(false);
  const initial = useMemo(() => filtersFromSearch(search, LINK_FILTERS), [search]);
  const outcomes = useEnumOptions(HOTLINE_OUTCOMES, 'hotline.outcome');

  const columns: QueryColumn<HotlineCall>[] = [
    { title: t('hotline.receivedAt'), dataIndex: 'receivedAt', sorter: true, render: when },
    { title: t('field.site'), dataIndex: 'siteName' },
    {
      title: t('hotline.caller'),
      key: 'caller',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text>{r.callerName ?? '—'}</Typography.Text>
          {r.callerPhone ? <a href={`tel:${r.callerPhone}`}>{r.callerPhone}</a> : null}
        </Space>
      ),
    },
    { title: t('hotline.content'), dataIndex: 'content', ellipsis: true },
    { title: t('hotline.outcomeLabel'), dataIndex: 'outcome', render: (o: string) => <StatusTag status={o} map={OUTCOME_STYLES} /> },
    {
      title: t('hotline.result'),
      key: 'result',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          {r.workOrderId ? <Link to={`/work-orders/${r.workOrderId}`}>{r.workOrderNumber}</Link> : null}
          {r.complaintId ? <Link to={`/complaints/${r.complaintId}`}>{r.complaintNumber}</Link> : null}
          {r.note ? <Typography.Text type="secondary">{r.note}</Typography.Text> : null}
          {!r.workOrderId && !r.complaintId && !r.note ? '—' : null}
        </Space>
      ),
    },
    { title: t('hotline.takenBy'), dataIndex: 'takenByName' },
  ];

  return (
    <PageContainer
      title={t('hotline.title')}
      subtitle={t('hotline.subtitle')}
      extra={
        can('complaints:manage') ? (
          <Button type="primary" size="large" icon={<PhoneOutlined />} onClick={() => setEntering(true)} data-testid="hotline-new">
            {t('hotline.create')}
          </Button>
        ) : null
      }
    >
      <QueryTable<HotlineCall>
        resource="/hotline-calls"
        columns={columns}
        initialFilters={initial}
        searchPlaceholder={t('hotline.searchHint')}
        filters={
          <>
            {site ? null : (
              <Form.Item name="siteId">
                <SiteSelect allowClear placeholder={t('field.site')} style={{ width: 160 }} />
              </Form.Item>
            )}
            <Form.Item name="outcome">
              <Select allowClear placeholder={t('hotline.outcomeLabel')} options={outcomes} style={{ width: 150 }} />
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
      <HotlineDrawer open={entering} onClose={() => setEntering(false)} siteId={site} />
    </PageContainer>
  );
}
