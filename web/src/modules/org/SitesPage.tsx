import { Button, Form, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth';
import { ActiveToggle, FormDrawer, PageContainer, type QueryColumn, QueryTable, StatusTag } from '../../components';
import { HistoryPanel } from '../../components/HistoryPanel';
import { OPENING_HOURS_PATTERN, SITE_CODE_PATTERN, timezoneOptions, useActiveOptions, useSiteKindOptions } from './options';
import type { Site } from './types';

interface SiteValues {
  code: string;
  name: string;
  kind: string;
  timezone: string;
  address?: string;
  openingHours?: string;
}

const zones = timezoneOptions();

/** 场所: list with search/kind/status filters, create/edit drawer, deactivate/activate. */
export default function SitesPage() {
  const { t } = useTranslation('org');
  const can = useCan();
  const kindOptions = useSiteKindOptions();
  const activeOptions = useActiveOptions();
  const [editing, setEditing] = useState<Site | null>(null);
  const [open, setOpen] = useState(false);
  const kindLabel = (k: string) => kindOptions.find((o) => o.value === k)?.label ?? k;

  const edit = (site: Site | null) => {
    setEditing(site);
    setOpen(true);
  };

  const columns: QueryColumn<Site>[] = [
    { title: t('sites.code'), dataIndex: 'code', sorter: true, width: 120 },
    { title: t('sites.name'), dataIndex: 'name', sorter: true },
    { title: t('sites.kind'), dataIndex: 'kind', render: (k: string) => kindLabel(k) },
    { title: t('sites.timezone'), dataIndex: 'timezone' },
    { title: t('sites.openingHours'), dataIndex: 'openingHours', render: (v: string | null) => v ?? '—' },
    { title: t('sites.address'), dataIndex: 'address', ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: t('common:status.label'), dataIndex: 'active', render: (a: boolean) => <StatusTag active={a} /> },
    {
      title: t('common:table.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, r) => (
        <Space size={0}>
          {can('org:manage', r.id) ? (
            <Button type="link" size="small" onClick={() => edit(r)}>
              {t('common:actions.edit')}
            </Button>
          ) : null}
          {can.everywhere('org:manage') ? <ActiveToggle resource="/sites" record={r} name={r.name} invalidate={['auth']} /> : null}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer title={t('sites.title')} subtitle={t('sites.subtitle')}>
      <QueryTable<Site>
        resource="/sites"
        columns={can('org:manage') ? columns : columns.filter((col) => col.key !== 'actions')}
        defaultSort="code"
        searchPlaceholder={t('sites.search')}
        onCreate={can.everywhere('org:manage') ? () => edit(null) : undefined}
        createLabel={t('sites.create')}
        filters={
          <>
            <Form.Item name="kind">
              <Select allowClear placeholder={t('sites.kind')} options={kindOptions} style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="active">
              <Select allowClear placeholder={t('common:status.label')} options={activeOptions} style={{ width: 120 }} />
            </Form.Item>
          </>
        }
      />
      <FormDrawer<SiteValues, Site, Site>
        open={open}
        onClose={() => setOpen(false)}
        title={editing ? t('sites.edit', { name: editing.name }) : t('sites.create')}
        resource="/sites"
        record={editing}
        invalidate={['auth']}
        initialValues={{ kind: 'store', timezone: 'Asia/Shanghai' }}
        toValues={(r) => ({ ...r, address: r.address ?? '', openingHours: r.openingHours ?? '' })}
        toBody={(v) => ({
          code: v.code.trim(),
          name: v.name.trim(),
          kind: v.kind,
          timezone: v.timezone,
          address: v.address?.trim() || null,
          openingHours: v.openingHours?.trim() || null,
        })}
      >
        <Form.Item
          name="code"
          label={t('sites.code')}
          extra={t('sites.codeHint')}
          rules={[{ required: true, whitespace: true }, { max: 32 }, { pattern: SITE_CODE_PATTERN, message: t('sites.codeInvalid') }]}
        >
          <Input placeholder="CC" />
        </Form.Item>
        <Form.Item name="name" label={t('sites.name')} rules={[{ required: true, whitespace: true }, { max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="kind" label={t('sites.kind')} rules={[{ required: true }]}>
          <Select options={kindOptions} />
        </Form.Item>
        <Form.Item name="timezone" label={t('sites.timezone')} rules={[{ required: true }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={zones} />
        </Form.Item>
        <Form.Item
          name="openingHours"
          label={t('sites.openingHours')}
          extra={t('sites.openingHoursHint')}
          rules={[{ pattern: OPENING_HOURS_PATTERN, message: t('sites.openingHoursInvalid') }]}
        >
          <Input placeholder="09:00-21:30" inputMode="numeric" />
        </Form.Item>
        <Form.Item name="address" label={t('sites.address')} rules={[{ max: 300 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        {editing ? <HistoryPanel entity="site" entityId={editing.id} version={editing.version} /> : null}
      </FormDrawer>
    </PageContainer>
  );
}
