import { Badge, Button, Form, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../app/auth';
import { ActiveToggle, PageContainer, type QueryColumn, QueryTable, SiteSelect, StatusTag } from '../../components';
import { CounterDrawer } from './CounterDrawer';
import type { Counter } from './types';

/** 专柜: the counters of the person's sites, their staff and open notices. */
export default function CountersPage() {
  const { t } = useTranslation('counters');
  const can = useCan();
  const [editing, setEditing] = useState<Counter | null>(null);
  const [open, setOpen] = useState(false);
  const edit = (r: Counter | null) => {
    setEditing(r);
    setOpen(true);
  };

  const columns: QueryColumn<Counter>[] = [
    { title: t('counter.code'), dataIndex: 'code', sorter: true, render: (v: string, r) => <Link to={`/counters/${r.id}`}>{v}</Link> },
    { title: t('counter.name'), dataIndex: 'name', sorter: true, render: (v: string, r) => <Link to={`/counters/${r.id}`}>{v}</Link> },
    { title: t('counter.site'), dataIndex: 'siteName' },
    { title: t('counter.contactName'), key: 'contact', render: (_, r) => [r.contactName, r.contactPhone].filter(Boolean).join(' ') || '—' },
    { title: t('counter.members'), key: 'members', render: (_, r) => r.members.map((m) => m.name).join('、') || '—' },
    {
      title: t('counter.openNotices'),
      dataIndex: 'openNotices',
      render: (n: number) => (n ? <Badge count={n} color="orange" /> : '0'),
    },
    { title: t('common:status.label'), dataIndex: 'active', render: (v: boolean) => <StatusTag active={v} /> },
    {
      title: t('common:table.actions'),
      key: 'actions',
      render: (_, r) =>
        r.canManage ? (
          <Space size={0} wrap>
            <Button type="link" size="small" onClick={() => edit(r)}>
              {t('common:actions.edit')}
            </Button>
            <ActiveToggle resource="/counters" record={r} name={r.name} />
          </Space>
        ) : null,
    },
  ];

  return (
    <PageContainer title={t('counter.title')} subtitle={t('counter.subtitle')}>
      <QueryTable<Counter>
        resource="/counters"
        columns={columns}
        defaultSort="code"
        searchPlaceholder={t('counter.search')}
        initialFilters={{ active: '1' }}
        onCreate={can('counters:manage') ? () => edit(null) : undefined}
        filters={
          <>
            <Form.Item name="siteId">
              <SiteSelect allowClear placeholder={t('counter.site')} style={{ minWidth: 140 }} />
            </Form.Item>
            <Form.Item name="active">
              <Select
                allowClear
                style={{ width: 110 }}
                placeholder={t('common:status.label')}
                options={[
                  { value: '1', label: t('common:status.active') },
                  { value: '0', label: t('common:status.inactive') },
                ]}
              />
            </Form.Item>
          </>
        }
      />
      <CounterDrawer open={open} onClose={() => setOpen(false)} record={editing} />
    </PageContainer>
  );
}
